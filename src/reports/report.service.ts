import type { HeatmapLookups } from "./report.svg";
import { CapabilityService } from "../catalog/capabilities/capability.service";
import type { CapabilityDoc } from "../catalog/capabilities/capability.model";
import { JurisdictionKind } from "../catalog/enums";
import type { JurisdictionDoc } from "../catalog/jurisdictions/jurisdiction.model";
import { JurisdictionService } from "../catalog/jurisdictions/jurisdiction.service";
import type { ToolDoc } from "../catalog/tools/tool.model";
import { catalogueRevisionFor, visibleListings } from "../catalog/visibility";
import { paginate, Page, queryFingerprint } from "../common/pagination";
import type { Context } from "../context";
import type { ResolvedFilter } from "../search/tool-search";
import { ToolService } from "../catalog/tools/tool.service";
import { rowsAtDepth, TaxonomyNode } from "../search/taxonomy";
import { computeDuplicationReport, DuplicateGroupResult } from "./duplication";
import { staleListings, StaleGroupResult } from "./freshness";
import { computeGapReport, GapCellStateValue } from "./gap";
import { rememberedResult } from "../search/indexes";
import {
  clusteringIncomplete,
  COMPLETENESS_FIELDS,
  CompletenessField,
  computeCompleteness,
  FieldCounts,
} from "./completeness";
import {
  CompletenessReportInput,
  DEFAULT_THRESHOLD,
  DuplicationReportInput,
  GapDepth,
  GapReportInput,
  minListingsOf,
  ReportScopeInput,
} from "./report.input";
import { LISTING_SCOPE_FIELDS } from "../catalog/tools/tool.input";
import type { OrganisationDoc } from "../catalog/organisations/organisation.model";

/** A gap cell with its documents attached, ready for the GraphQL types and the exports. */
export interface GapCellView {
  capability: CapabilityDoc;
  jurisdiction: JurisdictionDoc;
  toolCount: number;
  organisationCount: number;
  toolSlugs: string[];
  tools: ToolDoc[];
  /** Listings in scope whose availability here, or whose offers, the sources do not give. */
  unknownCount: number;
  /** Those listings by name, looked up only when asked for. */
  unknownTools: () => ToolDoc[];
  /** Listings in scope stated unavailable or restricted here. */
  unavailableCount: number;
  state: GapCellStateValue;
  gap: boolean;
  singlePointOfFailure: boolean;
}

/** Known and possible coverage of one row or column. */
export interface CoverageView {
  coverage: number;
  possibleCoverage: number;
  gapCount: number;
  possibleGapCount: number;
}

export interface GapReportView {
  catalogueRevision: string;
  input: ReturnType<typeof echo>;
  rows: CapabilityDoc[];
  columns: JurisdictionDoc[];
  cells: GapCellView[];
  gaps: GapCellView[];
  singlePointsOfFailure: GapCellView[];
  coverage: number;
  possibleCoverage: number;
  rowCoverage: (CoverageView & { capability: CapabilityDoc })[];
  columnCoverage: (CoverageView & { jurisdiction: JurisdictionDoc })[];
  emptyCapabilities: CapabilityDoc[];
}

export interface DuplicationReportView {
  catalogueRevision: string;
  input: ReturnType<typeof echo>;
  crowding: { capability: CapabilityDoc; toolCount: number; organisationCount: number }[];
  clusters: {
    tools: ToolDoc[];
    sharedCapabilities: CapabilityDoc[];
    sharedMediaTypes: string[];
    similarity: number;
    incompleteListingCount: number;
  }[];
  /** Listings in some cluster, and those of them with an unknown field that could change the picture. */
  clusteredListingCount: number;
  incompleteClusteredListingCount: number;
  likelyDuplicates: { tools: ToolDoc[]; kind: DuplicateGroupResult["kind"]; keys: string[] }[];
}

/** How many listings have one field unknown, and their share of the listings counted. */
export interface FieldCompletenessView {
  field: CompletenessField;
  unknownCount: number;
  share: number;
}

/** A gap cell that a listing's (or an organisation's) unknown fields leave open. */
export interface AffectedCellView {
  capability: CapabilityDoc;
  jurisdiction: JurisdictionDoc;
  listingCount: number;
  unknownCount: number;
  state: GapCellStateValue;
}

export interface ListingCompletenessView {
  listing: ToolDoc;
  unknownFields: CompletenessField[];
  affectedCellCount: number;
  /** Those cells, worked out only when asked for. */
  affectedCells: () => AffectedCellView[];
}

export interface CompletenessCountsView {
  listingCount: number;
  incompleteListingCount: number;
  incompleteShare: number;
  fields: FieldCompletenessView[];
}

export interface OrganisationCompletenessView extends CompletenessCountsView {
  organisation: OrganisationDoc | null;
  affectedCellCount: number;
  affectedShare: number;
  couldCoverCellCount: number;
  couldCoverShare: number;
}

