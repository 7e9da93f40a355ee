import { randomUUID } from "node:crypto";
import type { Request } from "express";
import type { Logger } from "./logger";
import type { Models } from "./db/models";
import { createLoaders, Loaders } from "./catalog/loaders";
import { Visibility } from "./catalog/enums";
import type { CatalogueSnapshot, CatalogueSnapshots } from "./catalog/snapshot";

/** Who is asking. Until accounts exist every caller is anonymous and sees PUBLIC listings only. */
export interface Viewer {
  kind: "anonymous";
  visibilities: readonly Visibility[];
}

export const ANONYMOUS: Viewer = { kind: "anonymous", visibilities: [Visibility.PUBLIC] };

export interface Context {
  requestId: string;
  log: Logger;
  viewer: Viewer;
  models: Models;
  loaders: Loaders;
  /** The catalogue as of this request; the revision is checked once per request. */
  catalogue: () => Promise<CatalogueSnapshot>;
}

/** A request id from a well-formed X-Request-Id header, or a new one. */
export function requestIdOf(req: Request): string {
  const given = req.header("x-request-id");
  return given && /^[A-Za-z0-9._-]{1,100}$/.test(given) ? given : randomUUID();
}

export function createContext(models: Models, snapshots: CatalogueSnapshots, log: Logger, requestId: string): Context {
  let snapshot: Promise<CatalogueSnapshot> | undefined;
  const catalogue = () => (snapshot ??= snapshots.current());
  return {
    catalogue,
    requestId,
    log: log.child({ requestId }),
    viewer: ANONYMOUS,
    models,
    loaders: createLoaders(models, catalogue),
  };
}
