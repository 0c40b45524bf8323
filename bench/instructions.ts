/**
 * npm run bench:instructions [-- --scenario rest|graphql|create] [-- --requests 3000] [-- --checkout DIR --workflow hello-world]
 *
 * CPU instructions the server runs per request, counted by valgrind's callgrind while a warm
 * server answers `--requests` requests: unlike req/s, the count does not move with what else
 * the machine is doing (on a shared 2-core machine req/s moved ±10–30% between identical runs;
 * most repeats of this agree within 3%, an occasional one reads 5–7% high, so take the median
 * of a few). It counts the server's own instructions in user space; time waiting for the disk
 * (fsync) is not in it.
 *
 * To compare with an older commit: `git worktree add ../old <commit>`, `npm install && npm run
 * build` there, then run this with `--checkout ../old` (and `--workflow hello-world` for
 * commits before workflow addresses). Needs valgrind (`apt-get install valgrind`).
 */
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";

const { values } = parseArgs({
  options: {
    scenario: { type: "string", default: "rest" },
    requests: { type: "string", default: "3000" },
    checkout: { type: "string", default: "." },
    workflow: { type: "string", default: "knouds/hello-world" },
    keys: { type: "string", default: "500" },
  },
});
const requests = Number(values.requests);
const checkout = resolve(values.checkout);
const scenario = values.scenario;
if (!["rest", "graphql", "create"].includes(scenario) || !(requests > 0)) {
  console.error("--scenario is rest, graphql or create; --requests a positive number");
  process.exit(2);
}
try {
  execFileSync("valgrind", ["--version"], { stdio: "ignore" });
} catch {
  console.error("valgrind is not installed: apt-get install valgrind");
  process.exit(2);
}

// The checkout's own seeding (its services, its schema), one account per key as in npm run bench.
const { seedFixtures } = (await import(join(checkout, "bench/seed.ts"))) as typeof import("./seed.js");
const dataDir = mkdtempSync(join(tmpdir(), "knouds-instructions-"));
const secret = randomBytes(32).toString("hex");
const fixtures = await seedFixtures(join(dataDir, "knouds.db"), secret, {
  adminKeys: Number(values.keys),
  deploymentKeys: 1,
  sessions: 300,
});

// vgdb names its pipes after USER and HOST: the same values for valgrind and callgrind_control.
const vgEnv = { ...process.env, USER: process.env.USER ?? "knouds", LOGNAME: process.env.LOGNAME ?? "knouds", HOST: "127.0.0.1" };
const port = 20_000 + Math.floor(Math.random() * 20_000);
const out = join(dataDir, "callgrind");
const server = spawn(
  "valgrind",
  ["--tool=callgrind", "--vgdb=yes", "--instr-atstart=no", `--callgrind-out-file=${out}.%p`, process.execPath, "dist/src/main.js"],
  {
    cwd: checkout,
    env: {
      ...vgEnv,
      PORT: String(port),
      KNOUDS_DATA_DIR: dataDir,
      KNOUDS_SECRET: secret,
      LOG_LEVEL: "warn",
      KNOUDS_FAILED_AUTH_PER_MINUTE: "1000000",
    },
    stdio: ["ignore", "ignore", "inherit"],
  },
);
const url = `http://127.0.0.1:${port}`;
for (let tries = 0; ; tries++) {
  if (server.exitCode !== null) throw new Error(`the server exited with ${server.exitCode}`);
  try {
    if ((await fetch(`${url}/readyz`)).status < 500) break;
  } catch {
    if (tries > 600) throw new Error("the server did not answer within 2 minutes");
  }
  await new Promise((r) => setTimeout(r, 200));
}

const json = { "content-type": "application/json" };
const list =
  scenario === "rest"
    ? fixtures.adminKeys.map((key) => ({
        method: "POST" as const,
        path: `/api/workflows/${values.workflow}/run`,
        headers: { ...json, "x-api-key": key },
        body: '{"inputs":{"name":"Ada"}}',
      }))
    : scenario === "graphql"
      ? fixtures.adminKeys.map((key) => ({
          method: "POST" as const,
          path: "/graphql",
          headers: { ...json, "x-api-key": key },
          body: JSON.stringify({
            query: `mutation { runWorkflow(id: "${values.workflow}", inputs: {name: "Ada"}) { id status outputs } }`,
          }),
        }))
      : fixtures.sessionCookies.map((cookie) => ({
          method: "POST" as const,
          path: "/graphql",
          headers: { ...json, cookie },
          body: JSON.stringify({ query: 'mutation { createApiKey(input: {name: "bench", scope: free}) { apiKey { id } } }' }),
        }));
const fire = async (amount: number, from: number) => {
  const result = await autocannon({ url, connections: 16, amount, timeout: 60, requests: [...list.slice(from), ...list.slice(0, from)] });
  const wrong = Object.entries(result.statusCodeStats ?? {}).filter(([status]) => status !== "200");
  if (wrong.length > 0 || result.errors + result.timeouts > 0)
    throw new Error(`unexpected answers: ${JSON.stringify(result.statusCodeStats)}`);
};
const control = (command: string) => execFileSync("callgrind_control", [command, String(server.pid)], { env: vgEnv, stdio: "ignore" });

// Two warm-up passes (not counted) so the JIT has compiled the path, then the counted one.
await fire(requests, 0);
await fire(requests, Math.floor(list.length / 2));
control("--instr=on");
await fire(requests, Math.floor(list.length / 3));
control("--instr=off");
control("--dump");
server.kill("SIGTERM");
await once(server, "exit");
// TurboFan compiles on a background thread. Under valgrind a request takes ~50 times longer, so
// code that runs per unit of time (timers, flushes) turns hot inside the counted window and
// its one-off compile lands there: 20-40k instructions "per request" that a server at full speed
// never pays in steady state (node --trace-opt compiles nothing in such a window). It is
// reported, and left out of the per-request figure.
const compileTask = "v8::internal::OptimizingCompileDispatcher::CompileTask::RunInternal()";
let instructions = 0;
let compiling = 0;
for (const file of readdirSync(dataDir).filter((name) => name.startsWith("callgrind."))) {
  const path = join(dataDir, file);
  instructions += Number(/^totals: (\d+)/m.exec(readFileSync(path, "utf8"))?.[1] ?? 0);
  const annotated = execFileSync("callgrind_annotate", ["--inclusive=yes", "--threshold=100", path], {
    encoding: "utf8",
    maxBuffer: 1 << 28,
  });
  for (const line of annotated.split("\n")) {
    if (line.includes(compileTask)) compiling += Number(/^\s*([\d,]+)/.exec(line)?.[1]?.replaceAll(",", "") ?? 0);
  }
}
rmSync(dataDir, { recursive: true, force: true });
const perRequest = (count: number) => `${Math.round(count / requests / 1000)}k`;
console.log(
  `${scenario}: ${perRequest(instructions - compiling)} instructions per request ` +
    `(${requests} requests, ${checkout}; all counted ${perRequest(instructions)}, of which background JIT compiles ${perRequest(compiling)})`,
);
