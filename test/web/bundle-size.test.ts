/**
 * What a browser downloads for each page of the web app, from what `npm run build:settings`
 * wrote (the suite builds it first) and esbuild's metafile: the entry (settings.js), the chunks
 * it imports, the page's own chunk and what that imports, and the stylesheet, each gzip-compressed
 * as a server or proxy would send it. A generous ceiling: the app must stay small (a page of a
 * few components, not a framework's worth). The sizes are printed; docs/architecture.md
 * reports them.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { ROOT } from "../support/process.js";

const DIST = join(ROOT, "dist", "settings");

interface Output {
  entryPoint?: string;
  imports?: { path: string; kind: string }[];
}

const outputs = (JSON.parse(readFileSync(join(DIST, "meta.json"), "utf8")) as { outputs: Record<string, Output> }).outputs;
const name = (path: string) => path.split("/").pop()!;

/** The files a module needs loaded before it runs: itself and its static imports, transitively. */
function closure(file: string, into = new Set<string>()): Set<string> {
  if (into.has(file)) return into;
  into.add(file);
  const output = Object.entries(outputs).find(([path]) => name(path) === file)?.[1];
  for (const imported of output?.imports ?? []) if (imported.kind === "import-statement") closure(name(imported.path), into);
  return into;
}

function pageChunk(entryPoint: string): string {
  const found = Object.entries(outputs).find(([, output]) => output.entryPoint === entryPoint);
  if (!found) throw new Error(`no chunk for ${entryPoint} in meta.json`);
  return name(found[0]);
}

function sent(page: string): { files: number; raw: number; gzip: number } {
  const files = new Set([...closure("settings.js"), ...closure(pageChunk(`src/http/settings/client/${page}`)), "settings.css"]);
  let raw = 0;
  let gzip = 0;
  for (const file of files) {
    const content = readFileSync(join(DIST, file));
    raw += content.length;
    gzip += gzipSync(content, { level: 9 }).length;
  }
  return { files: files.size, raw, gzip };
}

describe("web app bundle size", () => {
  it("sends at most 60,000 bytes (gzip) for the API Keys page, and less for sign-in", () => {
    const pages = ["pages/sign-in.tsx", "pages/sign-up.tsx", "pages/api-keys.tsx", "pages/security-log.tsx"];
    const sizes = Object.fromEntries(pages.map((page) => [page, sent(page)]));
    console.log(
      pages.map((page) => `[bundle] ${page}: ${sizes[page]!.files} files, ${sizes[page]!.raw} bytes, ${sizes[page]!.gzip} gzip`).join("\n"),
    );
    expect(sizes["pages/api-keys.tsx"]!.gzip).toBeLessThanOrEqual(60_000);
    expect(sizes["pages/sign-in.tsx"]!.gzip).toBeLessThan(sizes["pages/api-keys.tsx"]!.gzip);
    // Pages load lazily: the keys page's code is not in what sign-in downloads.
    expect(closure("settings.js").has(pageChunk("src/http/settings/client/pages/api-keys.tsx"))).toBe(false);
  });
});
