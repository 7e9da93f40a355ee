import { foldText } from "../common/text";
import { filterOnly, ResolvedFilter, SearchDoc } from "../search/tool-search";
import { ancestorIds, TaxonomyNode } from "../search/taxonomy";

export interface CrowdingResult {
  nodeId: string;
  toolCount: number;
  organisationCount: number;
}

export interface ClusterResult {
  /** Listing ids, ordered by name. */
  toolIds: string[];
  sharedCapabilityIds: string[];
  sharedMediaTypes: string[];
  /** The smallest Jaccard similarity between any two members' feature sets. */
  similarity: number;
}

export interface DuplicateGroupResult {
  toolIds: string[];
  /** EXACT when a normalised name or alias is identical; NEAR when one edit apart. */
  kind: "EXACT" | "NEAR";
  /** The normalised names that matched. */
  keys: string[];
}

export interface DuplicationComputation {
  listings: SearchDoc[];
  taxonomy: TaxonomyNode[];
  /** Nodes whose subtrees make up the capability scope. */
  scopeNodes: TaxonomyNode[];
  /** Everything but capabilities, as a search filter; capabilities via `scopeNodes`. */
  scope: ResolvedFilter;
  /** Organisation id → its type, for the organisationTypes filter. */
  organisationType: (organisationId: string) => string | undefined;
  threshold: number;
  minClusterSize: number;
}

export interface DuplicationResult {
  crowding: CrowdingResult[];
  clusters: ClusterResult[];
  likelyDuplicates: DuplicateGroupResult[];
}

function getOrCreate<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let v = map.get(key);
  if (v === undefined) {
    v = make();
    map.set(key, v);
  }
  return v;
}

/** Union-find over indices, for grouping pairs into clusters. */
class Groups {
  private parent: number[];
  constructor(n: number) {
    this.parent = Array.from({ length: n }, (_, i) => i);
  }
  find(i: number): number {
    while (this.parent[i] !== i) {
      this.parent[i] = this.parent[this.parent[i]];
      i = this.parent[i];
    }
    return i;
  }
  union(a: number, b: number): void {
    this.parent[this.find(a)] = this.find(b);
  }
  sets(): number[][] {
    const out = new Map<number, number[]>();
    this.parent.forEach((_, i) => {
      const r = this.find(i);
      const list = out.get(r);
      if (list) list.push(i);
      else out.set(r, [i]);
    });
    return [...out.values()];
  }
}

export function jaccard(a: readonly string[], b: readonly string[]): number {
  const sa = new Set(a);
  const sb = new Set(b);
  let inter = 0;
  sa.forEach((x) => sb.has(x) && inter++);
  const union = sa.size + sb.size - inter;
  return union === 0 ? 0 : inter / union;
}

/** A listing's comparison features: its capabilities and its media types. */
function features(d: SearchDoc): string[] {
  return [...new Set([...d.capabilities.map((c) => `c:${c.toHexString()}`), ...d.mediaTypes.map((m) => `m:${m}`)])];
}

/**
 * Groups listings whose feature sets have Jaccard similarity ≥ threshold
 * (single linkage). Identical feature sets are merged first; candidate pairs
 * come from prefix filtering (two sets with J ≥ t must share one of their
 * rarest |x| − ⌈t·|x|⌉ + 1 features), so the work stays near-linear.
 */
export function overlapClusters(listings: SearchDoc[], threshold: number, minClusterSize: number): ClusterResult[] {
  const bySignature = new Map<string, { features: string[]; members: SearchDoc[] }>();
  for (const l of listings) {
    const f = features(l);
    if (!f.length) continue;
    const sig = [...f].sort().join(",");
    const entry = bySignature.get(sig);
    if (entry) entry.members.push(l);
    else bySignature.set(sig, { features: f, members: [l] });
  }
  const sigs = [...bySignature.values()];
  const frequency = new Map<string, number>();
  sigs.forEach((s) => s.features.forEach((f) => frequency.set(f, (frequency.get(f) ?? 0) + 1)));
  const rank = (f: string) => frequency.get(f) ?? 0;
  const ordered = sigs.map((s) => [...s.features].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : 1)));

  const groups = new Groups(sigs.length);
  const index = new Map<string, number[]>();
  ordered.forEach((f, i) => {
    const prefix = f.length - Math.ceil(threshold * f.length) + 1;
    const candidates = new Set<number>();
    for (const feat of f.slice(0, Math.max(1, prefix))) {
      for (const j of index.get(feat) ?? []) candidates.add(j);
    }
    for (const j of candidates) if (jaccard(f, ordered[j]) >= threshold) groups.union(i, j);
    for (const feat of f.slice(0, Math.max(1, prefix))) {
      const list = index.get(feat);
      if (list) list.push(i);
      else index.set(feat, [i]);
    }
  });

  const clusters: ClusterResult[] = [];
  for (const set of groups.sets()) {
    const members = set.flatMap((i) => sigs[i].members);
    if (members.length < Math.max(2, minClusterSize)) continue;
    let similarity = 1;
    for (let a = 0; a < set.length; a++) {
      for (let b = a + 1; b < set.length; b++)
        similarity = Math.min(similarity, jaccard(ordered[set[a]], ordered[set[b]]));
    }
    const shared = set
      .map((i) => new Set(sigs[i].features))
      .reduce((acc, s) => new Set([...acc].filter((x) => s.has(x))));
    clusters.push({
      toolIds: [...members]
        .sort((x, y) => (x.sortName < y.sortName ? -1 : x.sortName > y.sortName ? 1 : x.slug < y.slug ? -1 : 1))
        .map((m) => m._id.toHexString()),
      sharedCapabilityIds: [...shared]
        .filter((f) => f.startsWith("c:"))
        .map((f) => f.slice(2))
        .sort(),
      sharedMediaTypes: [...shared]
        .filter((f) => f.startsWith("m:"))
        .map((f) => f.slice(2))
        .sort(),
      similarity,
    });
  }
  return clusters.sort(
    (a, b) =>
      b.toolIds.length - a.toolIds.length || b.similarity - a.similarity || (a.toolIds[0] < b.toolIds[0] ? -1 : 1),
  );
}

