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
  /** Absent where a caller built the document without it; the scheme filter then matches nothing. */
  classificationSchemes?: Types.ObjectId[];
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
  classificationSchemes: 1,
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
  /** Classification scheme ids (hex). */
  classificationSchemes: Set<string> | null;
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
  classificationSchemes: null,
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

/**
 * How a listing stands against the eligibility and licence-model filters
 * when what the sources did not say is kept apart from what they did:
 * `MATCH` exactly when search matches it (`offerMatches`); `UNKNOWN` when it
 * does not, but some offer would if its unstated parts were filled in (an
 * UNKNOWN model, an offer that names nobody eligible, or no offer at all,
 * which counts as one offer with neither stated); `NO` when the stated offers
 * rule it out (a stated model outside the filter, or stated eligibility that
 * names other users only: a stated list of who may obtain an offer is taken
 * as complete). Reports count `UNKNOWN` listings apart instead of dropping
 * them; search keeps its one rule.
 */
export type OfferState = "MATCH" | "UNKNOWN" | "NO";

export function offerState(d: SearchDoc, elig: Set<Eligibility> | null, models: Set<LicenseModel> | null): OfferState {
  if (offerMatches(d, elig, models)) return "MATCH";
  const possible = effectiveOffers(d).some(
    (o) =>
      (!models || models.has(o.model) || o.model === LicenseModel.UNKNOWN) &&
      (!elig || o.eligibility.length === 0 || openTo(o).some((e) => elig.has(e))),
  );
  return possible ? "UNKNOWN" : "NO";
}

const intersects = (values: readonly string[], wanted: Set<string>) => values.some((v) => wanted.has(v));

/**
 * A listing's capability and organisation ids as strings, worked out once per
 * listing object: a snapshot's listings are searched again and again, and
 * turning each ObjectId into hex on every search was a large part of
 * filtering and counting facets over thousands of them.
 */
const hexIds = new WeakMap<SearchDoc, { capabilities: string[]; organisation: string | null }>();
function idsOf(d: SearchDoc): { capabilities: string[]; organisation: string | null } {
  let ids = hexIds.get(d);
  if (!ids) {
    ids = {
      capabilities: d.capabilities.map((c) => c.toHexString()),
      organisation: d.organisation?.toHexString() ?? null,
    };
    hexIds.set(d, ids);
  }
  return ids;
}

type PlainDimension = Exclude<keyof ResolvedFilter, "eligibleFor" | "licenseModels">;

function plainTest(dim: PlainDimension, d: SearchDoc, f: ResolvedFilter, fc: FacetContext): boolean {
  const want = f[dim];
  if (!want) return true;
  switch (dim) {
    case "capabilities":
      return idsOf(d).capabilities.some((c) => want.has(c));
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
    case "organisations": {
      const org = idsOf(d).organisation;
      return org !== null && want.has(org);
    }
    case "kinds":
      return want.has(d.kind);
    case "status":
      return d.status !== null && want.has(d.status);
    case "organisationTypes": {
      const org = idsOf(d).organisation;
      return org !== null && want.has(fc.organisationType(org) ?? "");
    }
    case "classificationSchemes":
      return (d.classificationSchemes ?? []).some((id) => want.has(id.toHexString()));
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
  "classificationSchemes",
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

/** Counts each distinct value once (the lists are short: a scan beats a Set). */
function bumpEach(m: Map<string, number>, values: readonly string[]) {
  for (let i = 0; i < values.length; i++) if (values.indexOf(values[i]) === i) bump(m, values[i]);
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
  // Which listing last counted under each capability node, so a listing counts once per node without a Set each.
  const countedFor = new Map<string, number>();
  for (let n = 0; n < docs.length; n++) {
    const d = docs[n];
    let failures = 0;
    let failing: PlainDimension | null = null;
    for (const dim of PLAIN_DIMENSIONS) {
      if (plainTest(dim, d, f, fc)) continue;
      failing = dim;
      if (++failures > 1) break;
    }
    if (failures > 1) continue;
    const offersOk = offerMatches(d, f.eligibleFor, f.licenseModels);
    const lifted: FacetName | null = failing ? (FACET_OF_DIMENSION[failing] ?? null) : null;
    if (failing && lifted === null) continue;

    const countPlain = (facet: FacetName) => (lifted === null ? offersOk : lifted === facet && offersOk);
    if (!failing && offersOk) matches.push(d);

    const ids = idsOf(d);
    if (countPlain("capabilities")) {
      for (const c of ids.capabilities) {
        for (const a of fc.capabilityAncestors.get(c) ?? []) {
          if (countedFor.get(a) === n) continue;
          countedFor.set(a, n);
          bump(facets.capabilities, a);
        }
      }
    }
    if (countPlain("mediaTypes")) bumpEach(facets.mediaTypes, d.mediaTypes);
    if (countPlain("deployment")) bumpEach(facets.deployment, d.deployment);
    if (countPlain("kinds")) bump(facets.kinds, d.kind);
    if (countPlain("jurisdictions")) bumpEach(facets.jurisdictions, d.servedJurisdictions);
    if (countPlain("organisationTypes") && ids.organisation) {
      const t = fc.organisationType(ids.organisation);
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
