import type { CapabilityDoc } from "../capabilities/capability.model";
import type { ClassificationSchemeDoc } from "../classification-schemes/classification-scheme.model";
import type { DocumentDoc } from "../documents/document.model";
import type { JurisdictionDoc } from "../jurisdictions/jurisdiction.model";
import type { OrganisationDoc } from "../organisations/organisation.model";
import { enumLabel } from "./tool.facets";
import type { OfferDoc, ToolDoc } from "./tool.model";

/** The fields a comparison sets side by side, in the order shown. */
export enum ComparedField {
  ORGANISATION = "ORGANISATION",
  KIND = "KIND",
  STATUS = "STATUS",
  CAPABILITIES = "CAPABILITIES",
  MEDIA_TYPES = "MEDIA_TYPES",
  DEPLOYMENT = "DEPLOYMENT",
  OFFERS = "OFFERS",
  AVAILABILITY = "AVAILABILITY",
  CLASSIFICATION_SCHEMES = "CLASSIFICATION_SCHEMES",
  STANDARDS = "STANDARDS",
  LANGUAGES = "LANGUAGES",
  LAST_VERIFIED = "LAST_VERIFIED",
  SOURCES = "SOURCES",
}

/** Fewest and most listings one comparison takes. */
export const COMPARE_MIN = 2;
export const COMPARE_MAX = 6;

export interface ComparisonCell {
  /** Machine values (slugs, codes, enum names, dates), sorted; empty when the listing states nothing. */
  values: string[];
  /** The same values for a reader, in the same order. */
  labels: string[];
}

export interface ComparisonRow {
  field: ComparedField;
  label: string;
  /** For an AVAILABILITY row, the country it is about. */
  jurisdiction: JurisdictionDoc | null;
  same: boolean;
  cells: ComparisonCell[];
}

/** What a comparison needs beyond the listings: the records they point at, by id or code. */
export interface CompareLookups {
  organisation(id: string): OrganisationDoc | null;
  capability(id: string): CapabilityDoc | null;
  scheme(id: string): ClassificationSchemeDoc | null;
  document(id: string): DocumentDoc | null;
  jurisdiction(code: string): JurisdictionDoc | null;
}

type Pair = [value: string, label: string];

/** The fields of a listing that a comparison reads. */
export type Comparable = Pick<
  ToolDoc,
  | "organisation"
  | "kind"
  | "status"
  | "capabilities"
  | "mediaTypes"
  | "deployment"
  | "offers"
  | "availability"
  | "availableWorldwide"
  | "classificationSchemes"
  | "standards"
  | "languages"
  | "lastVerifiedAt"
  | "sources"
>;

function cell(pairs: Pair[]): ComparisonCell {
  const sorted = [...pairs].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return { values: sorted.map((p) => p[0]), labels: sorted.map((p) => p[1]) };
}

const enumPairs = (values: readonly string[]): Pair[] => values.map((v) => [v, enumLabel(v)]);

/** An offer as one value: its model, who may obtain it, whether vetting is required, its licence. */
function offerPair(o: OfferDoc): Pair {
  const eligibility = [...o.eligibility].sort();
  const vetting = o.requiresVetting === null ? "" : o.requiresVetting ? "vetting" : "no-vetting";
  const value = [o.model, eligibility.join("+"), vetting, o.spdxLicense ?? ""].join("|");
  const who = eligibility.length ? ` for ${eligibility.map((e) => enumLabel(e).toLowerCase()).join(", ")}` : "";
  const vet = o.requiresVetting === null ? "" : o.requiresVetting ? "; vetting required" : "; no vetting";
  const licence = o.spdxLicense ? ` (${o.spdxLicense})` : "";
  return [value, `${enumLabel(o.model)}${licence}${who}${vet}`];
}

/**
 * The comparison of listings, field by field, each row marked same or
 * different. Availability has a row per country that any of the listings
 * states something about; a listing that states nothing there has an empty
 * cell (not stated is not "unavailable"); a listing stated available
 * worldwide says so in a row of its own (value `WORLDWIDE`), before the
 * countries, which then hold its exceptions. Without `availabilityByCountry`,
 * availability is one row whose values are `CODE=STATUS`, so the row count
 * is fixed. Pure: the caller has checked that each listing may be seen.
 */
