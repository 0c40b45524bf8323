export const RUN_STATUSES = ["succeeded", "failed"] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** One execution of a workflow or of a single model, as recorded. */
export interface Run {
  id: string;
  workflowId: string | null;
  modelId: string | null;
  accountId: string;
  /** The key that ran it; null when the account's own browser session did. */
  keyId: string | null;
  /** That key's name when it ran (names can change later); null for the browser. */
  keyName: string | null;
  status: RunStatus;
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown> | null;
  /** What went wrong, in words safe to show the caller; null when it succeeded. */
  error: string | null;
  startedAt: number;
  finishedAt: number;
  durationMs: number;
}

export const RUN_ACTOR_KINDS = ["API_KEY", "BROWSER"] as const;
export type RunActorKind = (typeof RUN_ACTOR_KINDS)[number];

/** Who ran a run: a key (by id and its name then), or the account's browser session. */
export interface RunActor {
  kind: RunActorKind;
  keyId: string | null;
  keyName: string | null;
}

export function ranBy(run: Pick<Run, "keyId" | "keyName">): RunActor {
  return run.keyId === null ? { kind: "BROWSER", keyId: null, keyName: null } : { kind: "API_KEY", keyId: run.keyId, keyName: run.keyName };
}
