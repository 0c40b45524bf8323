import type { CodegenConfig } from "@graphql-codegen/cli";

/**
 * Typed documents from the checked-in schema. Run `npm run codegen` after changing
 * schema/schema.graphql or any graphql(`...`) document under test/.
 */
const config: CodegenConfig = {
  schema: "schema/schema.graphql",
  documents: ["test/**/*.ts", "!test/gql/**"],
  ignoreNoDocuments: true,
  emitLegacyCommonJSImports: false,
  generates: {
    "test/gql/": {
      preset: "client",
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { DateTime: "string", JSON: "unknown" },
      },
      presetConfig: { fragmentMasking: false },
    },
  },
};

export default config;
