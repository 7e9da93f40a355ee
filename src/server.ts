import "reflect-metadata";
import { ConfigError, loadConfig } from "./config";
import { whenStdinCloses } from "./common/parent";
import { resolveDatabase } from "./db/sources";
import { createLogger } from "./logger";
import { startRuntime } from "./runtime";
import { keepSearchResults } from "./search/indexes";
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
  log.info({ source: db.source, reason: db.reason, databasePid: db.pid }, `database: ${db.source} (${db.reason})`);
  const seed = config.seedOnStart ?? db.embedded;
  keepSearchResults(config.searchResultsKept);
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
    sessionTtlMs: config.sessionTtlMs,
    allowedOrigins: config.allowedOrigins,
    metricsToken: config.metricsToken,
    setup: seed
      ? async (models) => {
          const { changed } = await applySeed(models, log);
          log.info(changed ? "seed inventory loaded" : "seed inventory already up to date");
        }
      : undefined,
  });
  let stopping = false;
  const stop = async (signal: string, graceMs = config.shutdownGraceMs) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal, graceMs }, "shutting down: readiness now fails");
    // The whole shutdown is bounded: grace + the longest request + closing, well within 25 s.
    const force = setTimeout(() => {
      log.error("shutdown did not finish in time; exiting");
      process.exit(1);
    }, 24_000);
    force.unref();
    try {
      await runtime.shutdown(graceMs);
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
  // No grace period: with the parent gone, no balancer is waiting for readiness to fail.
  if (config.stopWhenStdinCloses && !whenStdinCloses(() => void stop("parent gone (stdin closed)", 0))) {
    log.warn("STOP_WHEN_STDIN_CLOSES is set but stdin is not a pipe; the server will not stop with its parent");
  }
  // Announced only now, so that whoever waits for this line may signal the server and get an orderly stop.
  log.info({ url: runtime.url }, "listening");
  console.log(`Technical Inventory GraphQL API ready at ${runtime.url}`);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
