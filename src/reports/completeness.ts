import { LicenseModel } from "../catalog/enums";
import type { GapCellResult, GapListing } from "./gap";

/**
 * The fields of a listing that the reports, and the gap report above all,
 * rely on, and that the sources often do not give.
 */
export enum CompletenessField {
  AVAILABILITY = "AVAILABILITY",
  OFFERS = "OFFERS",
  LICENSE_MODEL = "LICENSE_MODEL",
  MEDIA_TYPES = "MEDIA_TYPES",
  DEPLOYMENT = "DEPLOYMENT",
  ORGANISATION = "ORGANISATION",
  LAST_VERIFIED = "LAST_VERIFIED",
}

export const COMPLETENESS_FIELDS: readonly CompletenessField[] = Object.values(CompletenessField);

/** A listing as the completeness rules read it. */
export type CompletenessListing = Pick<
  GapListing,
  | "_id"
  | "slug"
  | "sortName"
  | "organisation"
  | "offers"
  | "mediaTypes"
  | "deployment"
  | "lastVerifiedAt"
  | "availability"
  | "availableWorldwide"
>;

/**
 * Which of the fields are unknown for a listing, in the order of
 * COMPLETENESS_FIELDS:
 * - AVAILABILITY: not stated available worldwide, and no availability
 *   statement at all; with countries in scope, no statement naming one of
 *   them (the listing is unknown in every column of the scope's gap report);
 * - OFFERS: no offer, or an offer that names nobody eligible;
 * - LICENSE_MODEL: no offer, or an offer whose model is UNKNOWN;
 * - MEDIA_TYPES, DEPLOYMENT: none stated;
 * - ORGANISATION: no owning organisation;
 * - LAST_VERIFIED: never verified.
 * Without `countries`, the rules do not depend on any scope.
 */
export function unknownFields(
  l: CompletenessListing,
  countries: ReadonlySet<string> | null = null,
): CompletenessField[] {
  const out: CompletenessField[] = [];
  const stated =
    l.availableWorldwide === true ||
    (countries ? l.availability.some((a) => countries.has(a.jurisdiction)) : l.availability.length > 0);
  if (!stated) out.push(CompletenessField.AVAILABILITY);
  if (!l.offers.length || l.offers.some((o) => o.eligibility.length === 0)) out.push(CompletenessField.OFFERS);
  if (!l.offers.length || l.offers.some((o) => o.model === LicenseModel.UNKNOWN)) {
    out.push(CompletenessField.LICENSE_MODEL);
  }
  if (!l.mediaTypes.length) out.push(CompletenessField.MEDIA_TYPES);
  if (!l.deployment.length) out.push(CompletenessField.DEPLOYMENT);
  if (!l.organisation) out.push(CompletenessField.ORGANISATION);
  if (!l.lastVerifiedAt) out.push(CompletenessField.LAST_VERIFIED);
  return out;
}

/**
 * The unknown fields that could change a duplication report's picture of a
 * listing: its media types are half of what clustering compares, and
 * without its owner nobody can tell whether it duplicates another
 * organisation's effort or its own. The others do not enter clustering.
 */
export const CLUSTERING_FIELDS: readonly CompletenessField[] = [
  CompletenessField.MEDIA_TYPES,
  CompletenessField.ORGANISATION,
];

/** Whether a clustered listing has an unknown field that could change the duplication report's picture. */
export function clusteringIncomplete(l: CompletenessListing): boolean {
  return unknownFields(l).some((f) => CLUSTERING_FIELDS.includes(f));
}

export interface CompletenessComputation {
  /** The listings in the report's scope. */
  listings: CompletenessListing[];
  /** The countries of the scope; null for every country (then only "no statement at all" is unknown). */
  countries: ReadonlySet<string> | null;
  /** The chosen gap report's cells and threshold. */
  cells: GapCellResult[];
  minListings: number;
  /** The owner of any listing the gap report counts (hex id), or null when unknown. */
  ownerOf: (listingId: string) => string | null;
  /** An organisation's name, for the last tie of the ranking. */
  organisationName: (organisationId: string) => string;
}

export interface FieldCounts {
  listingCount: number;
  /** Listings with at least one unknown field. */
  incompleteCount: number;
  /** Per field, the listings where it is unknown. */
  byField: Map<CompletenessField, number>;
}

export interface ListingCompletenessResult {
  id: string;
  unknownFields: CompletenessField[];
  /** POSSIBLE_GAP cells of the gap report where this listing is among the unknowns, in cell order. */
  affectedCells: number[];
}

