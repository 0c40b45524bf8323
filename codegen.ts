import type { CodegenConfig } from "@graphql-codegen/cli";

/**
 * Typed documents from the checked-in schema. Run `npm run codegen` after changing
 * schema/schema.graphql or any graphql(`...`) document under test/ or the settings page.
 */
const shared = {
  useTypeImports: true,
  enumsAsTypes: true,
  scalars: { DateTime: "string", JSON: "unknown" },
};

const config: CodegenConfig = {
  schema: "schema/schema.graphql",
  ignoreNoDocuments: true,
  emitLegacyCommonJSImports: false,
  generates: {
    // The tests send documents through graphql-js (`print`).
    "test/gql/": {
      documents: ["test/**/*.ts", "!test/gql/**"],
      preset: "client",
      config: shared,
      presetConfig: { fragmentMasking: false },
    },
    // The settings page sends typed strings, so its bundle needs no GraphQL library.
    "src/http/settings/client/gql/": {
      documents: ["src/http/settings/client/**/*.{ts,tsx}", "!src/http/settings/client/gql/**"],
      preset: "client",
      config: { ...shared, documentMode: "string" },
      presetConfig: { fragmentMasking: false },
    },
  },
};

export default config;
