import { AvailabilityStatus } from "../catalog/enums";
import { filterOnly, offerState, ResolvedFilter, SearchDoc } from "../search/tool-search";
import { ancestorIds, containingTargets, TaxonomyNode } from "../search/taxonomy";

/** A listing as the gap report reads it: the search fields and its availability statements. */
export interface GapListing extends SearchDoc {
  availability: { jurisdiction: string; status: AvailabilityStatus }[];
  /** Stated available in every country (its servedJurisdictions already say which); absent on older listings. */
  availableWorldwide?: boolean;
}

export interface GapComputation {
  /** Listings the caller may see. */
  listings: GapListing[];
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

/** Where a cell stands: enough listings known to serve it, possibly not, or certainly not. */
export type GapCellStateValue = "COVERED" | "POSSIBLE_GAP" | "GAP";

export interface GapCellResult {
  row: string;
  column: string;
  /** Listings known to serve the cell, in the order of the input listings. */
  toolIds: string[];
  organisationIds: string[];
  /** Listings in scope whose availability here, or whose offers, the sources do not give. */
  unknownCount: number;
  /** Their ids, worked out only when asked for (every unknown listing is unknown in most columns). */
  unknownIds: () => string[];
  /** Listings in scope stated unavailable or restricted here, in input order. */
  unavailableIds: string[];
  state: GapCellStateValue;
  gap: boolean;
  singlePointOfFailure: boolean;
}

export interface CoverageResult {
  id: string;
  coverage: number;
  possibleCoverage: number;
  gaps: number;
  possibleGaps: number;
}

export interface GapResult {
  cells: GapCellResult[];
  rowCoverage: CoverageResult[];
  columnCoverage: CoverageResult[];
  coverage: number;
  possibleCoverage: number;
  /** Nodes in scope that no in-scope listing has, anywhere. */
  emptyNodeIds: string[];
  /** The listings some cell counts (known, unknown or unavailable), in input order. */
  inScope: GapListing[];
}

/**
 * Statements that a listing cannot be obtained in a jurisdiction. RESTRICTED
 * counts here: it says the listing is obtainable only under conditions the
 * catalogue does not record, so counting it as serving would overstate the
 * cell, and counting it as unknown would hide that a source did speak.
 * AVAILABLE and IN_USE serve (SERVING_AVAILABILITY); no statement is unknown.
 */
export const NOT_SERVING_AVAILABILITY: readonly AvailabilityStatus[] = [
  AvailabilityStatus.RESTRICTED,
  AvailabilityStatus.UNAVAILABLE,
];

/** The state of a cell: covered when the known servers reach the threshold, a gap when even the unknowns could not. */
export function cellState(known: number, unknown: number, minTools: number): GapCellStateValue {
  if (known >= minTools) return "COVERED";
  return known + unknown >= minTools ? "POSSIBLE_GAP" : "GAP";
}

/**
 * The capability × jurisdiction matrix, each cell split three ways over the
 * listings in scope that have a capability in its row's subtree:
 * - known: available or in use in the column, offers matching the scope:
 *   exactly what `listings(filter: { capabilities: [c], jurisdictions: [j],
 *   …scope })` returns;
 * - unavailable: stated UNAVAILABLE or RESTRICTED there (and not also stated
 *   serving);
 * - unknown: the rest: no statement covers the column (a listing that names
 *   other countries only is unknown here), or its offers leave the
 *   eligibility and licence-model scope open (`offerState` UNKNOWN).
 * Listings whose stated offers rule them out of the scope are in no cell, as
 * in search. Known under `minTools` is a gap; the state says whether the
 * unknowns could close it. A single point of failure is about known servers:
 * all of them from one and the same known organisation.
 */
export function computeGapReport(input: GapComputation): GapResult {
  const plainScope: ResolvedFilter = { ...input.scope, eligibleFor: null, licenseModels: null };
  const candidates = filterOnly(input.listings, plainScope, {
    capabilityAncestors: new Map(),
    organisationType: input.organisationType,
  });
  const rowsOf = containingTargets(input.taxonomy, input.rows);
  const scopeOf = containingTargets(input.taxonomy, input.scopeNodes);
  const columnSet = new Set(input.columns);
  const known = new Map<string, GapListing[]>();
  const unavailable = new Map<string, GapListing[]>();
  const rowListings = new Map<string, GapListing[]>();
  const usedNodes = new Set<string>();
  const inScope: GapListing[] = [];
  const ancestors = ancestorIds(input.taxonomy);
  const push = (m: Map<string, GapListing[]>, key: string, l: GapListing) => {
    const list = m.get(key);
    if (list) list.push(l);
    else m.set(key, [l]);
  };

  for (const l of candidates) {
    const offers = offerState(l, input.scope.eligibleFor, input.scope.licenseModels);
    if (offers === "NO") continue;
    const rows = new Set<string>();
    for (const c of l.capabilities) {
      const id = c.toHexString();
      (rowsOf.get(id) ?? []).forEach((r) => rows.add(r));
      if (offers === "MATCH" && (scopeOf.get(id) ?? []).length) {
        (ancestors.get(id) ?? []).forEach((a) => usedNodes.add(a));
      }
    }
    if (!rows.size) continue;
    inScope.push(l);
    for (const r of rows) push(rowListings, r, l);
    const served = new Set(l.servedJurisdictions);
    if (offers === "MATCH") {
      for (const j of served) {
        if (!columnSet.has(j)) continue;
        for (const r of rows) push(known, `${r}|${j}`, l);
      }
    }
    const refused = new Set<string>();
    for (const a of l.availability) {
      if (NOT_SERVING_AVAILABILITY.includes(a.status) && !served.has(a.jurisdiction)) refused.add(a.jurisdiction);
    }
    for (const j of refused) {
      if (!columnSet.has(j)) continue;
      for (const r of rows) push(unavailable, `${r}|${j}`, l);
    }
  }

  const cells: GapCellResult[] = [];
  const tally = (m: Map<string, { gaps: number; possible: number; open: number }>, key: string) => {
    let t = m.get(key);
    if (!t) m.set(key, (t = { gaps: 0, possible: 0, open: 0 }));
    return t;
  };
  const byRow = new Map<string, { gaps: number; possible: number; open: number }>();
  const byColumn = new Map<string, { gaps: number; possible: number; open: number }>();
  let gapCells = 0;
  let openCells = 0;
  for (const row of input.rows) {
    const inRow = rowListings.get(row.id) ?? [];
    for (const column of input.columns) {
      const key = `${row.id}|${column}`;
      const listings = known.get(key) ?? [];
      const refused = unavailable.get(key) ?? [];
      const unknownCount = inRow.length - listings.length - refused.length;
      const organisationIds = [
        ...new Set(listings.flatMap((l) => (l.organisation ? [l.organisation.toHexString()] : []))),
      ];
      const state = cellState(listings.length, unknownCount, input.minTools);
      const gap = listings.length < input.minTools;
      const singlePointOfFailure =
        listings.length > 0 && organisationIds.length === 1 && listings.every((l) => l.organisation !== null);
      for (const t of [tally(byRow, row.id), tally(byColumn, column)]) {
        if (gap) t.gaps++;
        if (state === "POSSIBLE_GAP") t.possible++;
        if (state !== "GAP") t.open++;
      }
      if (gap) gapCells++;
      if (state !== "GAP") openCells++;
      cells.push({
        row: row.id,
        column,
        toolIds: listings.map((l) => l._id.toHexString()),
        organisationIds,
        unknownCount,
        unknownIds: () => {
          const stated = new Set([...listings, ...refused]);
          return inRow.filter((l) => !stated.has(l)).map((l) => l._id.toHexString());
        },
        unavailableIds: refused.map((l) => l._id.toHexString()),
        state,
        gap,
        singlePointOfFailure,
      });
    }
  }
  const ratio = (covered: number, total: number) => (total === 0 ? 0 : covered / total);
  const coverageOf = (id: string, t: { gaps: number; possible: number; open: number } | undefined, size: number) => ({
    id,
    gaps: t?.gaps ?? 0,
    possibleGaps: t?.possible ?? 0,
    coverage: ratio(size - (t?.gaps ?? 0), size),
    possibleCoverage: ratio(t?.open ?? 0, size),
  });
  return {
    cells,
    rowCoverage: input.rows.map((r) => coverageOf(r.id, byRow.get(r.id), input.columns.length)),
    columnCoverage: input.columns.map((c) => coverageOf(c, byColumn.get(c), input.rows.length)),
    coverage: ratio(cells.length - gapCells, cells.length),
    possibleCoverage: ratio(openCells, cells.length),
    emptyNodeIds: input.taxonomy
      .filter((n) => input.scopeNodes.some((s) => n.path.startsWith(s.path)) && !usedNodes.has(n.id))
      .map((n) => n.id),
    inScope,
  };
}