export interface CompletenessReportView extends CompletenessCountsView {
  catalogueRevision: string;
  input: ReturnType<typeof echo>;
  gapReportInput: ReturnType<typeof echo>;
  listings: ListingCompletenessView[];
  organisations: OrganisationCompletenessView[];
  gapCellCount: number;
  gapCount: number;
  possibleGapCount: number;
}

const share = (n: number, total: number) => (total === 0 ? 0 : n / total);

function countsView(c: FieldCounts): CompletenessCountsView {
  return {
    listingCount: c.listingCount,
    incompleteListingCount: c.incompleteCount,
    incompleteShare: share(c.incompleteCount, c.listingCount),
    fields: COMPLETENESS_FIELDS.map((field) => ({
      field,
      unknownCount: c.byField.get(field) ?? 0,
      share: share(c.byField.get(field) ?? 0, c.listingCount),
    })),
  };
}

/**
 * The input as the report applied it, defaults filled in: the scope, and the
 * parameters of its own kind only (a gap report has no clustering threshold).
 */
function echo(
  kind: "gap" | "duplication" | "scope",
  input: ReportScopeInput & Partial<GapReportInput & DuplicationReportInput>,
) {
  const own =
    kind === "gap"
      ? { depth: input.depth ?? GapDepth.CAPABILITY, minListings: minListingsOf(input) }
      : kind === "duplication"
        ? { threshold: input.threshold ?? DEFAULT_THRESHOLD, minClusterSize: input.minClusterSize ?? 2 }
        : {};
  return {
    jurisdictions: input.jurisdictions ?? [],
    capabilities: input.capabilities ?? [],
    eligibleFor: input.eligibleFor ?? [],
    licenseModels: input.licenseModels ?? [],
    mediaTypes: input.mediaTypes ?? [],
    languages: input.languages ?? [],
    kinds: input.kinds ?? [],
    deployment: input.deployment ?? [],
    standards: input.standards ?? [],
    organisations: input.organisations ?? [],
    organisationTypes: input.organisationTypes ?? [],
    status: input.status ?? [],
    ...own,
  };
}

/**
 * Loads what the reports need (the visible listings of the current snapshot,
 * the taxonomy, the jurisdictions), resolves the scope, runs the pure report
 * functions and attaches documents to their results.
 */
export class ReportService {
  /**
   * @param argPrefix how arguments are named in errors: `input.` for
   * GraphQL, nothing for the query parameters of the exports.
   */
  constructor(
    private readonly ctx: Context,
    private readonly argPrefix = "input.",
  ) {}

  /** The names a gap heatmap shows beside the report: capability functions and the scope's groups. */
  async heatmapLookups(): Promise<HeatmapLookups> {
    const [capabilities, jurisdictions] = await Promise.all([
      this.ctx.loaders.capabilityIndex(),
      this.ctx.loaders.jurisdictionIndex(),
    ]);
    return {
      capabilityName: (slug) => capabilities.bySlug.get(slug)?.name,
      group: (code) => {
        const j = jurisdictions.byCode.get(code);
        return j && j.members.length ? j : undefined;
      },
    };
  }

  private async common(input: ReportScopeInput) {
    const caps = new CapabilityService(this.ctx);
    const [catalogue, taxonomy, { byId: capabilityById }] = await Promise.all([
      this.ctx.catalogue(),
      caps.taxonomy(),
      this.ctx.loaders.capabilityIndex(),
    ]);
    const bySlug = new Map(taxonomy.map((n) => [n.slug, n]));
    if (input.capabilities?.length) await caps.subtreeIds(input.capabilities, `${this.argPrefix}capabilities`);
    const scopeNodes: TaxonomyNode[] = input.capabilities?.length
      ? input.capabilities.flatMap((s) => bySlug.get(s) ?? [])
      : taxonomy.filter((n) => n.depth === 0);
    const countries = input.jurisdictions?.length
      ? await new JurisdictionService(this.ctx).expand(input.jurisdictions, `${this.argPrefix}jurisdictions`)
      : null;
    // The other inputs are the search filter's own fields, and mean exactly what they mean there.
    const scope: ResolvedFilter = await new ToolService(this.ctx).resolveFilter(
      Object.fromEntries(LISTING_SCOPE_FIELDS.map((f) => [f, input[f]])),
      this.argPrefix.replace(/\.$/, ""),
    );
    return {
      catalogue,
      listings: visibleListings(this.ctx.viewer, catalogue.listings),
      taxonomy,
      scopeNodes,
      countries,
      scope,
      capabilityById,
      organisationType: (id: string) => catalogue.organisationById.get(id)?.type,
      tools: (ids: string[]) => ids.flatMap((id) => catalogue.listingById.get(id) ?? []),
      capability: (id: string) => {
        const c = capabilityById.get(id);
        if (!c) throw new Error(`capability ${id} vanished from the taxonomy`);
        return c;
      },
    };
  }

