import { Types } from "mongoose";
import { derivedToolFields } from "../catalog/tools/tool.derive";
import type { ToolDoc } from "../catalog/tools/tool.model";
import type { SeedListing, SeedSource } from "../seed/seed.schema";

/**
 * A listing's content as people write it (the seed format): other records by
 * slug or code. Revisions store this form, so history stays readable when
 * ids change and two revisions can be compared field by field.
 */
export type ListingContent = SeedListing;

/** Slug → id lookups for the records a listing refers to; each returns undefined for an unknown slug. */
export interface IdLookups {
  organisation(slug: string): { id: Types.ObjectId; name: string } | undefined;
  capability(slug: string): Types.ObjectId | undefined;
  scheme(slug: string): Types.ObjectId | undefined;
  document(slug: string): Types.ObjectId | undefined;
}

export class UnknownReferenceError extends Error {}

function need<T>(v: T | undefined, what: string, slug: string): T {
  if (v === undefined) throw new UnknownReferenceError(`unknown ${what} "${slug}"`);
  return v;
}

export function sourcesToDocs(list: SeedSource[], lookups: Pick<IdLookups, "document">) {
  return list.map((s) => ({
    document: s.document ? need(lookups.document(s.document), "document", s.document) : null,
    url: s.url ?? null,
    locator: s.locator,
    unverified: s.unverified ?? false,
  }));
}

/** The stored fields of a listing, derived fields included, from its content. Shared by the seed loader and the editor. */
export function contentToToolFields(l: ListingContent, lookups: IdLookups) {
  const org = l.organisation ? need(lookups.organisation(l.organisation), "organisation", l.organisation) : null;
  return {
    ...l,
    organisation: org ? org.id : null,
    capabilities: l.capabilities.map((c) => need(lookups.capability(c), "capability", c)),
    classificationSchemes: l.classificationSchemes.map((s) => need(lookups.scheme(s), "classification scheme", s)),
    sources: sourcesToDocs(l.sources, lookups),
    ...derivedToolFields(l, org ? org.name : null),
  };
}

/** Id → slug lookups, the other way round. */
export interface SlugLookups {
  organisation(id: string): string | undefined;
  capability(id: string): string | undefined;
  scheme(id: string): string | undefined;
  document(id: string): string | undefined;
}

/** A stored listing back in content form. */
export function toolToContent(t: ToolDoc, slugs: SlugLookups): ListingContent {
  const sl = (id: Types.ObjectId, f: (x: string) => string | undefined) => f(id.toHexString()) ?? id.toHexString();
  return {
    slug: t.slug,
    name: t.name,
    kind: t.kind,
    aliases: t.aliases,
    organisation: t.organisation ? sl(t.organisation, slugs.organisation) : null,
    summary: t.summary,
    status: t.status,
    year: t.year,
    capabilities: t.capabilities.map((c) => sl(c, slugs.capability)),
    mediaTypes: t.mediaTypes,
    deployment: t.deployment,
    languages: t.languages,
    standards: t.standards,
    classificationSchemes: t.classificationSchemes.map((c) => sl(c, slugs.scheme)),
    offers: t.offers.map((o) => ({
      model: o.model,
      eligibility: o.eligibility,
      spdxLicense: o.spdxLicense,
      requiresVetting: o.requiresVetting,
      notes: o.notes,
    })),
    availability: t.availability.map((a) => ({ jurisdiction: a.jurisdiction, status: a.status, notes: a.notes })),
    // Only when stated, so that the content of every other listing (and its history) reads as before.
    ...(t.availableWorldwide ? { availableWorldwide: true } : {}),
    visibility: t.visibility,
    sources: t.sources.map((s) => ({
      ...(s.document ? { document: sl(s.document, slugs.document) } : {}),
      ...(s.url ? { url: s.url } : {}),
      locator: s.locator,
      ...(s.unverified ? { unverified: true } : {}),
    })),
  };
}

/** Field-by-field differences between two versions of a listing's content. */
export function diffContent(
  a: ListingContent | null,
  b: ListingContent,
): { field: string; before: unknown; after: unknown }[] {
  const keys = Object.keys(b) as (keyof ListingContent)[];
  return keys
    .filter((k) => JSON.stringify(a ? a[k] : null) !== JSON.stringify(b[k]))
    .map((k) => ({ field: k, before: a ? a[k] : null, after: b[k] }));
}
