import { Types } from "mongoose";
import { PublicationState } from "../catalog/enums";
import type { ToolDoc } from "../catalog/tools/tool.model";

/**
 * A listing frozen as a locked shortlist keeps it: the fields a reader and a
 * comparison need, in one JSON string. It is read back as a published
 * listing with the visibility it had then, so what a locked shortlist shows
 * depends only on the snapshot and on the reader's rights now.
 */
const KEPT = [
  "slug",
  "name",
  "kind",
  "aliases",
  "organisation",
  "summary",
  "status",
  "year",
  "capabilities",
  "mediaTypes",
  "deployment",
  "languages",
  "standards",
  "classificationSchemes",
  "offers",
  "availability",
  "availableWorldwide",
  "visibility",
  "sources",
  "lastVerifiedAt",
  "revision",
] as const;

export type FrozenListing = Pick<ToolDoc, "_id" | (typeof KEPT)[number] | "publicationState">;

export function freeze(t: ToolDoc): string {
  const kept: Record<string, unknown> = { _id: t._id.toHexString() };
  for (const k of KEPT) kept[k] = t[k];
  // ObjectIds and dates become hex strings and ISO strings (their toJSON).
  return JSON.stringify(kept);
}

export function thaw(json: string): FrozenListing {
  const v = JSON.parse(json) as Record<string, unknown>;
  const id = (x: unknown) => new Types.ObjectId(String(x));
  const sources = v.sources as { document: string | null }[];
  return {
    ...(v as unknown as FrozenListing),
    _id: id(v._id),
    organisation: v.organisation ? id(v.organisation) : null,
    capabilities: (v.capabilities as string[]).map(id),
    classificationSchemes: (v.classificationSchemes as string[]).map(id),
    sources: sources.map((s) => ({ ...s, document: s.document ? id(s.document) : null })) as ToolDoc["sources"],
    lastVerifiedAt: v.lastVerifiedAt ? new Date(String(v.lastVerifiedAt)) : null,
    publicationState: PublicationState.PUBLISHED,
  };
}
