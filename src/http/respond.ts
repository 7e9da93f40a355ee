import type { Response } from "express";
import { ErrorCode } from "../common/errors";

/**
 * Answers with a GraphQL-shaped error body (`{ errors: [...] }`), the shape
 * clients already handle, from the HTTP layer: limits, timeouts, an
 * unavailable database. Does nothing if an answer has already gone out (the
 * deadline may have answered first).
 */
export function sendError(
  res: Response,
  status: number,
  code: ErrorCode,
  message: string,
  extensions: Record<string, unknown> = {},
): void {
  if (res.headersSent) return;
  res.locals.outcome = code;
  res.status(status).json({ errors: [{ message, extensions: { code, ...extensions } }] });
}
