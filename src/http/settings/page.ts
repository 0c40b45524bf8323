/**
 * The settings page, served by the API server itself: an HTML shell, one script bundled from
 * TypeScript (client/, with its own tsconfig for the DOM) and a stylesheet. `npm run build`
 * writes both, and the favicon, to dist/settings/ (the build:settings script); the server reads
 * them there when it starts, whether it runs from dist/src/ or from src/ (tests, `npm run dev`).
 * The script talks to /graphql like any other client.
 */
import { existsSync, readFileSync } from "node:fs";
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

/** What `npm run build` (build:settings) wrote for the page. */
function builtAsset(name: string): Buffer {
  const file = join(projectRoot(), "dist", "settings", name);
  if (!existsSync(file)) throw new Error(`settings page: ${file} is missing; run \`npm run build\` first`);
  return readFileSync(file);
}

const SHELL = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Knouds — Settings</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/assets/settings.css">
<script type="module" src="/assets/settings.js"></script>
</head>
<body>
<div id="app"><noscript>The Knouds settings page needs JavaScript.</noscript></div>
</body>
</html>
`;

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
  const script = builtAsset("settings.js");
  const stylesheet = builtAsset("settings.css");
  const favicon = builtAsset("favicon.svg");
  const shell = (_request: unknown, reply: FastifyReply) => pageHeaders(reply, "no-store").type("text/html; charset=utf-8").send(SHELL);

  app.get("/", (_request, reply) => reply.redirect("/settings/api-keys"));
  app.get("/sign-in", shell);
  app.get("/sign-up", shell);
  app.get("/settings", (_request, reply) => reply.redirect("/settings/api-keys"));
  app.get("/settings/api-keys", shell);
  app.get("/settings/security-log", shell);
  app.get("/assets/settings.js", (_request, reply) => pageHeaders(reply, "no-cache").type("text/javascript; charset=utf-8").send(script));
  // Browsers ask for /favicon.ico on any page (a JSON answer too); one SVG serves both names.
  const icon = (_request: unknown, reply: FastifyReply) => pageHeaders(reply, "public, max-age=86400").type("image/svg+xml").send(favicon);
  app.get("/favicon.svg", icon);
  app.get("/favicon.ico", icon);
  app.get("/assets/settings.css", (_request, reply) => pageHeaders(reply, "no-cache").type("text/css; charset=utf-8").send(stylesheet));
};
