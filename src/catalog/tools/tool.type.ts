import { Node } from "../../node/node.type";
import { Field, Int, ObjectType } from "type-graphql";
import { ConnectionType } from "../../common/connection.type";
import { Capability } from "../capabilities/capability.type";
import { ClassificationScheme } from "../classification-schemes/classification-scheme.type";
import { Source } from "../documents/document.type";
import {
  AvailabilityStatus,
  Deployment,
  Eligibility,
  LicenseModel,
  ListingKind,
  MediaType,
  ToolStatus,
  Visibility,
} from "../enums";
import { Jurisdiction } from "../jurisdictions/jurisdiction.type";
import { Organisation } from "../organisations/organisation.type";
import { SearchEdgeFields } from "../../search/search.type";

@ObjectType({ description: "Terms on which a listing can be obtained, and by whom." })
export class Offer {
  @Field(() => LicenseModel, { description: "On what terms the listing is offered." })
  model!: LicenseModel;

  @Field(() => [Eligibility], {
    description: "Who the offer is open to (PUBLIC: everyone); empty when the sources do not say.",
  })
  eligibility!: Eligibility[];

  @Field(() => String, { nullable: true, description: "SPDX licence expression, for open-source offers." })
  spdxLicense!: string | null;

  @Field(() => Boolean, { nullable: true, description: "Whether the obtainer must be vetted; null when not stated." })
  requiresVetting!: boolean | null;

  @Field(() => String, { nullable: true, description: "More on the terms, in the catalogue's words; null when none." })
  notes!: string | null;
}

@ObjectType({ description: "Whether a listing is available or in use in one jurisdiction." })
export class Availability {
  @Field(() => Jurisdiction, { description: "The country." })
  jurisdiction!: Jurisdiction;

  @Field(() => AvailabilityStatus, { description: "The listing's standing there." })
  status!: AvailabilityStatus;

  @Field(() => String, { nullable: true, description: "More on its standing there; null when none." })
  notes!: string | null;
}

@ObjectType("Listing", {
  description: "A listing: a tool, database, platform, service, standard, lab, crowdsourcing effort or programme.",
  implements: Node,
})
export class Tool implements Node {
  id!: string;

  @Field(() => String, {
    description:
      "The listing's unique key, for `listing(slug:)`. A listing made by a vendor has `--` and its organisation's slug at the end.",
  })
  slug!: string;

  @Field(() => String, { description: "The listing's name." })
  name!: string;

  @Field(() => ListingKind, { description: "What sort of thing the listing is." })
  kind!: ListingKind;

  @Field(() => [String], { description: "Other names the listing is known by." })
  aliases!: string[];

  @Field(() => String, { description: "What it is and does, in the catalogue's own words (at most 2000 characters)." })
  summary!: string;

  @Field(() => ToolStatus, { nullable: true, description: "Null when the sources do not say." })
  status!: ToolStatus | null;

  @Field(() => Int, { nullable: true, description: "Year introduced, when the sources say." })
  year!: number | null;

  @Field(() => Organisation, { nullable: true, description: "The owner; null when the sources do not name one." })
  organisation!: Organisation | null;

  @Field(() => [Capability], {
    description: "What it does, as nodes of the capability taxonomy; retired capabilities are left out.",
  })
  capabilities!: Capability[];

  @Field(() => [MediaType], { description: "The kinds of material it works on." })
  mediaTypes!: MediaType[];

  @Field(() => [Deployment], { description: "How it is deployed or delivered." })
  deployment!: Deployment[];

  @Field(() => [String], { description: "Languages it supports, as ISO 639-1 codes." })
  languages!: string[];

  @Field(() => [String], { description: "Interoperability standards and hash formats it reads or writes." })
  standards!: string[];

  @Field(() => [ClassificationScheme], { description: "Severity or categorisation schemes it supports." })
  classificationSchemes!: ClassificationScheme[];

  @Field(() => [Offer], { description: "Empty when the sources state no terms." })
  offers!: Offer[];

