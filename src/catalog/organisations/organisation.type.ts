import { Node } from "../../node/node.type";
import { Field, Int, ObjectType } from "type-graphql";
import { ConnectionType } from "../../common/connection.type";
import { Source } from "../documents/document.type";
import { OrganisationType } from "../enums";
import { Jurisdiction } from "../jurisdictions/jurisdiction.type";

@ObjectType({
  description:
    "A vendor, NGO, hotline, law-enforcement unit, government, intergovernmental body or academic institution.",
  implements: Node,
})
export class Organisation implements Node {
  id!: string;

  @Field(() => String, {
    description: "The organisation's unique key, for `organisation(slug:)` and `ListingFilter.organisations`.",
  })
  slug!: string;

  @Field(() => String, { description: "The organisation's name." })
  name!: string;

  @Field(() => [String], { description: "Other names the organisation is known by, such as acronyms." })
  aliases!: string[];

  @Field(() => OrganisationType, { description: "What sort of body it is." })
  type!: OrganisationType;

  @Field(() => Jurisdiction, { nullable: true, description: "Headquarters country, when the sources say." })
  country!: Jurisdiction | null;

  @Field(() => String, { nullable: true, description: "Its website's URL; null when not known." })
  website!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "What it is and does, in the catalogue's words; null when not written.",
  })
  summary!: string | null;

  @Field(() => String, { nullable: true, description: "Contact details; null unless you are signed in." })
  contact!: string | null;

  @Field(() => [Source], { description: "Citations for what the catalogue says about it." })
  sources!: Source[];

  @Field(() => Boolean, { description: "Whether the working group has verified this organisation's details." })
  verified!: boolean;

  @Field(() => Int, { description: "Listings you may see that this organisation owns." })
  listingCount!: number;
}

@ObjectType({ description: "A page of organisations, by name." })
export class OrganisationConnection extends ConnectionType("Organisation", Organisation) {}
