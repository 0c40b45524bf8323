/**
 * How the run history stays current. Runs are synchronous: a run is recorded when it has
 * finished, never "in progress" (docs/workflows.md#run-history), so there is nothing to poll.
 * A history page reads its runs again when it becomes visible again (another tab, another
 * window, the phone woken up) and when a run made from this browser finished in another of its
 * tabs or windows (announced over a BroadcastChannel). A run made with an API key elsewhere
 * shows on the next of these, or with the Refresh button.
 */

const CHANNEL = "knouds-runs";

/** Tells this browser's other tabs and windows that a run finished: the run page calls it. */
export function announceRun(): void {
  if (typeof BroadcastChannel === "undefined") return;
  const channel = new BroadcastChannel(CHANNEL);
  channel.postMessage("run-finished");
  channel.close();
}

/** Calls `refresh` whenever the runs may have changed (see above); answers the function that stops it. */
export function watchRuns(refresh: () => void): () => void {
  const onVisibility = () => {
    if (document.visibilityState === "visible") refresh();
  };
  document.addEventListener("visibilitychange", onVisibility);
  const channel = typeof BroadcastChannel === "undefined" ? null : new BroadcastChannel(CHANNEL);
  channel?.addEventListener("message", refresh);
  return () => {
    document.removeEventListener("visibilitychange", onVisibility);
    channel?.close();
  };
}
