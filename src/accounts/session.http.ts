import { serialize } from "cookie";
import { NextFunction, Request, Response, Router } from "express";
import { AuditOutcome } from "../audit/audit.model";
import { AuditService } from "../audit/audit.service";
import { ErrorCode, UnauthenticatedError } from "../common/errors";
import type { Context } from "../context";
import { sendError } from "../http/respond";
import { globalId } from "../node/global-id";
import { endSession, SESSION_COOKIE, sessionSecretOf, startSession } from "./session";
import type { SessionDoc } from "./session.model";
import { hashToken } from "./token";

type Middleware = (req: Request, res: Response, next: NextFunction) => void;

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Cross-site request forgery, for requests whose credential is the session
 * cookie (a bearer token is never sent by a browser on its own, so it needs
 * none of this). Refused with 403: any request that the browser marks as
 * coming from another site (`Sec-Fetch-Site` other than `same-origin` or
 * `none`), and any request other than GET and HEAD whose `Origin` is missing
 * or is neither this server's own origin nor one of `allowedOrigins`. The
 * cookie is also SameSite=Strict, and Apollo's CSRF prevention refuses
 * GraphQL requests a plain form or image could send. See SECURITY.md.
 */
export function refuseCrossSiteSessions(allowedOrigins: readonly string[]): Middleware {
  const allowed = new Set(allowedOrigins);
  return (req, res, next) => {
    if (res.locals.via !== "session") return next();
    const site = req.headers["sec-fetch-site"];
    if (site !== undefined && site !== "same-origin" && site !== "none") {
      return sendError(res, 403, ErrorCode.FORBIDDEN, "refused: a cross-site request with the session cookie");
    }
    if (SAFE_METHODS.has(req.method)) return next();
    const origin = req.headers.origin;
    const own = `${req.protocol}://${req.headers.host}`;
    if (!origin || (origin !== own && !allowed.has(origin))) {
      return sendError(
        res,
        403,
        ErrorCode.FORBIDDEN,
        "refused: a request with the session cookie must come from this site (its Origin header)",
      );
    }
    next();
  };
}

function cookie(req: Request, value: string, maxAgeS: number): string {
  return serialize(SESSION_COOKIE, value, {
    httpOnly: true,
    sameSite: "strict",
    secure: req.secure,
    path: "/",
    maxAge: maxAgeS,
  });
}

/**
 * POST /auth/session: exchanges the API token in `Authorization: Bearer` for
 * a session cookie, so that a page never keeps the token. DELETE
 * /auth/session ends the session in the cookie and clears it. Both audited.
 */
export function sessionRoutes(contextFor: (res: Response) => Context, ttlMs: number): Router {
  const router = Router();
  router.post("/session", async (req, res, next) => {
    try {
      const failure = res.locals.authFailure as UnauthenticatedError | undefined;
      if (failure) return sendError(res, 401, ErrorCode.UNAUTHENTICATED, failure.message);
      if (res.locals.via !== "token") {
        return sendError(
          res,
          401,
          ErrorCode.UNAUTHENTICATED,
          "send an API token as `Authorization: Bearer <token>` to start a session",
        );
      }
      const tokenHash = hashToken(String(req.headers.authorization).slice("Bearer ".length));
      const ctx = contextFor(res);
      const { secret, session, viewer } = await startSession(ctx.models, tokenHash, ttlMs);
      await new AuditService(ctx).recordOrUndo(
        {
          operation: "startSession",
          target: `session:${session.sessionId}`,
          outcome: AuditOutcome.ACCEPTED,
          changes: { expiresAt: [null, session.expiresAt.toISOString()] },
        },
        () => ctx.models.Session.deleteOne({ _id: session._id }),
      );
      const maxAge = Math.max(1, Math.floor((session.expiresAt.getTime() - Date.now()) / 1000));
      if (res.headersSent) return;
      res.setHeader("Set-Cookie", cookie(req, secret, maxAge));
      res.setHeader("Cache-Control", "no-store");
      res.status(201).json({
        user: { id: globalId("User", viewer.userId!), email: viewer.email, role: viewer.role },
        sessionId: session.sessionId,
        expiresAt: session.expiresAt.toISOString(),
      });
    } catch (e) {
      next(e);
    }
  });

  router.delete("/session", async (req, res, next) => {
    try {
      const secret = sessionSecretOf(req.headers);
      // Only a live session is ended and audited; a stale or malformed cookie is just cleared.
      if (secret && res.locals.via === "session") {
        const ctx = contextFor(res);
        const ended: SessionDoc | null = await endSession(ctx.models, secret);
        if (ended) {
          await new AuditService(ctx).record({
            operation: "endSession",
            target: `session:${ended.sessionId}`,
            outcome: AuditOutcome.ACCEPTED,
            changes: { endedAt: [null, new Date().toISOString()] },
          });
        }
      }
      if (res.headersSent) return;
      res.setHeader("Set-Cookie", cookie(req, "", 0));
      res.setHeader("Cache-Control", "no-store");
      res.status(204).end();
    } catch (e) {
      next(e);
    }
  });
  return router;
}
