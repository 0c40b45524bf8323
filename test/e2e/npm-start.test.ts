/**
 * `kill <pid of npm start>` stops the server: npm passes SIGTERM to its script's process,
 * and the script is the server itself (exec), not a shell that would die and leave it running.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { describe, expect, it } from "vitest";
import { ROOT } from "../support/process.js";
import { tempDataDir } from "../support/server.js";

async function answers(url: string): Promise<boolean> {
  return fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) }).then(
    () => true,
    () => false,
  );
}

describe("npm start", () => {
  it("stops the server when the npm process gets SIGTERM", { timeout: 240_000 }, async () => {
    const npm = spawn("npm", ["start"], {
      cwd: ROOT,
      env: { ...process.env, PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "info", KNOUDS_DATA_DIR: tempDataDir() },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const output: string[] = [];
    createInterface({ input: npm.stderr }).on("line", (line) => output.push(line));
    let serverPid: number | undefined;
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL logged:\n${output.join("\n")}`)), 200_000);
      createInterface({ input: npm.stdout }).on("line", (line) => {
        output.push(line);
        const match = /"url":"(http:[^"]+)"/.exec(line);
        serverPid ??= Number(/"pid":(\d+)/.exec(line)?.[1]) || undefined;
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      });
    });
    expect(await answers(url)).toBe(true);
    npm.kill("SIGTERM");
    await once(npm, "exit");
    let running = true;
    for (let attempt = 0; attempt < 20 && running; attempt++) {
      running = await answers(url);
      if (running) await new Promise((resolve) => setTimeout(resolve, 500));
    }
    // Left running, the server would outlive the suite: stop it by the pid it logged.
    if (running && serverPid !== undefined) process.kill(serverPid, "SIGTERM");
    expect(running, `the server at ${url} still answers after npm exited`).toBe(false);
    expect(output.join("\n")).toContain(`"signal":"SIGTERM"`);
  });
});
