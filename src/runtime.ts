import { SESSION_TTL_BOUNDS_S } from "./accounts/session";
import "reflect-metadata";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Connection } from "mongoose";
import { createApp } from "./app";
import type { RateLimitConfig } from "./config";
import { DatabaseLink } from "./db/link";
import type { Models } from "./db/models";
import { RateLimiter } from "./limits/rate-limit";
import type { Logger } from "./logger";
import { Metrics } from "./metrics";
import { createSchema } from "./schema";
import { EXECUTION_LIMITS, ExecutionLimits } from "./http/graphql";
import { CatalogueSnapshots } from "./catalog/snapshot";

export interface Runtime {
  url: string;
  server: Server;
  link: DatabaseLink;
  connection: Connection;
  models: Models;
  metrics: Metrics;
  limiter: RateLimiter;
  /**
   * Stops gracefully: readiness fails at once; after `graceMs` the server
   * stops accepting connections; requests in flight finish (each is bounded
   * by the execution timeout); then the rate-limit counts are written and the
   * database connection closes.
   */
  shutdown(graceMs: number): Promise<void>;
  /** Stops at once (tests). */
  close(): Promise<void>;
}

export interface RuntimeOptions {
  uri: string;
  dbName: string;
  host: string;
  port: number;
  log: Logger;
  production: boolean;
  /** Stack traces in error responses (a debugging aid; off unless given). */
  exposeErrorDetails?: boolean;
  /** Runs once the database is first reached, before requests may use it (e.g. loading the seed). */
  setup?: (models: Models) => Promise<void>;
  onCommand?: (name: string, collection: string | null) => void;
  /** Wait for the database before returning (tests, benchmarks); the server itself starts without it. */
  waitForDatabase?: boolean;
  requestTimeoutMs?: number;
  /** Ceilings on one answer; EXECUTION_LIMITS unless given (tests lower them). */
  executionLimits?: Partial<ExecutionLimits>;
  /** Per-window limits; 0 turns one off. Off unless given. */
  rateLimit?: RateLimitConfig;
  rateLimitSyncMs?: number;
  trustProxy?: false | "loopback" | number;
  metricsToken?: string;
  /** Browser session lifetime; SESSION_TTL_BOUNDS_S.default unless given. */
  sessionTtlMs?: number;
  /** Origins besides the server's own allowed to send requests with the session cookie. */
  allowedOrigins?: readonly string[];
  /** Delay between connection attempts while the database is unreachable. */
  retryMs?: { min: number; max: number };
  /** How long a lost connection may stay lost before it is closed and opened afresh. */
  reopenAfterMs?: number;
}

const NO_RATE_LIMIT: RateLimitConfig = { windowMs: 60_000, perAddress: 0, perToken: 0 };

/**
 * Builds the app and listens at once; the database link connects in the
 * background, and until it is ready requests get SERVICE_UNAVAILABLE and
 * /readyz 503. The part of start-up shared by the server, tests and benchmarks.
 */
export async function startRuntime(o: RuntimeOptions): Promise<Runtime> {
  // The three refer to one another only through callbacks that run once the link has started.
  const metrics: Metrics = new Metrics({ databaseReady: () => link.ready });
  const link: DatabaseLink = new DatabaseLink({
    uri: o.uri,
    dbName: o.dbName,
    log: o.log,
    // Ready means warm: the first catalogue snapshot is loaded before /readyz says so.
    setup: async (models) => {
      await o.setup?.(models);
      await snapshots.current();
    },
    onCommand: o.onCommand,
    onCommandDone: (name, ok, ms) => metrics.observeDbCommand(name, ok, ms),
    retryMs: o.retryMs,
    reopenAfterMs: o.reopenAfterMs,
  });
  const snapshots = new CatalogueSnapshots(link.models);
  const rateLimit = o.rateLimit ?? NO_RATE_LIMIT;
  const limiter = new RateLimiter(link.models, { windowMs: rateLimit.windowMs, syncMs: o.rateLimitSyncMs, log: o.log });
  let draining = false;
  const requestTimeoutMs = o.requestTimeoutMs ?? 10_000;
  const { app, apollo } = await createApp({
    schema: await createSchema(),
    link,
    snapshots,
    log: o.log,
    production: o.production,
    exposeErrorDetails: o.exposeErrorDetails ?? false,
    metrics,
    limiter,
    rateLimit,
    requestTimeoutMs,
    executionLimits: { ...EXECUTION_LIMITS, ...o.executionLimits },
    trustProxy: o.trustProxy ?? false,
    metricsToken: o.metricsToken,
    sessionTtlMs: o.sessionTtlMs ?? SESSION_TTL_BOUNDS_S.default * 1000,
    allowedOrigins: o.allowedOrigins ?? [],
    draining: () => draining,
  });
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(o.port, o.host, (err?: Error) => (err ? reject(err) : resolve(s)));
  });
  server.keepAliveTimeout = 5000;
  link.start();
  if (rateLimit.perAddress || rateLimit.perToken) limiter.start();
  if (o.waitForDatabase ?? true) await link.whenReady();

  const { port } = server.address() as AddressInfo;
  const hostForUrl = o.host.includes(":") ? `[${o.host}]` : o.host;
  const stopAccepting = (boundMs: number) =>
    new Promise<void>((resolve) => {
      const force = setTimeout(() => {
        server.closeAllConnections();
      }, boundMs);
      server.close(() => {
        clearTimeout(force);
        resolve();
      });
      server.closeIdleConnections();
    });
  const release = async () => {
    await limiter.stop();
    await apollo.stop();
    await link.close();
  };
  return {
    url: `http://${hostForUrl}:${port}/graphql`,
    server,
    link,
    connection: link.connection,
    models: link.models,
    metrics,
    limiter,
    async shutdown(graceMs) {
      draining = true;
      await new Promise((r) => setTimeout(r, graceMs));
      await stopAccepting(requestTimeoutMs + 2000);
      await release();
    },
    async close() {
      draining = true;
      await stopAccepting(0);
      await release();
    },
  };
}
