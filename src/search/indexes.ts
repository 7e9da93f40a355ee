import type { CatalogueSnapshot } from "../catalog/snapshot";
import { audienceOf, visibleListings } from "../catalog/visibility";
import { ancestorIds } from "./taxonomy";
import { PublicationState, Visibility } from "../catalog/enums";
import { Role } from "../accounts/roles";
import type { Viewer } from "../context";
import { ListingIndex, SearchVocabulary, SuggestionSource } from "./ranked";

/** Indexes kept per snapshot: one per audience that has searched since the snapshot was loaded, at most this many. */
const MAX_AUDIENCES = 8;

/**
 * Search results and reports kept per snapshot, so that the next page of a
 * search, the same search or report from another reader who sees the same
 * listings, or a saved search read again does not work through the
 * catalogue again. A result
 * depends only on the snapshot, the audience and the request, so it cannot
 * go stale: a new snapshot starts with none. Bounded by the number of
 * results and by the listings they hold together, least recently used out.
 */
let resultsKept = 64;
const MAX_RESULT_LISTINGS = 100_000;

/** How many search results each snapshot keeps (SEARCH_RESULTS_KEPT); 0 keeps none, so every search is worked out. */
export function keepSearchResults(count: number): void {
  resultsKept = count;
}

interface SnapshotIndexes {
  vocabulary: SearchVocabulary;
  /** The visibilities of each organisation's published listings: its vendors see them all, whatever their own visibilities. */
  owned: Map<string, Set<string>>;
  byAudience: Map<string, ListingIndex>;
  results: Map<string, { value: unknown; weight: number }>;
  resultWeight: number;
}

const perSnapshot = new WeakMap<CatalogueSnapshot, SnapshotIndexes>();

/** The names and synonyms of each capability and its ancestors; each organisation's name and aliases. */
function vocabularyOf(snapshot: CatalogueSnapshot): SearchVocabulary {
  const ownTerms = new Map(
    snapshot.capabilities.map((c) => [c._id.toHexString(), [c.name, ...c.synonyms.map((s) => s.term)]]),
  );
  const nodes = snapshot.capabilities.map((c) => ({
    id: c._id.toHexString(),
    slug: c.slug,
    path: c.path,
    depth: c.depth,
  }));
  const capabilityTerms = new Map(
    [...ancestorIds(nodes)].map(([id, chain]) => [id, chain.flatMap((a) => ownTerms.get(a) ?? [])]),
  );
  return {
    capabilityTerms: (id) => capabilityTerms.get(id) ?? [],
    organisationTerms: (id) => {
      const o = snapshot.organisationById.get(id);
      return o ? [o.name, ...o.aliases] : [];
    },
  };
}

function indexesOf(snapshot: CatalogueSnapshot): SnapshotIndexes {
  let found = perSnapshot.get(snapshot);
  if (!found) {
    const owned = new Map<string, Set<string>>();
    for (const l of snapshot.listings) {
      if (l.publicationState !== PublicationState.PUBLISHED || !l.organisation) continue;
      const org = l.organisation.toHexString();
      owned.set(org, (owned.get(org) ?? new Set()).add(l.visibility));
    }
    found = { vocabulary: vocabularyOf(snapshot), owned, byAudience: new Map(), results: new Map(), resultWeight: 0 };
    perSnapshot.set(snapshot, found);
  }
  return found;
}

/**
 * The search index of the listings this viewer may see, in this snapshot:
 * built on first use and shared by every viewer who sees the same listings.
 * A vendor shares the index of their visibilities unless their organisation
 * has published listings that only its owners may see.
 */
export function listingIndexFor(snapshot: CatalogueSnapshot, viewer: Viewer): ListingIndex {
  const indexes = indexesOf(snapshot);
  const key = audienceKey(indexes, viewer);
  let index = indexes.byAudience.get(key);
  if (index) {
    // Most recently used last, so the least recently used goes first when the map is full.
    indexes.byAudience.delete(key);
    indexes.byAudience.set(key, index);
    return index;
  }
  const visible = visibleListings(viewer, snapshot.listings);
  index = new ListingIndex(visible, indexes.vocabulary, () => suggestionSources(snapshot, visible));
  if (indexes.byAudience.size >= MAX_AUDIENCES) {
    const oldest = indexes.byAudience.keys().next().value;
    if (oldest !== undefined) indexes.byAudience.delete(oldest);
  }
  indexes.byAudience.set(key, index);
  return index;
}

