import type { ApolloServer, HTTPGraphQLRequest } from "@apollo/server";
import { HeaderMap } from "@apollo/server";
import type { NextFunction, Request, Response } from "express";
import {
  defaultFieldResolver,
  GraphQLError,
  getNamedType,
  GraphQLResolveInfo,
  GraphQLSchema,
  isLeafType,
  isObjectType,
} from "graphql";
import { ErrorCode, ResultTooLargeError, TimeoutError } from "../common/errors";
import { QUERY_LIMITS } from "../limits/query-limits";
import type { Context } from "../context";
import { EDITOR_PAGE_POLICY } from "./security-headers";
import { sendError } from "./respond";
import type { RequestDeadline } from "./deadline";

/**
 * Serves GraphQL over express with Apollo. The response is written only if
 * the deadline has not answered already; the operation name and outcome the
 * request ended with are left in `res.locals` for metrics.
 */
export function graphqlHandler(apollo: ApolloServer<Context>, contextFor: (res: Response) => Context, limitMs: number) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    try {
      const headers = headerMapOf(req.headers);
      const question = req.originalUrl.indexOf("?");
      const httpGraphQLRequest: HTTPGraphQLRequest = {
        method: req.method.toUpperCase(),
        headers,
        search: question >= 0 ? req.originalUrl.slice(question) : "",
        body: req.body,
      };
      const ctx = contextFor(res);
      const budget = ctx.execution;
      // Once the deadline has answered, stop waiting for the execution (its fields stop at their next step).
      (res.locals.deadline as RequestDeadline).onAbort(() => budget.stop(new TimeoutError(limitMs)));
      const answer = await budget.race(
        apollo.executeHTTPGraphQLRequest({ httpGraphQLRequest, context: async () => ctx }),
      );
      res.locals.operation = ctx.trace.operation;
      if (res.headersSent) {
        ctx.log.warn({ fields: budget.nodes }, "execution ended after the deadline answered");
        return;
      }
      if (answer instanceof GraphQLError) return refuse(res, answer);
      res.locals.outcome = ctx.trace.outcome ?? undefined;
      for (const [key, value] of answer.headers) res.setHeader(key, value);
      res.statusCode = answer.status ?? 200;
      if (answer.body.kind === "complete") {
        const body = answer.body.string;
        const bytes = Buffer.byteLength(body);
        const refusal = tooLarge(budget, bytes);
        if (refusal) return refuse(res, refusal);
        // The one HTML answer is the query editor's page (src/http/editor.ts), which runs scripts of its own.
        if (answer.headers.get("content-type")?.startsWith("text/html")) {
          res.setHeader("Content-Security-Policy", EDITOR_PAGE_POLICY);
        }
        // A GET answer can be cached and revalidated, so express adds its ETag and answers 304 when it still
        // holds; an answer to a POST is never reused, and goes out as it is, its type already set by Apollo.
        if (req.method === "GET" || req.method === "HEAD") {
          res.send(body);
        } else {
          res.setHeader("Content-Length", bytes);
          // A large answer goes out as bytes, so it is not first joined to the headers as one more string; a
          // small one is written with them in one go.
          res.end(bytes > STRING_WRITE_MAX_BYTES ? Buffer.from(body) : body);
        }
        return;
      }
      for await (const chunk of answer.body.asyncIterator) res.write(chunk);
      res.end();
    } catch (e) {
      next(e);
    }
  };
}

/** Answers up to this size are written to the socket as a string, with the headers. */
const STRING_WRITE_MAX_BYTES = 64 * 1024;

/**
 * The request's headers for Apollo, as Node combined them (names lowercased,
 * repeats joined or dropped by Node's rules), without the arrays
 * `Object.entries` would make.
 */
function headerMapOf(given: Request["headers"]): HeaderMap {
  const headers = new HeaderMap();
  for (const key in given) {
    const value = given[key];
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(", ") : value);
  }
  return headers;
}

