import type { Response } from "express";
import { ErrorCode } from "../common/errors";

/** The GraphQL-over-HTTP media type; application/json stays the answer for clients that do not ask for it. */
export const GRAPHQL_RESPONSE_TYPE = "application/graphql-response+json";

/**
 * The media type of an error answered from the HTTP layer: at /graphql, the
 * GraphQL-over-HTTP type when the client's Accept header prefers it (as
 * Apollo Client and urql send it), so the client reads the error's code as a
 * GraphQL error; JSON everywhere else.
 */
function errorMediaType(res: Response): string {
  const req = res.req;
  if (!req?.originalUrl.startsWith("/graphql")) return "application/json";
  return req.accepts(["application/json", GRAPHQL_RESPONSE_TYPE]) === GRAPHQL_RESPONSE_TYPE
    ? GRAPHQL_RESPONSE_TYPE
    : "application/json";
}

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
  res
    .status(status)
    .type(`${errorMediaType(res)}; charset=utf-8`)
    .send(JSON.stringify({ errors: [{ message, extensions: { code, ...extensions } }] }));
}