export interface OrganisationCompletenessResult {
  /** Hex id; null for the listings whose owner is not known. */
  organisationId: string | null;
  counts: FieldCounts;
  /** POSSIBLE_GAP cells where at least one of the organisation's listings is among the unknowns. */
  affectedCells: number;
  /** Of those, the cells its unknown listings alone could make COVERED: known + its unknowns ≥ minListings. */
  couldCoverCells: number;
}

export interface CompletenessResult {
  /** Most unknown fields first, then by name. */
  listings: ListingCompletenessResult[];
  /** Who to ask first: most affected cells, then most cells it could cover, then most incomplete listings. */
  organisations: OrganisationCompletenessResult[];
  overall: FieldCounts;
  cellCount: number;
  /** Cells with fewer known listings than minListings (POSSIBLE_GAP and GAP). */
  gapCount: number;
  possibleGapCount: number;
}

const emptyCounts = (): FieldCounts => ({ listingCount: 0, incompleteCount: 0, byField: new Map() });

function tally(c: FieldCounts, fields: CompletenessField[]) {
  c.listingCount++;
  if (fields.length) c.incompleteCount++;
  for (const f of fields) c.byField.set(f, (c.byField.get(f) ?? 0) + 1);
}

/**
 * The completeness report: the unknown fields of each listing in scope,
 * counted per organisation and overall, and for the chosen gap report,
 * which organisations' unknown listings its POSSIBLE_GAP cells hang on.
 * A POSSIBLE_GAP cell is affected by an organisation when one of its
 * listings is among the cell's unknowns (stating its availability and
 * offers would change what the cell counts), and could be covered by it
 * when the cell's known listings plus that organisation's unknown ones
 * reach the threshold. COVERED and GAP cells hang on nobody's unknowns: a
 * GAP cell has none, a COVERED one is covered whatever they turn out to be.
 * The organisations listed are those owning a listing in scope or an
 * unknown listing of a POSSIBLE_GAP cell.
 */
export function computeCompleteness(input: CompletenessComputation): CompletenessResult {
  const overall = emptyCounts();
  const byOrg = new Map<string | null, OrganisationCompletenessResult>();
  const org = (id: string | null) => {
    let o = byOrg.get(id);
    if (!o) byOrg.set(id, (o = { organisationId: id, counts: emptyCounts(), affectedCells: 0, couldCoverCells: 0 }));
    return o;
  };
  const listings = input.listings.map((l) => {
    const fields = unknownFields(l, input.countries);
    tally(overall, fields);
    tally(org(l.organisation?.toHexString() ?? null).counts, fields);
    return { listing: l, id: l._id.toHexString(), unknownFields: fields, affectedCells: [] as number[] };
  });
  const byId = new Map(listings.map((l) => [l.id, l]));

  let gapCount = 0;
  let possibleGapCount = 0;
  input.cells.forEach((cell, index) => {
    if (cell.gap) gapCount++;
    if (cell.state !== "POSSIBLE_GAP") return;
    possibleGapCount++;
    const unknownByOrg = new Map<string | null, number>();
    for (const id of cell.unknownIds()) {
      byId.get(id)?.affectedCells.push(index);
      const owner = input.ownerOf(id);
      unknownByOrg.set(owner, (unknownByOrg.get(owner) ?? 0) + 1);
    }
    for (const [owner, n] of unknownByOrg) {
      const o = org(owner);
      o.affectedCells++;
      if (cell.toolIds.length + n >= input.minListings) o.couldCoverCells++;
    }
  });

  const name = (o: OrganisationCompletenessResult) =>
    o.organisationId === null ? "" : input.organisationName(o.organisationId);
  const byName = (a: CompletenessListing, b: CompletenessListing) =>
    a.sortName < b.sortName ? -1 : a.sortName > b.sortName ? 1 : a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0;
  return {
    listings: listings
      .sort((a, b) => b.unknownFields.length - a.unknownFields.length || byName(a.listing, b.listing))
      .map(({ id, unknownFields, affectedCells }) => ({ id, unknownFields, affectedCells })),
    organisations: [...byOrg.values()].sort(
      (a, b) =>
        b.affectedCells - a.affectedCells ||
        b.couldCoverCells - a.couldCoverCells ||
        b.counts.incompleteCount - a.counts.incompleteCount ||
        // The listings without a known owner last among equals: there is nobody to ask.
        (a.organisationId === null ? 1 : 0) - (b.organisationId === null ? 1 : 0) ||
        name(a).localeCompare(name(b)),
    ),
    overall,
    cellCount: input.cells.length,
    gapCount,
    possibleGapCount,
  };
}
