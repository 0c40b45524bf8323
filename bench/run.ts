/**
 * npm run bench [-- --quick] [-- --duration 10 --connections 64 --rounds 3 --redis URL|none] [-- --stored-keys 1000000 --stored-runs 1000000] [-- --profile DIR] [-- --results]
 *
 * Builds with tsc first (package.json), then starts each server in a child process — the
 * yardsticks (bare node:http, bare Fastify, bare graphql-yoga) and Knouds on the embedded SQLite
 * store, with and without Redis — and drives them with autocannon from this process. The main
 * scenarios run in interleaved rounds (yardstick, Knouds, yardstick, …) and the table shows each
 * one's median and spread over the rounds; then the store's growth per run, and the start-up time
 * on a store holding the stored keys plus a backlog of old runs that retention then prunes.
 * Exits non-zero only when a scenario got answers it should not have (a benchmark of the wrong
 * path is worse than none), never because the machine was slow.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createConnection, createServer } from "node:net";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { generateKeyValue } from "../src/domain/keys.js";
import { load, type LoadRequest, type LoadResult } from "./load.js";
import { poolRates, poolSizes } from "./pools.js";
import { storeGrowth } from "./growth.js";
import { addStoredKeys, addStoredRuns, countRunsStartedBefore, oldestRunStartedAt, seedFixtures } from "./seed.js";
import { verificationMicrobench } from "./verification.js";

const { values } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    duration: { type: "string" },
    connections: { type: "string", default: "64" },
    // Interleaved rounds of the main scenarios; each target compares medians over the rounds.
    rounds: { type: "string", default: "3" },
    // Redis for the Redis variants: a URL, or "none". By default REDIS_URL, else 127.0.0.1:6379 if it answers.
    redis: { type: "string" },
    "stored-keys": { type: "string" },
    // Runs from 31–60 days ago (a 30-day backlog past the default retention) for the start-up and pruning scenarios.
    "stored-runs": { type: "string" },
    // Writes a V8 CPU profile of each Knouds server process (open it in Chrome DevTools).
    profile: { type: "string" },
    // Appends the table, dated, with the machine and commit, to docs/benchmark-results.md.
    results: { type: "boolean", default: false },
  },
});
const quick = values.quick;
const duration = Number(values.duration ?? (quick ? 2 : 10));
const connections = Number(values.connections);
const rounds = Number(values.rounds);
const storedKeys = Number(values["stored-keys"] ?? (quick ? 100_000 : 1_000_000));
const storedRuns = Number(values["stored-runs"] ?? (quick ? 100_000 : 1_000_000));
if (![duration, connections, rounds, storedKeys, storedRuns].every((n) => Number.isInteger(n) && n > 0)) {
  console.error("--duration, --connections, --rounds, --stored-keys and --stored-runs must be positive integers");
  process.exit(2);
}

const children = new Set<ChildProcess>();
process.on("exit", () => {
  for (const child of children) child.kill("SIGKILL");
});

async function freePort(): Promise<number> {
  const server = createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}

/** True when something at `url` answers a Redis PING within a second. */
async function redisAnswers(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = createConnection({ host: hostname, port: Number(port || 6379) });
    const done = (answer: boolean) => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(1000, () => done(false));
    socket.on("error", () => done(false));
    socket.on("connect", () => socket.write("PING\r\n"));
    socket.on("data", (data) => done(data.toString().startsWith("+PONG")));
  });
}

const redisOption = values.redis ?? process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const redisUrl = redisOption === "none" ? null : (await redisAnswers(redisOption)) ? redisOption : null;
const redisSkip =
  redisOption === "none" ? "--redis none" : redisUrl === null ? `no Redis answers at ${redisOption} (pass --redis URL)` : null;
if (values.redis && values.redis !== "none" && redisUrl === null) {
  console.error(`--redis ${values.redis}: nothing answers PING there`);
  process.exit(2);
}

/**
 * Starts `script` with tsx on a free port and resolves once `probePath` answers, with how long
 * that took from the spawn (to within the 20 ms polling step).
 */
