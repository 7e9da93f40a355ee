import { GraphQLError } from "graphql";

/** The codes clients rely on, in `extensions.code`. */
export enum ErrorCode {
  BAD_USER_INPUT = "BAD_USER_INPUT",
  UNAUTHENTICATED = "UNAUTHENTICATED",
  FORBIDDEN = "FORBIDDEN",
  NOT_FOUND = "NOT_FOUND",
  CONFLICT = "CONFLICT",
  SERVICE_UNAVAILABLE = "SERVICE_UNAVAILABLE",
  INTERNAL_SERVER_ERROR = "INTERNAL_SERVER_ERROR",
  GRAPHQL_VALIDATION_FAILED = "GRAPHQL_VALIDATION_FAILED",
  /** The request ran past the execution timeout and was answered without its result. */
  TIMEOUT = "TIMEOUT",
  RATE_LIMITED = "RATE_LIMITED",
  /** The answer would exceed the node or size ceiling; it was not sent. */
  RESULT_TOO_LARGE = "RESULT_TOO_LARGE",
  BAD_REQUEST = "BAD_REQUEST",
}

/** Input the caller can correct; names the argument (a dotted path such as `filter.capabilities`). */
export class BadUserInputError extends GraphQLError {
  constructor(argument: string, message: string) {
    super(`${argument}: ${message}`, { extensions: { code: ErrorCode.BAD_USER_INPUT, argument } });
  }
}

export class NotFoundError extends GraphQLError {
  constructor(message: string) {
    super(message, { extensions: { code: ErrorCode.NOT_FOUND } });
  }
}

/** What a client is told while the database cannot be reached. */
export const DATABASE_UNREACHABLE = "the catalogue database is not reachable; try again shortly";

/** Any failure to authenticate; deliberately says nothing about which check failed. */
export class UnauthenticatedError extends GraphQLError {
  constructor(message = "authentication required: missing, invalid, expired or revoked credentials") {
    super(message, { extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } } });
  }
}

export class ForbiddenError extends GraphQLError {
  constructor(message = "you are not allowed to do this") {
    super(message, { extensions: { code: ErrorCode.FORBIDDEN } });
  }
}

/** Raised at a resolver boundary once the request's deadline has passed. */
export class TimeoutError extends GraphQLError {
  constructor(limitMs: number) {
    super(`the request ran longer than the ${limitMs} ms limit and was stopped`, {
      extensions: { code: ErrorCode.TIMEOUT, limitMs },
    });
  }
}

/** Raised during execution once the answer passes the node or size ceiling. */
export class ResultTooLargeError extends GraphQLError {
  constructor(limit: "nodes" | "bytes", max: number) {
    super(
      limit === "nodes"
        ? `the answer would hold more than ${max} fields; ask for fewer or smaller pages`
        : `the answer would be larger than ${max} bytes; ask for fewer or smaller pages`,
      { extensions: { code: ErrorCode.RESULT_TOO_LARGE, limit, max } },
    );
  }
}

/** Driver errors that mean the database cannot be reached now (not that a command was wrong). */
const UNREACHABLE = new Set([
  "MongoServerSelectionError",
  "MongooseServerSelectionError",
  "MongoNetworkError",
  "MongoNetworkTimeoutError",
  "MongoNotConnectedError",
  "MongoTopologyClosedError",
  "MongoPoolClearedError",
  "MongoOperationTimeoutError",
]);

/** Socket errors the driver sometimes lets through unwrapped when the server vanishes mid-write. */
const SOCKET_CODES = new Set(["EPIPE", "ECONNRESET", "ECONNREFUSED", "ETIMEDOUT", "ENOTCONN", "ECONNABORTED"]);

/**
 * True for errors that mean the database cannot be reached now. Checked by
 * shape, not `instanceof`: socket errors may come from another realm, and
 * graphql-js wraps such values (`thrownValue`).
 */
export function isDatabaseUnreachable(e: unknown): boolean {
  if (typeof e !== "object" || e === null) return false;
  const { name, code, thrownValue } = e as { name?: unknown; code?: unknown; thrownValue?: unknown };
  if (thrownValue !== undefined) return isDatabaseUnreachable(thrownValue);
  return (typeof name === "string" && UNREACHABLE.has(name)) || (typeof code === "string" && SOCKET_CODES.has(code));
}
