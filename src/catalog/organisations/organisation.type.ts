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

  @Field(() => String)
  slug!: string;

  @Field(() => String)
  name!: string;

  @Field(() => [String])
  aliases!: string[];

  @Field(() => OrganisationType)
  type!: OrganisationType;

  @Field(() => Jurisdiction, { nullable: true, description: "Headquarters country, when the sources say." })
  country!: Jurisdiction | null;

  @Field(() => String, { nullable: true })
  website!: string | null;

  @Field(() => String, { nullable: true })
  summary!: string | null;

  @Field(() => String, { nullable: true, description: "Contact details; null unless you are signed in." })
  contact!: string | null;

  @Field(() => [Source])
  sources!: Source[];

  @Field(() => Boolean, { description: "Whether the working group has verified this organisation's details." })
  verified!: boolean;

  @Field(() => Int, { description: "Listings you may see that this organisation owns." })
  listingCount!: number;
}

@ObjectType()
export class OrganisationConnection extends ConnectionType("Organisation", Organisation) {}
