/**
 * npm run bench:instructions [-- --update] [-- --scenario rest|graphql|create|all] [-- --repeats 3] [-- --requests 500] [-- --checkout DIR]
 *
 * The guard: CPU instructions the server runs per request, counted by valgrind's callgrind, for
 * REST run, GraphQL runWorkflow and createApiKey, compared with bench/instructions-baseline.json.
 * Unlike req/s, an instruction count does not move with the machine's speed or load (measured:
 * docs/benchmark.md "The instruction guard"). Exits 1 when a scenario's median grows by more than
 * the baseline's margin; `--update` writes the measured medians as the new baseline (a change
 * that means to cost more updates it in the same commit, and says why).
 *
 * One server under callgrind (V8 single-threaded) answers every scenario: it is warmed with
 * passes of each until the JIT has compiled the paths, then each scenario is counted `--repeats`
 * times in turn, `--requests` requests a window over 500 keys and 300 sessions, and the median
 * window is its figure. `--update --scenario X` rewrites X's figure only. Only the server
 * process is counted (autocannon runs here, outside valgrind), and optimizing compiles that land
 * in a window are left out and shown beside the figure (see docs/benchmark.md).
 *
 * To compare with an older commit: `git worktree add ../old <commit>`, `npm install && npm run
 * build` there, then run this with `--checkout ../old` (and `--workflow hello-world` for
 * commits before workflow addresses). Needs valgrind (`apt-get install valgrind`); without it,
 * it prints that it was skipped and exits 0.
 */
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";

const SCENARIOS = ["rest", "graphql", "create"] as const;
type Scenario = (typeof SCENARIOS)[number];
const BASELINE_FILE = new URL("./instructions-baseline.json", import.meta.url);
/** Allowed growth over the baseline when the file names none (chosen from the measured spread: docs/benchmark.md). */
const DEFAULT_MARGIN = 0.05;

interface Baseline {
  /** Allowed growth of a median over its baseline, as a fraction (0.05 = 5%). */
  margin: number;
  /** Instructions per request (background JIT compiles left out), median of the repeats. */
  perRequest: Record<Scenario, number>;
  recorded: { date: string; commit: string; requests: number; repeats: number; spread: Record<string, string> };
}

const { values } = parseArgs({
  options: {
    scenario: { type: "string", default: "all" },
    requests: { type: "string", default: "500" },
    repeats: { type: "string", default: "3" },
    checkout: { type: "string", default: "." },
    workflow: { type: "string", default: "knouds/hello-world" },
    keys: { type: "string", default: "500" },
    update: { type: "boolean", default: false },
  },
});
const requests = Number(values.requests);
const repeats = Number(values.repeats);
const checkout = resolve(values.checkout);
const scenarios: Scenario[] = values.scenario === "all" ? [...SCENARIOS] : [values.scenario as Scenario];
if (!scenarios.every((s) => SCENARIOS.includes(s)) || !(requests > 0) || !(repeats > 0)) {
  console.error("--scenario is rest, graphql, create or all; --requests and --repeats positive numbers");
  process.exit(2);
}
if (values.update && checkout !== process.cwd()) {
  console.error("--update records this checkout's figures: drop --checkout");
  process.exit(2);
}
try {
  execFileSync("valgrind", ["--version"], { stdio: "ignore" });
} catch {
  // As the browser test does without Chromium: the guard says why it did not run, and passes.
  console.log("bench:instructions skipped: valgrind is not installed (apt-get install valgrind)");
  process.exit(0);
}
const startedAt = performance.now();

// The checkout's own seeding (its services, its schema), as in npm run bench.
const { seedFixtures } = (await import(join(checkout, "bench/seed.ts"))) as typeof import("./seed.js");
const dataDir = mkdtempSync(join(tmpdir(), "knouds-instructions-"));
const secret = randomBytes(32).toString("hex");
const fixtures = await seedFixtures(join(dataDir, "knouds.db"), secret, {
  adminKeys: Number(values.keys),
  deploymentKeys: 1,
  sessions: 300,
});

/**
 * V8 without background threads: optimizing compiles and GC run on the main thread, when the
 * code's own counters say so, not when a background thread gets the CPU. With them on, a busy
 * machine starved the compile thread and a window ran unoptimized code: REST run read 731k in
 * one window and 358k in the next (docs/benchmark.md "The instruction guard").
 */
const V8_FLAGS = ["--single-threaded"];