/**
 * Who sees the same listings as this viewer: their visibilities, and a
 * vendor's organisation only when it has published listings that only its
 * owners may see.
 */
function audienceKey(indexes: SnapshotIndexes, viewer: Viewer): string {
  const owned =
    viewer.role === Role.VENDOR && viewer.organisationId ? indexes.owned.get(viewer.organisationId) : undefined;
  const ownsHidden = [...(owned ?? [])].some((v) => !viewer.visibilities.includes(v as Visibility));
  return ownsHidden ? audienceOf(viewer) : `${[...viewer.visibilities].sort().join(",")}|`;
}

/**
 * A result for this snapshot, this viewer's audience and `request` (a
 * string that names everything the result depends on besides those two),
 * worked out by `compute` on first use and kept (see resultsKept). `weight`
 * says how many listings or cells the result holds. A result still being
 * worked out (a promise) is shared by the requests that ask for it
 * meanwhile; one that fails is not kept.
 */
export function rememberedResult<T>(
  snapshot: CatalogueSnapshot,
  viewer: Viewer,
  request: string,
  compute: () => T,
  weight: (value: Awaited<T>) => number,
): T {
  const indexes = indexesOf(snapshot);
  const key = `${audienceKey(indexes, viewer)}\u0000${request}`;
  const kept = indexes.results.get(key);
  if (kept) {
    indexes.results.delete(key);
    indexes.results.set(key, kept);
    return kept.value as T;
  }
  const value = compute();
  if (resultsKept === 0) return value;
  if (!(value instanceof Promise)) {
    keep(indexes, key, value, weight(value as Awaited<T>));
    return value;
  }
  const entry = keep(indexes, key, value, 1);
  value.then(
    (v: Awaited<T>) => {
      if (indexes.results.get(key) !== entry) return;
      indexes.results.delete(key);
      indexes.resultWeight -= entry.weight;
      keep(indexes, key, value, weight(v));
    },
    () => {
      if (indexes.results.get(key) !== entry) return;
      indexes.results.delete(key);
      indexes.resultWeight -= entry.weight;
    },
  );
  return value;
}

function keep(
  indexes: SnapshotIndexes,
  key: string,
  value: unknown,
  weight: number,
): { value: unknown; weight: number } {
  const entry = { value, weight: Math.max(1, weight) };
  if (entry.weight > MAX_RESULT_LISTINGS) return entry;
  indexes.results.set(key, entry);
  indexes.resultWeight += entry.weight;
  for (const [oldest, e] of indexes.results) {
    if (indexes.results.size <= resultsKept && indexes.resultWeight <= MAX_RESULT_LISTINGS) break;
    indexes.results.delete(oldest);
    indexes.resultWeight -= e.weight;
  }
  return entry;
}

/**
 * What type-ahead offers: the visible listings (by name, and by alias), the
 * organisations that own one of them, and every capability of the taxonomy
 * (by name, and by synonym).
 */
function suggestionSources(snapshot: CatalogueSnapshot, visible: CatalogueSnapshot["listings"]): SuggestionSource[] {
  const out: SuggestionSource[] = [];
  const organisations = new Set<string>();
  for (const l of visible) {
    out.push({ kind: "LISTING", slug: l.slug, label: l.name, also: l.aliases });
    if (l.organisation) organisations.add(l.organisation.toHexString());
  }
  for (const id of organisations) {
    const o = snapshot.organisationById.get(id);
    if (o) out.push({ kind: "ORGANISATION", slug: o.slug, label: o.name, also: o.aliases });
  }
  for (const c of snapshot.capabilities) {
    const synonyms = c.synonyms.map((s) => s.term);
    out.push({ kind: "CAPABILITY", slug: c.slug, label: c.name, also: synonyms });
  }
  return out;
}
