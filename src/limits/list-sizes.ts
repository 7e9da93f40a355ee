import { JurisdictionKind } from "../catalog/enums";
import type { CatalogueSnapshot } from "../catalog/snapshot";
import { audienceOf, visibleListings } from "../catalog/visibility";
import type { Viewer } from "../context";

/**
 * The largest a list field without `first` can be, read off one catalogue
 * snapshot: the number of countries, groups, capabilities, the largest group,
 * the most availability entries any listing the caller may see has, and so
 * on. The query cost multiplies by these, so a query's cost bounds the
 * number of fields its answer can hold.
 *
 * Figures that depend on listings are taken over the listings the caller may
 * see (their audience: visibilities and owned organisation), so the cost of a
 * query never reveals anything about listings hidden from them.
 */
export interface ListSizes {
  jurisdictions: number;
  countries: number;
  /** Each group's code and number of members. */
  groupMembers: { code: string; members: number }[];
  /** The most members any group has. */
  maxMembers: number;
  /** The most groups any country belongs to. */
  maxGroupsPerCountry: number;
  capabilities: number;
  /** Per capability slug: listings under it (its subtree included) and the size of its subtree. */
  capability: Map<string, { listings: number; subtree: number }>;
  /** Rows of a gap report over the whole taxonomy, by depth (functions; functions and their capabilities). */
  rowsAtFunctionDepth: number;
  rowsAtCapabilityDepth: number;
  /** The most listings under any one row of a gap report drawn at capability depth. */
  maxListingsPerCapabilityRow: number;
  maxChildren: number;
  /** Levels of the taxonomy (a capability lies under at most one node of each). */
  taxonomyLevels: number;
  /** The most synonyms any capability has, and the most sources any one synonym cites. */
  maxCapabilitySynonyms: number;
  maxSynonymSources: number;
  schemes: number;
  maxSchemeLevels: number;
  maxSchemeJurisdictions: number;
  maxSchemeSources: number;
  maxSchemeListings: number;
  maxOrganisationSources: number;
  /** Listings the caller may see. */
  listings: number;
  maxListingsPerOrganisation: number;
  /** Distinct owners of the listings the caller may see, an unknown owner counting as one. */
  organisationsWithListings: number;
  perListing: { availability: number; capabilities: number; schemes: number; offers: number; sources: number };
}

/**
 * Lists that come from the database rather than the snapshot, with no
 * natural maximum (revisions accumulate); the cost counts them at these
 * sizes, and the node ceiling enforced during execution holds whatever they
 * really are.
 */
export const UNSNAPSHOTTED_LIST_SIZES = {
  revisions: 100,
  fieldChanges: 40,
  userErrors: 300,
} as const;

function maxOf(values: Iterable<number>): number {
  let m = 0;
  for (const v of values) if (v > m) m = v;
  return m;
}

function countBy<T>(items: Iterable<T>, keys: (item: T) => Iterable<string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) for (const k of keys(item)) counts.set(k, (counts.get(k) ?? 0) + 1);
  return counts;
}

export function computeListSizes(s: CatalogueSnapshot, viewer: Viewer): ListSizes {
  const listings = visibleListings(viewer, s.listings);
  const countries = s.jurisdictions.filter((j) => j.kind !== JurisdictionKind.GROUP);
  const groups = s.jurisdictions.filter((j) => j.kind === JurisdictionKind.GROUP);
  const capabilityById = new Map(s.capabilities.map((c) => [c._id.toHexString(), c]));
  // A listing counts under each capability it names and each of their ancestors (paths hold the slugs).
  const perCapability = countBy(listings, (t) => {
    const slugs = new Set<string>();
    for (const id of t.capabilities) {
      for (const slug of capabilityById.get(id.toHexString())?.path.split("/") ?? []) if (slug) slugs.add(slug);
    }
    return slugs;
  });
  const subtree = countBy(s.capabilities, (c) => c.path.split("/").filter(Boolean));
  const parents = new Set(s.capabilities.flatMap((c) => (c.parent ? [c.parent.toHexString()] : [])));
  const capabilityRows = s.capabilities.filter(
    (c) => c.depth === 1 || (c.depth === 0 && !parents.has(c._id.toHexString())),
  );
  const perScheme = countBy(listings, (t) => t.classificationSchemes.map((id) => id.toHexString()));
  const schemes = [...s.classificationSchemeById.values()];
  return {
    jurisdictions: s.jurisdictions.length,
    countries: countries.length,
    groupMembers: groups.map((g) => ({ code: g.code, members: g.members.length })),
    maxMembers: maxOf(groups.map((g) => g.members.length)),
    maxGroupsPerCountry: maxOf(countBy(groups, (g) => g.members).values()),
    capabilities: s.capabilities.length,
    capability: new Map(
      s.capabilities.map((c) => [
        c.slug,
        { listings: perCapability.get(c.slug) ?? 0, subtree: subtree.get(c.slug) ?? 1 },
      ]),
    ),
    rowsAtFunctionDepth: s.capabilities.filter((c) => c.depth === 0).length,
    rowsAtCapabilityDepth: s.capabilities.filter((c) => c.depth <= 1).length,
    maxListingsPerCapabilityRow: maxOf(capabilityRows.map((c) => perCapability.get(c.slug) ?? 0)),
    maxChildren: maxOf(countBy(s.capabilities, (c) => (c.parent ? [c.parent.toHexString()] : [])).values()),
    taxonomyLevels: 1 + maxOf(s.capabilities.map((c) => c.depth)),
    maxCapabilitySynonyms: maxOf(s.capabilities.map((c) => c.synonyms.length)),
    maxSynonymSources: maxOf(s.capabilities.flatMap((c) => c.synonyms.map((y) => y.sources.length))),
    schemes: schemes.length,
    maxSchemeLevels: maxOf(schemes.map((c) => c.levels.length)),
    maxSchemeJurisdictions: maxOf(schemes.map((c) => c.jurisdictions.length)),
    maxSchemeSources: maxOf(schemes.map((c) => c.sources.length)),
    maxSchemeListings: maxOf(perScheme.values()),
    maxOrganisationSources: maxOf([...s.organisationById.values()].map((o) => o.sources?.length ?? 0)),
    listings: listings.length,
    maxListingsPerOrganisation: maxOf(
      countBy(listings, (t) => (t.organisation ? [t.organisation.toHexString()] : [])).values(),
    ),
    organisationsWithListings: new Set(listings.map((t) => t.organisation?.toHexString() ?? null)).size,
    perListing: {
      availability: maxOf(listings.map((t) => t.availability.length)),
      capabilities: maxOf(listings.map((t) => t.capabilities.length)),
      schemes: maxOf(listings.map((t) => t.classificationSchemes.length)),
      offers: maxOf(listings.map((t) => t.offers.length)),
      sources: maxOf(listings.map((t) => t.sources.length)),
    },
  };
}

const cache = new WeakMap<CatalogueSnapshot, Map<string, ListSizes>>();

/** The list sizes for one snapshot and one audience (who sees the same listings), computed once and kept with the snapshot. */
export function listSizesFor(s: CatalogueSnapshot, viewer: Viewer): ListSizes {
  let byAudience = cache.get(s);
  if (!byAudience) cache.set(s, (byAudience = new Map()));
  const key = audienceOf(viewer);
  let sizes = byAudience.get(key);
  if (!sizes) byAudience.set(key, (sizes = computeListSizes(s, viewer)));
  return sizes;
}
