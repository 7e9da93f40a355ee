import { timingSafeEqual } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import { DATABASE_UNREACHABLE, ErrorCode, isDatabaseUnreachable, UnauthenticatedError } from "../common/errors";
import { ANONYMOUS, clientRequestIdOf, Context, createContext, newRequestId, Viewer } from "../context";
import type { CatalogueSnapshots } from "../catalog/snapshot";
import type { Models } from "../db/models";
import type { DatabaseLink } from "../db/link";
import type { Logger } from "../logger";
import type { Metrics } from "../metrics";
import type { RateLimitConfig } from "../config";
import type { RateLimiter } from "../limits/rate-limit";
import { authenticate } from "../accounts/auth";
import { authenticateSession, hasSessionCookie, sessionSecretOf } from "../accounts/session";
import { sendError } from "./respond";
import { ExecutionBudget, ExecutionLimits } from "./graphql";
import { RequestDeadline } from "./deadline";

type Middleware = (req: Request, res: Response, next: NextFunction) => void;

/**
 * Runs middleware in order as one handler, as express's router would run
 * them (an error, thrown, rejected or passed to `next`, skips to the error
 * handler), without the router's path matching and parameter handling
 * between each step, which on a small query cost more than most steps.
 */
export function series(...steps: ((req: Request, res: Response, next: NextFunction) => unknown)[]): Middleware {
  return (req, res, next) => {
    let i = 0;
    const step = (err?: unknown): void => {
      if (err) return next(err);
      const fn = steps[i++];
      if (!fn) return next();
      try {
        const r = fn(req, res, step);
        if (r instanceof Promise) r.catch(next);
      } catch (e) {
        next(e);
      }
    };
    step();
  };
}

/** The resolver context for a request that has passed the middleware below (viewer, deadline signal, id). */
export function contextFor(models: Models, snapshots: CatalogueSnapshots, log: Logger, limits: ExecutionLimits) {
  return (res: Response): Context => {
    const deadline = res.locals.deadline as RequestDeadline;
    return createContext(
      models,
      snapshots,
      log,
      String(res.locals.requestId),
      res.locals.viewer as Viewer,
      () => deadline.signal,
      new ExecutionBudget(limits),
      (res.locals.clientRequestId as string | null | undefined) ?? null,
    );
  };
}

const ROUTES = ["/graphql", "/reports", "/imports", "/livez", "/readyz", "/metrics"];

/** The route label for metrics: one of the app's routes, never the client's path. */
function routeOf(path: string): string {
  return ROUTES.find((r) => path === r || path.startsWith(`${r}/`)) ?? "other";
}

/**
 * Gives each request its own id (echoed in X-Request-Id) and keeps the
 * client's X-Request-Id apart, and when it finishes logs one line and
 * records its metrics. Its one listener on the response also ends the
 * request's deadline (see `deadline`), so a response carries one listener,
 * not one per concern.
 */
export function observeRequests(log: Logger, metrics: Metrics): Middleware {
  return (req, res, next) => {
    const id = newRequestId();
    const clientRequestId = clientRequestIdOf(req);
    res.locals.requestId = id;
    res.locals.clientRequestId = clientRequestId;
    res.setHeader("X-Request-Id", id);
    const started = performance.now();
    // "close" follows "finish" on every response, and comes alone when the client went away first.
    res.on("close", () => {
      const finished = res.writableFinished;
      (res.locals.deadline as RequestDeadline | undefined)?.ended(finished);
      if (!finished) return;
      const seconds = (performance.now() - started) / 1000;
      const url = req.originalUrl;
      const question = url.indexOf("?");
      const path = question < 0 ? url : url.slice(0, question);
      const route = routeOf(path);
      metrics.httpRequests.inc({ route, status: String(res.statusCode) });
      metrics.httpDuration.observe({ route }, seconds);
      if (route === "/graphql") {
        const named = (req.body as { operationName?: unknown } | undefined)?.operationName;
        const operation = metrics.operationLabel(res.locals.operation ?? named);
        const outcome = String(res.locals.outcome ?? (res.statusCode < 400 ? "ok" : `HTTP_${res.statusCode}`));
        metrics.graphqlRequests.inc({ operation, outcome });
        metrics.graphqlDuration.observe({ operation }, seconds);
      }
      const line: Record<string, unknown> = { requestId: id };
      if (clientRequestId !== null) line.clientRequestId = clientRequestId;
      line.method = req.method;
      line.path = path;
      line.status = res.statusCode;
      line.ms = Math.round(seconds * 1e6) / 1e3;
      log.info(line, "request");
    });
    next();
  };
}

/** While the process drains before exit, every response asks its client to close the connection. */
export function closeConnectionsWhen(draining: () => boolean): Middleware {
  return (_req, res, next) => {
    if (draining()) res.setHeader("Connection", "close");
    next();
  };
}

/**
 * No request runs longer than `timeoutMs`: when the deadline passes, the
 * client is answered with TIMEOUT and the request's signal is aborted, so
 * resolvers still to start do not. A client that goes away aborts it too.
 * The deadline ends with the response, through `observeRequests`, which must
 * come first.
 */
export function deadline(timeoutMs: number, metrics: Metrics): Middleware {
  return (_req, res, next) => {
    const deadline = new RequestDeadline();
    res.locals.deadline = deadline;
    deadline.start(timeoutMs, () => {
      deadline.abort();
      if (res.headersSent) return;
      metrics.timeouts.inc();
      sendError(
        res,
        503,
        ErrorCode.TIMEOUT,
        `the request ran longer than the ${timeoutMs} ms limit and was stopped; a change it asked for may or may not have been made`,
        { limitMs: timeoutMs },
      );
    });
    next();
  };
}

