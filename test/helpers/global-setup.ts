import { DatabaseSource } from "../../src/config";
import { resolveDatabase } from "../../src/db/sources";
import { createLogger } from "../../src/logger";

/**
 * One database server for the whole jest run, chosen like the server chooses
 * (MONGODB_URI, else embedded MongoDB, else FerretDB); each test file then
 * uses a database of its own on it.
 */
export default async function globalSetup(): Promise<void> {
  const log = createLogger("warn");
  const db = await resolveDatabase({
    source: (process.env.DB_SOURCE as DatabaseSource | undefined) ?? DatabaseSource.AUTO,
    mongodbUri: process.env.MONGODB_URI || undefined,
    ferretdbBin: process.env.FERRETDB_BIN || undefined,
    log,
  });
  process.env.TEST_MONGODB_URI = db.uri;
  process.env.TEST_DB_SOURCE = db.source;
  console.log(`\ntests use ${db.source}: ${db.reason}`);
  (globalThis as { __testDb?: { stop(): Promise<void> } }).__testDb = db;
}
