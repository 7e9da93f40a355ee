import type { ListingFilter, ListingOrder } from "../../graphql/graphql";

/** The filter fields the search page offers, with the URL parameter that holds each. */
export const FILTER_PARAMS = {
  capabilities: "capability",
  mediaTypes: "media",
  eligibleFor: "eligible",
  licenseModels: "licence",
  deployment: "deployment",
  kinds: "kind",
  organisationTypes: "orgType",
  jurisdictions: "jurisdiction",
  organisations: "organisation",
} as const satisfies Partial<Record<keyof ListingFilter, string>>;

export type FilterField = keyof typeof FILTER_PARAMS;
export const FILTER_FIELDS = Object.keys(FILTER_PARAMS) as FilterField[];

/** One page of results. */
export const PAGE_SIZE = 20;

/** Everything a search page shows is decided by this, and this is all in the URL. */
export interface SearchState {
  q: string;
  filters: Record<FilterField, string[]>;
  order: ListingOrder | null;
  page: number;
  /** Listings picked for a comparison (`compare`, repeated), kept while searching for more. */
  compare: string[];
}

/** The most listings a comparison holds (as `compareListings` takes them). */
export const COMPARE_MAX = 6;

const ORDERS: readonly ListingOrder[] = ["RELEVANCE", "NAME", "LAST_VERIFIED"];

/** Reads the state from a query string; anything unrecognised is ignored, never an error. */
export function parseState(search: string): SearchState {
  const p = new URLSearchParams(search);
  const filters = {} as Record<FilterField, string[]>;
  for (const field of FILTER_FIELDS) {
    filters[field] = [...new Set(p.getAll(FILTER_PARAMS[field]).filter((v) => v !== ""))];
  }
  const order = p.get("order");
  const page = Number.parseInt(p.get("page") ?? "1", 10);
  return {
    q: p.get("q") ?? "",
    filters,
    order: ORDERS.includes(order as ListingOrder) ? (order as ListingOrder) : null,
    page: Number.isFinite(page) && page >= 1 ? Math.min(page, 10_000) : 1,
    compare: [...new Set(p.getAll("compare").filter((v) => v !== ""))],
  };
}

/** The query string for a state, parameters in a fixed order so equal states give equal links. */
export function stateQuery(s: SearchState): string {
  const p = new URLSearchParams();
  if (s.q.trim()) p.set("q", s.q);
  for (const field of FILTER_FIELDS) for (const v of s.filters[field]) p.append(FILTER_PARAMS[field], v);
  if (s.order) p.set("order", s.order);
  if (s.page > 1) p.set("page", String(s.page));
  for (const slug of s.compare) p.append("compare", slug);
  const text = p.toString();
  return text ? `?${text}` : "";
}

/** The API's filter for a state: only the fields with values. */
export function filterOf(s: SearchState): ListingFilter {
  const filter: Record<string, string[]> = {};
  for (const field of FILTER_FIELDS) if (s.filters[field].length) filter[field] = s.filters[field];
  return filter as ListingFilter;
}

/** The same state with one value added to or removed from a filter, back on page 1. */
export function toggled(s: SearchState, field: FilterField, value: string): SearchState {
  const values = s.filters[field];
  const next = values.includes(value) ? values.filter((v) => v !== value) : [...values, value];
  return { ...s, filters: { ...s.filters, [field]: next }, page: 1 };
}

/** The same state with a listing added to or taken out of the comparison; the results stay where they are. */
export function compareToggled(s: SearchState, slug: string): SearchState {
  const next = s.compare.includes(slug) ? s.compare.filter((v) => v !== slug) : [...s.compare, slug];
  return { ...s, compare: next };
}

/** The compare page's address for these slugs. */
export function compareHref(slugs: string[]): string {
  const p = new URLSearchParams();
  for (const slug of slugs) p.append("l", slug);
  return `/compare?${p.toString()}`;
}
