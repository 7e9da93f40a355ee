import { randomBytes } from "node:crypto";
import type { Models } from "../../src/db/models";
import { createLogger } from "../../src/logger";
import { startRuntime, Runtime, RuntimeOptions } from "../../src/runtime";
import { applySeed } from "../../src/seed/apply";

export interface GqlResponse<T = Record<string, unknown>> {
  status: number;
  data?: T;
  errors?: { message: string; extensions?: { code?: string; argument?: string } }[];
}

export interface TestApp {
  runtime: Runtime;
  models: Models;
  dbName: string;
  /** Posts a GraphQL operation over real HTTP. */
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<GqlResponse<T>>;
  /** The same with an Authorization header (a bearer token, or any raw header value). */
  gqlAs<T = Record<string, unknown>>(
    auth: string,
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<GqlResponse<T>>;
  /** Database commands sent since the last reset, by name. */
  commands: string[];
  /** The same commands as `name:collection`. */
  targets: string[];
  close(): Promise<void>;
}

/**
 * Starts the real app on 127.0.0.1 with a database of its own on the test
 * server, optionally loaded with the seed inventory.
 */
export async function startTestApp(
  opts: {
    seed?: boolean;
    production?: boolean;
    exposeErrorDetails?: boolean;
    dbName?: string;
    logLines?: string[];
    /** Another address for the database (e.g. a fault-injecting proxy in front of it). */
    uri?: string;
  } & Pick<
    RuntimeOptions,
    | "waitForDatabase"
    | "requestTimeoutMs"
    | "rateLimit"
    | "rateLimitSyncMs"
    | "retryMs"
    | "reopenAfterMs"
    | "metricsToken"
    | "executionLimits"
    | "sessionTtlMs"
    | "allowedOrigins"
    | "trustProxy"
  > = {},
): Promise<TestApp> {
  const uri = opts.uri ?? process.env.TEST_MONGODB_URI;
  if (!uri) throw new Error("TEST_MONGODB_URI is not set; run the tests through jest's global setup");
  const dbName = opts.dbName ?? `test_${randomBytes(6).toString("hex")}`;
  const lines = opts.logLines;
  const log = lines
    ? createLogger("debug", { write: (line: string) => void lines.push(line) })
    : createLogger("silent");
  const commands: string[] = [];
  const targets: string[] = [];
  const runtime = await startRuntime({
    uri,
    dbName,
    host: "127.0.0.1",
    port: 0,
    log,
    production: opts.production ?? false,
    exposeErrorDetails: opts.exposeErrorDetails,
    waitForDatabase: opts.waitForDatabase,
    requestTimeoutMs: opts.requestTimeoutMs,
    rateLimit: opts.rateLimit,
    rateLimitSyncMs: opts.rateLimitSyncMs,
    retryMs: opts.retryMs,
    reopenAfterMs: opts.reopenAfterMs,
    metricsToken: opts.metricsToken,
    executionLimits: opts.executionLimits,
    sessionTtlMs: opts.sessionTtlMs,
    allowedOrigins: opts.allowedOrigins,
    trustProxy: opts.trustProxy,
    setup: opts.seed ? async (models) => void (await applySeed(models, log)) : undefined,
    onCommand: (name, collection) => {
      commands.push(name);
      targets.push(`${name}:${collection ?? ""}`);
    },
  });
  return {
    runtime,
    models: runtime.models,
    dbName,
    commands,
    targets,
    gql<T>(query: string, variables?: Record<string, unknown>) {
      return post<T>(runtime.url, {}, query, variables);
    },
    gqlAs<T>(auth: string, query: string, variables?: Record<string, unknown>) {
      const header = /^(Bearer|Basic) /.test(auth) || !auth.startsWith("ti_") ? auth : `Bearer ${auth}`;
      return post<T>(runtime.url, { authorization: header }, query, variables);
    },
    async close() {
      await runtime.connection.dropDatabase().catch(() => undefined);
      await runtime.close();
    },
  };
}

async function post<T>(
  url: string,
  headers: Record<string, string>,
  query: string,
  variables?: Record<string, unknown>,
): Promise<GqlResponse<T>> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as Omit<GqlResponse<T>, "status">;
  return { status: res.status, ...body };
}

/** The error codes of a response, for short assertions. */
export const codes = (r: GqlResponse<unknown>) => (r.errors ?? []).map((e) => e.extensions?.code);
