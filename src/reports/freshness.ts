import type { SearchDoc } from "../search/tool-search";

export interface StaleGroupResult {
  /** Organisation id, or null for listings whose owner is not known. */
  organisationId: string | null;
  /** Listing ids, never-verified first, then oldest verification first. */
  toolIds: string[];
  /** The oldest verification in the group; null when some listing was never verified. */
  oldestVerifiedAt: Date | null;
}

const DAY_MS = 86_400_000;

/**
 * Listings not verified within `olderThanDays` of `now` (or never verified),
 * grouped by organisation, the group with the oldest listing first.
 */
export function staleListings(listings: SearchDoc[], olderThanDays: number, now: Date): StaleGroupResult[] {
  const cutoff = now.getTime() - olderThanDays * DAY_MS;
  const age = (d: SearchDoc) => (d.lastVerifiedAt ? d.lastVerifiedAt.getTime() : -Infinity);
  const stale = listings
    .filter((d) => age(d) < cutoff)
    .sort(
      (a, b) =>
        age(a) - age(b) || (a.sortName < b.sortName ? -1 : a.sortName > b.sortName ? 1 : a.slug < b.slug ? -1 : 1),
    );
  const groups = new Map<string, SearchDoc[]>();
  for (const d of stale) {
    const key = d.organisation?.toHexString() ?? "";
    const list = groups.get(key);
    if (list) list.push(d);
    else groups.set(key, [d]);
  }
  // Map keeps insertion order, and listings were inserted oldest first, so
  // groups come out ordered by their oldest listing.
  return [...groups].map(([key, docs]) => ({
    organisationId: key || null,
    toolIds: docs.map((d) => d._id.toHexString()),
    oldestVerifiedAt: docs[0].lastVerifiedAt,
  }));
}