  /**
   * The gap computation for a scope, before documents are attached; with
   * `columns`, over those countries instead of the scope's (none, to learn
   * only which listings are in scope).
   */
  private async computeGap(input: GapReportInput, columns?: string[]) {
    const c = await this.common(input);
    const { byCode, all } = await this.ctx.loaders.jurisdictionIndex();
    const columnCodes =
      columns ??
      (c.countries
        ? [...c.countries].sort()
        : all.filter((j) => j.kind === JurisdictionKind.COUNTRY).map((j) => j.code));
    const rows = rowsAtDepth(c.taxonomy, c.scopeNodes, input.depth === GapDepth.FUNCTION ? 0 : 1);
    const result = computeGapReport({
      listings: c.listings,
      taxonomy: c.taxonomy,
      rows,
      columns: columnCodes,
      scopeNodes: c.scopeNodes,
      scope: c.scope,
      organisationType: c.organisationType,
      minTools: minListingsOf(input),
    });
    const jurisdiction = (code: string): JurisdictionDoc => {
      const j = byCode.get(code);
      if (!j) throw new Error(`jurisdiction ${code} vanished`);
      return j;
    };
    return { c, result, rows, columnCodes, jurisdiction };
  }

  /**
   * The gap report for a scope. Kept per catalogue snapshot and audience
   * (see `rememberedResult`): the heatmap, its exports and a dashboard that
   * asks again read one computation, and identical requests that arrive
   * together share it.
   */
  async gap(input: GapReportInput): Promise<GapReportView> {
    const snapshot = await this.ctx.catalogue();
    return rememberedResult(
      snapshot,
      this.ctx.viewer,
      `gapReport\u0000${this.argPrefix}\u0000${JSON.stringify(input)}`,
      () => this.computeGapView(input),
      (view) => view.cells.length,
    );
  }

  private async computeGapView(input: GapReportInput): Promise<GapReportView> {
    const { c, result, rows, columnCodes, jurisdiction } = await this.computeGap(input);
    const byName = (a: ToolDoc, b: ToolDoc) => (a.sortName < b.sortName ? -1 : a.sortName > b.sortName ? 1 : 0);
    const cells: GapCellView[] = result.cells.map((cell) => {
      const tools = c.tools(cell.toolIds).sort(byName);
      return {
        capability: c.capability(cell.row),
        jurisdiction: jurisdiction(cell.column),
        toolCount: tools.length,
        organisationCount: cell.organisationIds.length,
        toolSlugs: tools.map((t) => t.slug),
        tools,
        unknownCount: cell.unknownCount,
        unknownTools: () => c.tools(cell.unknownIds()).sort(byName),
        unavailableCount: cell.unavailableIds.length,
        state: cell.state,
        gap: cell.gap,
        singlePointOfFailure: cell.singlePointOfFailure,
      };
    });
    const coverageView = (r: (typeof result.rowCoverage)[number]): CoverageView => ({
      coverage: r.coverage,
      possibleCoverage: r.possibleCoverage,
      gapCount: r.gaps,
      possibleGapCount: r.possibleGaps,
    });
    return {
      catalogueRevision: catalogueRevisionFor(this.ctx.viewer, c.catalogue),
      input: echo("gap", input),
      rows: rows.map((r) => c.capability(r.id)),
      columns: columnCodes.map(jurisdiction),
      cells,
      gaps: cells.filter((x) => x.gap),
      singlePointsOfFailure: cells.filter((x) => x.singlePointOfFailure),
      coverage: result.coverage,
      possibleCoverage: result.possibleCoverage,
      rowCoverage: result.rowCoverage.map((r) => ({ capability: c.capability(r.id), ...coverageView(r) })),
      columnCoverage: result.columnCoverage.map((r) => ({ jurisdiction: jurisdiction(r.id), ...coverageView(r) })),
      emptyCapabilities: result.emptyNodeIds.map(c.capability),
    };
  }

