import type { DuplicationReportInput, GapDepth, GapReportInput } from "../../graphql/graphql";
import { FILTER_PARAMS } from "../search/url-state";

/**
 * Every listing filter a report's scope takes (GapReportInput's lists), with
 * the URL parameter that holds each: the search's own names, and three more
 * that only the reports offer.
 */
export const SCOPE_PARAMS = {
  ...FILTER_PARAMS,
  languages: "language",
  standards: "standard",
  status: "status",
} as const satisfies Partial<Record<keyof GapReportInput, string>>;

export type ScopeField = keyof typeof SCOPE_PARAMS;
export const SCOPE_FIELDS = Object.keys(SCOPE_PARAMS) as ScopeField[];

/**
 * The scope of the report pages, all in the URL: the filter parameters
 * (`jurisdiction=FIVE_EYES`, `capability=…`, `media=…`, `kind=…`,
 * `language=…`, …), the rows' `depth` (`function` or `capability`), `min`
 * (minListings) and the chosen heatmap cell (`cell=<capability>.<country>`).
 */
export interface ReportScope {
  filters: Record<ScopeField, string[]>;
  depth: GapDepth;
  minListings: number;
  cell: { capability: string; jurisdiction: string } | null;
}

export const emptyFilters = (): Record<ScopeField, string[]> =>
  Object.fromEntries(SCOPE_FIELDS.map((f) => [f, []])) as unknown as Record<ScopeField, string[]>;

export function parseScope(search: string): ReportScope {
  const p = new URLSearchParams(search);
  const filters = emptyFilters();
  for (const field of SCOPE_FIELDS) {
    filters[field] = [...new Set(p.getAll(SCOPE_PARAMS[field]).filter((v) => v !== ""))];
  }
  const min = Number.parseInt(p.get("min") ?? "1", 10);
  const cell = p.get("cell") ?? "";
  const dot = cell.lastIndexOf(".");
  const [capability, jurisdiction] = dot > 0 ? [cell.slice(0, dot), cell.slice(dot + 1)] : ["", ""];
  return {
    filters,
    depth: p.get("depth") === "function" ? "FUNCTION" : "CAPABILITY",
    minListings: Number.isFinite(min) && min >= 1 ? Math.min(min, 1000) : 1,
    cell: capability && jurisdiction ? { capability, jurisdiction } : null,
  };
}

/** The query string for a scope, parameters in a fixed order so equal scopes give equal links. */
export function scopeQuery(s: ReportScope, withCell = true): string {
  const p = new URLSearchParams();
  for (const field of SCOPE_FIELDS) for (const v of s.filters[field]) p.append(SCOPE_PARAMS[field], v);
  if (s.depth === "FUNCTION") p.set("depth", "function");
  if (s.minListings > 1) p.set("min", String(s.minListings));
  if (withCell && s.cell) p.set("cell", `${s.cell.capability}.${s.cell.jurisdiction}`);
  const text = p.toString();
  return text ? `?${text}` : "";
}

/** The list inputs of a scope with values, as the gap and duplication reports both take them. */
export function scopeLists(s: ReportScope): Partial<Record<ScopeField, string[]>> {
  const lists: Partial<Record<ScopeField, string[]>> = {};
  for (const field of SCOPE_FIELDS) if (s.filters[field].length) lists[field] = s.filters[field];
  return lists;
}

/** The API's gap report input for a scope: only the fields with values. */
export function gapInput(s: ReportScope): GapReportInput {
  return { depth: s.depth, minListings: s.minListings, ...scopeLists(s) } as GapReportInput;
}

/** The API's duplication report input for a scope: its filters (rows and threshold are the heatmap's alone). */
export function duplicationInput(s: ReportScope): DuplicationReportInput {
  return scopeLists(s) as DuplicationReportInput;
}

/** The same scope narrowed to one cell: its row's subtree and its country, which count that cell's listings alike. */
export function cellInput(s: ReportScope, capability: string, jurisdiction: string): GapReportInput {
  return { ...gapInput(s), capabilities: [capability], jurisdictions: [jurisdiction] };
}

/** The scope a saved gap report was computed with (its `input`, defaults applied), to open it live. */
export function scopeOfParameters(
  p: { [F in ScopeField]: readonly string[] } & { depth?: GapDepth | null; minListings?: number | null },
): ReportScope {
  const filters = emptyFilters();
  for (const field of SCOPE_FIELDS) filters[field] = [...(p[field] ?? [])];
  return { filters, depth: p.depth ?? "CAPABILITY", minListings: p.minListings ?? 1, cell: null };
}

/** The query string of an export under /reports, in the API's own parameter names. */
export function exportQuery(s: ReportScope): string {
  const p = new URLSearchParams();
  for (const field of SCOPE_FIELDS) if (s.filters[field].length) p.set(field, s.filters[field].join(","));
  p.set("depth", s.depth);
  if (s.minListings > 1) p.set("minListings", String(s.minListings));
  return `?${p.toString()}`;
}
