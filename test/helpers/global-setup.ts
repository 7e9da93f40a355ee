import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { DatabaseSource } from "../../src/config";
import { resolveDatabase } from "../../src/db/sources";
import { createLogger } from "../../src/logger";

/**
 * The console (at /) and the query editor (at GET /graphql) are built by
 * Vite, not by ts-jest: build them when their sources changed, so the tests
 * serve them as they are now.
 */
function buildWebApps(): void {
  const root = join(__dirname, "..", "..");
  const r = spawnSync(process.execPath, [join(root, "tools", "build-web.mjs"), "--if-stale"], {
    cwd: root,
    stdio: "inherit",
  });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`building the console or the query editor failed (exit ${r.status ?? r.signal})`);
}

/**
 * One database server for the whole jest run, chosen like the server chooses
 * (MONGODB_URI, else embedded MongoDB, else FerretDB); each test file then
 * uses a database of its own on it.
 */
export default async function globalSetup(): Promise<void> {
  buildWebApps();
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
