import type { CatalogueSnapshot } from "../catalog/snapshot";
import { audienceOf, visibleListings } from "../catalog/visibility";
import { ancestorIds } from "./taxonomy";
import { PublicationState, Visibility } from "../catalog/enums";
import { Role } from "../accounts/roles";
import type { Viewer } from "../context";
import { ListingIndex, SearchVocabulary, SuggestionSource } from "./ranked";

/** Indexes kept per snapshot: one per audience that has searched since the snapshot was loaded, at most this many. */
const MAX_AUDIENCES = 8;

interface SnapshotIndexes {
  vocabulary: SearchVocabulary;
  /** The visibilities of each organisation's published listings: its vendors see them all, whatever their own visibilities. */
  owned: Map<string, Set<string>>;
  byAudience: Map<string, ListingIndex>;
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
    found = { vocabulary: vocabularyOf(snapshot), owned, byAudience: new Map() };
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
  const owned =
    viewer.role === Role.VENDOR && viewer.organisationId ? indexes.owned.get(viewer.organisationId) : undefined;
  const ownsHidden = [...(owned ?? [])].some((v) => !viewer.visibilities.includes(v as Visibility));
  const key = ownsHidden ? audienceOf(viewer) : `${[...viewer.visibilities].sort().join(",")}|`;
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