  async duplication(input: DuplicationReportInput): Promise<DuplicationReportView> {
    const c = await this.common(input);
    const result = computeDuplicationReport({
      listings: c.listings,
      taxonomy: c.taxonomy,
      scopeNodes: c.scopeNodes,
      scope: { ...c.scope, jurisdictions: c.countries },
      organisationType: c.organisationType,
      threshold: input.threshold ?? DEFAULT_THRESHOLD,
      minClusterSize: input.minClusterSize ?? 2,
    });
    const clusters = result.clusters.map((k) => {
      const tools = c.tools(k.toolIds);
      return {
        tools,
        sharedCapabilities: k.sharedCapabilityIds.map(c.capability),
        sharedMediaTypes: k.sharedMediaTypes,
        similarity: k.similarity,
        incompleteListingCount: tools.filter(clusteringIncomplete).length,
      };
    });
    return {
      catalogueRevision: catalogueRevisionFor(this.ctx.viewer, c.catalogue),
      input: echo("duplication", input),
      clusters,
      clusteredListingCount: clusters.reduce((n, k) => n + k.tools.length, 0),
      incompleteClusteredListingCount: clusters.reduce((n, k) => n + k.incompleteListingCount, 0),
      crowding: result.crowding.map((r) => ({
        capability: c.capability(r.nodeId),
        toolCount: r.toolCount,
        organisationCount: r.organisationCount,
      })),
      likelyDuplicates: result.likelyDuplicates.map((g) => ({ tools: c.tools(g.toolIds), kind: g.kind, keys: g.keys })),
    };
  }

  /**
   * The completeness report: the unknown fields of the listings in scope
   * (the listings the scope's gap report counts in some cell), and who to
   * ask first for the chosen gap report (see computeCompleteness).
   */
  async completeness(input: CompletenessReportInput): Promise<CompletenessReportView> {
    const scopeInput = Object.assign(new GapReportInput(), input, { gapReport: undefined });
    const gap = await (input.gapReport
      ? new ReportService(this.ctx, this.argPrefix ? `${this.argPrefix}gapReport.` : "gap.").computeGap(input.gapReport)
      : this.computeGap(scopeInput));
    const scope = input.gapReport ? await this.computeGap(scopeInput, []) : gap;
    const { c } = gap;
    const gapInput = input.gapReport ?? scopeInput;
    const minListings = minListingsOf(gapInput, "");
    const organisation = (id: string | null) => (id ? (c.catalogue.organisationById.get(id) ?? null) : null);
    const result = computeCompleteness({
      listings: scope.result.inScope,
      countries: scope.c.countries,
      cells: gap.result.cells,
      minListings,
      ownerOf: (id) => c.catalogue.listingById.get(id)?.organisation?.toHexString() ?? null,
      organisationName: (id) => organisation(id)?.name ?? "",
    });
    const cells = gap.result.cells;
    const affected = (i: number): AffectedCellView => ({
      capability: c.capability(cells[i].row),
      jurisdiction: gap.jurisdiction(cells[i].column),
      listingCount: cells[i].toolIds.length,
      unknownCount: cells[i].unknownCount,
      state: cells[i].state,
    });
    return {
      catalogueRevision: catalogueRevisionFor(this.ctx.viewer, c.catalogue),
      input: echo("scope", input),
      gapReportInput: echo("gap", gapInput),
      ...countsView(result.overall),
      listings: result.listings.flatMap((l) => {
        const listing = c.catalogue.listingById.get(l.id);
        return listing
          ? [
              {
                listing,
                unknownFields: l.unknownFields,
                affectedCellCount: l.affectedCells.length,
                affectedCells: () => l.affectedCells.map(affected),
              },
            ]
          : [];
      }),
      organisations: result.organisations.map((o) => ({
        organisation: organisation(o.organisationId),
        ...countsView(o.counts),
        affectedCellCount: o.affectedCells,
        affectedShare: share(o.affectedCells, result.gapCount),
        couldCoverCellCount: o.couldCoverCells,
        couldCoverShare: share(o.couldCoverCells, result.gapCount),
      })),
      gapCellCount: result.cellCount,
      gapCount: result.gapCount,
      possibleGapCount: result.possibleGapCount,
    };
  }

  async stale(
    olderThanDays: number,
    first: number,
    after: string | undefined,
    now = new Date(),
  ): Promise<Page<{ organisation: OrganisationDoc | null; tools: ToolDoc[]; oldestVerifiedAt: Date | null }>> {
    const catalogue = await this.ctx.catalogue();
    const groups = staleListings(visibleListings(this.ctx.viewer, catalogue.listings), olderThanDays, now);
    const views = groups.map((g: StaleGroupResult, i) => ({
      position: i,
      organisation: g.organisationId ? (catalogue.organisationById.get(g.organisationId) ?? null) : null,
      tools: g.toolIds.flatMap((id) => catalogue.listingById.get(id) ?? []),
      oldestVerifiedAt: g.oldestVerifiedAt,
    }));
    // Groups are ordered by their oldest listing; the position is the page key.
    const page = paginate(
      views,
      (v) => [v.position],
      queryFingerprint({ stale: olderThanDays, r: catalogueRevisionFor(this.ctx.viewer, catalogue) }),
      first,
      after,
    );
    return {
      ...page,
      items: page.items.map(({ item, cursor }) => ({
        item: { organisation: item.organisation, tools: item.tools, oldestVerifiedAt: item.oldestVerifiedAt },
        cursor,
      })),
    };
  }
}
