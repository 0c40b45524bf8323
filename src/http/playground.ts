/**
 * The GraphQL playground (yoga's GraphiQL), served entirely by this server: yoga's default
 * page loads its scripts from unpkg.com, which fails on an offline box and runs a third
 * party's code on the origin that holds the session cookie. The assets come from the
 * @graphql-yoga/render-graphiql package (read when first asked for, ~9 MB) and are served
 * under a versioned path with a strict Content-Security-Policy: no inline script, no CDN.
 */
import { createRequire } from "node:module";
import { promisify } from "node:util";
import { gzip } from "node:zlib";
import type { FastifyPluginAsync, FastifyReply } from "fastify";
import { KnoudsError } from "../domain/errors.js";
import { sendError } from "./errors.js";

const gzipAsync = promisify(gzip);

const VERSION = (createRequire(import.meta.url)("@graphql-yoga/render-graphiql/package.json") as { version: string }).version;
const BASE = `/playground/${VERSION}`;

export const PLAYGROUND_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  // Monaco sets styles from script; its workers run from our own URLs.
  "style-src 'self' 'unsafe-inline'",
  "worker-src 'self'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join("; ");

/**
 * Runs before GraphiQL renders. Two things yoga's GraphiQL gets wrong for us:
 *
 * - A returning visitor's saved tabs (localStorage `graphiql:tabState`). With a custom
 *   `defaultQuery`, yoga passes no `initialQuery` (unless the URL has `?query=`); GraphiQL then
 *   looks for a saved tab matching an empty document, finds none, and opens a new blank tab in
 *   front of the saved ones. So: blank saved tabs are dropped (none left: the welcome document
 *   again), and the active saved tab's document is passed as the initial one, which GraphiQL
 *   matches to that tab and keeps.
 * - yoga's fetcher parses the document in the browser and a syntax error surfaces as a thrown
 *   Error, which GraphiQL prints with its stack. This fetcher sends the text as is: the server
 *   answers a syntax error with a one-line GRAPHQL_PARSE_FAILED, and a failure to reach it is
 *   one line too. (The schema has no subscriptions, @defer or uploads, so a POST is all it takes.)
 */
const INIT = `"use strict";
(() => {
const options = JSON.parse(document.getElementById("playground-options").textContent);
self.MonacoEnvironment = {
  globalAPI: false,
  getWorkerUrl: (_moduleId, label) =>
    "${BASE}/" + (label === "json" ? "json" : label === "graphql" ? "graphql" : "editor") + ".worker.js",
};

const TABS = "graphiql:tabState";
const blank = (text) => typeof text !== "string" || text.trim() === "";
function restoreTabs() {
  if (new URL(location.href).searchParams.get("query")) return;
  let state;
  try {
    state = JSON.parse(localStorage.getItem(TABS) ?? "null");
  } catch {
    state = null;
  }
  if (!state || !Array.isArray(state.tabs)) return localStorage.removeItem(TABS);
  const active = state.tabs[state.activeTabIndex];
  const tabs = state.tabs.filter((tab) => tab && typeof tab === "object" && !blank(tab.query));
  if (tabs.length === 0) return localStorage.removeItem(TABS);
  const index = Math.max(0, tabs.indexOf(active));
  localStorage.setItem(TABS, JSON.stringify({ ...state, tabs, activeTabIndex: index }));
  const tab = tabs[index];
  options.initialQuery = tab.query;
  options.initialVariables = tab.variables ?? "";
  options.initialHeaders = tab.headers ?? "";
}
try {
  restoreTabs();
} catch {
  // No localStorage (blocked by the browser): GraphiQL starts from the welcome document.
}

const endpoint = new URL(location.pathname, location.href).toString();
options.fetcher = async (params, opts) => {
  let response;
  try {
    response = await fetch(endpoint, {
      method: "POST",
      credentials: "same-origin",
      headers: {
        ...(opts && opts.headers),
        "content-type": "application/json",
        accept: "application/graphql-response+json, application/json",
      },
      body: JSON.stringify({ query: params.query, variables: params.variables, operationName: params.operationName }),
    });
  } catch {
    return { errors: [{ message: "The server could not be reached" }] };
  }
  try {
    return await response.json();
  } catch {
    return { errors: [{ message: "The server answered " + response.status + " without a GraphQL answer" }] };
  }
};

YogaGraphiQL.renderYogaGraphiQL(document.getElementById("root"), options);
})();
`;

