import { isoCountries } from "../jurisdictions/countries";
import type { FacetCounts, FacetName } from "../../search/tool-search";
import type { CapabilityDoc } from "../capabilities/capability.model";
import { Deployment, Eligibility, LicenseModel, ListingKind, MediaType, OrganisationType } from "../enums";
import type { CapabilityFacetValue, FacetValue, ToolFacets } from "./tool.type";

const countries = isoCountries();

/** Words of enum values that are read as written (acronyms), and values whose label is not their words. */
const ACRONYMS = new Set(["NGO", "API", "URL", "ISP"]);
const LABELS: Record<string, string> = {
  FREE_FOR_ELIGIBLE: "Free for eligible users",
  ON_PREMISES: "On premises",
  LIVE_STREAM: "Live stream",
};

/** A human label for an enum value: "NGO", "API", "Law enforcement", "Hosted service". */
export function enumLabel(value: string): string {
  if (LABELS[value]) return LABELS[value];
  const words = value.split("_").map((w, i) => {
    if (ACRONYMS.has(w)) return w;
    const lower = w.toLowerCase();
    return i === 0 ? lower.charAt(0).toUpperCase() + lower.slice(1) : lower;
  });
  return words.join(" ");
}

const byCountThenLabel = (a: FacetValue, b: FacetValue) => b.count - a.count || a.label.localeCompare(b.label);

/**
 * Facet counts as the API shows them: every value a filter accepts, zero
 * counts included (a page can show an option that would give nothing as
 * disabled), each with a human label and its value exactly as the filter
 * takes it. Enum facets and countries come most results first, then by label;
 * capabilities in taxonomy order, as a tree (each with its parent and depth).
 */
export function presentFacets(counts: FacetCounts, capabilities: CapabilityDoc[]): ToolFacets {
  const enumFacet = (name: FacetName, values: string[]): FacetValue[] =>
    values.map((v) => ({ value: v, label: enumLabel(v), count: counts[name].get(v) ?? 0 })).sort(byCountThenLabel);
  const slugById = new Map(capabilities.map((c) => [c._id.toHexString(), c.slug]));
  const capabilityValues: CapabilityFacetValue[] = capabilities.map((c) => ({
    value: c.slug,
    label: c.name,
    count: counts.capabilities.get(c._id.toHexString()) ?? 0,
    parent: c.parent ? (slugById.get(c.parent.toHexString()) ?? null) : null,
    depth: c.depth,
  }));
  return {
    capabilities: capabilityValues,
    mediaTypes: enumFacet("mediaTypes", Object.values(MediaType)),
    licenseModels: enumFacet("licenseModels", Object.values(LicenseModel)),
    eligibility: enumFacet("eligibility", Object.values(Eligibility)),
    deployment: enumFacet("deployment", Object.values(Deployment)),
    kinds: enumFacet("kinds", Object.values(ListingKind)),
    organisationTypes: enumFacet("organisationTypes", Object.values(OrganisationType)),
    jurisdictions: countries
      .map((c) => ({ value: c.code, label: c.name, count: counts.jurisdictions.get(c.code) ?? 0 }))
      .sort(byCountThenLabel),
  };
}
