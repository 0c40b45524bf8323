/**
 * `npm install` prints no warning docs/operating.md#install-warnings does not explain: the
 * install scripts it would flag are approved in package.json, and each EBADENGINE package is in
 * the section's table. A dry run against the lockfile, offline: nothing is fetched or written.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, run } from "../support/process.js";

function installWarningsSection(): string {
  const text = readFileSync(join(ROOT, "docs", "operating.md"), "utf8");
  const start = text.indexOf("## Install warnings");
  expect(start).toBeGreaterThan(-1);
  const end = text.indexOf("\n## ", start + 1);
  return text.slice(start, end === -1 ? undefined : end);
}

describe("npm install's warnings", () => {
  it("are only the EBADENGINE ones the install-warnings section lists", async () => {
    const result = await run("npm", ["install", "--dry-run", "--prefer-offline", "--no-audit", "--no-fund"]);
    expect(result.code, result.stderr).toBe(0);
    const section = installWarningsSection();
    const unexplained: string[] = [];
    for (const line of result.stderr.split("\n").filter((l) => l.startsWith("npm warn"))) {
      if (line.startsWith("npm warn EBADENGINE")) {
        // The block's `package:` line names the package; its other lines are the block's frame.
        const named = /package: '(@?[^@']+)@/.exec(line);
        if (named && !section.includes(`\`${named[1]}@`)) unexplained.push(line);
        continue;
      }
      unexplained.push(line);
    }
    expect(unexplained).toEqual([]);
  }, 60_000);

  it("approve exactly the install scripts the section names", () => {
    const { allowScripts } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { allowScripts?: Record<string, boolean> };
    const section = installWarningsSection();
    expect(allowScripts).toEqual({ "better-sqlite3": true, esbuild: true });
    for (const name of Object.keys(allowScripts!)) expect(section).toContain(`"${name}": true`);
  });
});
