/** One autocannon run against a server, summarised. */
import autocannon from "autocannon";

export interface LoadRequest {
  method: "GET" | "POST";
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  total: number;
  /** Answers whose status was not the one the scenario expects: the scenario measured the wrong path. */
  unexpected: number;
  /**
   * Requests that got no answer in time, or whose connection failed: a sign of an overloaded
   * machine, not of a wrong answer, so reported apart and never a failure on their own.
   */
  unanswered: number;
  statuses: Record<string, number>;
}

export async function load(
  baseUrl: string,
  requests: LoadRequest[],
  options: {
    connections: number;
    duration: number;
    expectStatus: number;
    /**
     * Each connection starts at its own place in the list (connection i at i × length /
     * connections), as that many independent clients would, instead of all of them sending
     * the list's first request at once. Rebuilds each connection's requests once, so only for
     * short lists (the session pool).
     */
    staggered?: boolean;
  },
): Promise<LoadResult> {
  const list = requests.map((r) => ({ method: r.method, path: r.path, headers: r.headers, body: r.body }));
  let started = 0;
  const result = await autocannon({
    url: baseUrl,
    connections: options.connections,
    duration: options.duration,
    // Each connection walks the list in order, so a list of differently keyed requests
    // spreads the load over every key without rebuilding requests on the fly.
    requests: list,
    ...(options.staggered && {
      setupClient: (client: autocannon.Client) => {
        const from = Math.floor((started++ * list.length) / options.connections) % list.length;
        client.setRequests([...list.slice(from), ...list.slice(0, from)]);
      },
    }),
  });
  const statuses: Record<string, number> = {};
  for (const [status, stats] of Object.entries(result.statusCodeStats ?? {})) statuses[status] = stats.count ?? 0;
  const total = Object.values(statuses).reduce((a, b) => a + b, 0);
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    total,
    unexpected: total - (statuses[String(options.expectStatus)] ?? 0),
    unanswered: result.errors + result.timeouts,
    statuses,
  };
}
