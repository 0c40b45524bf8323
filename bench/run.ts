/**
 * npm run bench [-- --quick] [-- --duration 10 --connections 64 --stored-keys 1000000 --stored-runs 1000000] [-- --profile DIR]
 *
 * Builds with tsc first (package.json), then starts each server in a child process (the yardsticks — bare node:http and bare graphql-yoga
 * — and Knouds on the embedded SQLite store), drives it with autocannon from this process,
 * and prints one table with the targets, the store's growth per run, and the start-up time
 * on a store holding the stored keys plus a backlog of old runs that retention then prunes. Exits non-zero only when a scenario got answers it
 * should not have (a benchmark of the wrong path is worse than none).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
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
    "stored-keys": { type: "string" },
    // Runs from 31–60 days ago (a 30-day backlog past the default retention) for the start-up and pruning scenarios.
    "stored-runs": { type: "string" },
    // Writes a V8 CPU profile of each Knouds server process (open it in Chrome DevTools).
    profile: { type: "string" },
  },
});
const quick = values.quick;
const duration = Number(values.duration ?? (quick ? 2 : 10));
const connections = Number(values.connections);
const storedKeys = Number(values["stored-keys"] ?? (quick ? 100_000 : 1_000_000));
const storedRuns = Number(values["stored-runs"] ?? (quick ? 100_000 : 1_000_000));
if (![duration, connections, storedKeys, storedRuns].every((n) => Number.isInteger(n) && n > 0)) {
  console.error("--duration, --connections, --stored-keys and --stored-runs must be positive integers");
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
  result: LoadResult;
  yardstick?: { name: string; requestsPerSecond: number };
}

const rows: Row[] = [];
const run = async (name: string, url: string, requests: LoadRequest[], expectStatus = 200, yardstick?: Row, staggered = false) => {
  process.stderr.write(`  ${name} …\n`);
  const result = await load(url, requests, { connections, duration, expectStatus, staggered });
  const row: Row = {
    name,
    result,
    ...(yardstick ? { yardstick: { name: yardstick.name, requestsPerSecond: yardstick.result.requestsPerSecond } } : {}),
  };
  rows.push(row);
  return row;
};

const json = { "content-type": "application/json" };
const runBody = '{"inputs":{"name":"Ada"}}';
const withKeys = (keys: string[], request: (key: string) => LoadRequest) => keys.map(request);

process.stderr.write(
  `bench: ${duration} s per scenario, ${connections} connections, ${storedKeys.toLocaleString("en")} stored keys${quick ? " (quick)" : ""}\n`,
);

const nodeHttp = await startTarget("bench/targets/node-http.ts");
const nodeRow = await run("node:http hello (yardstick)", nodeHttp.url, [{ method: "GET", path: "/" }]);
const nodePostRow = await run("node:http POST JSON (yardstick)", nodeHttp.url, [
  { method: "POST", path: "/", headers: { "content-type": "application/json" }, body: '{"inputs":{"name":"Ada"}}' },
]);
await nodeHttp.stop();

const yoga = await startTarget("bench/targets/yoga-hello.ts", {}, "/graphql?query=%7Bhello%7D");
const yogaRow = await run("graphql-yoga { hello } (yardstick)", yoga.url, [
  { method: "POST", path: "/graphql", headers: json, body: '{"query":"{ hello }"}' },
]);
await yoga.stop();

const pools = poolSizes(duration, nodeRow.result.requestsPerSecond);
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

const restRun = (key: string): LoadRequest => ({
  method: "POST",
  path: "/api/workflows/knouds/hello-world/run",
  headers: { ...json, "x-api-key": key },
  body: runBody,
});

// The server as `npm start` runs it: compiled by tsc (npm run bench builds first).
const KNOUDS_MAIN = "dist/src/main.js";
const knoudsNodeArgs = values.profile ? ["--cpu-prof", `--cpu-prof-dir=${values.profile}`] : [];
let knouds = await startTarget(KNOUDS_MAIN, knoudsEnv, "/readyz", knoudsNodeArgs);
const restRow = await run("REST run hello-world", knouds.url, withKeys(fixtures.adminKeys, restRun), 200, nodeRow);
await run(
  "GraphQL runWorkflow",
  knouds.url,
  withKeys(fixtures.adminKeys, (key) => ({
    method: "POST",
    path: "/graphql",
    headers: { ...json, "x-api-key": key },
    body: JSON.stringify({ query: 'mutation { runWorkflow(id: "knouds/hello-world", inputs: {name: "Ada"}) { id status outputs } }' }),
  })),
  200,
  yogaRow,
);
// A well-formed key (valid checksum) that is not stored: the path a stolen-then-deleted key takes.
await run("401 unknown key (REST)", knouds.url, [restRun(generateKeyValue().value)], 401, nodeRow);
await run(
  "403 deployment key on a model (REST)",
  knouds.url,
  withKeys(fixtures.deploymentKeys, (key) => ({
    method: "POST",
    path: "/api/models/knouds/echo/run",
    headers: { ...json, "x-api-key": key },
    body: '{"inputs":{"text":"x"}}',
  })),
  403,
  nodeRow,
);
await run(
  "createApiKey (GraphQL, session)",
  knouds.url,
  fixtures.sessionCookies.map((cookie) => ({
    method: "POST",
    path: "/graphql",
    headers: { ...json, cookie },
    body: JSON.stringify({ query: 'mutation { createApiKey(input: {name: "bench", scope: free}) { apiKey { id } } }' }),
  })),
  200,
  yogaRow,
  // Every session is an account of its own: 64 users each signed in to their own account,
  // not 64 tabs of one all creating keys for one account at the same moment.
  true,
);
await knouds.stop();
// After the run scenarios (and the store closed, so its WAL is checkpointed into the file).
const growth = storeGrowth(dbFile);

// REDIS_URL set, but nothing answers there: the instance cannot hear revocations, so it checks
// every key, account and workflow against the store, and counts budgets on its own.
const unansweredRedis = `redis://127.0.0.1:${await freePort()}`;
knouds = await startTarget(KNOUDS_MAIN, { ...knoudsEnv, REDIS_URL: unansweredRedis }, "/readyz", knoudsNodeArgs);
const degradedRow = await run("REST run, Redis away (degraded)", knouds.url, withKeys(fixtures.adminKeys, restRun), 200, nodeRow);
await knouds.stop();

process.stderr.write(`  adding ${storedKeys.toLocaleString("en")} keys to the store …\n`);
addStoredKeys(dbFile, storedKeys);
knouds = await startTarget(KNOUDS_MAIN, knoudsEnv, "/readyz", knoudsNodeArgs);
const bigRow = await run(
  `REST run, +${storedKeys.toLocaleString("en")} stored keys`,
  knouds.url,
  withKeys(fixtures.adminKeys, restRun),
  200,
  nodeRow,
);
await knouds.stop();

// A 30-day backlog past the default retention (KNOUDS_RUN_RETENTION_DAYS=30): runs from 31 to 60 days ago.
const DAY = 86_400_000;
process.stderr.write(`  adding ${storedRuns.toLocaleString("en")} runs from 31–60 days ago …\n`);
addStoredRuns(dbFile, storedRuns, Date.now() - 60 * DAY, Date.now() - 31 * DAY);
const largeStoreRuns = storeGrowth(dbFile).runs;
// The same store and backlog with retention off, the baseline pruning is measured against.
knouds = await startTarget(KNOUDS_MAIN, { ...knoudsEnv, KNOUDS_RUN_RETENTION_DAYS: "0" }, "/readyz", knoudsNodeArgs);
const startupMs = knouds.startedInMs;
const backlogRow = await run(
  `REST run, ${storedRuns.toLocaleString("en")} old runs kept`,
  knouds.url,
  withKeys(fixtures.adminKeys, restRun),
  200,
  nodeRow,
);
await knouds.stop();
knouds = await startTarget(KNOUDS_MAIN, knoudsEnv, "/readyz", knoudsNodeArgs);
// The pruner's first sweep comes a second after start: measure once it is under way.
const oldestAtStart = oldestRunStartedAt(dbFile);
for (let waited = 0; oldestRunStartedAt(dbFile) === oldestAtStart && waited < 10_000; waited += 50) {
  await new Promise((resolve) => setTimeout(resolve, 50));
}
const backlogBefore = countRunsStartedBefore(dbFile, Date.now() - 30 * DAY);
const pruneStartedAt = performance.now();
const pruneRow = await run(
  `REST run while pruning ${storedRuns.toLocaleString("en")} old runs`,
  knouds.url,
  withKeys(fixtures.adminKeys, restRun),
  200,
  nodeRow,
);
const backlogAfter = countRunsStartedBefore(dbFile, Date.now() - 30 * DAY);
const pruneSeconds = (performance.now() - pruneStartedAt) / 1000;
await knouds.stop();

process.stderr.write("  key verification micro-benchmark …\n");
const verification = await verificationMicrobench(dataDir, secret, quick ? 50_000 : 500_000);
rmSync(dataDir, { recursive: true, force: true });

// ---- the table -------------------------------------------------------------------------
const pad = (text: string, width: number, right = false) => (right ? text.padStart(width) : text.padEnd(width));
const fmt = (n: number, digits = 0) => n.toLocaleString("en", { maximumFractionDigits: digits, minimumFractionDigits: digits });
console.log(
  `\nKnouds bench — ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}; ` +
    `${duration} s per scenario, ${connections} connections\n`,
);
console.log(
  `${pad("scenario", 44)}${pad("req/s", 10, true)}${pad("p50 ms", 9, true)}${pad("p99 ms", 9, true)}${pad("unexpected", 12, true)}${pad("unanswered", 12, true)}  vs yardstick`,
);
for (const row of rows) {
  const ratio = row.yardstick
    ? `${fmt((100 * row.result.requestsPerSecond) / row.yardstick.requestsPerSecond)}% of ${row.yardstick.name.split(" ")[0]}`
    : "";
  console.log(
    `${pad(row.name, 44)}${pad(fmt(row.result.requestsPerSecond), 10, true)}${pad(fmt(row.result.p50, 1), 9, true)}${pad(fmt(row.result.p99, 1), 9, true)}${pad(fmt(row.result.unexpected), 12, true)}${pad(fmt(row.result.unanswered), 12, true)}  ${ratio}`,
  );
}
console.log(
  `\nkey verification: cached ${fmt(verification.cachedMicros, 2)} µs/call, from the store ${fmt(verification.uncachedMicros, 2)} µs/call, ` +
    `malformed (checksum) ${fmt(verification.malformedMicros, 2)} µs/call`,
);

const rates = poolRates(pools, duration);
const fastest = (names: RegExp) => Math.max(...rows.filter((r) => names.test(r.name)).map((r) => r.result.requestsPerSecond));
console.log(
  `key pools last up to ${fmt(rates.keyRate)} req/s (${fmt(rates.keyRate / fastest(/REST|GraphQL runWorkflow/), 1)}× the fastest key scenario here), ` +
    `the session pool up to ${fmt(rates.sessionRate)} req/s (${fmt(rates.sessionRate / fastest(/createApiKey/), 1)}× createApiKey here)`,
);
const mb = (bytes: number) => `${fmt(bytes / 2 ** 20, 1)} MiB`;
console.log(
  `store after the run scenarios: ${mb(growth.storeBytes)} (file + WAL) holding ${fmt(growth.runs)} runs; ` +
    `${fmt(growth.bytesPerRun)} bytes per stored run (runs table and its indexes), ${fmt(growth.storeBytes / Math.max(growth.runs, 1))} bytes of file per run`,
);
console.log(
  `start-up on a store of ${fmt(largeStoreRuns)} runs and ${fmt(storedKeys)} + pool keys: ${fmt(startupMs / 1000, 2)} s from spawn to /readyz answering 200`,
);
const prunedDuring = backlogBefore - backlogAfter;
console.log(
  `retention pruned ${fmt(prunedDuring)} old runs during the scenario (${fmt(prunedDuring / pruneSeconds)}/s over ${fmt(pruneSeconds, 1)} s); ${fmt(backlogAfter)} left` +
    (backlogAfter === 0 ? " — the backlog ran out before the scenario ended: raise --stored-runs" : ""),
);
console.log(
  `REST run with Redis away (keys, accounts and workflows checked against the store): ` +
    `${fmt((100 * degradedRow.result.requestsPerSecond) / restRow.result.requestsPerSecond)}% of REST run with no Redis configured`,
);
console.log(
  `REST run against node:http POST JSON (read, parse and answer a body, nothing else): ` +
    `${fmt((100 * restRow.result.requestsPerSecond) / nodePostRow.result.requestsPerSecond)}%`,
);

const graphqlRow = rows.find((r) => r.name === "GraphQL runWorkflow")!;
const knoudsRows = rows.filter((r) => !r.name.includes("yardstick"));
const targets: Array<[string, boolean, string]> = [
  [
    "authenticated REST run ≥ 50% of bare node:http",
    restRow.result.requestsPerSecond >= 0.5 * nodeRow.result.requestsPerSecond,
    `${fmt((100 * restRow.result.requestsPerSecond) / nodeRow.result.requestsPerSecond)}%`,
  ],
  [
    "GraphQL runWorkflow ≥ 80% of bare yoga hello",
    graphqlRow.result.requestsPerSecond >= 0.8 * yogaRow.result.requestsPerSecond,
    `${fmt((100 * graphqlRow.result.requestsPerSecond) / yogaRow.result.requestsPerSecond)}%`,
  ],
  [
    `p99 < 10 ms at ${connections} connections (every Knouds scenario)`,
    knoudsRows.every((r) => r.result.p99 < 10),
    `worst ${fmt(Math.max(...knoudsRows.map((r) => r.result.p99)), 1)} ms`,
  ],
  ["cached verification < 20 µs", verification.cachedMicros < 20, `${fmt(verification.cachedMicros, 2)} µs`],
  [
    `no slowdown with ${storedKeys.toLocaleString("en")} more keys (≥ 90% of the small store)`,
    bigRow.result.requestsPerSecond >= 0.9 * restRow.result.requestsPerSecond,
    `${fmt((100 * bigRow.result.requestsPerSecond) / restRow.result.requestsPerSecond)}%`,
  ],
  [`start-up < 5 s with ${fmt(largeStoreRuns)} runs and ${fmt(storedKeys)} more keys`, startupMs < 5000, `${fmt(startupMs / 1000, 2)} s`],
  [
    "pruning a backlog moves REST run p99 by ≤ 10%",
    pruneRow.result.p99 <= 1.1 * backlogRow.result.p99,
    `p99 ${fmt(backlogRow.result.p99, 1)} → ${fmt(pruneRow.result.p99, 1)} ms`,
  ],
];
console.log("\ntargets");
for (const [name, met, figure] of targets) console.log(`  ${met ? "PASS" : "MISS"}  ${pad(name, 62)} ${figure}`);

const wrong = rows.filter((r) => r.result.unexpected > 0 || r.result.total === 0);
if (wrong.length > 0) {
  console.log(`\nunexpected answers (the scenario measured the wrong path):`);
  for (const row of wrong) console.log(`  ${row.name}: ${JSON.stringify(row.result.statuses)}`);
  process.exit(1);
}
