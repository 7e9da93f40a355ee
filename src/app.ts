import { ApolloServer, ApolloServerPlugin, GraphQLRequestListener } from "@apollo/server";
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from "@apollo/server/plugin/disabled";
import express, { Express } from "express";
import { GraphQLError, GraphQLFormattedError, GraphQLSchema, Kind } from "graphql";
import { ArgumentValidationError } from "type-graphql";
import type { ValidationError } from "class-validator";
import type { Context } from "./context";
import { DATABASE_UNREACHABLE, ErrorCode, isDatabaseUnreachable } from "./common/errors";
import type { CatalogueSnapshots } from "./catalog/snapshot";
import type { Logger } from "./logger";
import { shortlistRoutes } from "./workspace/shortlist.http";
import { refuseCrossSiteSessions, sessionRoutes } from "./accounts/session.http";
import { reportRoutes } from "./reports/report.http";
import { importRoutes } from "./imports/import.http";
import { IMPORT_TIMEOUT_MS } from "./imports/import.service";
import { checkLimits, checkTokens, QUERY_LIMITS } from "./limits/query-limits";
import type { DatabaseLink } from "./db/link";
import type { RateLimitConfig } from "./config";
import type { RateLimiter } from "./limits/rate-limit";
import type { Metrics } from "./metrics";
import { boundExecution, ExecutionLimits, graphqlHandler } from "./http/graphql";
import { securityHeaders } from "./http/security-headers";
import { EDITOR_ASSETS_PATH, editorAssets, editorLandingPage } from "./http/editor";
import { consoleRoutes } from "./http/console";
import { sendError } from "./http/respond";
import {
  authenticateRequests,
  closeConnectionsWhen,
  contextFor,
  deadline,
  handleErrors,
  metricsAccess,
  observeRequests,
  rateLimit,
  refuseFailedAuthentication,
  requireDatabase,
  series,
} from "./http/middleware";

export interface AppDeps {
  schema: GraphQLSchema;
  link: DatabaseLink;
  snapshots: CatalogueSnapshots;
  log: Logger;
  /** Turns off introspection and the query editor, and hides schema suggestions from error messages. */
  production: boolean;
  /** Stack traces in error responses; never on unless configured (EXPOSE_ERROR_DETAILS). */
  exposeErrorDetails: boolean;
  metrics: Metrics;
  limiter: RateLimiter;
  rateLimit: RateLimitConfig;
  requestTimeoutMs: number;
  /** Ceilings on one answer (fields, bytes) and how often execution yields. */
  executionLimits: ExecutionLimits;
  trustProxy: false | "loopback" | number;
  metricsToken: string | undefined;
  /** How long a browser session lasts (never past its token's expiry). */
  sessionTtlMs: number;
  /** Origins besides the server's own from which requests with the session cookie are accepted. */
  allowedOrigins: readonly string[];
  /** True once shutdown has begun: readiness fails and connections are closed after each response. */
  draining: () => boolean;
}

function validationMessages(errors: ValidationError[], prefix = ""): { argument: string; message: string }[] {
  return errors.flatMap((e) => {
    const path = prefix ? `${prefix}.${e.property}` : e.property;
    // class-validator messages begin with the property name; say the full path instead.
    const own = Object.values(e.constraints ?? {}).map((m) => ({
      argument: path,
      message: m.startsWith(`${e.property} `) ? m.slice(e.property.length + 1) : m,
    }));
    return [...own, ...validationMessages(e.children ?? [], path)];
  });
}

function isUnexpected(code: unknown, original: Error | null | undefined): boolean {
  if (original instanceof ArgumentValidationError || isDatabaseUnreachable(original)) return false;
  return code === ErrorCode.INTERNAL_SERVER_ERROR || (!!original && !(original instanceof GraphQLError) && !code);
}

/** A settled promise, for hooks that have nothing to wait for: returning it allocates nothing. */
const DONE: Promise<void> = Promise.resolve();

