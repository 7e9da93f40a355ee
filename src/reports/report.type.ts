import { Field, Float, Int, ObjectType, registerEnumType } from "type-graphql";
import { Capability } from "../catalog/capabilities/capability.type";
import {
  Deployment,
  Eligibility,
  LicenseModel,
  ListingKind,
  MediaType,
  OrganisationType,
  ToolStatus,
} from "../catalog/enums";
import { Jurisdiction } from "../catalog/jurisdictions/jurisdiction.type";
import { Organisation } from "../catalog/organisations/organisation.type";
import { Tool } from "../catalog/tools/tool.type";
import { ConnectionType } from "../common/connection.type";
import { GapDepth } from "./report.input";

export enum DuplicateKind {
  EXACT = "EXACT",
  NEAR = "NEAR",
}
registerEnumType(DuplicateKind, {
  name: "DuplicateKind",
  description: "How closely the names of a group of likely duplicate listings match.",
  valuesConfig: {
    EXACT: { description: "A name or alias is the same after normalisation (case, accents, punctuation, spacing)." },
    NEAR: {
      description: "A name or alias is one edit away from another's (names of 6 characters or more, same digits).",
    },
  },
});

export enum GapCellState {
  COVERED = "COVERED",
  POSSIBLE_GAP = "POSSIBLE_GAP",
  GAP = "GAP",
}
registerEnumType(GapCellState, {
  name: "GapCellState",
  description:
    "Where a gap cell stands once what is unknown is kept apart from what is absent: the known listings against minListings, and whether the unknown ones could make up the difference.",
  valuesConfig: {
    COVERED: { description: "At least minListings listings are known to serve the cell." },
    POSSIBLE_GAP: {
      description:
        "Fewer than minListings are known to serve it, but enough listings in scope have unknown availability here or unknown offers that it might be covered: listings exist, availability not stated.",
    },
    GAP: {
      description:
        "Fewer than minListings are known to serve it, and even if every listing with unknown availability or offers served it, there would still be fewer: no listing known here. At minListings 1: nothing known and nothing unknown.",
    },
  },
});

const CATALOGUE_REVISION =
  "The catalogue revision the report was computed on, as you see it: a digest of the listings you may see and the reference data, which changes when they do and only then. Equal revisions mean the same catalogue; they are not ordered.";

@ObjectType({ description: "One capability × jurisdiction cell of a gap report." })
export class GapCell {
  @Field(() => Capability, { description: "The cell's row: a function or capability, its subtree included." })
  capability!: Capability;

  @Field(() => Jurisdiction, { description: "The cell's column: a country." })
  jurisdiction!: Jurisdiction;

  @Field(() => Int, {
    description: "The same as `listingCount`, under its old name.",
    deprecationReason: "Use `listingCount`: the API says listing for every kind of entry.",
  })
  toolCount!: number;

  @Field(() => Int, { description: "Distinct known organisations behind those listings." })
  organisationCount!: number;

  @Field(() => [String], {
    description: "The same as `listingSlugs`, under its old name.",
    deprecationReason: "Use `listingSlugs`: the API says listing for every kind of entry.",
  })
  toolSlugs!: string[];

  @Field(() => [Tool], {
    description: "The same as `listings`, under its old name.",
    deprecationReason: "Use `listings`: the API says listing for every kind of entry.",
  })
  tools!: Tool[];

  @Field(() => Int, {
    description:
      "Listings in scope with a capability in this subtree whose availability here is not stated (they name other countries only, or none), or whose offers leave the eligibility and licence-model scope open (no offer stated, a licence model UNKNOWN, or an offer naming nobody eligible). Neither counted as serving nor dropped.",
  })
  unknownCount!: number;

  @Field(() => Int, {
    description:
      "Listings in scope with a capability in this subtree stated UNAVAILABLE or RESTRICTED here (and not also stated available or in use). listingCount + unknownCount + unavailableCount is every listing in scope with the capability.",
  })
  unavailableCount!: number;

  @Field(() => GapCellState, {
    description: "COVERED, POSSIBLE_GAP or GAP: the known listings against minListings, unknowns taken into account.",
  })
  state!: GapCellState;

  /** The unknown listings, looked up only when a client asks for them (see GapCellFields.unknownListings). */
  unknownTools!: () => Tool[];

  @Field(() => Boolean, {
    description: "Fewer listings known to serve the cell than minListings (POSSIBLE_GAP or GAP).",
  })
  gap!: boolean;

  @Field(() => Boolean, { description: "At least one listing, all from one and the same known organisation." })
  singlePointOfFailure!: boolean;
}

@ObjectType({ description: "How well one row of a gap report is covered." })
export class CapabilityCoverage {
  @Field(() => Capability, { description: "The row." })
  capability!: Capability;

