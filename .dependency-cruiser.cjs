/**
 * The layer order of src/, checked by `npm test` (npm run lint). Each layer imports only
 * the layers below it, and nothing imports in a circle:
 *
 *   domain, lib  <-  store port  <-  services  <-  adapters, transports  <-  composition root
 *
 * - domain/      pure rules and the types every layer shares; imports nothing of ours
 * - lib/         general helpers that belong to no layer (serial queues, chunked writes)
 * - store/*.ts   the storage port: interfaces and what both adapters share
 * - services     auth/, limits/, runtime/, audit/, usage/, observability/, redis/, config.ts, services.ts
 * - adapters     store/sqlite/, store/mongo/ (implement the port; know nothing of services)
 * - transports   graphql/, http/ (call services; never an adapter directly); inside graphql/,
 *                the builder and shared pieces (graphql/*.ts) <- types/ and server/, types never
 *                importing server/
 * - root         server.ts, main.ts, cli.ts, cli/, check-key.ts: build and wire everything
 * docs/architecture.md explains why.
 */
const DOMAIN = "^src/domain/";
const LIB = "^src/lib/";
const PORT = "^src/store/[^/]+\\.ts$";
const SERVICES = "^src/(auth|limits|runtime|audit|usage|observability|redis)/|^src/(config|services)\\.ts$";
const ADAPTERS = "^src/store/(sqlite|mongo)/";
const TRANSPORTS = "^src/(graphql|http)/";

const only = (name, from, allowed) => ({
  name,
  severity: "error",
  comment: `${name}: ${from} may import only ${allowed.join(", ")}`,
  from: { path: from },
  to: { path: "^src/", pathNot: allowed },
});

module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "Modules that import each other, directly or through others, cannot be understood or tested one at a time.",
      from: {},
      to: { circular: true },
    },
    only("domain-imports-domain", DOMAIN, [DOMAIN]),
    only("lib-imports-lib", LIB, [LIB]),
    only("port-imports-down", PORT, [DOMAIN, LIB, PORT]),
    only("services-import-down", SERVICES, [DOMAIN, LIB, PORT, SERVICES]),
    only("adapters-import-down", ADAPTERS, [DOMAIN, LIB, PORT, "^src/store/$1/"]),
    only("transports-import-down", TRANSPORTS, [DOMAIN, LIB, PORT, SERVICES, TRANSPORTS]),
    {
      name: "graphql-types-apart-from-server",
      severity: "error",
      comment:
        "GraphQL types (graphql/types/) are built on the builder; the server plumbing (graphql/server/) runs them: types never import it",
      from: { path: "^src/graphql/types/" },
      to: { path: "^src/graphql/server/" },
    },
    {
      name: "graphql-builder-below-types",
      severity: "error",
      comment:
        "The builder and what types share (graphql/*.ts) sit below the types and the server plumbing; only schema.ts gathers the types",
      from: { path: "^src/graphql/[^/]+\\.ts$", pathNot: "^src/graphql/(schema|print-schema)\\.ts$" },
      to: { path: "^src/graphql/(types|server)/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^src/http/settings/client/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { extensions: [".ts", ".js"] },
  },
};
