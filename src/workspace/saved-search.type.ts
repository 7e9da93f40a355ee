import { GraphQLJSONObject } from "graphql-scalars";
import { Field, ObjectType } from "type-graphql";
import { UserError } from "../accounts/account.type";
import { Node } from "../node/node.type";
import { ToolOrder } from "../catalog/tools/tool.service";

@ObjectType({
  description:
    "A search its owner keeps under a name and runs again; it remembers what it matched when they last looked. Private to its owner.",
  implements: Node,
})
export class SavedSearch implements Node {
  id!: string;

  @Field(() => String, { description: "The name its owner gave it." })
  name!: string;

  @Field(() => String, { nullable: true, description: "The search text; null for none." })
  search!: string | null;

  @Field(() => GraphQLJSONObject, {
    nullable: true,
    description: "The filter as given, in the shape of ListingFilter; null for none.",
  })
  filter!: Record<string, unknown> | null;

  @Field(() => ToolOrder, { nullable: true, description: "The order asked for; null for the default." })
  orderBy!: ToolOrder | null;

  @Field(() => Date, { description: "When its owner last marked it seen (at first, when it was saved)." })
  lastSeenAt!: Date;

  @Field(() => Date, { description: "When it was saved." })
  createdAt!: Date;
}

@ObjectType({ description: "The outcome of a change to a saved search." })
export class SavedSearchPayload {
  @Field(() => SavedSearch, {
    nullable: true,
    description: "The saved search as the change left it (as it was, for a deletion); null when refused.",
  })
  savedSearch!: SavedSearch | null;

  @Field(() => [UserError], { description: "Why the change was refused; empty when it was made." })
  userErrors!: UserError[];
}