/** The refusal to send instead of an answer (of `bytes` bytes) that passed a ceiling, or null to send it. */
function tooLarge(budget: ExecutionBudget, bytes: number): GraphQLError | null {
  const max = budget.limits.maxBytes;
  return budget.stoppedBy ?? (bytes > max ? new ResultTooLargeError("bytes", max) : null);
}

/** Answers with the one error that stopped the execution, without any partial data. */
function refuse(res: Response, error: GraphQLError): void {
  const code = error.extensions.code as ErrorCode;
  sendError(res, code === ErrorCode.TIMEOUT ? 503 : 400, code, error.message, error.extensions);
}

/** Ceilings on one answer, enforced while it is computed. */
export const EXECUTION_LIMITS = {
  /** Fields resolved: the cost budget, which bounds them before execution; this holds it during. */
  maxNodes: QUERY_LIMITS.maxCost,
  /** The serialised answer, in bytes (estimated while resolving, measured exactly before sending). */
  maxBytes: 4 * 1024 * 1024,
  /** Resolve fields for at most this long before giving other requests (and /livez) a turn of the event loop. */
  sliceMs: 10,
} as const;

export interface ExecutionLimits {
  maxNodes: number;
  maxBytes: number;
  sliceMs: number;
}

/**
 * What one request's execution has produced so far, and whether it has been
 * stopped (a ceiling passed, or the deadline). A stopped execution is not
 * unwound by throwing: graphql-js v16 leaves the promises of a list's earlier
 * items unobserved when a later item throws, and their later rejections
 * would be unhandled. Instead every field from then on waits for ever, and
 * the request is answered from outside (see `graphqlHandler`); the abandoned
 * execution holds no timer or socket and is collected as garbage.
 */
export class ExecutionBudget {
  nodes = 0;
  bytes = 0;
  /** Why execution stopped, once it has. */
  stoppedBy: GraphQLError | null = null;
  private onStop: ((e: GraphQLError) => void) | null = null;

  constructor(readonly limits: ExecutionLimits = EXECUTION_LIMITS) {}

  /** Settles with `execution`, or with the reason the budget stopped if that comes first (or came already). */
  race<T>(execution: Promise<T>): Promise<T | GraphQLError> {
    return new Promise<T | GraphQLError>((resolve, reject) => {
      execution.then(resolve, reject);
      if (this.stoppedBy) resolve(this.stoppedBy);
      else this.onStop = resolve;
    });
  }

  stop(reason: GraphQLError): void {
    if (this.stoppedBy) return;
    this.stoppedBy = reason;
    this.onStop?.(reason);
  }

  /** Counts a field; false once the answer has passed a ceiling (the budget is then stopped). */
  count(name: string): boolean {
    this.bytes += name.length + 4;
    if (++this.nodes > this.limits.maxNodes) this.stop(new ResultTooLargeError("nodes", this.limits.maxNodes));
    return this.withinBytes();
  }

  /** Adds the size of a leaf value as it will be serialised (roughly: strings by length, lists by element). */
  countValue(value: unknown): boolean {
    this.bytes += sizeOfLeaf(value);
    return this.withinBytes();
  }

  private withinBytes(): boolean {
    if (this.bytes > this.limits.maxBytes) this.stop(new ResultTooLargeError("bytes", this.limits.maxBytes));
    return !this.stoppedBy;
  }
}

/** A promise that never settles: what a field of a stopped execution returns. Fresh each time, so nothing accumulates on it. */
const never = () => new Promise<never>(() => undefined);

function sizeOfLeaf(value: unknown): number {
  if (typeof value === "string") return value.length + 2;
  if (Array.isArray(value)) return value.reduce<number>((n, v) => n + sizeOfLeaf(v) + 1, 2);
  if (value instanceof Date) return 26;
  if (value !== null && typeof value === "object") return JSON.stringify(value)?.length ?? 4;
  return 8;
}

