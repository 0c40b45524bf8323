import type { CodegenConfig } from "@graphql-codegen/cli";

const config: CodegenConfig = {
  // Introspection needs no key; or point at a copy of the server's schema/schema.graphql.
  schema: process.env.KNOUDS_GRAPHQL_URL ?? "http://127.0.0.1:3000/graphql",
  documents: ["src/**/*.ts", "!src/gql/**"],
  ignoreNoDocuments: true,
  // NodeNext: generated imports end in .js, as the module resolution requires.
  emitLegacyCommonJSImports: false,
  generates: {
    "src/gql/": {
      preset: "client",
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        // How the server's scalars travel in JSON.
        scalars: { DateTime: "string", JSON: "unknown" },
      },
    },
  },
};

export default config;
