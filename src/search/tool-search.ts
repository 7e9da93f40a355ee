import type { Types } from "mongoose";
import { foldText } from "../common/text";
import { Eligibility, LicenseModel, ListingKind, ToolStatus } from "../catalog/enums";

/** The fields of a listing that search, filters, facets and ordering read; nothing else is fetched for them. */
export interface SearchDoc {
  _id: Types.ObjectId;
  slug: string;
  name: string;
  sortName: string;
  aliases: string[];
  kind: ListingKind;
  status: ToolStatus | null;
  organisation: Types.ObjectId | null;
  capabilities: Types.ObjectId[];
  mediaTypes: string[];
  deployment: string[];
  languages: string[];
  standards: string[];
  offers: { model: LicenseModel; eligibility: Eligibility[] }[];
  servedJurisdictions: string[];
  lastVerifiedAt: Date | null;
}

export const SEARCH_PROJECTION = {
  slug: 1,
  name: 1,
  sortName: 1,
  aliases: 1,
  kind: 1,
  status: 1,
  organisation: 1,
  capabilities: 1,
  mediaTypes: 1,
  deployment: 1,
  languages: 1,
  standards: 1,
  "offers.model": 1,
  "offers.eligibility": 1,
  servedJurisdictions: 1,
  lastVerifiedAt: 1,
} as const;

/**
 * Filters with every reference already resolved: capability slugs to the ids
 * of their whole subtrees, group codes to member countries, organisation
 * slugs to ids. `null` means the filter is not applied. Values within one
 * filter are alternatives; different filters must all hold.
 */
export interface ResolvedFilter {
  capabilities: Set<string> | null;
  mediaTypes: Set<string> | null;
  jurisdictions: Set<string> | null;
  eligibleFor: Set<Eligibility> | null;
  licenseModels: Set<LicenseModel> | null;
  deployment: Set<string> | null;
  languages: Set<string> | null;
  standards: Set<string> | null;
  organisations: Set<string> | null;
  kinds: Set<string> | null;
  status: Set<string> | null;
  organisationTypes: Set<string> | null;
}

export const EMPTY_FILTER: ResolvedFilter = {
  capabilities: null,
  mediaTypes: null,
  jurisdictions: null,
  eligibleFor: null,
  licenseModels: null,
  deployment: null,
  languages: null,
  standards: null,
  organisations: null,
  kinds: null,
  status: null,
  organisationTypes: null,
};

export type FacetName =
  | "capabilities"
  | "mediaTypes"
  | "licenseModels"
  | "eligibility"
  | "deployment"
  | "kinds"
  | "organisationTypes"
  | "jurisdictions";

export type FacetCounts = Record<FacetName, Map<string, number>>;

/** What the facets need to know beyond the listing itself. */
export interface FacetContext {
  /** Capability id → ids of it and all its ancestors. */
  capabilityAncestors: Map<string, string[]>;
  /** Organisation id → organisation type. */
  organisationType: (organisationId: string) => string | undefined;
}

const ALL_ELIGIBILITY = Object.values(Eligibility);

/**
 * The offers a listing is effectively under: none stated means one offer of
 * UNKNOWN model, so that "licence unknown" can be asked for and counted.
 */
function effectiveOffers(d: SearchDoc): SearchDoc["offers"] {
  return d.offers.length ? d.offers : [{ model: LicenseModel.UNKNOWN, eligibility: [] }];
}

/** An offer open to the public is open to every kind of user. */
function openTo(offer: SearchDoc["offers"][number]): Eligibility[] {
  return offer.eligibility.includes(Eligibility.PUBLIC) ? ALL_ELIGIBILITY : offer.eligibility;
}

/** Some single offer satisfies both the eligibility and the licence-model filter. */
function offerMatches(d: SearchDoc, elig: Set<Eligibility> | null, models: Set<LicenseModel> | null): boolean {
  if (!elig && !models) return true;
  return effectiveOffers(d).some(
    (o) => (!models || models.has(o.model)) && (!elig || openTo(o).some((e) => elig.has(e))),
  );
}

const intersects = (values: readonly string[], wanted: Set<string>) => values.some((v) => wanted.has(v));

type PlainDimension = Exclude<keyof ResolvedFilter, "eligibleFor" | "licenseModels">;