/**
 * The API's part in each request, as one Apollo plugin (Apollo calls every
 * hook of every plugin for every request, so one plugin costs less than
 * three), holding no state of its own: what a request needs to keep is on
 * its context.
 * - Rejects an operation over any limit (depth, aliases, directives, tokens,
 *   cost) before a resolver runs, and reports what an accepted one cost in
 *   `extensions.cost`.
 * - Logs each unexpected error once, with the request id, before it is
 *   masked for the client.
 * - Leaves the operation name and outcome (ok, or the first error code) on
 *   the context, for metrics; a request that failed because the database is
 *   away or the deadline passed is answered 503, so clients and load
 *   balancers can tell it from a bad request.
 */
const listener: GraphQLRequestListener<Context> = {
  async didResolveOperation({ request, document, operation, schema, source, contextValue }) {
    if (!operation) return;
    const sizes = await contextValue.listSizes();
    contextValue.trace.cost = checkLimits(schema, source, document, operation, request.variables ?? {}, sizes);
  },
  didEncounterErrors({ contextValue, errors }) {
    for (const e of errors) {
      if (isUnexpected(e.extensions?.code, e.originalError)) {
        contextValue.log.error({ err: e.originalError ?? e, path: e.path }, "unexpected error");
      } else if (isDatabaseUnreachable(e.originalError)) {
        contextValue.log.warn({ err: e.originalError, path: e.path }, "database unreachable");
      }
    }
    return DONE;
  },
  willSendResponse({ contextValue, response, request, operation, document }) {
    const { trace } = contextValue;
    const single = response.body.kind === "single" ? response.body.singleResult : null;
    if (trace.cost !== null && single) {
      const cost = { requested: trace.cost, budget: QUERY_LIMITS.maxCost, fields: contextValue.execution.nodes };
      single.extensions = single.extensions ? { ...single.extensions, cost } : { cost };
    }
    const named = operation ? null : document?.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION && d.name);
    trace.operation =
      operation?.name?.value ??
      request.operationName ??
      (named?.kind === Kind.OPERATION_DEFINITION ? (named.name?.value ?? null) : null);
    const errors = single?.errors;
    if (!errors?.length) {
      trace.outcome = "ok";
      return DONE;
    }
    const codes = errors.map((e) => e.extensions?.code);
    trace.outcome = String(codes[0] ?? "ERROR");
    if (codes.includes(ErrorCode.SERVICE_UNAVAILABLE) || codes.includes(ErrorCode.TIMEOUT)) {
      response.http.status = 503;
      if (codes.includes(ErrorCode.SERVICE_UNAVAILABLE)) response.http.headers.set("retry-after", "5");
    }
    return DONE;
  },
};
const listening = Promise.resolve(listener);
const requestPipeline: ApolloServerPlugin<Context> = { requestDidStart: () => listening };

/**
 * Counts a query's tokens before Apollo parses it, so an oversized query is
 * refused before any parse or validation work is spent on it.
 */
function refuseOversizedQueries(req: express.Request, res: express.Response, next: express.NextFunction) {
  const query: unknown = req.method === "GET" ? req.query.query : (req.body as { query?: unknown } | undefined)?.query;
  if (typeof query === "string") {
    try {
      checkTokens(query);
    } catch (e) {
      if (e instanceof GraphQLError) {
        res.status(400).json({
          errors: [{ message: e.message, extensions: { code: e.extensions.code, limit: e.extensions.limit } }],
        });
        return;
      }
      throw e;
    }
  }
  next();
}

/** graphql-js's refusal of a null given for a non-null argument, during execution. */
const NULL_ARGUMENT = /^Argument "([A-Za-z_][A-Za-z0-9_]*)" of non-null type "[^"]+" must not be null\.$/;

/** graphql-js's "Did you mean …?" ending, which names fields, arguments, types and enum values a caller guessed near. */
const SUGGESTION = / ?Did you mean[\s\S]*?\?$/;

