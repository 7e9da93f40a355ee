import { COMPLETENESS_FIELDS } from "./completeness";
import type {
  CompletenessCountsView,
  CompletenessReportView,
  DuplicationReportView,
  GapCellView,
  GapReportView,
} from "./report.service";

/**
 * Report exports as plain data: JSON with slugs and codes in place of nested
 * objects, and CSV. Pure: nothing here reads or writes.
 */

const ref = (c: { slug: string; name: string; path?: string }) => ({
  slug: c.slug,
  name: c.name,
  ...(c.path ? { path: c.path } : {}),
});
const cellRef = (c: GapCellView) => ({ capability: c.capability.slug, jurisdiction: c.jurisdiction.code });

export function gapReportJson(r: GapReportView) {
  return {
    catalogueRevision: r.catalogueRevision,
    input: r.input,
    rows: r.rows.map(ref),
    columns: r.columns.map((j) => ({ code: j.code, name: j.name })),
    coverage: r.coverage,
    possibleCoverage: r.possibleCoverage,
    rowCoverage: r.rowCoverage.map((x) => ({
      capability: x.capability.slug,
      coverage: x.coverage,
      gapCount: x.gapCount,
      possibleCoverage: x.possibleCoverage,
      possibleGapCount: x.possibleGapCount,
    })),
    columnCoverage: r.columnCoverage.map((x) => ({
      jurisdiction: x.jurisdiction.code,
      coverage: x.coverage,
      gapCount: x.gapCount,
      possibleCoverage: x.possibleCoverage,
      possibleGapCount: x.possibleGapCount,
    })),
    emptyCapabilities: r.emptyCapabilities.map((c) => c.slug),
    gaps: r.gaps.map(cellRef),
    singlePointsOfFailure: r.singlePointsOfFailure.map(cellRef),
    cells: r.cells.map((c) => ({
      ...cellRef(c),
      listingCount: c.toolCount,
      organisationCount: c.organisationCount,
      gap: c.gap,
      singlePointOfFailure: c.singlePointOfFailure,
      listings: c.toolSlugs,
      unknownCount: c.unknownCount,
      unavailableCount: c.unavailableCount,
      state: c.state,
    })),
  };
}

export function duplicationReportJson(r: DuplicationReportView) {
  return {
    catalogueRevision: r.catalogueRevision,
    input: r.input,
    crowding: r.crowding.map((c) => ({
      capability: c.capability.slug,
      listingCount: c.toolCount,
      organisationCount: c.organisationCount,
    })),
    clusters: r.clusters.map((k) => ({
      listings: k.tools.map((t) => t.slug),
      sharedCapabilities: k.sharedCapabilities.map((c) => c.slug),
      sharedMediaTypes: k.sharedMediaTypes,
      similarity: k.similarity,
      incompleteListingCount: k.incompleteListingCount,
    })),
    clusteredListingCount: r.clusteredListingCount,
    incompleteClusteredListingCount: r.incompleteClusteredListingCount,
    likelyDuplicates: r.likelyDuplicates.map((g) => ({
      listings: g.tools.map((t) => t.slug),
      kind: g.kind,
      keys: g.keys,
    })),
  };
}

/**
 * Text a spreadsheet may read as a formula: its first character other than
 * white space is `=`, `+`, `-` or `@` (or their full-width forms, which some
 * spreadsheets fold), or it begins with a tab or line break. Spreadsheets skip
 * leading spaces and line breaks before they look, so the first character
 * alone is not enough.
 */
