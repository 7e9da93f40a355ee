import { randomUUID } from "node:crypto";
import type { Request } from "express";
import type { Logger } from "./logger";
import type { Models } from "./db/models";
import { createLoaders, Loaders } from "./catalog/loaders";
import type { Visibility } from "./catalog/enums";
import type { CatalogueSnapshot, CatalogueSnapshots } from "./catalog/snapshot";
import { Role, visibilitiesFor } from "./accounts/roles";
import { ListSizes, listSizesFor } from "./limits/list-sizes";
import { ExecutionBudget } from "./http/graphql";

/**
 * Who is asking: nobody in particular, a signed-in user, or the system itself
 * (the command-line tool, acting with an administrator's rights).
 */
export interface Viewer {
  kind: "anonymous" | "user" | "system";
  userId: string | null;
  email: string | null;
  role: Role | null;
  /** The organisation a VENDOR is bound to. */
  organisationId: string | null;
  visibilities: readonly Visibility[];
  /**
   * An opaque key for the credential the request came with (derived from the
   * token's stored hash, never the token), for per-token rate limits.
   */
  credential?: string | null;
}

export const ANONYMOUS: Viewer = {
  kind: "anonymous",
  userId: null,
  email: null,
  role: null,
  organisationId: null,
  visibilities: visibilitiesFor(null),
};

export const SYSTEM: Viewer = {
  kind: "system",
  userId: "system",
  email: null,
  role: Role.ADMIN,
  organisationId: null,
  visibilities: visibilitiesFor(Role.ADMIN),
};

export interface Context {
  /** Always our own: events and log lines of one request carry an id no client can choose. */
  requestId: string;
  /** The client's X-Request-Id, when it was printable ASCII of at most 64 characters; for correlation only. */
  clientRequestId: string | null;
  log: Logger;
  viewer: Viewer;
  models: Models;
  loaders: Loaders;
  /** The catalogue as of this request; the revision is checked once per request. */
  catalogue: () => Promise<CatalogueSnapshot>;
  /**
   * How long the lists of the catalogue can be, for the query cost; from the
   * newest snapshot in memory (no database read) and the caller's visibilities.
   */
  listSizes: () => Promise<ListSizes>;
  /** Aborted when the request's deadline passes or its client goes away; resolvers stop at the next boundary. */
  signal: AbortSignal;
  /** What the request turned out to be: its operation name and outcome (for metrics) and its cost, once checked. */
  trace: { operation: string | null; outcome: string | null; cost: number | null };
  /** What the request's execution has produced, against the ceilings on one answer. */
  execution: ExecutionBudget;
}

/**
 * The id of a request is always one we make: a client-supplied id copied
 * into audit events would let a caller make its events look like another
 * request's.
 */
export function newRequestId(): string {
  return randomUUID();
}

/** Printable ASCII, space to tilde, 1 to 64 characters. */
const CLIENT_REQUEST_ID = /^[\x20-\x7e]{1,64}$/;

/**
 * The client's own X-Request-Id, kept apart from ours so a client can still
 * correlate: printable ASCII (space to tilde), 1 to 64 characters; anything
 * else is dropped rather than cut or cleaned, so what is stored is exactly
 * what the client sent.
 */
export function clientRequestIdOf(req: Request): string | null {
  const given = req.header("x-request-id");
  return given !== undefined && CLIENT_REQUEST_ID.test(given) ? given : null;
}

/**
 * One request's context. The request's logger, loaders and signal are made
 * when first used: most requests log nothing of their own, and a query that
 * reads nothing from the catalogue (`{ __typename }`, a viewer query) needs no
 * loaders. They are getters on the prototype, not own properties, because
 * Apollo copies the context for each operation with `Object.assign`, which
 * would call own getters and make them all at once; objects that must be
 * shared with that copy (`trace`, `execution`) are held by reference.
 */
class RequestContext implements Context {
  private logMade: Logger | undefined;
  private loadersMade: Loaders | undefined;
  private signalMade: AbortSignal | undefined;

  constructor(
    readonly catalogue: () => Promise<CatalogueSnapshot>,
    readonly listSizes: () => Promise<ListSizes>,
    readonly requestId: string,
    readonly clientRequestId: string | null,
    private readonly processLog: Logger,
    readonly viewer: Viewer,
    readonly models: Models,
    private readonly makeSignal: () => AbortSignal,
    readonly trace: Context["trace"],
    readonly execution: ExecutionBudget,
  ) {}

  get log(): Logger {
    return (this.logMade ??= this.processLog.child({
      requestId: this.requestId,
      ...(this.viewer.userId ? { userId: this.viewer.userId } : {}),
    }));
  }

  get loaders(): Loaders {
    return (this.loadersMade ??= createLoaders(this.catalogue, this.models));
  }

  get signal(): AbortSignal {
    return (this.signalMade ??= this.makeSignal());
  }
}

export function createContext(
  models: Models,
  snapshots: CatalogueSnapshots,
  log: Logger,
  requestId: string,
  viewer: Viewer = ANONYMOUS,
  /** The request's signal, or a function that makes it when first asked for. */
  signal: AbortSignal | (() => AbortSignal) = new AbortController().signal,
  execution: ExecutionBudget = new ExecutionBudget(),
  clientRequestId: string | null = null,
): Context {
  let snapshot: Promise<CatalogueSnapshot> | undefined;
  const catalogue = () => (snapshot ??= snapshots.current());
  return new RequestContext(
    catalogue,
    async () => listSizesFor(snapshots.loaded() ?? (await snapshots.current()), viewer),
    requestId,
    clientRequestId,
    log,
    viewer,
    models,
    typeof signal === "function" ? signal : () => signal,
    { operation: null, outcome: null, cost: null },
    execution,
  );
}
