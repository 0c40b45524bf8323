/** How the run history words a run's facts. Pure, unit-tested. */

/** Who started a run, as the server records it (`Run.ranBy`). */
export interface RunActor {
  kind: "API_KEY" | "BROWSER";
  keyName?: string | null;
}

/** "the browser", or the key by the name it had when it ran. */
export function ranByLabel(actor: RunActor): string {
  if (actor.kind === "BROWSER") return "the browser";
  return actor.keyName ? `key “${actor.keyName}”` : "an API key";
}

/** "35 ms", "1.2 s", "2 min 5 s". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return seconds === 0 ? `${minutes} min` : `${minutes} min ${seconds} s`;
}

/** A start time with seconds, in the reader's locale and time zone. */
export function formatStarted(iso: string, locale?: string, timeZone?: string): string {
  return new Date(iso).toLocaleString(locale, { dateStyle: "medium", timeStyle: "medium", timeZone });
}

/**
 * What a run ran: `{slug}` for one of the account's own workflows (`handle/slug` with the
 * account's handle), the full `handle/slug` for another account's, or the model of a direct
 * model run.
 */
export function runSubject(
  run: { workflowId?: string | null; modelId?: string | null },
  ownHandle: string,
): { kind: "own"; slug: string } | { kind: "other"; text: string } {
  if (run.workflowId) {
    const [handle, slug] = run.workflowId.split("/");
    return handle === ownHandle && slug ? { kind: "own", slug } : { kind: "other", text: run.workflowId };
  }
  return { kind: "other", text: run.modelId ? `model ${run.modelId}` : "—" };
}
