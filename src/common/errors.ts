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

export class ServiceUnavailableError extends GraphQLError {
  constructor(message = "the catalogue database is not reachable; try again shortly") {
    super(message, { extensions: { code: ErrorCode.SERVICE_UNAVAILABLE } });
  }
}

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