// vgdb names its pipes after USER and HOST: the same values for valgrind and callgrind_control.
const vgEnv = { ...process.env, USER: process.env.USER ?? "knouds", LOGNAME: process.env.LOGNAME ?? "knouds", HOST: "127.0.0.1" };
const port = 20_000 + Math.floor(Math.random() * 20_000);
const out = join(dataDir, "callgrind");
const server = spawn(
  "valgrind",
  [
    "--tool=callgrind",
    "--vgdb=yes",
    "--instr-atstart=no",
    `--callgrind-out-file=${out}.%p`,
    process.execPath,
    ...V8_FLAGS,
    "dist/src/main.js",
  ],
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
// Whatever happens below, the server under valgrind does not outlive this process.
process.on("exit", () => server.kill("SIGKILL"));
const url = `http://127.0.0.1:${port}`;
for (let tries = 0; ; tries++) {
  if (server.exitCode !== null) throw new Error(`the server exited with ${server.exitCode}`);
  try {
    if ((await fetch(`${url}/readyz`)).status < 500) break;
  } catch {
    // Under valgrind on a busy machine start-up can take minutes: slowness must not fail the guard.
    if (tries > 6000) throw new Error("the server did not answer within 20 minutes");
  }
  await new Promise((r) => setTimeout(r, 200));
}

const json = { "content-type": "application/json" };
const lists: Record<Scenario, autocannon.Request[]> = {
  rest: fixtures.adminKeys.map((key) => ({
    method: "POST" as const,
    path: `/api/workflows/${values.workflow}/run`,
    headers: { ...json, "x-api-key": key },
    body: '{"inputs":{"name":"Ada"}}',
  })),
  graphql: fixtures.adminKeys.map((key) => ({
    method: "POST" as const,
    path: "/graphql",
    headers: { ...json, "x-api-key": key },
    body: JSON.stringify({ query: `mutation { runWorkflow(id: "${values.workflow}", inputs: {name: "Ada"}) { id status outputs } }` }),
  })),
  create: fixtures.sessionCookies.map((cookie) => ({
    method: "POST" as const,
    path: "/graphql",
    headers: { ...json, cookie },
    body: JSON.stringify({ query: 'mutation { createApiKey(input: {name: "bench", scope: free}) { apiKey { id } } }' }),
  })),
};
// Each pass starts at another place in the list, so no key or session is hit twice in a row.
const passes = new Map<Scenario, number>();
const fire = async (scenario: Scenario) => {
  const list = lists[scenario];
  const pass = passes.get(scenario) ?? 0;
  passes.set(scenario, pass + 1);
  const from = Math.floor((pass * list.length) / 7) % list.length;
  const result = await autocannon({
    url,
    connections: 16,
    amount: requests,
    // Generous: under valgrind on a busy machine one optimizing compile can hold the server for
    // tens of seconds, and slowness must not fail the guard.
    timeout: 900,
    requests: [...list.slice(from), ...list.slice(0, from)],
  });
  const wrong = Object.entries(result.statusCodeStats ?? {}).filter(([status]) => status !== "200" && status !== "408");
  if (wrong.length > 0) throw new Error(`${scenario}: unexpected answers: ${JSON.stringify(result.statusCodeStats)}`);
  // A 408 (Node's 300 s request timeout), a client timeout or a lost connection is slowness, not
  // a wrong answer: the window did not count the requests it meant to, so it is run again.
  return (result.statusCodeStats?.["408"]?.count ?? 0) + result.errors + result.timeouts === 0;
};
const control = (command: string) => execFileSync("callgrind_control", [command, String(server.pid)], { env: vgEnv, stdio: "ignore" });
const dumps = () => new Set(readdirSync(dataDir).filter((name) => name.startsWith("callgrind.")));

// TurboFan compiles on a background thread. Under valgrind a request takes ~50 times longer, so
// code that runs per unit of time (timers, flushes) turns hot inside the counted window and
// its one-off compile lands there: instructions "per request" that a server at full speed
// never pays in steady state (node --trace-opt compiles nothing in such a window). They are
// reported, and left out of the per-request figure.
// With --single-threaded the compile runs on the main thread, called from Runtime_CompileOptimized.
const compileTasks = ["v8::internal::OptimizingCompileDispatcher::CompileTask::RunInternal()", "v8::internal::Runtime_CompileOptimized("];
const count = (files: string[]) => {
  let instructions = 0;
  let compiling = 0;
  for (const file of files) {
    const path = join(dataDir, file);
    instructions += Number(/^totals: (\d+)/m.exec(readFileSync(path, "utf8"))?.[1] ?? 0);
    const annotated = execFileSync("callgrind_annotate", ["--inclusive=yes", "--threshold=100", path], {
      encoding: "utf8",
      maxBuffer: 1 << 28,
    });
    for (const line of annotated.split("\n")) {
      // A recursive entry ('2) is inside the outer one's inclusive count already.
      if (compileTasks.some((task) => line.includes(task)) && !/'\d+ \[/.test(line))
        compiling += Number(/^\s*([\d,]+)/.exec(line)?.[1]?.replaceAll(",", "") ?? 0);
    }
  }
  return { perRequest: (instructions - compiling) / requests, compilingPerRequest: compiling / requests };
};
/** Counts one pass of `scenario`. */
const window = async (scenario: Scenario): Promise<ReturnType<typeof count>> => {
  for (let attempt = 1; ; attempt++) {
    const before = dumps();
    control("--instr=on");
    const complete = await fire(scenario);
    control("--instr=off");
    control("--dump");
    const counted = count([...dumps()].filter((file) => !before.has(file)));
    if (complete || attempt === 5) return counted;
    process.stderr.write(`  ${scenario}: requests timed out in a window (a slow machine): counting it again\n`);
  }
};

// Warm-up: passes of each scenario in turn until none of them compiles more than 3% of its
// instructions (V8 single-threaded tiers up after so many calls, whatever the machine's load),
// at most WARM_UP_PASSES; then the counted windows in turn.
const WARM_UP_PASSES = 4;
const warm = new Set<Scenario>();
for (let pass = 1; pass <= WARM_UP_PASSES && warm.size < scenarios.length; pass++) {
  for (const scenario of scenarios.filter((s) => !warm.has(s))) {
    const { perRequest, compilingPerRequest } = await window(scenario);
    process.stderr.write(
      `  warm-up ${scenario} pass ${pass}: ${Math.round(perRequest / 1000)}k + compiles ${Math.round(compilingPerRequest / 1000)}k\n`,
    );
    if (pass > 1 && compilingPerRequest < 0.03 * (perRequest + compilingPerRequest)) warm.add(scenario);
  }
}
const measured = new Map<Scenario, Array<{ perRequest: number; compilingPerRequest: number }>>(scenarios.map((s) => [s, []]));
for (let repeat = 0; repeat < repeats; repeat++) {
  for (const scenario of scenarios) measured.get(scenario)!.push(await window(scenario));
}
server.kill("SIGTERM");
await once(server, "exit");
if (process.env.KEEP_CALLGRIND) console.log(`callgrind files kept in ${dataDir}`);
else rmSync(dataDir, { recursive: true, force: true });

const k = (n: number) => `${Math.round(n / 1000)}k`;
const median = (numbers: number[]) => [...numbers].sort((a, b) => a - b)[numbers.length >> 1]!;
const baseline: Baseline | null = existsSync(BASELINE_FILE) ? (JSON.parse(readFileSync(BASELINE_FILE, "utf8")) as Baseline) : null;
const margin = baseline?.margin ?? DEFAULT_MARGIN;
const medians = {} as Record<Scenario, number>;
const spread: Record<string, string> = {};
let grown = false;
console.log(`instructions per request (median of ${repeats} windows of ${requests} requests; ${checkout})`);
for (const scenario of scenarios) {
  const runs = measured.get(scenario)!;
  const figures = runs.map((r) => r.perRequest);
  medians[scenario] = median(figures);
  const low = Math.min(...figures);
  spread[scenario] = `${k(low)}–${k(Math.max(...figures))} (${((100 * (Math.max(...figures) - low)) / low).toFixed(1)}%)`;
  const before = baseline?.perRequest[scenario];
  const change = before ? medians[scenario] / before - 1 : null;
  const verdict =
    change === null
      ? "no baseline"
      : change > margin
        ? `GREW ${(100 * change).toFixed(1)}% (margin ${100 * margin}%)`
        : `ok ${(100 * change).toFixed(1)}%`;
  if (change !== null && change > margin) grown = true;
  console.log(
    `  ${scenario.padEnd(8)} ${k(medians[scenario]).padStart(6)}   windows ${figures.map(k).join(", ")}; background JIT compiles left out ${runs.map((r) => k(r.compilingPerRequest)).join(", ")}` +
      `   baseline ${before ? k(before) : "—"}: ${verdict}`,
  );
}
console.log(`took ${Math.round((performance.now() - startedAt) / 1000)} s`);

if (values.update) {
  // One scenario's --update keeps the others' figures (scenarios may be measured in separate runs).
  const git = (...args: string[]) => execFileSync("git", args, { encoding: "utf8" }).trim();
  const next: Baseline = {
    margin,
    perRequest: { ...baseline?.perRequest, ...Object.fromEntries(scenarios.map((s) => [s, Math.round(medians[s])])) } as Record<
      Scenario,
      number
    >,
    recorded: {
      date: new Date().toISOString().slice(0, 10),
      commit: git("rev-parse", "--short", "HEAD"),
      requests,
      repeats,
      spread: { ...baseline?.recorded.spread, ...spread },
    },
  };
  writeFileSync(BASELINE_FILE, `${JSON.stringify(next, null, 2)}\n`);
  console.log("baseline written to bench/instructions-baseline.json: commit it, saying why the count changed");
} else if (grown) {
  console.error(
    "instructions per request grew past the margin: find what the change added (callgrind_annotate, npm run bench -- --profile), " +
      "or, if it means to cost more, run `npm run bench:instructions -- --update` and commit the baseline with why",
  );
  process.exit(1);
}