function sendUnavailable(res: Response): void {
  res.setHeader("Retry-After", "5");
  sendError(res, 503, ErrorCode.SERVICE_UNAVAILABLE, DATABASE_UNREACHABLE);
}

/** Refuses at once, with SERVICE_UNAVAILABLE, while the database is not connected and set up. */
export function requireDatabase(link: DatabaseLink): Middleware {
  return (_req, res, next) => (link.ready ? next() : sendUnavailable(res));
}

/**
 * Resolves the Authorization header to a viewer. A failed authentication is
 * remembered, not answered yet, so the rate limit counts it against the
 * client's address before the 401 goes out.
 */
export function authenticateRequests(models: Models): Middleware {
  return (req, res, next) => {
    const header = req.headers.authorization;
    const bearer = header !== undefined && header !== "";
    // No credentials: anonymous at once, without a promise and a turn of the microtask queue.
    if (!bearer && !hasSessionCookie(req.headers)) {
      res.locals.viewer = ANONYMOUS;
      return next();
    }
    // An Authorization header wins over a session cookie: it is the credential the caller chose.
    const secret = bearer ? null : sessionSecretOf(req.headers);
    const work = bearer
      ? authenticate(models, header).then((viewer) => ({ viewer, via: "token", session: null }))
      : secret
        ? authenticateSession(models, secret).then(({ viewer, session }) => ({ viewer, via: "session", session }))
        : Promise.reject(new UnauthenticatedError("the session cookie is malformed: sign in again"));
    // If the deadline answered while authentication waited on the database, the request ends here.
    work.then(
      ({ viewer, via, session }) => {
        if (res.headersSent) return;
        res.locals.viewer = viewer;
        res.locals.via = via;
        res.locals.session = session;
        next();
      },
      (e: unknown) => {
        if (res.headersSent) return;
        if (!(e instanceof UnauthenticatedError)) return next(e);
        res.locals.viewer = ANONYMOUS;
        res.locals.authFailure = e;
        next();
      },
    );
  };
}

export function refuseFailedAuthentication(): Middleware {
  return (_req, res, next) => {
    const failure = res.locals.authFailure as UnauthenticatedError | undefined;
    if (!failure) return next();
    sendError(res, 401, ErrorCode.UNAUTHENTICATED, failure.message);
  };
}

/**
 * Per-token limit for authenticated requests, per-address limit for the
 * rest (including failed authentications). Answers 429 with Retry-After and
 * the RateLimit-* headers.
 */
export function rateLimit(
  limiter: RateLimiter,
  config: RateLimitConfig,
  metrics: Metrics,
  trustProxy: false | "loopback" | number,
): Middleware {
  // Without a trusted proxy the client is the socket's peer; express would still parse X-Forwarded-For to find that out.
  const addressOf = trustProxy === false ? (req: Request) => req.socket.remoteAddress : (req: Request) => req.ip;
  return (req, res, next) => {
    const viewer = res.locals.viewer as Viewer;
    const byToken = Boolean(viewer.credential);
    const limit = byToken ? config.perToken : config.perAddress;
    if (limit === 0) return next();
    const scope = byToken ? "token" : "address";
    const key = byToken
      ? `token:${viewer.credential}`
      : `address:${addressOf(req) ?? req.socket.remoteAddress ?? "unknown"}`;
    const d = limiter.check(key, limit);
    res.setHeader("RateLimit-Limit", String(limit));
    res.setHeader("RateLimit-Remaining", String(d.remaining));
    if (d.allowed) return next();
    metrics.rateLimitRejections.inc({ scope });
    const windowSeconds = config.windowMs / 1000;
    res.setHeader("Retry-After", String(d.retryAfterS));
    sendError(
      res,
      429,
      ErrorCode.RATE_LIMITED,
      `rate limit reached: at most ${limit} requests per ${windowSeconds} s per ${byToken ? "token" : "client address"}; retry after ${d.retryAfterS} s`,
      { scope, limit, windowSeconds, retryAfter: d.retryAfterS },
    );
  };
}

const LOOPBACK = new Set(["127.0.0.1", "::1", "::ffff:127.0.0.1"]);

/** /metrics answers callers on this host, and others only with the configured bearer token. */
export function metricsAccess(token: string | undefined): Middleware {
  const expected = token ? Buffer.from(`Bearer ${token}`) : null;
  return (req, res, next) => {
    if (LOOPBACK.has(req.socket.remoteAddress ?? "")) return next();
    const given = Buffer.from(req.header("authorization") ?? "");
    if (expected && given.length === expected.length && timingSafeEqual(given, expected)) return next();
    res.status(403).type("text/plain").send("metrics are served to this host, or with the metrics token\n");
  };
}

/**
 * The last handler: a body over the size limit is 413, malformed JSON 400, an
 * unreachable database 503; anything else is logged once, with the request
 * id, and answered 500 without detail.
 */
export function handleErrors(log: Logger) {
  return (err: unknown, _req: Request, res: Response, _next: NextFunction): void => {
    const e = err as { type?: string; status?: number; message?: string };
    if (e?.type === "entity.too.large") {
      sendError(res, 413, ErrorCode.BAD_REQUEST, "request body is larger than the 100 kB limit");
    } else if (typeof e?.status === "number" && e.status >= 400 && e.status < 500) {
      sendError(res, e.status, ErrorCode.BAD_REQUEST, `bad request: ${e.message ?? "malformed"}`);
    } else if (isDatabaseUnreachable(err)) {
      log.warn({ err, requestId: res.locals.requestId }, "database unreachable");
      sendUnavailable(res);
    } else {
      log.error({ err, requestId: res.locals.requestId }, "unexpected error");
      sendError(res, 500, ErrorCode.INTERNAL_SERVER_ERROR, "internal error");
    }
  };
}
