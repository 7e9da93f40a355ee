import { whenStdinCloses } from "../common/parent";
import { loadConfig, ConfigError } from "../config";
import { connect } from "../db/connection";
import { registerModels } from "../db/models";
import { resolveDatabase } from "../db/sources";
import { createLogger } from "../logger";
import { applySeed } from "./apply";

/** `npm run seed`: validates and loads the seed inventory into the configured database. */
async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel === "info" ? "warn" : config.logLevel);
  // The loader is safe to interrupt at any point (a rerun completes the work), so stopping at once is fine.
  if (config.stopWhenStdinCloses) whenStdinCloses(() => process.exit(1));
  const db = await resolveDatabase({
    source: config.dbSource,
    mongodbUri: config.mongodbUri,
    ferretdbBin: config.ferretdbBin,
    log,
  });
  if (db.embedded) {
    console.log(
      `note: no MONGODB_URI is set, so this loads into a temporary ${db.source} database that is removed on exit`,
    );
  }
  const conn = await connect({ uri: db.uri, dbName: config.dbName });
  try {
    console.log(`loading the seed inventory into ${db.source} database "${config.dbName}"`);
    const { changed } = await applySeed(registerModels(conn), log, undefined, (name, c) =>
      console.log(
        `  ${name.padEnd(22)} created ${String(c.created).padStart(4)}  updated ${String(c.updated).padStart(4)}  unchanged ${String(c.unchanged).padStart(4)}${c.kept ? `  kept (edited through the API) ${c.kept}` : ""}`,
      ),
    );
    console.log(changed ? "seed loaded" : "seed already up to date: nothing changed");
  } finally {
    await conn.close();
    await db.stop();
  }
}

main().catch((e) => {
  console.error(e instanceof ConfigError ? e.message : e instanceof Error ? e.message : e);
  process.exit(1);
});