/**
 * The one place errors are shaped for clients: argument validation becomes
 * BAD_USER_INPUT naming the argument; an unreachable database becomes
 * SERVICE_UNAVAILABLE; anything unexpected is logged once with the request
 * id and masked. With `hideSchemaDetails`, no message suggests schema names
 * (Apollo's own option covers validation errors, not variable values). Stack
 * traces go out only when `exposeDetails` asks for them.
 */
function formatError(hideSchemaDetails: boolean, exposeDetails: boolean) {
  const shape = (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = error instanceof GraphQLError ? error.originalError : undefined;
    const stacktrace = exposeDetails ? formatted.extensions?.stacktrace : undefined;
    const details = stacktrace ? { stacktrace } : {};
    if (original instanceof ArgumentValidationError) {
      const problems = validationMessages(original.extensions.validationErrors);
      return {
        message: problems.map((p) => `${p.argument}: ${p.message}`).join("; "),
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: ErrorCode.BAD_USER_INPUT, argument: problems[0]?.argument, problems, ...details },
      };
    }
    if (isDatabaseUnreachable(original)) {
      return {
        message: DATABASE_UNREACHABLE,
        path: formatted.path,
        extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, ...details },
      };
    }
    // A variable bound to null where the argument may not be null (`first: $f` with `$f: Int` null): graphql-js
    // refuses it as it executes the field, with no code, which would read as a fault of the server.
    const fromGraphql = error instanceof GraphQLError && (!original || original instanceof GraphQLError);
    const nullArgument = fromGraphql ? NULL_ARGUMENT.exec(error.message) : null;
    if (nullArgument) {
      return {
        message: `${nullArgument[1]}: must not be null; leave it out to use its default`,
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: ErrorCode.BAD_USER_INPUT, argument: nullArgument[1], ...details },
      };
    }
    const code = formatted.extensions?.code;
    // graphql-js and Apollo raise some request problems (too many bad variable values, a persisted-query
    // hash that does not match) with no code, which Apollo reports as INTERNAL_SERVER_ERROR: an error
    // with no cause and no path never came from a resolver, so it is the request's fault.
    if (code === ErrorCode.INTERNAL_SERVER_ERROR && error instanceof GraphQLError && !original && !formatted.path) {
      return {
        message: formatted.message,
        locations: formatted.locations,
        extensions: { code: ErrorCode.BAD_REQUEST, ...details },
      };
    }
    if (isUnexpected(code, original)) {
      return {
        message: "internal error",
        path: formatted.path,
        extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, ...details },
      };
    }
    if (formatted.extensions?.stacktrace && !exposeDetails) {
      const { stacktrace: _omit, ...rest } = formatted.extensions;
      return { ...formatted, extensions: rest };
    }
    return formatted;
  };
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const shaped = shape(formatted, error);
    return hideSchemaDetails ? { ...shaped, message: shaped.message.replace(SUGGESTION, "") } : shaped;
  };
}

/**
 * Builds the express app: health endpoints, /metrics, the report exports,
 * the GraphQL API at /graphql (and, outside production, the query editor a
 * browser gets there), and the console at /. Requests to the last two pass, in order: the database
 * check, the deadline, authentication, the rate limit, then the handler.
 */