  @Field(() => Float, { description: "Share of the columns where this row is not a gap (0 to 1)." })
  coverage!: number;

  @Field(() => Int, { description: "How many of the row's cells are gaps." })
  gapCount!: number;

  @Field(() => Float, {
    description:
      "Share of the columns where this row might not be a gap: COVERED or POSSIBLE_GAP, counting listings with unknown availability or offers as if they served (0 to 1).",
  })
  possibleCoverage!: number;

  @Field(() => Int, { description: "How many of the row's gaps are POSSIBLE_GAP cells (the others are GAP)." })
  possibleGapCount!: number;
}

@ObjectType({ description: "How well one column of a gap report is covered." })
export class JurisdictionCoverage {
  @Field(() => Jurisdiction, { description: "The column: a country." })
  jurisdiction!: Jurisdiction;

  @Field(() => Float, { description: "Share of the rows where this column is not a gap (0 to 1)." })
  coverage!: number;

  @Field(() => Int, { description: "How many of the column's cells are gaps." })
  gapCount!: number;

  @Field(() => Float, {
    description:
      "Share of the rows where this column might not be a gap: COVERED or POSSIBLE_GAP, counting listings with unknown availability or offers as if they served (0 to 1).",
  })
  possibleCoverage!: number;

  @Field(() => Int, { description: "How many of the column's gaps are POSSIBLE_GAP cells (the others are GAP)." })
  possibleGapCount!: number;
}

@ObjectType({ description: "The inputs a report was computed with, defaults applied." })
export class ReportParameters {
  @Field(() => [String], { description: "As given; empty means every country." })
  jurisdictions!: string[];

  @Field(() => [String], { description: "As given; empty means the whole taxonomy." })
  capabilities!: string[];

  @Field(() => GapDepth, {
    nullable: true,
    description: "Gap reports: the depth of the rows; null for a duplication report.",
  })
  depth!: GapDepth | null;

  @Field(() => [Eligibility], { description: "As given; empty means not filtered on." })
  eligibleFor!: Eligibility[];

  @Field(() => [LicenseModel], { description: "As given; empty means not filtered on." })
  licenseModels!: LicenseModel[];

  @Field(() => [MediaType], { description: "As given; empty means not filtered on." })
  mediaTypes!: MediaType[];

  @Field(() => [String], { description: "ISO 639-1 codes as given; empty means not filtered on." })
  languages!: string[];

  @Field(() => [ListingKind], { description: "As given; empty means not filtered on." })
  kinds!: ListingKind[];

  @Field(() => [Deployment], { description: "As given; empty means not filtered on." })
  deployment!: Deployment[];

  @Field(() => [String], { description: "As given; empty means not filtered on." })
  standards!: string[];

  @Field(() => [String], { description: "Organisation slugs as given; empty means not filtered on." })
  organisations!: string[];

  @Field(() => [OrganisationType], { description: "As given; empty means not filtered on." })
  organisationTypes!: OrganisationType[];

  @Field(() => [ToolStatus], { description: "As given; empty means not filtered on." })
  status!: ToolStatus[];

  @Field(() => Int, { nullable: true, description: "Gap reports: the gap threshold; null for a duplication report." })
  minListings!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: "Duplication reports: the clustering threshold; null for a gap report.",
  })
  threshold!: number | null;

  @Field(() => Int, {
    nullable: true,
    description: "Duplication reports: the smallest cluster reported; null for a gap report.",
  })
  minClusterSize!: number | null;
}

@ObjectType({
  description:
    "Where listings exist and where they do not: the capability × jurisdiction matrix for a scope, with gaps and single points of failure.",
})
export class GapReport {
  @Field(() => String, { description: CATALOGUE_REVISION })
  catalogueRevision!: string;

  @Field(() => ReportParameters, { description: "The inputs the report was computed with, defaults applied." })
  input!: ReportParameters;

  @Field(() => [Capability], {
    description:
      "The rows, in taxonomy order: the nodes at the chosen depth within the scope; a node chosen below that depth, or with nothing at it, is its own row.",
  })
  rows!: Capability[];

  @Field(() => [Jurisdiction], {
    description: "The columns: the countries in scope (groups expanded), by code.",
  })
  columns!: Jurisdiction[];

  @Field(() => [GapCell], { description: "Every row × column cell, row by row." })
  cells!: GapCell[];

  @Field(() => [GapCell], { description: "The cells that are gaps, row by row." })
  gaps!: GapCell[];

  @Field(() => [GapCell], { description: "The cells that are single points of failure, row by row." })
  singlePointsOfFailure!: GapCell[];

  @Field(() => Float, { description: "Share of all cells that are not gaps (0 to 1; 0 for an empty matrix)." })
  coverage!: number;