/**
 * Cooperative time slicing, shared by every request in the process.
 * graphql-js completes all the items of a list in one synchronous pass, so
 * deferring one field now and then would not split the work: instead, once
 * a slice has been spent, every field is queued (the rest of the pass then
 * costs one pending promise per field), and the queue is run on later turns
 * of the event loop, one slice at a time, first in first out, so requests
 * share the time fairly and I/O (health checks, metrics, new requests) is
 * served between slices. A pause between two field calls longer than a slice
 * means the loop has turned: a new slice.
 */
class Slicer {
  private sliceStart = performance.now();
  private lastCall = this.sliceStart;
  private queue: (() => void)[] = [];
  private head = 0;
  private scheduled = false;
  /** The slice the fields ask for (the request's execution limits), which the queue is drained by too. */
  private sliceMs: number = EXECUTION_LIMITS.sliceMs;

  spent(sliceMs: number): boolean {
    this.sliceMs = sliceMs;
    const now = performance.now();
    if (now - this.lastCall > sliceMs) this.sliceStart = now;
    this.lastCall = now;
    return now - this.sliceStart >= sliceMs;
  }

  /** Runs `fn` on a later turn of the event loop, in order with everything queued before it. */
  later<T>(fn: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push(() => {
        try {
          resolve(fn());
        } catch (e) {
          reject(e);
        }
      });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.drain());
  }

  private drain(): void {
    this.scheduled = false;
    const start = performance.now();
    this.sliceStart = this.lastCall = start;
    const sliceMs = this.sliceMs;
    // Each task resolves one field; graphql-js completes it afterwards, in microtasks this loop cannot see, so
    // the batch is bounded in count as well as in time.
    for (let n = 0; this.head < this.queue.length && n < DRAIN_BATCH; n++) {
      const task = this.queue[this.head];
      this.queue[this.head++] = noop;
      task();
      if (performance.now() - start >= sliceMs) break;
    }
    if (this.head === this.queue.length) {
      this.queue = [];
      this.head = 0;
    } else {
      if (this.head > 4096) {
        this.queue = this.queue.slice(this.head);
        this.head = 0;
      }
      this.schedule();
    }
  }
}

const noop = () => undefined;
/** Fields resolved per turn of the event loop at most, when execution is being sliced. */
const DRAIN_BATCH = 256;

const slicer = new Slicer();

/**
 * Bounds execution from inside, at every field of every type, not only at
 * the root: a field past the request's deadline does not run; the answer
 * stops at the node and size ceilings; and execution yields to the event
 * loop after each slice, so a large answer being built never keeps health
 * checks, metrics or other requests waiting.
 */
export function boundExecution(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith("__")) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve = field.resolve ?? defaultFieldResolver;
      const leaf = isLeafType(getNamedType(field.type));
      const name = field.name;
      const run = (source: unknown, args: Record<string, unknown>, ctx: Context, info: GraphQLResolveInfo): unknown => {
        // A passed deadline has stopped the budget already (graphqlHandler asks to be told of it).
        const budget = ctx.execution;
        if (budget.stoppedBy) return never();
        const value: unknown = resolve(source, args, ctx, info);
        if (!leaf) return value;
        if (isPromiseLike(value)) return Promise.resolve(value).then((v) => (budget.countValue(v) ? v : never()));
        return budget.countValue(value) ? value : never();
      };
      field.resolve = (source, args, ctx: Context, info) => {
        if (!ctx.execution.count(name)) return never();
        if (!slicer.spent(ctx.execution.limits.sliceMs)) return run(source, args, ctx, info);
        return slicer.later(() => run(source, args, ctx, info));
      };
    }
  }
  return schema;
}

function isPromiseLike(v: unknown): v is PromiseLike<unknown> {
  return typeof (v as { then?: unknown } | null)?.then === "function";
}
