/**
 * The settings page, served by the API server itself: an HTML shell, one script bundled from
 * TypeScript by esbuild when the server starts (no build step to run, nothing checked in), and
 * a stylesheet. The script talks to /graphql like any other client.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
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

const SOURCE = join(projectRoot(), "src", "http", "settings");

async function bundleClient(): Promise<string> {
  const result = await build({
    entryPoints: [join(SOURCE, "client", "main.ts")],
    bundle: true,
    write: false,
    format: "esm",
    target: "es2022",
    minify: true,
    legalComments: "none",
    logLevel: "silent",
  });
  return result.outputFiles[0]!.text;
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
  const [script, stylesheet] = await Promise.all([bundleClient(), Promise.resolve(readFileSync(join(SOURCE, "settings.css"), "utf8"))]);
  const favicon = readFileSync(join(SOURCE, "favicon.svg"));
  const shell = (_request: unknown, reply: FastifyReply) => pageHeaders(reply, "no-store").type("text/html; charset=utf-8").send(SHELL);

  app.get("/", (_request, reply) => reply.redirect("/settings/api-keys"));
  app.get("/sign-in", shell);
  app.get("/sign-up", shell);
  app.get("/settings", (_request, reply) => reply.redirect("/settings/api-keys"));
  app.get("/settings/api-keys", shell);
  app.get("/settings/security-log", shell);
  app.get("/assets/settings.js", (_request, reply) =>
    pageHeaders(reply, "no-cache").type("text/javascript; charset=utf-8").send(script),
  );
  // Browsers ask for /favicon.ico on any page (a JSON answer too); one SVG serves both names.
  const icon = (_request: unknown, reply: FastifyReply) => pageHeaders(reply, "public, max-age=86400").type("image/svg+xml").send(favicon);
  app.get("/favicon.svg", icon);
  app.get("/favicon.ico", icon);
  app.get("/assets/settings.css", (_request, reply) => pageHeaders(reply, "no-cache").type("text/css; charset=utf-8").send(stylesheet));
};