  @Field(() => Float, {
    description:
      "Share of all cells that are COVERED or POSSIBLE_GAP: the coverage the catalogue might have once the unknowns are stated (0 to 1; 0 for an empty matrix). Always at least coverage.",
  })
  possibleCoverage!: number;

  @Field(() => [CapabilityCoverage], { description: "Coverage of each row, in row order." })
  rowCoverage!: CapabilityCoverage[];

  @Field(() => [JurisdictionCoverage], { description: "Coverage of each column, in column order." })
  columnCoverage!: JurisdictionCoverage[];

  @Field(() => [Capability], {
    description: "Capabilities in scope that no listing in scope has, in any jurisdiction.",
  })
  emptyCapabilities!: Capability[];
}

@ObjectType({ description: "How many listings, and from how many organisations, serve one capability." })
export class CapabilityCrowding {
  @Field(() => Capability, { description: "The capability." })
  capability!: Capability;

  @Field(() => Int, {
    description: "The same as `listingCount`, under its old name.",
    deprecationReason: "Use `listingCount`: the API says listing for every kind of entry.",
  })
  toolCount!: number;

  @Field(() => Int, { description: "Distinct known organisations behind those listings." })
  organisationCount!: number;
}

@ObjectType({ description: "Listings whose capability and media-type sets overlap at or above the threshold." })
export class OverlapCluster {
  @Field(() => [Tool], {
    description: "The same as `listings`, under its old name.",
    deprecationReason: "Use `listings`: the API says listing for every kind of entry.",
  })
  tools!: Tool[];

  @Field(() => [Capability], { description: "Capabilities every member has." })
  sharedCapabilities!: Capability[];

  @Field(() => [MediaType], { description: "Media types every member has." })
  sharedMediaTypes!: MediaType[];

  @Field(() => Float, {
    description: "The smallest Jaccard similarity between any two members (at least the threshold for linked pairs).",
  })
  similarity!: number;

  @Field(() => Int, {
    description:
      "Members whose media types or owning organisation are not stated: an unknown field that could change the picture (their similarity to the others, or whether they duplicate another organisation's effort or their own).",
  })
  incompleteListingCount!: number;
}

@ObjectType({ description: "Listings under different slugs that are probably the same thing." })
export class DuplicateGroup {
  @Field(() => [Tool], {
    description: "The same as `listings`, under its old name.",
    deprecationReason: "Use `listings`: the API says listing for every kind of entry.",
  })
  tools!: Tool[];

  @Field(() => DuplicateKind, {
    description: "NEAR when some members were grouped by a near match, EXACT when all matched exactly.",
  })
  kind!: DuplicateKind;

  @Field(() => [String], { description: "The normalised names that matched." })
  keys!: string[];
}

@ObjectType({
  description: "Where effort is duplicated: crowded capabilities, overlapping listings and likely duplicates.",
})
export class DuplicationReport {
  @Field(() => String, { description: CATALOGUE_REVISION })
  catalogueRevision!: string;

  @Field(() => ReportParameters, { description: "The inputs the report was computed with, defaults applied." })
  input!: ReportParameters;

  @Field(() => [CapabilityCrowding], { description: "Every capability in scope, most listings first." })
  crowding!: CapabilityCrowding[];

  @Field(() => [OverlapCluster], { description: "Largest first." })
  clusters!: OverlapCluster[];

  @Field(() => Int, { description: "Listings in some cluster (each is in one at most)." })
  clusteredListingCount!: number;

  @Field(() => Int, {
    description:
      "Of those, the listings whose media types or owning organisation are not stated: the clusters could look different once they are (the sum of the clusters' incompleteListingCount).",
  })
  incompleteClusteredListingCount!: number;

  @Field(() => [DuplicateGroup], {
    description: "Groups of listings in scope whose names or aliases match, largest group first.",
  })
  likelyDuplicates!: DuplicateGroup[];
}

@ObjectType({ description: "One organisation's listings that are due for verification." })
export class StaleListingGroup {
  @Field(() => Organisation, { nullable: true, description: "Null for listings whose owner is not known." })
  organisation!: Organisation | null;

  @Field(() => [Tool], {
    description: "The same as `listings`, under its old name.",
    deprecationReason: "Use `listings`: the API says listing for every kind of entry.",
  })
  tools!: Tool[];

  @Field(() => Date, {
    nullable: true,
    description: "The oldest verification in the group; null if any listing was never verified.",
  })
  oldestVerifiedAt!: Date | null;
}

@ObjectType({ description: "A page of groups of listings due for verification, one group per organisation." })
export class StaleListingGroupConnection extends ConnectionType("StaleListingGroup", StaleListingGroup) {}
