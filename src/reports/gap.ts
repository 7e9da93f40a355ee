import { filterOnly, ResolvedFilter, SearchDoc } from "../search/tool-search";
import { ancestorIds, containingTargets, TaxonomyNode } from "../search/taxonomy";

export interface GapComputation {
  /** Listings the caller may see. */
  listings: SearchDoc[];
  /** Every (non-retired) taxonomy node. */
  taxonomy: TaxonomyNode[];
  /** Row nodes, in order. */
  rows: TaxonomyNode[];
  /** Column country codes, in order. */
  columns: string[];
  /** Nodes whose subtrees make up the capability scope (for empty capabilities). */
  scopeNodes: TaxonomyNode[];
  /** The other inputs (every listing filter but capabilities and jurisdictions) as a search filter. */
  scope: ResolvedFilter;
  /** Organisation id → its type, for the organisationTypes filter. */
  organisationType: (organisationId: string) => string | undefined;
  minTools: number;
}

export interface GapCellResult {
  row: string;
  column: string;
  /** Listing ids, in the order of the input listings. */
  toolIds: string[];
  organisationIds: string[];
  gap: boolean;
  singlePointOfFailure: boolean;
}

export interface CoverageResult {
  id: string;
  coverage: number;
  gaps: number;
}

export interface GapResult {
  cells: GapCellResult[];
  rowCoverage: CoverageResult[];
  columnCoverage: CoverageResult[];
  coverage: number;
  /** Nodes in scope that no in-scope listing has, anywhere. */
  emptyNodeIds: string[];
}

/**
 * The capability × jurisdiction matrix. A cell (c, j) holds the distinct
 * listings with a capability in c's subtree, available or in use in j, that
 * pass the scope filter: exactly what `tools(filter: { capabilities: [c],
 * jurisdictions: [j], …scope })` returns. Under `minTools` it is a gap; when
 * all its listings have one and the same known organisation it is a single
 * point of failure.
 */
export function computeGapReport(input: GapComputation): GapResult {
  const inScope = filterOnly(input.listings, input.scope, {
    capabilityAncestors: new Map(),
    organisationType: input.organisationType,
  });
  const rowsOf = containingTargets(input.taxonomy, input.rows);
  const scopeOf = containingTargets(input.taxonomy, input.scopeNodes);
  const columnSet = new Set(input.columns);
  const cellListings = new Map<string, SearchDoc[]>();
  const usedNodes = new Set<string>();
  const ancestors = ancestorIds(input.taxonomy);

  for (const l of inScope) {
    const rows = new Set<string>();
    for (const c of l.capabilities) {
      const id = c.toHexString();
      (rowsOf.get(id) ?? []).forEach((r) => rows.add(r));
      if ((scopeOf.get(id) ?? []).length) (ancestors.get(id) ?? []).forEach((a) => usedNodes.add(a));
    }
    if (!rows.size) continue;
    for (const j of new Set(l.servedJurisdictions)) {
      if (!columnSet.has(j)) continue;
      for (const r of rows) {
        const key = `${r}|${j}`;
        const list = cellListings.get(key);
        if (list) list.push(l);
        else cellListings.set(key, [l]);
      }
    }
  }

  const cells: GapCellResult[] = [];
  const rowGaps = new Map<string, number>();
  const columnGaps = new Map<string, number>();
  for (const row of input.rows) {
    for (const column of input.columns) {
      const listings = cellListings.get(`${row.id}|${column}`) ?? [];
      const organisationIds = [
        ...new Set(listings.flatMap((l) => (l.organisation ? [l.organisation.toHexString()] : []))),
      ];
      const gap = listings.length < input.minTools;
      const singlePointOfFailure =
        listings.length > 0 && organisationIds.length === 1 && listings.every((l) => l.organisation !== null);
      if (gap) {
        rowGaps.set(row.id, (rowGaps.get(row.id) ?? 0) + 1);
        columnGaps.set(column, (columnGaps.get(column) ?? 0) + 1);
      }
      cells.push({
        row: row.id,
        column,
        toolIds: listings.map((l) => l._id.toHexString()),
        organisationIds,
        gap,
        singlePointOfFailure,
      });
    }
  }
  const ratio = (covered: number, total: number) => (total === 0 ? 0 : covered / total);
  const totalGaps = [...rowGaps.values()].reduce((a, b) => a + b, 0);
  return {
    cells,
    rowCoverage: input.rows.map((r) => {
      const gaps = rowGaps.get(r.id) ?? 0;
      return { id: r.id, gaps, coverage: ratio(input.columns.length - gaps, input.columns.length) };
    }),
    columnCoverage: input.columns.map((c) => {
      const gaps = columnGaps.get(c) ?? 0;
      return { id: c, gaps, coverage: ratio(input.rows.length - gaps, input.rows.length) };
    }),
    coverage: ratio(cells.length - totalGaps, cells.length),
    emptyNodeIds: input.taxonomy
      .filter((n) => input.scopeNodes.some((s) => n.path.startsWith(s.path)) && !usedNodes.has(n.id))
      .map((n) => n.id),
  };
}