async function startTarget(script: string, env: Record<string, string> = {}, probePath = "/", nodeArgs: string[] = []) {
  const port = await freePort();
  const spawnedAt = performance.now();
  // Compiled JavaScript runs as plain node (what `npm start` runs); TypeScript through tsx.
  const loader = script.endsWith(".js") ? [] : ["--import", "tsx"];
  const child = spawn(process.execPath, [...nodeArgs, ...loader, script], {
    env: { ...process.env, ...env, PORT: String(port), HOST: "127.0.0.1" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  children.add(child);
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; ; attempt++) {
    if (child.exitCode !== null) throw new Error(`${script} exited with ${child.exitCode}`);
    try {
      if ((await fetch(url + probePath)).status < 500) break;
    } catch {
      if (attempt > 3000) throw new Error(`${script} did not answer within 60 s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return {
    url,
    startedInMs: performance.now() - spawnedAt,
    async stop() {
      // A server that died under load is a failure, whatever its last answers were.
      if (child.exitCode !== null) throw new Error(`${script} exited with ${child.exitCode} during the load`);
      child.kill("SIGTERM");
      if (child.exitCode === null) await once(child, "exit");
      children.delete(child);
    },
  };
}

interface Row {
  name: string;
  /** One result per round (one for the scenarios outside the rounds). */
  results: LoadResult[];
  /** The median round (by req/s), its p50 and p99 beside it in the table. */
  result: LoadResult;
  yardstick?: Row;
}

const median = (numbers: number[]) => {
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const medianResult = (results: LoadResult[]): LoadResult => ({
  ...results[0]!,
  requestsPerSecond: median(results.map((r) => r.requestsPerSecond)),
  p50: median(results.map((r) => r.p50)),
  p99: median(results.map((r) => r.p99)),
  total: results.reduce((sum, r) => sum + r.total, 0),
  unexpected: results.reduce((sum, r) => sum + r.unexpected, 0),
  unanswered: results.reduce((sum, r) => sum + r.unanswered, 0),
  statuses: results.reduce<Record<string, number>>((all, r) => {
    for (const [status, count] of Object.entries(r.statuses)) all[status] = (all[status] ?? 0) + count;
    return all;
  }, {}),
});
/** Knouds against its yardstick, round by round (paired: both ran within seconds of each other). */
const ratios = (row: Row) => {
  const yardstick = row.yardstick;
  if (!yardstick) return [];
  // A scenario run once (after the rounds) is read against the yardstick's median.
  if (row.results.length === 1) return [row.result.requestsPerSecond / yardstick.result.requestsPerSecond];
  return row.results.map((r, i) => r.requestsPerSecond / (yardstick.results[i] ?? yardstick.result).requestsPerSecond);
};
const ratio = (row: Row) => median(ratios(row));

const rows: Row[] = [];
interface Scenario {
  name: string;
  url: string;
  requests: LoadRequest[];
  expectStatus?: number;
  yardstick?: Row;
  staggered?: boolean;
}
const newRow = (name: string, yardstick?: Row): Row => {
  const row: Row = { name, results: [], result: undefined as unknown as LoadResult, ...(yardstick ? { yardstick } : {}) };
  rows.push(row);
  return row;
};
/** KNOUDS_EVENTS_FLUSH_MS's default and a second: after it, a Knouds instance has written what its last scenario buffered. */
const SETTLE_MS = 6_000;
const measure = async (row: Row, scenario: Omit<Scenario, "name" | "yardstick">, label = "") => {
  process.stderr.write(`  ${row.name}${label} …\n`);
  const result = await load(scenario.url, scenario.requests, {
    connections,
    duration,
    expectStatus: scenario.expectStatus ?? 200,
    staggered: scenario.staggered ?? false,
  });
  row.results.push(result);
  row.result = medianResult(row.results);
  // A Knouds instance writes what it buffered under load (usage counts and last uses of up to
  // 10,000 keys) on its next flush, at most KNOUDS_EVENTS_FLUSH_MS (5 s) later: let that land
  // here, not in the scenario that follows (measured: REST run with Redis, right after REST run,
  // read 19–20% of Fastify in three rounds while alone it ran as fast as without Redis).
  if (row.yardstick) await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  return row;
};
/** A scenario run once, outside the rounds. */
const run = (scenario: Scenario) => measure(newRow(scenario.name, scenario.yardstick), scenario);

const json = { "content-type": "application/json" };
const runBody = '{"inputs":{"name":"Ada"}}';
const withKeys = (keys: string[], request: (key: string) => LoadRequest) => keys.map(request);

process.stderr.write(
  `bench: ${duration} s per scenario, ${connections} connections, ${rounds} rounds, ${storedKeys.toLocaleString("en")} stored keys, ` +
    `Redis ${redisUrl ?? `skipped (${redisSkip})`}${quick ? " (quick)" : ""}\n`,
);

const nodeHttp = await startTarget("bench/targets/node-http.ts");
const fastify = await startTarget("bench/targets/fastify-post.ts");
const yoga = await startTarget("bench/targets/yoga-hello.ts", {}, "/graphql?query=%7Bhello%7D");
const postJson = (url: string): Omit<Scenario, "name"> => ({
  url,
  requests: [{ method: "POST", path: "/", headers: json, body: runBody }],
});

// The pools are sized from the fastest server in the run; measured once before seeding.
const nodeRow = await run({ name: "node:http hello (yardstick)", url: nodeHttp.url, requests: [{ method: "GET", path: "/" }] });
const pools = poolSizes(duration, nodeRow.result.requestsPerSecond, rounds);
const { adminKeys, deploymentKeys, sessions } = pools;
const dataDir = mkdtempSync(join(tmpdir(), "knouds-bench-"));
const dbFile = join(dataDir, "knouds.db");
const secret = randomBytes(32).toString("hex");
process.stderr.write(`  seeding ${adminKeys} admin keys, ${deploymentKeys} deployment keys, ${sessions} sessions …\n`);
const fixtures = await seedFixtures(dbFile, secret, { adminKeys, deploymentKeys, sessions });
const knoudsEnv = {
  KNOUDS_DATA_DIR: dataDir,
  KNOUDS_SECRET: secret,
  LOG_LEVEL: "info",
  // The 401 scenario sends one unknown key over and over; with the default guard the address
  // would be blocked after 100 and the scenario would measure the 429 path instead.
  KNOUDS_FAILED_AUTH_PER_MINUTE: "1000000",
};
// The Redis instance gets a copy of the store (one instance per store file, as a bench of one
// instance should) and a prefix of its own, so nothing else using that Redis meets its counters.
const redisDir = join(dataDir, "redis");
mkdirSync(redisDir);
copyFileSync(dbFile, join(redisDir, "knouds.db"));
const redisEnv = redisUrl
  ? { ...knoudsEnv, KNOUDS_DATA_DIR: redisDir, REDIS_URL: redisUrl, KNOUDS_REDIS_PREFIX: `knouds-bench-${randomBytes(6).toString("hex")}:` }
  : null;

const restRun = (key: string): LoadRequest => ({
  method: "POST",
  path: "/api/workflows/knouds/hello-world/run",
  headers: { ...json, "x-api-key": key },
  body: runBody,
});
const graphqlRun = (key: string): LoadRequest => ({
  method: "POST",
  path: "/graphql",
  headers: { ...json, "x-api-key": key },
  body: JSON.stringify({ query: 'mutation { runWorkflow(id: "knouds/hello-world", inputs: {name: "Ada"}) { id status outputs } }' }),
});

// The server as `npm start` runs it: compiled by tsc (npm run bench builds first).
const KNOUDS_MAIN = "dist/src/main.js";
const knoudsNodeArgs = values.profile ? ["--cpu-prof", `--cpu-prof-dir=${values.profile}`] : [];
let knouds = await startTarget(KNOUDS_MAIN, knoudsEnv, "/readyz", knoudsNodeArgs);
const knoudsRedis = redisEnv ? await startTarget(KNOUDS_MAIN, redisEnv, "/readyz", knoudsNodeArgs) : null;

// ---- interleaved rounds: each Knouds scenario right after its yardstick ------------------
const nodePostRow = newRow("node:http POST JSON (yardstick)");
const fastifyRow = newRow("Fastify POST JSON (yardstick)");
const restRow = newRow("REST run hello-world", fastifyRow);
const restRedisRow = knoudsRedis ? newRow("REST run hello-world, Redis", fastifyRow) : null;
const yogaRow = newRow("graphql-yoga { hello } (yardstick)");
const graphqlRow = newRow("GraphQL runWorkflow", yogaRow);
const graphqlRedisRow = knoudsRedis ? newRow("GraphQL runWorkflow, Redis", yogaRow) : null;
for (let round = 1; round <= rounds; round++) {
  const label = ` (round ${round} of ${rounds})`;
  if (round > 1) await measure(nodeRow, { url: nodeHttp.url, requests: [{ method: "GET", path: "/" }] }, label);
  await measure(nodePostRow, postJson(nodeHttp.url), label);
  await measure(fastifyRow, postJson(fastify.url), label);
  await measure(restRow, { url: knouds.url, requests: withKeys(fixtures.adminKeys, restRun) }, label);
  if (knoudsRedis && restRedisRow) {
    await measure(fastifyRow, postJson(fastify.url), label);
    await measure(restRedisRow, { url: knoudsRedis.url, requests: withKeys(fixtures.adminKeys, restRun) }, label);
  }
  await measure(
    yogaRow,
    { url: yoga.url, requests: [{ method: "POST", path: "/graphql", headers: json, body: '{"query":"{ hello }"}' }] },
    label,
  );
  await measure(graphqlRow, { url: knouds.url, requests: withKeys(fixtures.adminKeys, graphqlRun) }, label);
  if (knoudsRedis && graphqlRedisRow) {
    await measure(
      yogaRow,
      { url: yoga.url, requests: [{ method: "POST", path: "/graphql", headers: json, body: '{"query":"{ hello }"}' }] },
      label,
    );
    await measure(graphqlRedisRow, { url: knoudsRedis.url, requests: withKeys(fixtures.adminKeys, graphqlRun) }, label);
  }
}
// With Redis the yardsticks ran twice a round: pair each Knouds round with the yardstick run just before it.
const pairWith = (row: Row | null, yardstick: Row, offset: number, every: number) => {
  if (!row) return;
  row.yardstick = { ...yardstick, results: yardstick.results.filter((_, i) => i % every === offset) };
};
if (knoudsRedis) {
  pairWith(restRow, fastifyRow, 0, 2);
  pairWith(restRedisRow, fastifyRow, 1, 2);
  pairWith(graphqlRow, yogaRow, 0, 2);
  pairWith(graphqlRedisRow, yogaRow, 1, 2);
}
await Promise.all([nodeHttp.stop(), fastify.stop(), yoga.stop(), knoudsRedis?.stop()]);

// ---- scenarios run once ---------------------------------------------------------------
// A well-formed key (valid checksum) that is not stored: the path a stolen-then-deleted key takes.
await run({
  name: "401 unknown key (REST)",
  url: knouds.url,
  requests: [restRun(generateKeyValue().value)],
  expectStatus: 401,
  yardstick: fastifyRow,
});
await run({
  name: "403 deployment key on a model (REST)",
  url: knouds.url,
  requests: withKeys(fixtures.deploymentKeys, (key) => ({
    method: "POST",
    path: "/api/models/knouds/echo/run",
    headers: { ...json, "x-api-key": key },
    body: '{"inputs":{"text":"x"}}',
  })),
  expectStatus: 403,
  yardstick: fastifyRow,
});
await run({
  name: "createApiKey (GraphQL, session)",
  url: knouds.url,
  requests: fixtures.sessionCookies.map((cookie) => ({
    method: "POST",
    path: "/graphql",
    headers: { ...json, cookie },
    body: JSON.stringify({ query: 'mutation { createApiKey(input: {name: "bench", scope: free}) { apiKey { id } } }' }),
  })),
  yardstick: yogaRow,
  // Every session is an account of its own: 64 users each signed in to their own account,
  // not 64 tabs of one all creating keys for one account at the same moment.
  staggered: true,
});
await knouds.stop();
// After the run scenarios (and the store closed, so its WAL is checkpointed into the file).
const growth = storeGrowth(dbFile);

// REDIS_URL set, but nothing answers there: the instance cannot hear revocations, so it checks
// every key, account and workflow against the store, and counts budgets on its own.
const unansweredRedis = `redis://127.0.0.1:${await freePort()}`;
knouds = await startTarget(KNOUDS_MAIN, { ...knoudsEnv, REDIS_URL: unansweredRedis }, "/readyz", knoudsNodeArgs);
const degradedRow = await run({
  name: "REST run, Redis away (degraded)",
  url: knouds.url,
  requests: withKeys(fixtures.adminKeys, restRun),
  yardstick: fastifyRow,
});
await knouds.stop();

process.stderr.write(`  adding ${storedKeys.toLocaleString("en")} keys to the store …\n`);
addStoredKeys(dbFile, storedKeys);
knouds = await startTarget(KNOUDS_MAIN, knoudsEnv, "/readyz", knoudsNodeArgs);
const bigRow = await run({
  name: `REST run, +${storedKeys.toLocaleString("en")} stored keys`,
  url: knouds.url,
  requests: withKeys(fixtures.adminKeys, restRun),
  yardstick: fastifyRow,
});
await knouds.stop();

// A 30-day backlog past the default retention (KNOUDS_RUN_RETENTION_DAYS=30): runs from 31 to 60 days ago.
const DAY = 86_400_000;
process.stderr.write(`  adding ${storedRuns.toLocaleString("en")} runs from 31–60 days ago …\n`);
addStoredRuns(dbFile, storedRuns, Date.now() - 60 * DAY, Date.now() - 31 * DAY);
const largeStoreRuns = storeGrowth(dbFile).runs;
// The same store and backlog with retention off, the baseline pruning is measured against.
knouds = await startTarget(KNOUDS_MAIN, { ...knoudsEnv, KNOUDS_RUN_RETENTION_DAYS: "0" }, "/readyz", knoudsNodeArgs);
const startupMs = knouds.startedInMs;
const backlogRow = await run({
  name: `REST run, ${storedRuns.toLocaleString("en")} old runs kept`,
  url: knouds.url,
  requests: withKeys(fixtures.adminKeys, restRun),
  yardstick: fastifyRow,
});
await knouds.stop();
knouds = await startTarget(KNOUDS_MAIN, knoudsEnv, "/readyz", knoudsNodeArgs);
// The pruner's first sweep comes a second after start: measure once it is under way.
const oldestAtStart = oldestRunStartedAt(dbFile);
for (let waited = 0; oldestRunStartedAt(dbFile) === oldestAtStart && waited < 10_000; waited += 50) {
  await new Promise((resolve) => setTimeout(resolve, 50));
}
const backlogBefore = countRunsStartedBefore(dbFile, Date.now() - 30 * DAY);
const pruneStartedAt = performance.now();
const pruneRow = await run({
  name: `REST run while pruning ${storedRuns.toLocaleString("en")} old runs`,
  url: knouds.url,
  requests: withKeys(fixtures.adminKeys, restRun),
  yardstick: fastifyRow,
});
const backlogAfter = countRunsStartedBefore(dbFile, Date.now() - 30 * DAY);
const pruneSeconds = (performance.now() - pruneStartedAt) / 1000;
await knouds.stop();

process.stderr.write("  key verification micro-benchmark …\n");
const verification = await verificationMicrobench(dataDir, secret, quick ? 50_000 : 500_000);
rmSync(dataDir, { recursive: true, force: true });

// ---- the table -------------------------------------------------------------------------
const pad = (text: string, width: number, right = false) => (right ? text.padStart(width) : text.padEnd(width));
const fmt = (n: number, digits = 0) => n.toLocaleString("en", { maximumFractionDigits: digits, minimumFractionDigits: digits });
const pct = (n: number) => `${fmt(100 * n)}%`;
const lines: string[] = [];
const print = (line = "") => {
  console.log(line);
  lines.push(line);
};
const machine = `${cpus().length} × ${cpus()[0]?.model?.trim() ?? "cpu"}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
print(
  `\nKnouds bench — ${machine}; ${duration} s per scenario, ${connections} connections, ${rounds} interleaved rounds (median of the rounds; spread = lowest–highest)\n`,
);
print(
  `${pad("scenario", 44)}${pad("req/s", 10, true)}${pad("p50 ms", 9, true)}${pad("p99 ms", 9, true)}${pad("unexpected", 12, true)}${pad("unanswered", 12, true)}  ${pad("spread req/s", 17)}  vs yardstick`,
);
for (const row of rows) {
  const rates = row.results.map((r) => r.requestsPerSecond);
  const spread = row.results.length > 1 ? `${fmt(Math.min(...rates))}–${fmt(Math.max(...rates))}` : "one run";
  const versus = row.yardstick
    ? `${pct(ratio(row))} of ${row.yardstick.name.replace(" (yardstick)", "")}` +
      (row.results.length > 1 ? ` (${pct(Math.min(...ratios(row)))}–${pct(Math.max(...ratios(row)))})` : "")
    : "";
  print(
    `${pad(row.name, 44)}${pad(fmt(row.result.requestsPerSecond), 10, true)}${pad(fmt(row.result.p50, 1), 9, true)}${pad(fmt(row.result.p99, 1), 9, true)}${pad(fmt(row.result.unexpected), 12, true)}${pad(fmt(row.result.unanswered), 12, true)}  ${pad(spread, 17)}  ${versus}`,
  );
}
print(
  `\nkey verification: cached ${fmt(verification.cachedMicros, 2)} µs/call, from the store ${fmt(verification.uncachedMicros, 2)} µs/call, ` +
    `malformed (checksum) ${fmt(verification.malformedMicros, 2)} µs/call`,
);

const rates = poolRates(pools, duration, rounds);
const fastest = (names: RegExp) =>
  Math.max(...rows.filter((r) => names.test(r.name)).map((r) => Math.max(...r.results.map((x) => x.requestsPerSecond))));
print(
  `key pools: ${fmt(adminKeys)} admin keys, ${fmt(deploymentKeys)} deployment keys, 4 to an account; they last up to ${fmt(rates.keyRate)} req/s ` +
    `(${fmt(rates.keyRate / fastest(/REST|GraphQL runWorkflow/), 1)}× the fastest key scenario here), ` +
    `the session pool up to ${fmt(rates.sessionRate)} req/s (${fmt(rates.sessionRate / fastest(/createApiKey/), 1)}× createApiKey here)`,
);
const mb = (bytes: number) => `${fmt(bytes / 2 ** 20, 1)} MiB`;
print(
  `store after the run scenarios: ${mb(growth.storeBytes)} (file + WAL) holding ${fmt(growth.runs)} runs; ` +
    `${fmt(growth.bytesPerRun)} bytes per stored run (runs table and its indexes), ${fmt(growth.storeBytes / Math.max(growth.runs, 1))} bytes of file per run`,
);
print(
  `start-up on a store of ${fmt(largeStoreRuns)} runs and ${fmt(storedKeys)} + pool keys: ${fmt(startupMs / 1000, 2)} s from spawn to /readyz answering 200`,
);
const prunedDuring = backlogBefore - backlogAfter;
print(
  `retention pruned ${fmt(prunedDuring)} old runs during the scenario (${fmt(prunedDuring / pruneSeconds)}/s over ${fmt(pruneSeconds, 1)} s); ${fmt(backlogAfter)} left` +
    (backlogAfter === 0 ? " — the backlog ran out before the scenario ended: raise --stored-runs" : ""),
);
print(
  `REST run with Redis away (keys, accounts and workflows checked against the store): ` +
    `${pct(degradedRow.result.requestsPerSecond / restRow.result.requestsPerSecond)} of REST run with no Redis configured`,
);
print(
  `REST run against node:http POST JSON (read, parse and answer a body, nothing else): ${pct(restRow.result.requestsPerSecond / nodePostRow.result.requestsPerSecond)}`,
);

type Verdict = "PASS" | "MISS" | "SKIP";
const judge = (met: boolean): Verdict => (met ? "PASS" : "MISS");
const knoudsRows = rows.filter((r) => !r.name.includes("yardstick"));
const worstP99 = Math.max(...knoudsRows.map((r) => r.result.p99));
const ratioTarget = (name: string, row: Row | null, share: number): [string, Verdict, string] =>
  row
    ? [name, judge(ratio(row) >= share), `${pct(ratio(row))} (rounds ${ratios(row).map(pct).join(", ")})`]
    : [name, "SKIP", redisSkip ?? ""];
const targets: Array<[string, Verdict, string]> = [
  ratioTarget("GraphQL runWorkflow ≥ 100% of bare yoga { hello }", graphqlRow, 1),
  ratioTarget("GraphQL runWorkflow with Redis ≥ 100% of bare yoga { hello }", graphqlRedisRow, 1),
  ratioTarget("REST run ≥ 50% of bare Fastify JSON POST", restRow, 0.5),
  ratioTarget("REST run with Redis ≥ 40% of bare Fastify JSON POST", restRedisRow, 0.4),
  [
    "p99 of every Knouds scenario ≤ 3× bare Fastify POST's p99",
    judge(worstP99 <= 3 * fastifyRow.result.p99),
    `worst ${fmt(worstP99, 1)} ms (${knoudsRows.find((r) => r.result.p99 === worstP99)?.name}), Fastify ${fmt(fastifyRow.result.p99, 1)} ms`,
  ],
  ["cached verification < 20 µs", judge(verification.cachedMicros < 20), `${fmt(verification.cachedMicros, 2)} µs`],
  [
    `no slowdown with ${storedKeys.toLocaleString("en")} more keys (≥ 90% of the small store)`,
    judge(bigRow.result.requestsPerSecond >= 0.9 * restRow.result.requestsPerSecond),
    pct(bigRow.result.requestsPerSecond / restRow.result.requestsPerSecond),
  ],
  [
    `start-up < 5 s with ${fmt(largeStoreRuns)} runs and ${fmt(storedKeys)} more keys`,
    judge(startupMs < 5000),
    `${fmt(startupMs / 1000, 2)} s`,
  ],
  [
    "pruning a backlog moves REST run p99 by ≤ 10%",
    judge(pruneRow.result.p99 <= 1.1 * backlogRow.result.p99),
    `p99 ${fmt(backlogRow.result.p99, 1)} → ${fmt(pruneRow.result.p99, 1)} ms`,
  ],
];
print("\ntargets");
for (const [name, verdict, figure] of targets) print(`  ${verdict}  ${pad(name, 64)} ${figure}`);

const wrong = rows.filter((r) => r.result.unexpected > 0 || r.result.total === 0);
if (values.results) {
  const git = (...args: string[]) => execFileSync("git", args, { encoding: "utf8" }).trim();
  const commit = `${git("rev-parse", "--short", "HEAD")}${git("status", "--porcelain", "--untracked-files=no") ? " + uncommitted changes" : ""}`;
  const date = new Date().toISOString().slice(0, 10);
  const command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(" ")}` : ""}`;
  const file = new URL("../docs/benchmark-results.md", import.meta.url);
  const section =
    `\n### ${date}, commit ${commit}\n\n\`${command}\` on ${machine}` +
    (wrong.length > 0 ? ` (unexpected answers in ${wrong.map((r) => r.name).join(", ")})` : "") +
    `.\n\n\`\`\`\n${lines.join("\n").trim()}\n\`\`\`\n`;
  const doc = readFileSync(file, "utf8");
  // Into the "Full bench" section, after its last table (the next "## " heading, or the end).
  const at = doc.indexOf("\n## ", doc.indexOf("## Full bench") + 1);
  writeFileSync(file, at < 0 ? `${doc.trimEnd()}\n${section}` : `${doc.slice(0, at).trimEnd()}\n${section}${doc.slice(at)}`);
  process.stderr.write(`results written to docs/benchmark-results.md\n`);
}

if (wrong.length > 0) {
  console.log(`\nunexpected answers (the scenario measured the wrong path):`);
  for (const row of wrong) console.log(`  ${row.name}: ${JSON.stringify(row.result.statuses)}`);
  process.exit(1);
}
