import { readSeed } from "./files";
import { checkIntegrity } from "./integrity";

/** `npm run seed:check`: validates the seed files without touching a database. */
function main(): void {
  const dir = process.argv[2];
  const { inventory, problems } = readSeed(dir);
  const all = [...problems, ...checkIntegrity(inventory)];
  const counts = [
    `${inventory.listings.length} listings`,
    `${inventory.organisations.length} organisations`,
    `${inventory.documents.length} documents`,
    `${inventory.capabilities.length} capabilities`,
    `${inventory.classificationSchemes.length} classification schemes`,
    `${inventory.jurisdictionGroups.length} jurisdiction groups`,
    `${inventory.schemeMappings.length} scheme mappings`,
  ].join(", ");
  for (const p of all) console.error(`${p.file}${p.where ? ` ${p.where}` : ""}: ${p.message}`);
  if (all.length) {
    console.error(`seed check failed: ${all.length} problem(s) (${counts})`);
    process.exit(1);
  }
  console.log(`seed check passed: ${counts}`);
}

main();
