import { isoCountries } from "../jurisdictions/countries";
import type { FacetCounts, FacetName } from "../../search/tool-search";
import type { CapabilityDoc } from "../capabilities/capability.model";
import type { FacetValue, ToolFacets } from "./tool.type";

const countryName = new Map(isoCountries().map((c) => [c.code, c.name]));

function enumLabel(value: string): string {
  const words = value.toLowerCase().replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Facet counts as the API shows them: labelled, most results first, then by label. */
export function presentFacets(counts: FacetCounts, capabilities: CapabilityDoc[]): ToolFacets {
  const capById = new Map(capabilities.map((c) => [c._id.toHexString(), c]));
  const present = (name: FacetName, label: (v: string) => [string, string] | null): FacetValue[] =>
    [...counts[name]]
      .flatMap(([v, count]) => {
        const l = label(v);
        return l ? [{ value: l[0], label: l[1], count }] : [];
      })
      .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
  const plain = (v: string): [string, string] => [v, enumLabel(v)];
  return {
    capabilities: present("capabilities", (id) => {
      const c = capById.get(id);
      return c ? [c.slug, c.name] : null;
    }),
    mediaTypes: present("mediaTypes", plain),
    licenseModels: present("licenseModels", plain),
    eligibility: present("eligibility", plain),
    deployment: present("deployment", plain),
    kinds: present("kinds", plain),
    organisationTypes: present("organisationTypes", plain),
    jurisdictions: present("jurisdictions", (code) => [code, countryName.get(code) ?? code]),
  };
}
