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
  @Field(() => LicenseModel)
  model!: LicenseModel;

  @Field(() => [Eligibility])
  eligibility!: Eligibility[];

  @Field(() => String, { nullable: true, description: "SPDX licence expression, for open-source offers." })
  spdxLicense!: string | null;

  @Field(() => Boolean, { nullable: true, description: "Whether the obtainer must be vetted; null when not stated." })
  requiresVetting!: boolean | null;

  @Field(() => String, { nullable: true })
  notes!: string | null;
}

@ObjectType({ description: "Whether a listing is available or in use in one jurisdiction." })
export class Availability {
  @Field(() => Jurisdiction)
  jurisdiction!: Jurisdiction;

  @Field(() => AvailabilityStatus)
  status!: AvailabilityStatus;

  @Field(() => String, { nullable: true })
  notes!: string | null;
}

@ObjectType("Listing", {
  description: "A listing: a tool, database, platform, service, standard, lab, crowdsourcing effort or programme.",
  implements: Node,
})
export class Tool implements Node {
  id!: string;

  @Field(() => String)
  slug!: string;

  @Field(() => String)
  name!: string;

  @Field(() => ListingKind)
  kind!: ListingKind;

  @Field(() => [String])
  aliases!: string[];

  @Field(() => String)
  summary!: string;

  @Field(() => ToolStatus, { nullable: true, description: "Null when the sources do not say." })
  status!: ToolStatus | null;

  @Field(() => Int, { nullable: true, description: "Year introduced, when the sources say." })
  year!: number | null;

  @Field(() => Organisation, { nullable: true, description: "The owner; null when the sources do not name one." })
  organisation!: Organisation | null;

  @Field(() => [Capability])
  capabilities!: Capability[];

  @Field(() => [MediaType])
  mediaTypes!: MediaType[];

  @Field(() => [Deployment])
  deployment!: Deployment[];

  @Field(() => [String], { description: "ISO 639-1 codes." })
  languages!: string[];

  @Field(() => [String], { description: "Interoperability standards and hash formats it reads or writes." })
  standards!: string[];

  @Field(() => [ClassificationScheme])
  classificationSchemes!: ClassificationScheme[];

  @Field(() => [Offer], { description: "Empty when the sources state no terms." })
  offers!: Offer[];

  @Field(() => [Availability])
  availability!: Availability[];

  @Field(() => [Source])
  sources!: Source[];

  @Field(() => Visibility)
  visibility!: Visibility;

  @Field(() => Date, { nullable: true })
  lastVerifiedAt!: Date | null;

  @Field(() => Int)
  revision!: number;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date)
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

  @Field(() => [FacetValue])
  mediaTypes!: FacetValue[];

  @Field(() => [FacetValue])
  licenseModels!: FacetValue[];

  @Field(() => [FacetValue])
  eligibility!: FacetValue[];

  @Field(() => [FacetValue])
  deployment!: FacetValue[];

  @Field(() => [FacetValue])
  kinds!: FacetValue[];

  @Field(() => [FacetValue])
  organisationTypes!: FacetValue[];

  @Field(() => [FacetValue], { description: "Countries where listings are available or in use." })
  jurisdictions!: FacetValue[];
}

@ObjectType("ListingConnection")
export class ToolConnection extends ConnectionType("Listing", Tool, SearchEdgeFields) {
  @Field(() => ToolFacets)
  facets!: ToolFacets;

  @Field(() => String, {
    nullable: true,
    description:
      "When the search text matched nothing: a corrected search text that matches listings you may see (filters aside), or null if none is near.",
  })
  didYouMean!: string | null;
}