/** The page yoga serves at /graphql to browsers; `options` are yoga's GraphiQL options. */
export function playgroundHtml(options: Record<string, unknown>): string {
  // JSON in a non-executable block; "<" escaped so nothing in it can close the element.
  const json = JSON.stringify(options).replaceAll("<", "\\u003c");
  const title = String(options.title ?? "GraphQL playground").replace(/[<>&"]/g, "");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${title}</title>
<link rel="icon" href="${BASE}/favicon.ico">
<link rel="stylesheet" href="${BASE}/graphiql.css">
</head>
<body id="body" class="no-focus-outline">
<noscript>The playground needs JavaScript.</noscript>
<div id="root"></div>
<script type="application/json" id="playground-options">${json}</script>
<script src="${BASE}/graphiql.js"></script>
<script src="${BASE}/init.js"></script>
</body>
</html>
`;
}

interface Asset {
  type: string;
  body: Buffer;
  /** gzip of `body`, made once: graphiql.js alone is 5 MB. */
  gzipped: Buffer;
}
let assets: Promise<Map<string, Asset>> | undefined;

function loadAssets(): Promise<Map<string, Asset>> {
  assets ??= import("@graphql-yoga/render-graphiql/graphiql").then(async (m) => {
    // Compressed off the event loop (zlib's thread pool), so API requests never wait on it.
    const asset = async (type: string, body: Buffer): Promise<Asset> => ({ type, body, gzipped: await gzipAsync(body) });
    const text = (type: string, body: string) => asset(`${type}; charset=utf-8`, Buffer.from(body, "utf8"));
    const favicon = Buffer.from(m.favicon.slice(m.favicon.indexOf(",") + 1), "base64");
    const named: Array<[string, Promise<Asset>]> = [
      ["graphiql.js", text("text/javascript", m.js)],
      ["graphiql.css", text("text/css", m.css)],
      ["editor.worker.js", text("text/javascript", m.editorWorkerService)],
      ["json.worker.js", text("text/javascript", m.jsonWorker)],
      ["graphql.worker.js", text("text/javascript", m.graphqlWorker)],
      ["init.js", text("text/javascript", INIT)],
      ["favicon.ico", asset("image/x-icon", favicon)],
    ];
    return new Map(await Promise.all(named.map(async ([name, made]) => [name, await made] as const)));
  });
  return assets;
}

/** Whether Accept-Encoding allows gzip (named, or `*`, with a q-value above 0). */
function acceptsGzip(header: string | undefined): boolean {
  for (const part of (header ?? "").split(",")) {
    const [name = "", ...params] = part.split(";").map((s) => s.trim().toLowerCase());
    if (name !== "gzip" && name !== "*") continue;
    const q = params.find((p) => p.startsWith("q="));
    if (q === undefined || Number(q.slice(2)) > 0) return true;
  }
  return false;
}

function assetHeaders(reply: FastifyReply): FastifyReply {
  return (
    reply
      .header("content-security-policy", PLAYGROUND_CSP)
      .header("x-content-type-options", "nosniff")
      // The path carries the version, so a browser may keep them.
      .header("cache-control", "public, max-age=31536000, immutable")
  );
}

export const playgroundAssets: FastifyPluginAsync = async (app) => {
  app.get<{ Params: { asset: string } }>(`${BASE}/:asset`, async (request, reply) => {
    const asset = (await loadAssets()).get(request.params.asset);
    if (!asset) return sendError(KnoudsError.notFound(), request, reply);
    assetHeaders(reply).type(asset.type).header("vary", "accept-encoding");
    if (acceptsGzip(request.headers["accept-encoding"])) {
      return reply.header("content-encoding", "gzip").send(asset.gzipped);
    }
    return reply.send(asset.body);
  });
};