function plainTest(dim: PlainDimension, d: SearchDoc, f: ResolvedFilter, fc: FacetContext): boolean {
  const want = f[dim];
  if (!want) return true;
  switch (dim) {
    case "capabilities":
      return d.capabilities.some((c) => want.has(c.toHexString()));
    case "mediaTypes":
      return intersects(d.mediaTypes, want);
    case "jurisdictions":
      return intersects(d.servedJurisdictions, want);
    case "deployment":
      return intersects(d.deployment, want);
    case "languages":
      return intersects(d.languages, want);
    case "standards":
      return d.standards.some((s) => want.has(foldText(s)));
    case "organisations":
      return d.organisation !== null && want.has(d.organisation.toHexString());
    case "kinds":
      return want.has(d.kind);
    case "status":
      return d.status !== null && want.has(d.status);
    case "organisationTypes":
      return d.organisation !== null && want.has(fc.organisationType(d.organisation.toHexString()) ?? "");
  }
}

const PLAIN_DIMENSIONS: PlainDimension[] = [
  "capabilities",
  "mediaTypes",
  "jurisdictions",
  "deployment",
  "languages",
  "standards",
  "organisations",
  "kinds",
  "status",
  "organisationTypes",
];

/** Which plain facet is narrowed by which filter dimension (facets count with their own filter lifted). */
const FACET_OF_DIMENSION: Partial<Record<PlainDimension, FacetName>> = {
  capabilities: "capabilities",
  mediaTypes: "mediaTypes",
  jurisdictions: "jurisdictions",
  deployment: "deployment",
  kinds: "kinds",
  organisationTypes: "organisationTypes",
};

/** The listings that pass every filter, without counting facets (for queries that do not ask for them). */
export function filterOnly<T extends SearchDoc>(docs: T[], f: ResolvedFilter, fc: FacetContext): T[] {
  return docs.filter(
    (d) => PLAIN_DIMENSIONS.every((dim) => plainTest(dim, d, f, fc)) && offerMatches(d, f.eligibleFor, f.licenseModels),
  );
}

function bump(m: Map<string, number>, key: string) {
  m.set(key, (m.get(key) ?? 0) + 1);
}

/**
 * Applies the filter and counts every facet. Each facet is counted over the
 * listings that pass every other filter (its own is lifted), so a client can
 * show how many results each alternative value would give.
 */
export function filterAndFacet<T extends SearchDoc>(
  docs: T[],
  f: ResolvedFilter,
  fc: FacetContext,
): { matches: T[]; facets: FacetCounts } {
  const facets: FacetCounts = {
    capabilities: new Map(),
    mediaTypes: new Map(),
    licenseModels: new Map(),
    eligibility: new Map(),
    deployment: new Map(),
    kinds: new Map(),
    organisationTypes: new Map(),
    jurisdictions: new Map(),
  };
  const matches: T[] = [];
  for (const d of docs) {
    const failing = PLAIN_DIMENSIONS.filter((dim) => !plainTest(dim, d, f, fc));
    if (failing.length > 1) continue;
    const offersOk = offerMatches(d, f.eligibleFor, f.licenseModels);
    const lifted: FacetName | null = failing.length === 1 ? (FACET_OF_DIMENSION[failing[0]] ?? null) : null;
    if (failing.length === 1 && lifted === null) continue;

    const countPlain = (facet: FacetName) => (lifted === null ? offersOk : lifted === facet && offersOk);
    if (failing.length === 0 && offersOk) matches.push(d);

    if (countPlain("capabilities")) {
      const nodes = new Set<string>();
      for (const c of d.capabilities) for (const a of fc.capabilityAncestors.get(c.toHexString()) ?? []) nodes.add(a);
      nodes.forEach((n) => bump(facets.capabilities, n));
    }
    if (countPlain("mediaTypes")) new Set(d.mediaTypes).forEach((v) => bump(facets.mediaTypes, v));
    if (countPlain("deployment")) new Set(d.deployment).forEach((v) => bump(facets.deployment, v));
    if (countPlain("kinds")) bump(facets.kinds, d.kind);
    if (countPlain("jurisdictions")) new Set(d.servedJurisdictions).forEach((v) => bump(facets.jurisdictions, v));
    if (countPlain("organisationTypes") && d.organisation) {
      const t = fc.organisationType(d.organisation.toHexString());
      if (t) bump(facets.organisationTypes, t);
    }
    if (lifted === null) {
      const models = new Set<string>();
      const elig = new Set<string>();
      for (const o of effectiveOffers(d)) {
        const open = openTo(o);
        if (!f.eligibleFor || open.some((e) => f.eligibleFor?.has(e))) models.add(o.model);
        if (!f.licenseModels || f.licenseModels.has(o.model)) open.forEach((e) => elig.add(e));
      }
      models.forEach((v) => bump(facets.licenseModels, v));
      elig.forEach((v) => bump(facets.eligibility, v));
    }
  }
  return { matches, facets };
}
