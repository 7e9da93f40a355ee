import { Field, Int, ObjectType } from "type-graphql";

@ObjectType({ description: "A node of the capability taxonomy: function → capability → technique." })
export class Capability {
  @Field(() => String)
  slug!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => String, { description: "Materialised path of slugs from the root, e.g. `/detection/hash-matching/`." })
  path!: string;

  @Field(() => Int, { description: "0 for a function, 1 for a capability, 2 for a technique." })
  depth!: number;

  @Field(() => Capability, { nullable: true })
  parent!: Capability | null;

  @Field(() => [Capability])
  children!: Capability[];

  @Field(() => Int, { description: "Listings you may see with this capability or one below it." })
  toolCount!: number;
}
