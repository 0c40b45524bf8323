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
     * Each connection walks the whole list from its own place (connection i at i × length /
     * connections), as that many independent clients would, instead of taking its share of the
     * list. For short lists (the session pool): each connection builds every request.
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
    // autocannon builds a connection's whole list when it makes the connection, so each starts
    // with one request and is handed its own list below: a pool of 10,000 keys is built once,
    // not once per connection (64 × 10,000 builds took longer than a 2 s scenario).
    requests: list.slice(0, 1),
    setupClient: (client: autocannon.Client) => {
      const index = started++;
      if (options.staggered || list.length <= options.connections) {
        // Each connection starts at its own place in the list, as that many independent clients would.
        const from = Math.floor((index * list.length) / options.connections) % list.length;
        client.setRequests([...list.slice(from), ...list.slice(0, from)]);
      } else {
        // Connection i takes every connections-th request from i: together they walk every key,
        // and each key is sent by one connection only.
        client.setRequests(list.filter((_, j) => j % options.connections === index % options.connections));
      }
    },
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
