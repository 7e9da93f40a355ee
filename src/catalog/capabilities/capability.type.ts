import { Node } from "../../node/node.type";
import { Field, Int, ObjectType } from "type-graphql";
import { Source } from "../documents/document.type";

@ObjectType({ description: "Another word or phrase the source documents use for a capability." })
export class CapabilitySynonym {
  @Field(() => String, { description: "The word or phrase, as the sources write it." })
  term!: string;

  @Field(() => [Source], { description: "Where the sources use the term for this capability." })
  sources!: Source[];
}

@ObjectType({ description: "A node of the capability taxonomy: function → capability → technique.", implements: Node })
export class Capability implements Node {
  id!: string;

  @Field(() => String, {
    description: "Stable key, unique across the tree, for `capability(slug:)` and `ListingFilter.capabilities`.",
  })
  slug!: string;

  @Field(() => String, { description: "The capability's name." })
  name!: string;

  @Field(() => String, { nullable: true, description: "What the capability covers; null when not written." })
  description!: string | null;

  @Field(() => String, { description: "Materialised path of slugs from the root, e.g. `/detection/hash-matching/`." })
  path!: string;

  @Field(() => Int, { description: "0 for a function, 1 for a capability, 2 for a technique." })
  depth!: number;

  @Field(() => Capability, { nullable: true, description: "The node above; null for a function (a root)." })
  parent!: Capability | null;

  @Field(() => [Capability], { description: "The nodes directly below, in taxonomy order; retired ones left out." })
  children!: Capability[];

  @Field(() => [CapabilitySynonym], {
    description: "Other words the sources use for this capability; search matches them as it matches the name.",
  })
  synonyms!: CapabilitySynonym[];

  @Field(() => Int, { description: "Listings you may see with this capability or one below it." })
  listingCount!: number;
}
