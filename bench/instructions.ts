/**
 * npm run bench:instructions [-- --update] [-- --scenario rest|graphql|create|all] [-- --repeats 3] [-- --requests 500] [-- --warm-up 3] [-- --checkout DIR]
 *
 * The guard: CPU instructions the server runs per request, counted by valgrind's callgrind, for
 * REST run, GraphQL runWorkflow and createApiKey, compared with bench/instructions-baseline.json.
 * Unlike req/s, the count does not move with the machine's speed or load (measured:
 * docs/benchmark.md "The instruction guard"). Exits 1 when a scenario's median grows by more than
 * the baseline's margin; `--update` writes the measured medians as the new baseline (a change
 * that means to cost more updates it in the same commit, and says why).
 *
 * One server under callgrind answers every scenario, one request at a time. What it counts is
 * what a request makes the server do, and nothing whose amount depends on how long the run
 * takes: V8 runs without its optimizing compiler (whose compiles kept landing in the windows
 * after 4,000 requests, at a different time on every run) and without background threads; the
 * old generation starts at 4 GiB, so no major collection falls in a window, and what garbage
 * collection does is left out and shown beside the figure; timer callbacks (flushes, sweeps) are
 * not counted; keys stay cached for the whole run. After `--warm-up` uncounted passes of every
 * scenario, each scenario is counted `--repeats` times in turn, `--requests` requests a window
 * over 500 keys and 300 sessions, and the median window is its figure. `--update --scenario X`
 * rewrites X's figure only. Only the server process is counted (autocannon runs here).
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
import { cpus, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";

const SCENARIOS = ["rest", "graphql", "create"] as const;
type Scenario = (typeof SCENARIOS)[number];
const BASELINE_FILE = new URL("./instructions-baseline.json", import.meta.url);
/**
 * Allowed growth over the baseline when the file names none: 3%, two and a half times the widest
 * spread measured between windows (1.2%, REST run with the other core busy; 0.4–0.6% quiet).
 */
const DEFAULT_MARGIN = 0.03;

interface Baseline {
  /** Allowed growth of a median over its baseline, as a fraction (0.05 = 5%). */
  margin: number;
  /** Instructions per request (garbage collection left out), median of the repeats. */
  perRequest: Record<Scenario, number>;
  recorded: {
    date: string;
    commit: string;
    requests: number;
    repeats: number;
    spread: Record<string, string>;
    /** What the count depends on besides the code: Node's version (V8's bytecode) and the CPU (the library code paths it picks). */
    node: string;
    cpu: string;
  };
}

const { values } = parseArgs({
  options: {
    scenario: { type: "string", default: "all" },
    requests: { type: "string", default: "500" },
    repeats: { type: "string", default: "3" },
    checkout: { type: "string", default: "." },
    workflow: { type: "string", default: "knouds/hello-world" },
    keys: { type: "string", default: "500" },
    "warm-up": { type: "string", default: "3" },
    update: { type: "boolean", default: false },
  },
});
const requests = Number(values.requests);
const repeats = Number(values.repeats);
const warmUpPasses = Number(values["warm-up"]);
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

const baseline: Baseline | null = existsSync(BASELINE_FILE) ? (JSON.parse(readFileSync(BASELINE_FILE, "utf8")) as Baseline) : null;
const machine = { node: process.version, cpu: cpus()[0]?.model.trim() ?? "unknown" };
const sameMachine = baseline?.recorded.node === machine.node && baseline.recorded.cpu === machine.cpu;
if (baseline && !values.update && !sameMachine) {
  // Another Node (other bytecode) or another CPU (OpenSSL's and libc's code paths follow its
  // features) counts other instructions for the same code: nothing to compare with.
  console.log(
    `bench:instructions skipped: the baseline was counted with Node ${baseline.recorded.node} on "${baseline.recorded.cpu}", ` +
      `this machine has Node ${machine.node} on "${machine.cpu}"; re-record it on main here (--update) to compare`,
  );
  process.exit(0);
}

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
 * V8 as the guard runs it (measured on 2026-12-03, docs/benchmark.md "The instruction guard"):
 * - no background threads: with them, a busy machine starved the compile thread and a window ran
 *   code not optimized yet (REST run read 731k in one window and 358k in the next);
 * - no optimizing compiler (the interpreter and the baseline compiler only): single-threaded
 *   TurboFan still compiled 70–380k instructions a request in windows after 4,000 requests of
 *   warm-up, and the rest of the count moved with it (REST run 340k, 466k, 355k; GraphQL 1,890k,
 *   1,185k, 1,110k); without it, REST run read 942k–953k in five windows under load;
 * - an old generation of 4 GiB from the start: its first limit is not reached in a run, so no
 *   major collection (hundreds of millions of instructions, at a moment set by everything
 *   allocated, timers included) falls in one window and not another.
 */
