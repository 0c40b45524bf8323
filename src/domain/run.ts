export const RUN_STATUSES = ["succeeded", "failed"] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** One execution of a workflow or of a single model, as recorded. */
export interface Run {
  id: string;
  workflowId: string | null;
  modelId: string | null;
  accountId: string;
  keyId: string;
  status: RunStatus;
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown> | null;
  /** What went wrong, in words safe to show the caller; null when it succeeded. */
  error: string | null;
  startedAt: number;
  finishedAt: number;
  durationMs: number;
}
