/**
 * The web app, served by the API server itself: an HTML shell, the app's script (client/, Preact
 * components in TSX with their own tsconfig for the DOM) split by esbuild into an entry
 * (settings.js) and chunks (chunk-*.js: code the pages share, and each page loaded when first
 * opened), and a stylesheet. `npm run build` writes them, and the favicon, to dist/settings/ (the
 * build:settings script); the server reads them there when it starts, whether it runs from
 * dist/src/ or from src/ (tests, `npm run dev`). The script talks to /graphql like any other client.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { FastifyPluginAsync, FastifyReply } from "fastify";

/** The project folder, found from here whether running from src/ (tsx) or dist/src/ (npm start). */
function projectRoot(): string {
  let folder = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(folder, "package.json"))) {
    const parent = dirname(folder);
    if (parent === folder) throw new Error("settings page: package.json not found above the server code");
    folder = parent;
  }
  return folder;
}

function builtFolder(): string {
  return join(projectRoot(), "dist", "settings");
}

/** What `npm run build` (build:settings) wrote for the page. */
function builtAsset(name: string): Buffer {
  const file = join(builtFolder(), name);
  if (!existsSync(file)) throw new Error(`settings page: ${file} is missing; run \`npm run build\` first`);
  return readFileSync(file);
}

/** The chunks the entry imports statically (from esbuild's metafile): preloaded with it, not one after another. */
function entryChunks(): string[] {
  const metafile = join(builtFolder(), "meta.json");
  if (!existsSync(metafile)) return [];
  const meta = JSON.parse(readFileSync(metafile, "utf8")) as { outputs: Record<string, { imports?: { path: string; kind: string }[] }> };
  const entry = Object.entries(meta.outputs).find(([path]) => path.endsWith("/settings.js"))?.[1];
  return (entry?.imports ?? []).filter((i) => i.kind === "import-statement").map((i) => i.path.split("/").pop()!);
}

function shellHtml(preload: string[]): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Knouds</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/assets/settings.css">
<script type="module" src="/assets/settings.js"></script>
${preload.map((name) => `<link rel="modulepreload" href="/assets/${name}">\n`).join("")}</head>
<body>
<div id="app"><noscript>The Knouds web app needs JavaScript.</noscript></div>
</body>
</html>
`;
}

/** The app's pages: each is the shell; the script shows the page for the address. */
const APP_PATHS = ["/", "/sign-in", "/sign-up", "/settings/api-keys", "/settings/security-log", "/workflows", "/workflows/*", "/runs"];

function pageHeaders(reply: FastifyReply, cacheControl: string): FastifyReply {
  return reply
    .header(
      "content-security-policy",
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
    )
    .header("x-content-type-options", "nosniff")
    .header("referrer-policy", "no-referrer")
    .header("cache-control", cacheControl);
}

export const settingsPage: FastifyPluginAsync = async (app) => {
  // The entry and every chunk esbuild wrote (chunk-*.js), each under /assets/ with the same headers.
  const scripts = readdirSync(builtFolder()).filter((name) => /^(settings|chunk-[A-Z0-9]+)\.js$/.test(name));
  if (!scripts.includes("settings.js")) builtAsset("settings.js");
  const stylesheet = builtAsset("settings.css");
  const favicon = builtAsset("favicon.svg");
  const html = shellHtml(entryChunks());
  const shell = (_request: unknown, reply: FastifyReply) => pageHeaders(reply, "no-store").type("text/html; charset=utf-8").send(html);

  for (const path of APP_PATHS) app.get(path, shell);
  app.get("/settings", (_request, reply) => reply.redirect("/settings/api-keys"));
  for (const name of scripts) {
    const script = builtAsset(name);
    app.get(`/assets/${name}`, (_request, reply) => pageHeaders(reply, "no-cache").type("text/javascript; charset=utf-8").send(script));
  }
  // Browsers ask for /favicon.ico on any page (a JSON answer too); one SVG serves both names.
  const icon = (_request: unknown, reply: FastifyReply) => pageHeaders(reply, "public, max-age=86400").type("image/svg+xml").send(favicon);
  app.get("/favicon.svg", icon);
  app.get("/favicon.ico", icon);
  app.get("/assets/settings.css", (_request, reply) => pageHeaders(reply, "no-cache").type("text/css; charset=utf-8").send(stylesheet));
};
