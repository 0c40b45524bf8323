import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // graphql ships ESM (.mjs) and CJS builds; packages that require() it would otherwise load
    // a second copy beside ours ("Cannot use GraphQLObjectType from another module or realm").
    alias: { graphql: require.resolve("graphql") },
  },
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/support/build-settings.ts", "test/support/global-setup.ts"],
    // Generous: a test that waits on a loaded machine must not fail for taking long.
    testTimeout: 180_000,
    hookTimeout: 180_000,
    // Likewise for a test worker's exit: with the default 10 s, a worker that took longer to stop
    // on a loaded machine (the instruction guard running beside the suite) failed the whole run
    // after every test had passed ("Timeout terminating forks worker").
    teardownTimeout: 120_000,
    pool: "forks",
  },
});
