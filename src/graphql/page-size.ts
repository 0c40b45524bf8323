import { KnoudsError, type InputProblem } from "../domain/errors.js";
import { PAGE_SIZE } from "../domain/pages.js";

interface ConnectionArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

/** Refuses page sizes outside 0..PAGE_SIZE.max (the one page rule of every list) and cursors `isCursor` does not recognise, as BAD_USER_INPUT. */
export function checkConnectionArgs(args: ConnectionArgs, isCursor: (cursor: string) => boolean): void {
  const problems: InputProblem[] = [];
  for (const name of ["first", "last"] as const) {
    const size = args[name];
    if (size !== null && size !== undefined && (size < 0 || size > PAGE_SIZE.max)) {
      problems.push({ path: name, message: `must be between 0 and ${PAGE_SIZE.max}` });
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
