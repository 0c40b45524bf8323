/**
 * What one request may make the server do in all, whatever its aliases and variables: runs
 * looked at by filtered run lists, input schemas analysed and compiled, checks of run inputs
 * against input schemas. Each per-field bound (FILTER_SCAN_LIMIT, DEFINITION_LIMITS,
 * INPUT_SCHEMA_LIMITS) says what one field may cost; fifteen aliases of the same field would
 * cost fifteen times that. A RequestWork is charged where the work enters, before it is done,
 * and refuses with BAD_USER_INPUT once the request's allowance of that kind is spent.
 *
 * The same work also weighs in the GraphQL cost limit (REQUEST_WORK_COSTS), so a document
 * asking for more than the allowance is mostly refused before anything runs; the allowance is
 * what holds where the cost cannot see the work (a stored schema recompiled by an update that
 * leaves it out, the checks an input schema costs per value).
 */
import { KnoudsError } from "./errors.js";
import { FILTER_SCAN_LIMIT } from "./pages.js";
import { DEFINITION_LIMITS, INPUT_SCHEMA_LIMITS } from "./workflow-limits.js";

export const REQUEST_WORK_LIMITS = {
  /** Runs the filtered run lists of one request may look at in all: two full filtered pages. */
  scannedRuns: 2 * FILTER_SCAN_LIMIT,
  /**
   * JSON characters of input schemas one request may have analysed and compiled (create,
   * update, and a run's first use of a workflow version on an instance): two of the largest.
   * The same schema met again in the same request is not analysed again and counts once.
   */
  schemaChars: 2 * DEFINITION_LIMITS.inputSchemaChars,
  /** Checks (workflow-limits.ts) the run inputs of one request may cost in all, every run together. */
  validationChecks: INPUT_SCHEMA_LIMITS.validationChecks,
} as const;

/** Cost units (GraphQL cost limit, 5,000 a document) this work weighs. */
export const REQUEST_WORK_COSTS = {
  /** A run list with a filter (workflowId or status), for the runs it may look at: two fit in one document. */
  filteredRunList: 2000,
  /** Characters of a workflow definition given to createWorkflow or updateWorkflow, per cost unit (the largest weighs 2,048). */
  definitionCharsPerUnit: 32,
  /** Characters of run inputs given to runWorkflow or runModel, per cost unit (1 MiB weighs 2,048). */
  inputCharsPerUnit: 512,
} as const;

export type RequestWorkKind = keyof typeof REQUEST_WORK_LIMITS;

const WHAT: Record<RequestWorkKind, string> = {
  scannedRuns: "runs looked at by filtered run lists (runs with workflowId or status)",
  schemaChars: "characters of input schemas checked and compiled",
  validationChecks: "checks of run inputs against input schemas",
};

export class RequestWork {
  private readonly spent: Record<RequestWorkKind, number> = { scannedRuns: 0, schemaChars: 0, validationChecks: 0 };
  /** Input schemas (as JSON) this request has already analysed and compiled without fault. */
  private readonly analysedSchemas = new Set<string>();

  remaining(kind: RequestWorkKind): number {
    return REQUEST_WORK_LIMITS[kind] - this.spent[kind];
  }

  /** Counts `amount` of work about to be done; BAD_USER_INPUT, counting nothing, when it would go past the allowance. */
  charge(kind: RequestWorkKind, amount: number): void {
    if (amount > this.remaining(kind)) throw exhausted(kind);
    this.spent[kind] += amount;
  }

  /**
   * Up to `wanted` of `kind`, charged: what remains when less does. BAD_USER_INPUT when
   * nothing remains.
   */
  take(kind: RequestWorkKind, wanted: number): number {
    const granted = Math.min(wanted, this.remaining(kind));
    this.charge(kind, granted > 0 ? granted : wanted);
    return granted;
  }

  /**
   * Analyses `schemaJson` with `analyse` unless this request already has, charging its
   * characters; `analyse` throws for a schema it refuses (which is then not remembered).
   */
  analyseSchemaOnce(schemaJson: string, analyse: () => void): void {
    if (this.analysedSchemas.has(schemaJson)) return;
    this.charge("schemaChars", schemaJson.length);
    analyse();
    this.analysedSchemas.add(schemaJson);
  }
}

function exhausted(kind: RequestWorkKind): KnoudsError {
  const message =
    `This request would go past its allowance of ${REQUEST_WORK_LIMITS[kind].toLocaleString("en-US")} ${WHAT[kind]}: ` +
    "send the rest in another request.";
  return KnoudsError.invalidInput([{ path: "", message }], message);
}
