import { z } from "zod";
import { SESSION_TTL_BOUNDS_S } from "./accounts/session";

export enum DatabaseSource {
  AUTO = "auto",
  URI = "uri",
  MEMORY_SERVER = "memory-server",
  FERRETDB = "ferretdb",
}

const bool = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().min(1).default("127.0.0.1"),
  MONGODB_URI: z
    .string()
    .regex(/^mongodb(\+srv)?:\/\//, "must start with mongodb:// or mongodb+srv://")
    .optional(),
  DB_NAME: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,60}$/, "must be 1-60 letters, digits, '_' or '-'")
    .default("technical-inventory"),
  DB_SOURCE: z.nativeEnum(DatabaseSource).default(DatabaseSource.AUTO),
  FERRETDB_BIN: z.string().min(1).optional(),
  SEED_ON_START: bool.optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(15_000).default(5_000),
  RATE_LIMIT_WINDOW_S: z.coerce.number().int().min(1).max(3600).default(60),
  RATE_LIMIT_PER_ADDRESS: z.coerce.number().int().min(0).max(1_000_000).default(300),
  RATE_LIMIT_PER_TOKEN: z.coerce.number().int().min(0).max(1_000_000).default(1200),
  TRUST_PROXY: z
    .string()
    .regex(/^(false|loopback|\d{1,2})$/, "must be false, loopback, or a number of proxy hops")
    .default("false"),
  METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  SEARCH_RESULTS_KEPT: z.coerce.number().int().min(0).max(1000).default(64),
  SESSION_TTL_S: z.coerce
    .number()
    .int()
    .min(SESSION_TTL_BOUNDS_S.min)
    .max(SESSION_TTL_BOUNDS_S.max)
    .default(SESSION_TTL_BOUNDS_S.default),
  ALLOWED_ORIGINS: z
    .string()
    .transform((v) =>
      v
        .split(",")
        .map((o) => o.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().regex(/^https?:\/\/[^/\s]+$/, "each must be an origin: scheme://host[:port], no path")))
    .default(""),
  EXPOSE_ERROR_DETAILS: bool.default("false"),
  STOP_WHEN_STDIN_CLOSES: bool.default("false"),
});

export type Config = Readonly<{
  nodeEnv: "development" | "production" | "test";
  port: number;
  host: string;
  mongodbUri: string | undefined;
  dbName: string;
  dbSource: DatabaseSource;
  ferretdbBin: string | undefined;
  seedOnStart: boolean | undefined;
  logLevel: string;
  /** No request runs longer than this; it is answered with TIMEOUT instead. */
  requestTimeoutMs: number;
  /** On SIGTERM, how long readiness fails before the server stops accepting connections. */
  shutdownGraceMs: number;
  rateLimit: RateLimitConfig;
  /** Express's `trust proxy`: whose X-Forwarded-For decides the client address. */
  trustProxy: false | "loopback" | number;
  /** When set, /metrics also answers non-loopback callers presenting it as a bearer token. */
  metricsToken: string | undefined;
  /** How long a browser session lasts, in milliseconds (never past its token's expiry). */
  sessionTtlMs: number;
  /** Search results kept per catalogue snapshot for the next page or the same search again; 0 keeps none. */
  searchResultsKept: number;
  /** Origins besides the server's own from which requests with the session cookie are accepted. */
  allowedOrigins: readonly string[];
  /** Stack traces in error responses, for debugging only: they show file paths and code to any caller. */
  exposeErrorDetails: boolean;
  /** Set by a process that starts this one with a pipe as stdin: stop when it closes, i.e. when that process dies. */
  stopWhenStdinCloses: boolean;
}>;

/** Requests per sliding window; 0 turns a limit off. */
export interface RateLimitConfig {
  windowMs: number;
  perAddress: number;
  perToken: number;
}

/** Raised when the environment holds a value the process cannot run with; names the variable. */
export class ConfigError extends Error {}

/** Parses and validates the environment once; the first bad variable stops the process. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const r = schema.safeParse(present);
  if (!r.success) {
    const lines = r.error.issues.map(
      (i) => `${i.path.join(".")}: ${i.message} (got ${JSON.stringify(present[String(i.path[0])])})`,
    );
    throw new ConfigError(`invalid configuration:\n  ${lines.join("\n  ")}`);
  }
  const c = r.data;
  if (c.DB_SOURCE === DatabaseSource.URI && !c.MONGODB_URI) {
    throw new ConfigError("invalid configuration:\n  DB_SOURCE: 'uri' needs MONGODB_URI to be set");
  }
  return {
    nodeEnv: c.NODE_ENV,
    port: c.PORT,
    host: c.HOST,
    mongodbUri: c.MONGODB_URI,
    dbName: c.DB_NAME,
    dbSource: c.DB_SOURCE,
    ferretdbBin: c.FERRETDB_BIN,
    seedOnStart: c.SEED_ON_START,
    logLevel: c.LOG_LEVEL,
    requestTimeoutMs: c.REQUEST_TIMEOUT_MS,
    shutdownGraceMs: c.SHUTDOWN_GRACE_MS,
    rateLimit: {
      windowMs: c.RATE_LIMIT_WINDOW_S * 1000,
      perAddress: c.RATE_LIMIT_PER_ADDRESS,
      perToken: c.RATE_LIMIT_PER_TOKEN,
    },
    trustProxy: c.TRUST_PROXY === "false" ? false : c.TRUST_PROXY === "loopback" ? "loopback" : Number(c.TRUST_PROXY),
    metricsToken: c.METRICS_TOKEN,
    sessionTtlMs: c.SESSION_TTL_S * 1000,
    searchResultsKept: c.SEARCH_RESULTS_KEPT,
    allowedOrigins: c.ALLOWED_ORIGINS,
    exposeErrorDetails: c.EXPOSE_ERROR_DETAILS,
    stopWhenStdinCloses: c.STOP_WHEN_STDIN_CLOSES,
  };
}