  @Field(() => [Availability], {
    description: "Its standing country by country; nothing is stated for countries not in the list.",
  })
  availability!: Availability[];

  @Field(() => Boolean, {
    description:
      "Whether a source states it available in every country: it then serves every country but those `availability` states it unavailable or restricted in.",
  })
  availableWorldwide!: boolean;

  @Field(() => [Source], { description: "Citations for what the listing says." })
  sources!: Source[];

  @Field(() => Visibility, { description: "Who may see the listing." })
  visibility!: Visibility;

  @Field(() => Date, {
    nullable: true,
    description: "When the listing was last confirmed current (see confirmListingCurrent); null if never.",
  })
  lastVerifiedAt!: Date | null;

  @Field(() => Int, { description: "The published revision: 0 for a listing never published." })
  revision!: number;

  @Field(() => Date, { description: "When the listing was created." })
  createdAt!: Date;

  @Field(() => Date, {
    description: "When the listing's record last changed, unpublished edits and confirmations included.",
  })
  updatedAt!: Date;
}

@ObjectType({ description: "One value of a facet and how many results it would give." })
export class FacetValue {
  @Field(() => String, { description: "The value exactly as the matching ListingFilter field takes it." })
  value!: string;

  @Field(() => String, { description: "A human label for the value." })
  label!: string;

  @Field(() => Int, { description: "Results choosing this value would give; 0 for a value that would give none." })
  count!: number;
}

@ObjectType({ description: "One capability of the capability facet: a node of the taxonomy tree." })
export class CapabilityFacetValue extends FacetValue {
  @Field(() => String, { nullable: true, description: "The parent capability's slug; null at the top." })
  parent!: string | null;

  @Field(() => Int, { description: "Depth in the taxonomy: 0 at the top." })
  depth!: number;
}

@ObjectType("ListingFacets", {
  description:
    "Counts per facet value. Each facet is counted under every current filter except its own, so the counts show what choosing another value would give.",
})
export class ToolFacets {
  @Field(() => [CapabilityFacetValue], {
    description:
      "Every capability, in taxonomy order, as a tree: a listing counts once under each node at or above its capabilities.",
  })
  capabilities!: CapabilityFacetValue[];

  @Field(() => [FacetValue], { description: "Every MediaType, for `mediaTypes`; most results first, then by label." })
  mediaTypes!: FacetValue[];

  @Field(() => [FacetValue], {
    description:
      "Every LicenseModel, for `licenseModels`; most results first, then by label. Listings with no stated terms count as UNKNOWN.",
  })
  licenseModels!: FacetValue[];

  @Field(() => [FacetValue], {
    description: "Every Eligibility, for `eligibleFor`; most results first, then by label.",
  })
  eligibility!: FacetValue[];

  @Field(() => [FacetValue], { description: "Every Deployment, for `deployment`; most results first, then by label." })
  deployment!: FacetValue[];

  @Field(() => [FacetValue], { description: "Every ListingKind, for `kinds`; most results first, then by label." })
  kinds!: FacetValue[];

  @Field(() => [FacetValue], {
    description: "Every OrganisationType, for `organisationTypes`; most results first, then by label.",
  })
  organisationTypes!: FacetValue[];

  @Field(() => [FacetValue], {
    description:
      "Every country, for `jurisdictions`, counting listings available or in use there; most results first, then by label.",
  })
  jurisdictions!: FacetValue[];
}

@ObjectType("ListingConnection", {
  description: "A page of listings that match a search and filter, with facet counts over every match.",
})
export class ToolConnection extends ConnectionType("Listing", Tool, SearchEdgeFields) {
  @Field(() => ToolFacets, { description: "How many matches each value of each filter field would give." })
  facets!: ToolFacets;

  @Field(() => String, {
    nullable: true,
    description:
      "When the search text matched nothing: a corrected search text that matches listings you may see (filters aside), or null if none is near.",
  })
  didYouMean!: string | null;
}
