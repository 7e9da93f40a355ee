/** A taxonomy node as the reports need it: plain data, no database types. */
export interface TaxonomyNode {
  id: string;
  slug: string;
  path: string;
  depth: number;
}

/** For each node id, its own id and the ids of all its ancestors (from the materialised paths). */
export function ancestorIds(taxonomy: TaxonomyNode[]): Map<string, string[]> {
  const byPath = new Map(taxonomy.map((n) => [n.path, n.id]));
  return new Map(
    taxonomy.map((n) => {
      const parts = n.path.split("/").filter(Boolean);
      const ids = parts.map((_, i) => byPath.get(`/${parts.slice(0, i + 1).join("/")}/`));
      return [n.id, ids.filter((x): x is string => x !== undefined)];
    }),
  );
}

/** For each node id, the ids of the given `targets` whose subtree contains it (itself included). */
export function containingTargets(taxonomy: TaxonomyNode[], targets: TaxonomyNode[]): Map<string, string[]> {
  return new Map(taxonomy.map((n) => [n.id, targets.filter((t) => n.path.startsWith(t.path)).map((t) => t.id)]));
}

/**
 * The report rows for a scope: the nodes at `depth` inside the selected
 * subtrees, or a selected node itself when it lies deeper than `depth`.
 * Ordered as the taxonomy is.
 */
export function rowsAtDepth(taxonomy: TaxonomyNode[], selected: TaxonomyNode[], depth: number): TaxonomyNode[] {
  const inScope = (n: TaxonomyNode) => selected.some((s) => n.path.startsWith(s.path));
  const chosen = new Set<string>();
  for (const n of taxonomy) if (n.depth === depth && inScope(n)) chosen.add(n.id);
  for (const s of selected) {
    const covered = taxonomy.some((n) => chosen.has(n.id) && s.path.startsWith(n.path));
    if (s.depth > depth && !covered) chosen.add(s.id);
  }
  // A selected node shallower than `depth` with no children at that depth is its own row.
  for (const s of selected) {
    if (s.depth < depth && !taxonomy.some((n) => chosen.has(n.id) && n.path.startsWith(s.path))) chosen.add(s.id);
  }
  return taxonomy.filter((n) => chosen.has(n.id));
}
