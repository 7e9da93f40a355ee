import { useQuery } from "@urql/preact";
import {
  DEPLOYMENT_LABELS,
  ELIGIBILITY_LABELS,
  KIND_LABELS,
  LICENSE_LABELS,
  MEDIA_LABELS,
  ORGANISATION_TYPE_LABELS,
  STATUS_LABELS,
} from "../../components/labels";
import type { ReportScope, ScopeField } from "./scope";
import { ScopeChoices } from "./queries";

interface Node {
  slug: string;
  name: string;
  children?: Node[];
}

/** Reads capability slugs and country or group codes by their names; one unknown keeps its slug or code. */
export interface Names {
  capability: (slug: string) => string;
  jurisdiction: (code: string) => string;
}

/** The taxonomy's and the countries' names, asked once (the scope form's own query) and cached. */
export function useNames(): Names {
  const [{ data }] = useQuery({ query: ScopeChoices });
  const capabilities = new Map<string, string>();
  const walk = (n: Node) => {
    capabilities.set(n.slug, n.name);
    n.children?.forEach(walk);
  };
  data?.capabilities.forEach(walk);
  const jurisdictions = new Map((data?.jurisdictions ?? []).map((j) => [j.code, j.name]));
  return {
    capability: (slug) => capabilities.get(slug) ?? slug,
    jurisdiction: (code) => jurisdictions.get(code.toUpperCase()) ?? code,
  };
}

/** The scope's enum filters with their titles and value labels: the form's checkbox groups, and the scope in words. */
export const SCOPE_ENUMS: { field: ScopeField; title: string; labels: Record<string, string> }[] = [
  { field: "mediaTypes", title: "Media type", labels: MEDIA_LABELS },
  { field: "eligibleFor", title: "Who may obtain it", labels: ELIGIBILITY_LABELS },
  { field: "licenseModels", title: "Licence model", labels: LICENSE_LABELS },
  { field: "deployment", title: "Deployment", labels: DEPLOYMENT_LABELS },
  { field: "kinds", title: "Kind", labels: KIND_LABELS },
  { field: "organisationTypes", title: "Organisation type", labels: ORGANISATION_TYPE_LABELS },
  { field: "status", title: "Status", labels: STATUS_LABELS },
];

/** What an unused filter reads as, when every filter is said. */
export const ANY = "Any";

/**
 * A scope in words, a term and its reading per input, for a description
 * list: the countries, capabilities, rows and threshold (a gap report's
 * alone), then the filters in use (or, with `every`, each filter, "Any" when
 * not used).
 */
export function scopeInWords(s: ReportScope, names: Names, every = false, gap = true): [string, string][] {
  const f = s.filters;
  const list = (values: string[], name: (v: string) => string) => values.map(name).join(", ");
  const out: [string, string][] = [
    ["Countries", f.jurisdictions.length ? list(f.jurisdictions, names.jurisdiction) : "Every country"],
    ["Capabilities", f.capabilities.length ? list(f.capabilities, names.capability) : "The whole taxonomy"],
  ];
  if (gap)
    out.push(
      ["Rows", s.depth === "FUNCTION" ? "Functions" : "Capabilities"],
      ["Listings needed per cell", String(s.minListings)],
    );
  const filter = (title: string, values: string[], name: (v: string) => string = (v) => v) => {
    if (values.length) out.push([title, list(values, name)]);
    else if (every) out.push([title, ANY]);
  };
  for (const e of SCOPE_ENUMS) filter(e.title, f[e.field], (v) => e.labels[v] ?? v);
  filter("Organisations", f.organisations);
  filter("Languages", f.languages);
  filter("Standards", f.standards);
  if (!every && SCOPE_OTHERS.every((field) => f[field].length === 0)) out.push(["Other filters", "None"]);
  return out;
}

const SCOPE_OTHERS: ScopeField[] = [...SCOPE_ENUMS.map((e) => e.field), "organisations", "languages", "standards"];