/** A name reduced for comparison: folded, punctuation dropped, spaces collapsed. */
export function normaliseName(name: string): string {
  return foldText(name)
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/**
 * Listings (different slugs) whose normalised names or aliases are equal, or
 * one edit apart (found through shared single-deletion variants, for names of
 * at least 6 characters, so short acronyms do not all collide).
 */
export function likelyDuplicates(listings: SearchDoc[]): DuplicateGroupResult[] {
  const keysOf = listings.map((l) => [...new Set([l.name, ...l.aliases].map(normaliseName).filter(Boolean))]);
  const exact = new Map<string, Set<number>>();
  keysOf.forEach((keys, i) => keys.forEach((k) => getOrCreate(exact, k, () => new Set<number>()).add(i)));
  const groups = new Groups(listings.length);
  const matchedKeys = new Map<number, Set<string>>();
  const near = new Set<number>();
  const note = (i: number, k: string) => getOrCreate(matchedKeys, i, () => new Set<string>()).add(k);
  for (const [k, members] of exact) {
    if (members.size < 2) continue;
    const [first, ...rest] = [...members];
    members.forEach((m) => note(m, k));
    rest.forEach((m) => groups.union(first, m));
  }
  // Names one edit apart share a single-deletion variant. Names whose digits
  // differ ("Phase 2", "Phase 3") are different things, not typos.
  const digits = (k: string) => k.replace(/\D/g, "");
  const variants = new Map<string, { i: number; key: string }[]>();
  keysOf.forEach((keys, i) =>
    keys
      .filter((k) => k.length >= 6)
      .forEach((key) => {
        const vs = new Set([key, ...Array.from({ length: key.length }, (_, p) => key.slice(0, p) + key.slice(p + 1))]);
        vs.forEach((v) => getOrCreate(variants, v, () => []).push({ i, key }));
      }),
  );
  for (const members of variants.values()) {
    for (let a = 0; a < members.length; a++) {
      for (let b = a + 1; b < members.length; b++) {
        const x = members[a];
        const y = members[b];
        if (x.i === y.i || groups.find(x.i) === groups.find(y.i) || digits(x.key) !== digits(y.key)) continue;
        groups.union(x.i, y.i);
        near.add(x.i);
        near.add(y.i);
        note(x.i, x.key);
        note(y.i, y.key);
      }
    }
  }
  return groups
    .sets()
    .filter((s) => s.length > 1)
    .map((s) => ({
      toolIds: s.map((i) => listings[i]._id.toHexString()),
      kind: s.some((i) => near.has(i)) ? ("NEAR" as const) : ("EXACT" as const),
      keys: [...new Set(s.flatMap((i) => [...(matchedKeys.get(i) ?? [])]))].sort(),
    }))
    .sort((a, b) => b.toolIds.length - a.toolIds.length || (a.keys[0] < b.keys[0] ? -1 : 1));
}

/**
 * Crowding per capability (every node in scope, with its subtree), overlap
 * clusters and likely duplicates, over the listings that pass the scope.
 */
export function computeDuplicationReport(input: DuplicationComputation): DuplicationResult {
  const ancestors = ancestorIds(input.taxonomy);
  const scopeIds = new Set(
    input.taxonomy.filter((n) => input.scopeNodes.some((s) => n.path.startsWith(s.path))).map((n) => n.id),
  );
  const inScope = filterOnly(
    input.listings,
    { ...input.scope, capabilities: scopeIds },
    { capabilityAncestors: ancestors, organisationType: input.organisationType },
  );
  const tools = new Map<string, number>();
  const orgs = new Map<string, Set<string>>();
  for (const l of inScope) {
    const nodes = new Set(l.capabilities.flatMap((c) => ancestors.get(c.toHexString()) ?? []));
    for (const n of nodes) {
      if (!scopeIds.has(n)) continue;
      tools.set(n, (tools.get(n) ?? 0) + 1);
      if (l.organisation) getOrCreate(orgs, n, () => new Set<string>()).add(l.organisation.toHexString());
    }
  }
  const order = new Map(input.taxonomy.map((n, i) => [n.id, i]));
  const crowding = [...scopeIds]
    .map((id) => ({ nodeId: id, toolCount: tools.get(id) ?? 0, organisationCount: orgs.get(id)?.size ?? 0 }))
    .sort(
      (a, b) =>
        b.toolCount - a.toolCount ||
        b.organisationCount - a.organisationCount ||
        (order.get(a.nodeId) ?? 0) - (order.get(b.nodeId) ?? 0),
    );
  return {
    crowding,
    clusters: overlapClusters(inScope, input.threshold, input.minClusterSize),
    likelyDuplicates: likelyDuplicates(inScope),
  };
}
