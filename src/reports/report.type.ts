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
  valuesConfig: {
    EXACT: { description: "A name or alias is the same after normalisation (case, accents, punctuation, spacing)." },
    NEAR: {
      description: "A name or alias is one edit away from another's (names of 6 characters or more, same digits).",
    },
  },
});

const CATALOGUE_REVISION =
  "The catalogue revision the report was computed on, as you see it: a digest of the listings you may see and the reference data, which changes when they do and only then. Equal revisions mean the same catalogue; they are not ordered.";

@ObjectType({ description: "One capability × jurisdiction cell of a gap report." })
export class GapCell {
  @Field(() => Capability)
  capability!: Capability;

  @Field(() => Jurisdiction)
  jurisdiction!: Jurisdiction;

  @Field(() => Int, { deprecationReason: "Use `listingCount`: the API says listing for every kind of entry." })
  toolCount!: number;

  @Field(() => Int, { description: "Distinct known organisations behind those listings." })
  organisationCount!: number;

  @Field(() => [String], { deprecationReason: "Use `listingSlugs`: the API says listing for every kind of entry." })
  toolSlugs!: string[];

  @Field(() => [Tool], { deprecationReason: "Use `listings`: the API says listing for every kind of entry." })
  tools!: Tool[];

  @Field(() => Boolean, { description: "Fewer listings than minListings." })
  gap!: boolean;

  @Field(() => Boolean, { description: "At least one listing, all from one and the same known organisation." })
  singlePointOfFailure!: boolean;
}

@ObjectType()
export class CapabilityCoverage {
  @Field(() => Capability)
  capability!: Capability;

  @Field(() => Float, { description: "Share of the columns where this row is not a gap (0 to 1)." })
  coverage!: number;

  @Field(() => Int)
  gapCount!: number;
}

@ObjectType()
export class JurisdictionCoverage {
  @Field(() => Jurisdiction)
  jurisdiction!: Jurisdiction;

  @Field(() => Float, { description: "Share of the rows where this column is not a gap (0 to 1)." })
  coverage!: number;

  @Field(() => Int)
  gapCount!: number;
}

@ObjectType({ description: "The inputs a report was computed with, defaults applied." })
export class ReportParameters {
  @Field(() => [String], { description: "As given; empty means every country." })
  jurisdictions!: string[];

  @Field(() => [String], { description: "As given; empty means the whole taxonomy." })
  capabilities!: string[];

  @Field(() => GapDepth, { nullable: true })
  depth!: GapDepth | null;

  @Field(() => [Eligibility])
  eligibleFor!: Eligibility[];

  @Field(() => [LicenseModel])
  licenseModels!: LicenseModel[];

  @Field(() => [MediaType])
  mediaTypes!: MediaType[];

  @Field(() => [String])
  languages!: string[];

  @Field(() => [ListingKind])
  kinds!: ListingKind[];

  @Field(() => [Deployment])
  deployment!: Deployment[];

  @Field(() => [String])
  standards!: string[];

  @Field(() => [String], { description: "Organisation slugs." })
  organisations!: string[];

  @Field(() => [OrganisationType])
  organisationTypes!: OrganisationType[];

  @Field(() => [ToolStatus])
  status!: ToolStatus[];

  @Field(() => Int, { nullable: true, description: "Gap reports: a cell with fewer listings than this is a gap." })
  minListings!: number | null;

  @Field(() => Float, { nullable: true })
  threshold!: number | null;

  @Field(() => Int, { nullable: true })
  minClusterSize!: number | null;
}

@ObjectType({
  description:
    "Where listings exist and where they do not: the capability × jurisdiction matrix for a scope, with gaps and single points of failure.",
})
export class GapReport {
  @Field(() => String, { description: CATALOGUE_REVISION })
  catalogueRevision!: string;

  @Field(() => ReportParameters)
  input!: ReportParameters;

  @Field(() => [Capability])
  rows!: Capability[];

  @Field(() => [Jurisdiction])
  columns!: Jurisdiction[];

  @Field(() => [GapCell], { description: "Every row × column cell, row by row." })
  cells!: GapCell[];

  @Field(() => [GapCell])
  gaps!: GapCell[];

  @Field(() => [GapCell])
  singlePointsOfFailure!: GapCell[];

  @Field(() => Float, { description: "Share of all cells that are not gaps (0 to 1; 0 for an empty matrix)." })
  coverage!: number;

  @Field(() => [CapabilityCoverage])
  rowCoverage!: CapabilityCoverage[];

  @Field(() => [JurisdictionCoverage])
  columnCoverage!: JurisdictionCoverage[];

  @Field(() => [Capability], {
    description: "Capabilities in scope that no listing in scope has, in any jurisdiction.",
  })
  emptyCapabilities!: Capability[];
}

@ObjectType()
export class CapabilityCrowding {
  @Field(() => Capability)
  capability!: Capability;

  @Field(() => Int, { deprecationReason: "Use `listingCount`: the API says listing for every kind of entry." })
  toolCount!: number;

  @Field(() => Int)
  organisationCount!: number;
}

@ObjectType({ description: "Listings whose capability and media-type sets overlap at or above the threshold." })
export class OverlapCluster {
  @Field(() => [Tool], { deprecationReason: "Use `listings`: the API says listing for every kind of entry." })
  tools!: Tool[];

  @Field(() => [Capability], { description: "Capabilities every member has." })
  sharedCapabilities!: Capability[];

  @Field(() => [MediaType], { description: "Media types every member has." })
  sharedMediaTypes!: MediaType[];

  @Field(() => Float, {
    description: "The smallest Jaccard similarity between any two members (at least the threshold for linked pairs).",
  })
  similarity!: number;
}

@ObjectType({ description: "Listings under different slugs that are probably the same thing." })
export class DuplicateGroup {
  @Field(() => [Tool], { deprecationReason: "Use `listings`: the API says listing for every kind of entry." })
  tools!: Tool[];

  @Field(() => DuplicateKind)
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

  @Field(() => ReportParameters)
  input!: ReportParameters;

  @Field(() => [CapabilityCrowding], { description: "Every capability in scope, most listings first." })
  crowding!: CapabilityCrowding[];

  @Field(() => [OverlapCluster], { description: "Largest first." })
  clusters!: OverlapCluster[];

  @Field(() => [DuplicateGroup])
  likelyDuplicates!: DuplicateGroup[];
}

@ObjectType({ description: "One organisation's listings that are due for verification." })
export class StaleListingGroup {
  @Field(() => Organisation, { nullable: true, description: "Null for listings whose owner is not known." })
  organisation!: Organisation | null;

  @Field(() => [Tool], { deprecationReason: "Use `listings`: the API says listing for every kind of entry." })
  tools!: Tool[];

  @Field(() => Date, {
    nullable: true,
    description: "The oldest verification in the group; null if any listing was never verified.",
  })
  oldestVerifiedAt!: Date | null;
}

@ObjectType()
export class StaleListingGroupConnection extends ConnectionType("StaleListingGroup", StaleListingGroup) {}
