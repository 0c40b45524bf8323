/**
 * Measures whether the server keeps answering while some work runs: `/healthz` is asked again
 * and again until the work settles, and the slowest answer is reported. The server runs in
 * this process, so a request that blocks its event loop delays the probe by as long — whether
 * the block falls while a probe is in flight or between two probes (the pause between them
 * counts too, less its planned length).
 */
const PAUSE_MS = 5;

export async function slowestHealthzWhile<T>(baseUrl: string, work: () => Promise<T>): Promise<{ result: T; slowestMs: number }> {
  let slowestMs = 0;
  let done = false;
  const probing = (async () => {
    while (!done) {
      const started = performance.now();
      await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
      const answer = await fetch(`${baseUrl}/healthz`);
      await answer.arrayBuffer();
      if (answer.status !== 200) throw new Error(`/healthz answered ${answer.status}`);
      slowestMs = Math.max(slowestMs, performance.now() - started - PAUSE_MS);
    }
  })();
  try {
    const result = await work();
    done = true;
    await probing;
    return { result, slowestMs };
  } finally {
    done = true;
    // When the work failed, its error is the one to report.
    void probing.catch(() => undefined);
  }
}
