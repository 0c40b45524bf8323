/**
 * The JSON editor's weight lands on the edit page only (docs/architecture.md#the-json-editor):
 * CodeMirror is in a chunk that no page loads with its static imports; the edit page's editor
 * component imports it dynamically when it mounts. Sizes are printed, gzip-compressed as a
 * server or proxy would send them, from what `npm run build:settings` wrote (the suite builds it
 * first) and esbuild's metafile.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { ROOT } from "../support/process.js";

const DIST = join(ROOT, "dist", "settings");

interface Output {
  entryPoint?: string;
  inputs: Record<string, unknown>;
  imports?: { path: string; kind: string }[];
}

const outputs = (JSON.parse(readFileSync(join(DIST, "meta.json"), "utf8")) as { outputs: Record<string, Output> }).outputs;
const name = (path: string) => path.split("/").pop()!;
const byName = new Map(Object.entries(outputs).map(([path, output]) => [name(path), output]));

/** A file and everything it imports statically, transitively. */
function closure(file: string, into = new Set<string>()): Set<string> {
  if (into.has(file)) return into;
  into.add(file);
  for (const imported of byName.get(file)?.imports ?? []) if (imported.kind === "import-statement") closure(name(imported.path), into);
  return into;
}

const gzip = (files: Iterable<string>) =>
  [...files].reduce((sum, file) => sum + gzipSync(readFileSync(join(DIST, file)), { level: 9 }).length, 0);

describe("the JSON editor's chunk", () => {
  const codemirror = [...byName].filter(([, output]) =>
    Object.keys(output.inputs).some((input) => input.includes("node_modules/@codemirror/view/")),
  );
  const pages = [...byName].filter(
    ([, output]) => output.entryPoint?.startsWith("src/http/settings/client/") && output.entryPoint.endsWith(".tsx"),
  );

  it("holds CodeMirror in one chunk that no page, the edit page included, loads statically", () => {
    expect(codemirror.map(([file]) => file)).toHaveLength(1);
    const [chunk] = codemirror[0]!;
    expect(pages.length).toBeGreaterThan(5);
    for (const [file, output] of pages) {
      if (output.entryPoint === "src/http/settings/client/editor/json-editor-view.ts") continue;
      expect(closure(file).has(chunk), `${output.entryPoint} loads CodeMirror`).toBe(false);
    }
    expect(closure("settings.js").has(chunk)).toBe(false);
  });

  it("is imported dynamically by the edit page's editor, and weighs under 150,000 bytes gzip", () => {
    const [chunk] = codemirror[0]!;
    const edit = pages.find(([, output]) => output.entryPoint === "src/http/settings/client/workflows/edit-page.tsx");
    expect(edit).toBeDefined();
    const reachable = [...closure(edit![0])].flatMap((file) => byName.get(file)?.imports ?? []);
    const editor = reachable.find((imported) => imported.kind === "dynamic-import" && closure(name(imported.path)).has(chunk));
    expect(editor, "the edit page imports the editor dynamically").toBeDefined();
    const editorFiles = [...closure(name(editor!.path))].filter(
      (file) => !closure("settings.js").has(file) && !closure(edit![0]).has(file),
    );
    const page = [...closure(edit![0])].filter((file) => !closure("settings.js").has(file));
    console.log(
      `[bundle] edit page: ${gzip(page)} gzip bytes of its own; then the editor: ${editorFiles.length} files, ${gzip(editorFiles)} gzip bytes (CodeMirror's chunk ${readFileSync(join(DIST, chunk)).length} bytes, ${gzip([chunk])} gzip)`,
    );
    expect(gzip(editorFiles)).toBeLessThan(150_000);
  });
});
