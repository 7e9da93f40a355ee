import { BadUserInputError } from "../common/errors";

/** The object types a client can refetch by `node(id)` and cache by `id`. */
export const NODE_KINDS = [
  "Listing",
  "Organisation",
  "Capability",
  "Jurisdiction",
  "Document",
  "ClassificationScheme",
  "ListingRevision",
  "SavedReport",
  "SavedSearch",
  "Shortlist",
  "User",
  "ApiToken",
  "AuditEvent",
  "CompletenessRequest",
  "SchemeMapping",
  "SchemeLevelChange",
] as const;
export type NodeKind = (typeof NODE_KINDS)[number];

/** At most this many ids in one `nodes` call. */
export const MAX_NODES = 100;

const KINDS: ReadonlySet<string> = new Set(NODE_KINDS);

/** The global id of a record: its kind and its key (an ObjectId in hex, a token id, a jurisdiction code). */
export function globalId(kind: NodeKind, key: string): string {
  return Buffer.from(`${kind}:${key}`, "utf8").toString("base64url");
}

/** The kind and key a global id names, or null when this API did not issue it. */
export function parseGlobalId(id: string): { kind: NodeKind; key: string } | null {
  if (id.length === 0 || id.length > 200 || !/^[A-Za-z0-9_-]+$/.test(id)) return null;
  const text = Buffer.from(id, "base64url").toString("utf8");
  const colon = text.indexOf(":");
  if (colon < 0) return null;
  const kind = text.slice(0, colon);
  const key = text.slice(colon + 1);
  // Re-encoding must give the same id: base64url has more than one spelling of some byte strings.
  if (!KINDS.has(kind) || key.length === 0 || globalId(kind as NodeKind, key) !== id) return null;
  return { kind: kind as NodeKind, key };
}

/**
 * The key an id argument names, for an argument that takes one kind: its
 * global id, or (still accepted, see the CHANGELOG) the bare key that the
 * API gave out as the id before ids were global. A global id of another
 * kind is a mistake worth naming.
 */
export function keyOf(kind: NodeKind, id: string, argument: string): string {
  const parsed = parseGlobalId(id);
  if (!parsed) return id;
  if (parsed.kind !== kind) throw new BadUserInputError(argument, `is the id of a ${parsed.kind}, not of a ${kind}`);
  return parsed.key;
}
