import "reflect-metadata";
import { ConfigError, loadConfig } from "./config";
import { resolveDatabase } from "./db/sources";
import { createLogger } from "./logger";
import { startRuntime } from "./runtime";
import { applySeed } from "./seed/apply";

/** Composition root: configuration, database, seed, app, listen, and an orderly shutdown. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    console.error(e instanceof ConfigError ? e.message : e);
    process.exit(2);
  }
  const log = createLogger(config.logLevel);
  const db = await resolveDatabase({
    source: config.dbSource,
    mongodbUri: config.mongodbUri,
    ferretdbBin: config.ferretdbBin,
    log,
  });
  log.info({ source: db.source, reason: db.reason }, `database: ${db.source} (${db.reason})`);
  const seed = config.seedOnStart ?? db.embedded;
  const runtime = await startRuntime({
    uri: db.uri,
    dbName: config.dbName,
    host: config.host,
    port: config.port,
    log,
    production: config.nodeEnv === "production",
    exposeErrorDetails: config.exposeErrorDetails,
    waitForDatabase: false,
    requestTimeoutMs: config.requestTimeoutMs,
    rateLimit: config.rateLimit,
    trustProxy: config.trustProxy,
    metricsToken: config.metricsToken,
    setup: seed
      ? async (models) => {
          const { changed } = await applySeed(models, log);
          log.info(changed ? "seed inventory loaded" : "seed inventory already up to date");
        }
      : undefined,
  });
  log.info({ url: runtime.url }, "listening");
  console.log(`Technical Inventory GraphQL API ready at ${runtime.url}`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal, graceMs: config.shutdownGraceMs }, "shutting down: readiness now fails");
    // The whole shutdown is bounded: grace + the longest request + closing, well within 25 s.
    const force = setTimeout(() => {
      log.error("shutdown did not finish in time; exiting");
      process.exit(1);
    }, 24_000);
    force.unref();
    try {
      await runtime.shutdown(config.shutdownGraceMs);
      await db.stop();
      log.info("stopped");
      process.exit(0);
    } catch (e) {
      log.error({ err: e }, "shutdown failed");
      process.exit(1);
    }
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
