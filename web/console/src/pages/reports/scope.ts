import type { GapDepth, GapReportInput } from "../../graphql/graphql";
import { FILTER_FIELDS, FILTER_PARAMS, type FilterField } from "../search/url-state";

/**
 * The scope of the report pages, all in the URL: the search's filter
 * parameters (`jurisdiction=FIVE_EYES`, `capability=…`, `media=…`, …), the
 * rows' `depth` (`function` or `capability`), `min` (minListings) and the
 * chosen heatmap cell (`cell=<capability>.<country>`).
 */
export interface ReportScope {
  filters: Record<FilterField, string[]>;
  depth: GapDepth;
  minListings: number;
  cell: { capability: string; jurisdiction: string } | null;
}

export function parseScope(search: string): ReportScope {
  const p = new URLSearchParams(search);
  const filters = {} as Record<FilterField, string[]>;
  for (const field of FILTER_FIELDS) {
    filters[field] = [...new Set(p.getAll(FILTER_PARAMS[field]).filter((v) => v !== ""))];
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
  for (const field of FILTER_FIELDS) for (const v of s.filters[field]) p.append(FILTER_PARAMS[field], v);
  if (s.depth === "FUNCTION") p.set("depth", "function");
  if (s.minListings > 1) p.set("min", String(s.minListings));
  if (withCell && s.cell) p.set("cell", `${s.cell.capability}.${s.cell.jurisdiction}`);
  const text = p.toString();
  return text ? `?${text}` : "";
}

/** The API's gap report input for a scope: only the fields with values. */
export function gapInput(s: ReportScope): GapReportInput {
  const input: Record<string, unknown> = { depth: s.depth, minListings: s.minListings };
  for (const field of FILTER_FIELDS) if (s.filters[field].length) input[field] = s.filters[field];
  return input as GapReportInput;
}

/** The same scope narrowed to one cell: its row's subtree and its country, which count that cell's listings alike. */
export function cellInput(s: ReportScope, capability: string, jurisdiction: string): GapReportInput {
  return { ...gapInput(s), capabilities: [capability], jurisdictions: [jurisdiction] };
}

/** The query string of an export under /reports, in the API's own parameter names. */
export function exportQuery(s: ReportScope): string {
  const p = new URLSearchParams();
  for (const field of FILTER_FIELDS) if (s.filters[field].length) p.set(field, s.filters[field].join(","));
  p.set("depth", s.depth);
  if (s.minListings > 1) p.set("minListings", String(s.minListings));
  return `?${p.toString()}`;
}
