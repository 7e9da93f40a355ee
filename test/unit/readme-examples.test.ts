import { readFileSync } from "node:fs";
import { join } from "node:path";
import { buildSchema, DocumentNode, Kind, NoDeprecatedCustomRule, parse, specifiedRules, validate } from "graphql";

/**
 * The README's GraphQL examples are what people copy first: each operation in
 * them must validate against schema.graphql, without deprecated fields.
 */
const root = join(__dirname, "..", "..");
const schema = buildSchema(readFileSync(join(root, "schema.graphql"), "utf8"));
const readme = readFileSync(join(root, "README.md"), "utf8");
const blocks = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]);

describe("README examples", () => {
  it("has GraphQL examples", () => {
    expect(blocks.length).toBeGreaterThan(5);
  });

  it.each(blocks.map((b, i) => [i + 1, b.split("\n")[0], b] as const))(
    "example %d (%s) validates against the schema",
    (_n, _first, block) => {
      // A block may hold several operations; each is validated on its own.
      for (const definition of parse(block).definitions) {
        const doc: DocumentNode = { kind: Kind.DOCUMENT, definitions: [definition] };
        const errors = validate(schema, doc, [...specifiedRules, NoDeprecatedCustomRule]).map((e) => e.message);
        expect(errors).toEqual([]);
      }
    },
  );
});
