import { ApolloServer, ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { expressMiddleware } from "@as-integrations/express5";
import express, { Express } from "express";
import { GraphQLError, GraphQLFormattedError, GraphQLSchema } from "graphql";
import type { Connection } from "mongoose";
import { ArgumentValidationError } from "type-graphql";
import type { ValidationError } from "class-validator";
import { Context, createContext, requestIdOf } from "./context";
import { ErrorCode } from "./common/errors";
import type { Models } from "./db/models";
import type { CatalogueSnapshots } from "./catalog/snapshot";
import type { Logger } from "./logger";
import { reportRoutes } from "./reports/report.http";
import { checkLimits, checkTokens, QUERY_LIMITS } from "./limits/query-limits";
import { authenticate } from "./accounts/auth";

export interface AppDeps {
  schema: GraphQLSchema;
  models: Models;
  snapshots: CatalogueSnapshots;
  connection: Connection;
  log: Logger;
  production: boolean;
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

const NETWORK_ERRORS = new Set([
  "MongoServerSelectionError",
  "MongoNetworkError",
  "MongoNetworkTimeoutError",
  "MongoNotConnectedError",
  "MongoTopologyClosedError",
]);

function isUnexpected(code: unknown, original: Error | null | undefined): boolean {
  if (original instanceof ArgumentValidationError || (original && NETWORK_ERRORS.has(original.name))) return false;
  return code === ErrorCode.INTERNAL_SERVER_ERROR || (!!original && !(original instanceof GraphQLError) && !code);
}

/** Logs each unexpected error once, with the request id, before it is masked for the client. */
const logUnexpectedErrors: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async didEncounterErrors({ contextValue, errors }) {
        for (const e of errors) {
          if (isUnexpected(e.extensions?.code, e.originalError)) {
            contextValue.log.error({ err: e.originalError ?? e, path: e.path }, "unexpected error");
          } else if (e.originalError && NETWORK_ERRORS.has(e.originalError.name)) {
            contextValue.log.warn({ err: e.originalError, path: e.path }, "database unreachable");
          }
        }
      },
    };
  },
};

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

/**
 * Rejects an operation over any limit (depth, aliases, directives, tokens,
 * cost) before a resolver runs, and reports what an accepted one cost in
 * `extensions.cost`.
 */
const queryLimits: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    let cost: number | null = null;
    return {
      async didResolveOperation({ request, document, operation, schema, source }) {
        if (operation) cost = checkLimits(schema, source, document, operation, request.variables ?? {});
      },
      async willSendResponse({ response }) {
        if (cost !== null && response.body.kind === "single") {
          response.body.singleResult.extensions = {
            ...response.body.singleResult.extensions,
            cost: { requested: cost, budget: QUERY_LIMITS.maxCost },
          };
        }
      },
    };
  },
};

/**
 * The one place errors are shaped for clients: argument validation becomes
 * BAD_USER_INPUT naming the argument; an unreachable database becomes
 * SERVICE_UNAVAILABLE; anything unexpected is logged once with the request
 * id and masked.
 */
function formatError(production: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = error instanceof GraphQLError ? error.originalError : undefined;
    if (original instanceof ArgumentValidationError) {
      const problems = validationMessages(original.extensions.validationErrors);
      return {
        message: problems.map((p) => `${p.argument}: ${p.message}`).join("; "),
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: ErrorCode.BAD_USER_INPUT, argument: problems[0]?.argument, problems },
      };
    }
    if (original && NETWORK_ERRORS.has(original.name)) {
      return {
        message: "the catalogue database is not reachable; try again shortly",
        path: formatted.path,
        extensions: { code: ErrorCode.SERVICE_UNAVAILABLE },
      };
    }
    const code = formatted.extensions?.code;
    if (isUnexpected(code, original)) {
      return {
        message: "internal error",
        path: formatted.path,
        extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
      };
    }
    if (production && formatted.extensions?.stacktrace) {
      const { stacktrace: _omit, ...rest } = formatted.extensions;
      return { ...formatted, extensions: rest };
    }
    return formatted;
  };
}

/** Builds the express app: health endpoints and the GraphQL API at /graphql. */
export async function createApp(deps: AppDeps): Promise<{ app: Express; apollo: ApolloServer<Context> }> {
  const { schema, models, snapshots, connection, log, production } = deps;
  const apollo = new ApolloServer<Context>({
    schema,
    introspection: !production,
    includeStacktraceInErrorResponses: !production,
    csrfPrevention: true,
    formatError: formatError(production),
    plugins: [queryLimits, logUnexpectedErrors, ...(production ? [ApolloServerPluginLandingPageDisabled()] : [])],
  });
  await apollo.start();

  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", false);

  app.use((req, res, next) => {
    const id = requestIdOf(req);
    res.locals.requestId = id;
    res.setHeader("X-Request-Id", id);
    const started = process.hrtime.bigint();
    res.on("finish", () => {
      log.info(
        {
          requestId: id,
          method: req.method,
          path: req.originalUrl.split("?")[0],
          status: res.statusCode,
          ms: Number(process.hrtime.bigint() - started) / 1e6,
        },
        "request",
      );
    });
    next();
  });

  app.get("/livez", (_req, res) => {
    res.json({ status: "ok" });
  });

  app.get("/readyz", async (_req, res) => {
    try {
      const db = connection.db;
      if (!db || connection.readyState !== 1) throw new Error("not connected");
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

  app.use("/reports", reportRoutes(models, snapshots, log));

  app.use(
    "/graphql",
    express.json({ limit: "100kb" }),
    refuseOversizedQueries,
    expressMiddleware(apollo, {
      context: async ({ req, res }) =>
        createContext(
          models,
          snapshots,
          log,
          String(res.locals.requestId),
          await authenticate(models, req.header("authorization")),
        ),
    }),
  );

  return { app, apollo };
}