const V8_FLAGS = ["--single-threaded", "--no-opt", "--initial-old-space-size=4096"];

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
    // Timer callbacks (write-behind flushes, sweeps, pollers) run per unit of time, not per
    // request: under valgrind a request takes 50–100 times longer, and longer on a busy machine,
    // so they would run more often per request the busier the machine. Not counted: collection
    // is toggled off inside libuv's timer phase (and everything it calls).
    "--toggle-collect=uv__run_timers",
    // (--toggle-collect alone would start with collection off: count everything else.)
    "--collect-atstart=yes",
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
      // Fsync is not an instruction: one request at a time, each waiting for the disk, only made the guard slower.
      KNOUDS_SQLITE_SYNCHRONOUS: "normal",
      // Whether a key, account or workflow is still cached would depend on how long the windows took:
      // the guard counts the hot path, every key cached (each is used once a window).
      KNOUDS_KEY_CACHE_TTL_SECONDS: "3600",
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
    // One request at a time: with several in flight, how many share an event-loop turn (and so
    // one group commit, one socket write) would depend on how fast the machine answers.
    connections: 1,
    amount: requests,
    // Generous: slowness (valgrind on a busy machine) must not fail the guard.
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

// Garbage collection (scavenges of the young generation) runs when allocation, the timers'
// included, fills a space: how much of it lands in a window depends on how long the window took.
// It is shown beside the figure and left out of it; the allocation itself stays counted.
const leftOut = ["v8::internal::Heap::CollectGarbage("];
const count = (files: string[]) => {
  let instructions = 0;
  let collecting = 0;
  for (const file of files) {
    const path = join(dataDir, file);
    instructions += Number(/^totals: (\d+)/m.exec(readFileSync(path, "utf8"))?.[1] ?? 0);
    const annotated = execFileSync("callgrind_annotate", ["--inclusive=yes", "--threshold=100", path], {
      encoding: "utf8",
      maxBuffer: 1 << 28,
    });
    for (const line of annotated.split("\n")) {
      // A recursive entry ('2) is inside the outer one's inclusive count already.
      if (leftOut.some((task) => line.includes(task)) && !/'\d+ \[/.test(line))
        collecting += Number(/^\s*([\d,]+)/.exec(line)?.[1]?.replaceAll(",", "") ?? 0);
    }
  }
  return { perRequest: (instructions - collecting) / requests, collectingPerRequest: collecting / requests };
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

// Warm-up, not counted (instrumentation off, so several times faster under valgrind): passes of
// every scenario in turn, so every code path has been compiled to bytecode and baseline code,
// every key and session cached, and the store's pages read, before anything is counted.
for (let pass = 1; pass <= warmUpPasses; pass++) {
  for (const scenario of scenarios) await fire(scenario);
  process.stderr.write(`  warm-up pass ${pass} of ${warmUpPasses} done\n`);
}
const measured = new Map<Scenario, Array<{ perRequest: number; collectingPerRequest: number }>>(scenarios.map((s) => [s, []]));
for (let repeat = 0; repeat < repeats; repeat++) {
  for (const scenario of scenarios) measured.get(scenario)!.push(await window(scenario));
}
server.kill("SIGTERM");
await once(server, "exit");
if (process.env.KEEP_CALLGRIND) console.log(`callgrind files kept in ${dataDir}`);
else rmSync(dataDir, { recursive: true, force: true });

const k = (n: number) => `${Math.round(n / 1000)}k`;
const median = (numbers: number[]) => [...numbers].sort((a, b) => a - b)[numbers.length >> 1]!;
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
    `  ${scenario.padEnd(8)} ${k(medians[scenario]).padStart(6)}   windows ${figures.map(k).join(", ")}; garbage collection left out ${runs.map((r) => k(r.collectingPerRequest)).join(", ")}` +
      `   baseline ${before ? k(before) : "—"}: ${verdict}`,
  );
}
console.log(`took ${Math.round((performance.now() - startedAt) / 1000)} s`);

if (values.update) {
  // One scenario's --update keeps the others' figures (scenarios may be measured in separate runs).
  const git = (...args: string[]) => execFileSync("git", args, { encoding: "utf8" }).trim();
  const next: Baseline = {
    margin,
    // Figures counted with another Node or CPU are not kept beside these.
    perRequest: {
      ...(sameMachine ? baseline?.perRequest : {}),
      ...Object.fromEntries(scenarios.map((s) => [s, Math.round(medians[s])])),
    } as Record<Scenario, number>,
    recorded: {
      date: new Date().toISOString().slice(0, 10),
      commit: git("rev-parse", "--short", "HEAD"),
      requests,
      repeats,
      spread: { ...(sameMachine ? baseline?.recorded.spread : {}), ...spread },
      ...machine,
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
