import { Node } from "../../node/node.type";
import { Field, ObjectType } from "type-graphql";
import { JurisdictionKind } from "../enums";

@ObjectType({
  description: "A country (ISO 3166-1 alpha-2, plus XK for Kosovo) or a group of countries.",
  implements: Node,
})
export class Jurisdiction implements Node {
  id!: string;

  @Field(() => String, {
    description:
      "ISO 3166-1 alpha-2 code for a country (XK for Kosovo); an upper-case code such as FIVE_EYES for a group.",
  })
  code!: string;

  @Field(() => String, { description: "The name, in English." })
  name!: string;

  @Field(() => JurisdictionKind, { description: "Country or group." })
  kind!: JurisdictionKind;

  @Field(() => [Jurisdiction], { description: "For a group, its member countries; empty for a country." })
  members!: Jurisdiction[];

  @Field(() => [Jurisdiction], { description: "For a country, the groups it belongs to; empty for a group." })
  groups!: Jurisdiction[];
}
