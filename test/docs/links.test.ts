/**
 * The docs hold together: every relative link in README.md, CHANGELOG.md and docs/ names a file
 * that exists and a heading that is there, and so does every `docs/….md#…` pointer written in
 * the code, tests, benchmark and CI script.
 */
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join, normalize, relative } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..", "..");

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}_\- ]/gu, "")
    .replace(/ /g, "-");
}

function withoutCodeBlocks(text: string): string {
  return text.replace(/```[\s\S]*?```/g, "");
}

function anchorsOf(file: string): Set<string> {
  const anchors = new Set<string>();
  for (const line of withoutCodeBlocks(readFileSync(file, "utf8")).split("\n")) {
    const heading = /^#{1,6} (.*)$/.exec(line);
    if (heading) anchors.add(slug(heading[1]!));
  }
  return anchors;
}

function filesUnder(folder: string, keep: (path: string) => boolean): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (name === "node_modules" || name === "gql") return [];
    return statSync(path).isDirectory() ? filesUnder(path, keep) : keep(path) ? [path] : [];
  });
}

/** What is wrong with `link` written in `from`, or null when it resolves. */
function brokenLink(from: string, link: string): string | null {
  const [path = "", fragment] = link.split("#");
  const target = path === "" ? from : normalize(join(dirname(from), path));
  if (!existsSync(target)) return `${relative(ROOT, from)}: ${link} (no such file)`;
  if (fragment && target.endsWith(".md") && !anchorsOf(target).has(fragment)) return `${relative(ROOT, from)}: ${link} (no such heading)`;
  return null;
}

describe("documentation links", () => {
  it("every relative link in README.md, CHANGELOG.md and docs/ resolves to a file and heading", () => {
    const pages = [join(ROOT, "README.md"), join(ROOT, "CHANGELOG.md"), ...filesUnder(join(ROOT, "docs"), (p) => p.endsWith(".md"))];
    const broken: string[] = [];
    let checked = 0;
    for (const page of pages) {
      for (const match of withoutCodeBlocks(readFileSync(page, "utf8")).matchAll(/\]\(([^)\s]+)\)/g)) {
        const link = match[1]!;
        if (/^(https?:|mailto:)/.test(link)) continue;
        checked++;
        const problem = brokenLink(page, link);
        if (problem) broken.push(problem);
      }
    }
    expect(checked).toBeGreaterThan(20);
    expect(broken).toEqual([]);
  });

  it("every docs/….md#… pointer in the code, tests, benchmark and CI script resolves", () => {
    const sources = ["src", "test", "bench", ".ci"].flatMap((folder) => filesUnder(join(ROOT, folder), () => true));
    const broken: string[] = [];
    let checked = 0;
    for (const source of sources) {
      for (const match of readFileSync(source, "utf8").matchAll(/docs\/[a-z-]+\.md(#[a-z0-9_-]+)?/g)) {
        checked++;
        const problem = brokenLink(join(ROOT, "README.md"), match[0]);
        if (problem) broken.push(`${relative(ROOT, source)} points to ${match[0]}: ${problem}`);
      }
    }
    expect(checked).toBeGreaterThan(10);
    expect(broken).toEqual([]);
  });
});
