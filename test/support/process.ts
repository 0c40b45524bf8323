/** Runs the real entry points (`npm start`'s build, the CLI) as child processes. */
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { appendFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { suiteRoot } from "./suite.js";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));

export interface RunningProcess {
  child: ChildProcess;
  url: string;
  output: string[];
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
}

/**
 * The environment a child process gets: this one's, less MONGODB_URI (set to run the store
 * contract suite against MongoDB; a child uses the embedded store unless a test says otherwise),
 * plus `env`.
 */
function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const { MONGODB_URI: _mongo, ...inherited } = process.env;
  return { ...inherited, ...env };
}

/** Starts `node <entry>` with PORT=0 and resolves once it logs the URL it listens on. */
export async function startProcess(args: string[], env: Record<string, string>): Promise<RunningProcess> {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: childEnv({ PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "info", ...env }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  const logFile = join(suiteRoot(), `process-${child.pid}.log`);
  const keep = (line: string) => {
    output.push(line);
    appendFileSync(logFile, `${line}\n`);
  };
  createInterface({ input: child.stderr! }).on("line", keep);
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL logged in 30 s:\n${output.join("\n")}`)), 30_000);
    createInterface({ input: child.stdout! }).on("line", (line) => {
      keep(line);
      const match = /"url":"(http:[^"]+)"/.exec(line);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before listening:\n${output.join("\n")}`));
    });
  });
  return {
    child,
    url,
    output,
    async stop() {
      if (child.exitCode !== null) return child.exitCode;
      child.kill("SIGTERM");
      const [code] = (await once(child, "exit")) as [number | null];
      return code;
    },
  };
}

/** Runs a command to completion and returns its exit code and output. */
export async function run(
  command: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(command, args, { cwd: ROOT, env: childEnv(env), stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(child, "exit")) as [number | null];
  return { code, stdout, stderr };
}
