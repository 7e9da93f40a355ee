import type { CodegenConfig } from "@graphql-codegen/cli";

/**
 * Types the console's operations from the committed schema.graphql (GraphQL
 * Code Generator's client preset; paths from the repository's root): each `graphql(...)` call next to the
 * component that uses it returns a typed document. Generating fails when an
 * operation does not validate against the schema; `npm run typecheck` runs
 * it with `--check`, which also fails when the committed output is stale.
 */
const config: CodegenConfig = {
  schema: "schema.graphql",
  documents: ["web/console/src/**/*.{ts,tsx}", "!web/console/src/graphql/**"],
  ignoreNoDocuments: false,
  generates: {
    "web/console/src/graphql/": {
      preset: "client",
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { DateTimeISO: "string", JSONObject: "Record<string, unknown>" },
      },
    },
  },
};

export default config;
