import { KnoudsError, type InputProblem } from "../domain/errors.js";

/** Connection pages: `first`/`last` default to 20 and may ask for at most 100. */
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

interface ConnectionArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

/** Refuses page sizes outside 0..MAX_PAGE_SIZE and cursors `isCursor` does not recognise, as BAD_USER_INPUT. */
export function checkConnectionArgs(args: ConnectionArgs, isCursor: (cursor: string) => boolean): void {
  const problems: InputProblem[] = [];
  for (const name of ["first", "last"] as const) {
    const size = args[name];
    if (size !== null && size !== undefined && (size < 0 || size > MAX_PAGE_SIZE)) {
      problems.push({ path: name, message: `must be between 0 and ${MAX_PAGE_SIZE}` });
    }
  }
  for (const name of ["after", "before"] as const) {
    const cursor = args[name];
    if (cursor !== null && cursor !== undefined && !isCursor(cursor)) {
      problems.push({ path: name, message: "is not a cursor from this list" });
    }
  }
  if (problems.length > 0) throw KnoudsError.invalidInput(problems);
}
