/**
 * Measures whether the server keeps answering while some work runs: `/healthz` is asked again
 * and again until the work settles, and the slowest answer is reported. The server runs in
 * this process, so a request that blocks its event loop delays the probe by as long — whether
 * the block falls while a probe is in flight or between two probes (the pause between them
 * counts too, less its planned length).
 *
 * On a machine shared by many busy processes, a probe also waits for a CPU to run on, which
 * says nothing about the server. So a probe's delay counts at most the CPU time this process
 * used meanwhile: a blocked event loop burns CPU the whole time it blocks; a descheduled
 * process does not. On an idle machine the two are the same.
 */
const PAUSE_MS = 5;

function cpuMs(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

export async function slowestHealthzWhile<T>(
  baseUrl: string,
  work: () => Promise<T>,
): Promise<{ result: T; slowestMs: number; slowestWallMs: number }> {
  let slowestMs = 0;
  let slowestWallMs = 0;
  let done = false;
  const probing = (async () => {
    while (!done) {
      const started = performance.now();
      const cpu = process.cpuUsage();
      await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
      const answer = await fetch(`${baseUrl}/healthz`);
      await answer.arrayBuffer();
      if (answer.status !== 200) throw new Error(`/healthz answered ${answer.status}`);
      const wall = performance.now() - started - PAUSE_MS;
      slowestWallMs = Math.max(slowestWallMs, wall);
      slowestMs = Math.max(slowestMs, Math.min(wall, cpuMs(cpu)));
    }
  })();
  try {
    const result = await work();
    done = true;
    await probing;
    return { result, slowestMs, slowestWallMs };
  } finally {
    done = true;
    // When the work failed, its error is the one to report.
    void probing.catch(() => undefined);
  }
}