const FORMULA = /^(?:[\t\r\n]|\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/;

/**
 * One CSV field: quoted when it holds a comma, quote or line break (RFC 4180),
 * and text that could start a formula prefixed with an apostrophe. Numbers
 * are the code's own counts and measures, never a formula, and stay numbers
 * (a negative one would keep its sign). One function for every CSV export:
 * csv-stringify's `escape_formulas` looks at the first character only, so
 * ` =1+1` and `\n=3+3` would pass it.
 */
export function csvField(value: string | number | boolean | null): string {
  if (value === null) return "";
  let s = String(value);
  if (typeof value === "string" && FORMULA.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csv(header: string[], rows: (string | number | boolean | null)[][]): string {
  return [header, ...rows].map((r) => r.map(csvField).join(",")).join("\r\n") + "\r\n";
}

/** Gap report CSV columns, in order (documented in the README). */
export const GAP_CSV_COLUMNS = [
  "capability",
  "capability_name",
  "capability_path",
  "jurisdiction",
  "jurisdiction_name",
  "listing_count",
  "organisation_count",
  "gap",
  "single_point_of_failure",
  "listings",
  "catalogue_revision",
  "unknown_count",
  "unavailable_count",
  "state",
];

export function gapReportCsv(r: GapReportView): string {
  return csv(
    GAP_CSV_COLUMNS,
    r.cells.map((c) => [
      c.capability.slug,
      c.capability.name,
      c.capability.path,
      c.jurisdiction.code,
      c.jurisdiction.name,
      c.toolCount,
      c.organisationCount,
      c.gap,
      c.singlePointOfFailure,
      c.toolSlugs.join(" "),
      r.catalogueRevision,
      c.unknownCount,
      c.unavailableCount,
      c.state,
    ]),
  );
}

/** Duplication report CSV columns, in order (documented in the README). One row per crowding entry or per member. */
export const DUPLICATION_CSV_COLUMNS = [
  "section",
  "group",
  "capability",
  "listing",
  "listing_name",
  "listing_count",
  "organisation_count",
  "similarity",
  "shared",
  "kind",
  "catalogue_revision",
];

export function duplicationReportCsv(r: DuplicationReportView): string {
  const rows: (string | number | boolean | null)[][] = [];
  for (const c of r.crowding) {
    rows.push([
      "crowding",
      null,
      c.capability.slug,
      null,
      null,
      c.toolCount,
      c.organisationCount,
      null,
      null,
      null,
      r.catalogueRevision,
    ]);
  }
  r.clusters.forEach((k, i) => {
    const shared = [...k.sharedCapabilities.map((c) => c.slug), ...k.sharedMediaTypes].join(" ");
    for (const t of k.tools) {
      rows.push([
        "cluster",
        i + 1,
        null,
        t.slug,
        t.name,
        k.tools.length,
        null,
        k.similarity,
        shared,
        null,
        r.catalogueRevision,
      ]);
    }
  });
  r.likelyDuplicates.forEach((g, i) => {
    for (const t of g.tools) {
      rows.push([
        "duplicate",
        i + 1,
        null,
        t.slug,
        t.name,
        g.tools.length,
        null,
        null,
        g.keys.join(" "),
        g.kind,
        r.catalogueRevision,
      ]);
    }
  });
  return csv(DUPLICATION_CSV_COLUMNS, rows);
}

const countsJson = (c: CompletenessCountsView) => ({
  listingCount: c.listingCount,
  incompleteListingCount: c.incompleteListingCount,
  incompleteShare: c.incompleteShare,
  fields: c.fields,
});

export function completenessReportJson(r: CompletenessReportView) {
  return {
    catalogueRevision: r.catalogueRevision,
    input: r.input,
    gapReportInput: r.gapReportInput,
    ...countsJson(r),
    gapCellCount: r.gapCellCount,
    gapCount: r.gapCount,
    possibleGapCount: r.possibleGapCount,
    organisations: r.organisations.map((o, i) => ({
      rank: i + 1,
      organisation: o.organisation ? { slug: o.organisation.slug, name: o.organisation.name } : null,
      ...countsJson(o),
      affectedCellCount: o.affectedCellCount,
      affectedShare: o.affectedShare,
      couldCoverCellCount: o.couldCoverCellCount,
      couldCoverShare: o.couldCoverShare,
    })),
    listings: r.listings.map((l) => ({
      listing: l.listing.slug,
      name: l.listing.name,
      unknownFields: l.unknownFields,
      affectedCellCount: l.affectedCellCount,
    })),
  };
}

/**
 * Completeness report CSV columns, in order (documented in the README): one
 * row for the whole scope, one per organisation (in who-to-ask-first order,
 * `rank` from 1), one per listing. The per-field columns count the listings
 * where the field is unknown (0 or 1 on a listing's row).
 */
export const COMPLETENESS_CSV_COLUMNS = [
  "section",
  "rank",
  "organisation",
  "organisation_name",
  "listing",
  "listing_name",
  "listing_count",
  "incomplete_listing_count",
  ...COMPLETENESS_FIELDS.map((f) => `${f.toLowerCase()}_unknown`),
  "affected_cell_count",
  "could_cover_cell_count",
  "affected_share",
  "could_cover_share",
  "catalogue_revision",
];

export function completenessReportCsv(r: CompletenessReportView): string {
  const perField = (c: CompletenessCountsView) => c.fields.map((f) => f.unknownCount);
  const rows: (string | number | boolean | null)[][] = [
    [
      "overall",
      null,
      null,
      null,
      null,
      null,
      r.listingCount,
      r.incompleteListingCount,
      ...perField(r),
      r.possibleGapCount,
      null,
      null,
      null,
      r.catalogueRevision,
    ],
  ];
  r.organisations.forEach((o, i) =>
    rows.push([
      "organisation",
      i + 1,
      o.organisation?.slug ?? null,
      o.organisation?.name ?? null,
      null,
      null,
      o.listingCount,
      o.incompleteListingCount,
      ...perField(o),
      o.affectedCellCount,
      o.couldCoverCellCount,
      o.affectedShare,
      o.couldCoverShare,
      r.catalogueRevision,
    ]),
  );
  const organisations = new Map(
    r.organisations.flatMap((o) => (o.organisation ? [[o.organisation._id.toHexString(), o.organisation]] : [])),
  );
  for (const l of r.listings) {
    const unknown = new Set(l.unknownFields);
    const organisation = organisations.get(l.listing.organisation?.toHexString() ?? "");
    rows.push([
      "listing",
      null,
      organisation?.slug ?? null,
      organisation?.name ?? null,
      l.listing.slug,
      l.listing.name,
      1,
      unknown.size ? 1 : 0,
      ...COMPLETENESS_FIELDS.map((f) => (unknown.has(f) ? 1 : 0)),
      l.affectedCellCount,
      null,
      null,
      null,
      r.catalogueRevision,
    ]);
  }
  return csv(COMPLETENESS_CSV_COLUMNS, rows);
}