export async function createApp(deps: AppDeps): Promise<{ app: Express; apollo: ApolloServer<Context> }> {
  const { link, snapshots, log, production, metrics } = deps;
  const { models } = link;
  const apollo = new ApolloServer<Context>({
    schema: boundExecution(deps.schema),
    introspection: !production,
    // Not tied to NODE_ENV: `npm start` runs as development, and its callers are not necessarily developers.
    includeStacktraceInErrorResponses: deps.exposeErrorDetails,
    // Apollo strips "Did you mean …?" from validation errors only; formatError does the rest.
    hideSchemaDetailsFromClientErrors: production,
    csrfPrevention: true,
    // The process drains and stops Apollo itself, after the requests in flight (src/runtime.ts).
    stopOnTerminationSignals: false,
    formatError: formatError(production, deps.exposeErrorDetails),
    plugins: [
      // No field sets cache hints; the default cache-control plugin would wrap every field resolver for nothing.
      ApolloServerPluginCacheControlDisabled(),
      requestPipeline,
      // The query editor needs introspection, which production turns off: there GET /graphql is GraphQL only.
      production ? ApolloServerPluginLandingPageDisabled() : editorLandingPage(log),
    ],
  });
  await apollo.start();

  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", deps.trustProxy);
  // Express's last-resort error page shows the stack outside "production"; it follows the same setting.
  app.set("env", deps.exposeErrorDetails ? "development" : "production");

  // First, so every response carries them: health, metrics, exports, GraphQL, errors and 404s.
  app.use(series(securityHeaders(), observeRequests(log, metrics), closeConnectionsWhen(deps.draining)));

  const guardedFor = (timeoutMs: number) => [
    requireDatabase(link),
    deadline(timeoutMs, metrics),
    authenticateRequests(models),
    rateLimit(deps.limiter, deps.rateLimit, metrics, deps.trustProxy),
    refuseFailedAuthentication(),
    refuseCrossSiteSessions(deps.allowedOrigins),
  ];
  const guarded = guardedFor(deps.requestTimeoutMs);
  const context = contextFor(models, snapshots, log, deps.executionLimits);
  // Static files that need neither the database nor a caller; mounted first, so /graphql never sees these paths.
  if (!production) app.use(EDITOR_ASSETS_PATH, ...editorAssets());
  // The busiest path first, so express matches it before the others.
  app.use(
    "/graphql",
    series(
      express.json({ limit: "100kb" }),
      ...guarded,
      refuseOversizedQueries,
      graphqlHandler(apollo, context, deps.requestTimeoutMs),
    ),
  );
  app.use("/reports", series(...guarded), reportRoutes(context));
  app.use("/shortlists", series(...guarded), shortlistRoutes(context));
  // An import writes row after row through the listing service: it gets a longer deadline than one query.
  app.use("/imports", series(...guardedFor(Math.max(deps.requestTimeoutMs, IMPORT_TIMEOUT_MS))), importRoutes(context));
  // Without refuseFailedAuthentication: the routes answer a failed credential themselves (DELETE clears a stale cookie).
  app.use(
    "/auth",
    series(
      requireDatabase(link),
      deadline(deps.requestTimeoutMs, metrics),
      authenticateRequests(models),
      rateLimit(deps.limiter, deps.rateLimit, metrics, deps.trustProxy),
      refuseCrossSiteSessions(deps.allowedOrigins),
    ),
    sessionRoutes(context, deps.sessionTtlMs),
  );

  app.get("/livez", (_req, res) => {
    res.json({ status: "ok" });
  });

  app.get("/readyz", async (_req, res) => {
    if (deps.draining()) {
      res.status(503).json({ status: "unavailable", reason: "shutting down" });
      return;
    }
    try {
      const db = link.connection.db;
      if (!link.ready || !db) throw new Error(link.reason);
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          db.command({ ping: 1 }),
          new Promise((_r, reject) => {
            timer = setTimeout(() => reject(new Error("ping timed out")), 2000);
          }),
        ]);
      } finally {
        clearTimeout(timer);
      }
      res.json({ status: "ok" });
    } catch (e) {
      res.status(503).json({ status: "unavailable", reason: (e as Error).message });
    }
  });

  app.get("/metrics", metricsAccess(deps.metricsToken), async (_req, res) => {
    res.setHeader("Content-Type", metrics.registry.contentType);
    res.send(await metrics.registry.metrics());
  });

  // The console's pages and files: after the API's paths, which it never shadows.
  app.use(consoleRoutes(log));

  // Express's own 404 page replaces the Content-Security-Policy with a weaker one; answer in the API's shape instead.
  app.use((_req, res) => sendError(res, 404, ErrorCode.NOT_FOUND, "no such path"));
  app.use(handleErrors(log));
  return { app, apollo };
}
