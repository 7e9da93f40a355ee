import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { lexicographicSortSchema, printSchema } from "graphql";
import { projectRoot } from "./common/paths";
import { createSchema } from "./schema";

/**
 * `npm run schema:write` writes schema.graphql from the code;
 * `npm run schema:check` fails when the committed file differs from it.
 */
async function main(): Promise<void> {
  const sdl = printSchema(lexicographicSortSchema(await createSchema())) + "\n";
  const file = join(projectRoot(), "schema.graphql");
  if (process.argv[2] === "--write") {
    writeFileSync(file, sdl);
    console.log(`wrote ${file}`);
    return;
  }
  const committed = readFileSync(file, "utf8");
  if (committed !== sdl) {
    console.error("schema.graphql differs from the schema the code emits; run `npm run schema:write` and commit it");
    process.exit(1);
  }
  console.log("schema.graphql matches the code");
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