export function compareListings(
  listings: Comparable[],
  look: CompareLookups,
  { availabilityByCountry = true } = {},
): ComparisonRow[] {
  const row = (field: ComparedField, label: string, of: (l: Comparable) => Pair[]): ComparisonRow => {
    const cells = listings.map((l) => cell(of(l)));
    const first = cells[0].values.join("\n");
    return { field, label, jurisdiction: null, same: cells.every((c) => c.values.join("\n") === first), cells };
  };
  const records = <T extends { slug: string; name?: string; title?: string }>(
    ids: { toHexString(): string }[],
    find: (id: string) => T | null,
  ): Pair[] =>
    ids.flatMap((id) => {
      const r = find(id.toHexString());
      return r ? [[r.slug, r.name ?? r.title ?? r.slug] as Pair] : [];
    });

  const rows: ComparisonRow[] = [
    row(ComparedField.ORGANISATION, "Organisation", (l) =>
      records(l.organisation ? [l.organisation] : [], look.organisation),
    ),
    row(ComparedField.KIND, "Kind", (l) => enumPairs([l.kind])),
    row(ComparedField.STATUS, "Status", (l) => enumPairs(l.status ? [l.status] : [])),
    row(ComparedField.CAPABILITIES, "Capabilities", (l) => records(l.capabilities, look.capability)),
    row(ComparedField.MEDIA_TYPES, "Media types", (l) => enumPairs(l.mediaTypes)),
    row(ComparedField.DEPLOYMENT, "Deployment", (l) => enumPairs(l.deployment)),
    row(ComparedField.OFFERS, "Offers and eligibility", (l) => l.offers.map(offerPair)),
  ];

  const worldwide = (l: Comparable): Pair[] => (l.availableWorldwide ? [["WORLDWIDE", "Available worldwide"]] : []);
  if (!availabilityByCountry) {
    rows.push(
      row(ComparedField.AVAILABILITY, "Availability", (l) => [
        ...worldwide(l),
        ...l.availability.map((a): Pair => [
          `${a.jurisdiction}=${a.status}`,
          `${look.jurisdiction(a.jurisdiction)?.name ?? a.jurisdiction}: ${enumLabel(a.status).toLowerCase()}`,
        ]),
      ]),
    );
  } else if (listings.some((l) => l.availableWorldwide)) {
    rows.push(row(ComparedField.AVAILABILITY, "Availability: worldwide", worldwide));
  }
  const stated = availabilityByCountry
    ? [...new Set(listings.flatMap((l) => l.availability.map((a) => a.jurisdiction)))].sort()
    : [];
  for (const code of stated) {
    const j = look.jurisdiction(code);
    const r = row(ComparedField.AVAILABILITY, `Availability: ${j?.name ?? code}`, (l) =>
      enumPairs(l.availability.filter((a) => a.jurisdiction === code).map((a) => a.status)),
    );
    rows.push({ ...r, jurisdiction: j });
  }

  rows.push(
    row(ComparedField.CLASSIFICATION_SCHEMES, "Classification schemes", (l) =>
      records(l.classificationSchemes, look.scheme),
    ),
    row(ComparedField.STANDARDS, "Standards", (l) => l.standards.map((s) => [s, s])),
    row(ComparedField.LANGUAGES, "Languages", (l) => l.languages.map((s) => [s, s])),
    row(ComparedField.LAST_VERIFIED, "Last verified", (l) => {
      const day = l.lastVerifiedAt?.toISOString().slice(0, 10);
      return day ? [[day, day]] : [];
    }),
    row(ComparedField.SOURCES, "Sources", (l) =>
      l.sources.map((s) => {
        const doc = s.document ? look.document(s.document.toHexString()) : null;
        const where = doc?.slug ?? s.url ?? "";
        return [`${where}#${s.locator}`, `${doc?.title ?? s.url ?? "?"}, ${s.locator}`];
      }),
    ),
  );
  return rows;
}
