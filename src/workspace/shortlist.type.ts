import { Field, ObjectType } from "type-graphql";
import { UserError } from "../accounts/account.type";
import { Tool } from "../catalog/tools/tool.type";
import { Node } from "../node/node.type";

@ObjectType({ description: "One listing on a shortlist, with its owner's note." })
export class ShortlistItem {
  @Field(() => Tool, {
    nullable: true,
    description: "The listing, as you may see it now; null when you may no longer see it (see available).",
  })
  listing!: Tool | null;

  @Field(() => Boolean, {
    description: "False when the listing is no longer one you may see: the item stays, and says nothing more of it.",
  })
  available!: boolean;

  @Field(() => String, { nullable: true, description: "The owner's note on it; null for none." })
  note!: string | null;

  @Field(() => Date, { description: "When it was added." })
  addedAt!: Date;
}

@ObjectType({
  description:
    "Listings a user keeps together, in their order, each with a note; read-only for those it is shared with.",
  implements: Node,
})
export class Shortlist implements Node {
  id!: string;

  @Field(() => String, { description: "The name its owner gave it." })
  name!: string;

  @Field(() => Boolean, { description: "Whether it is yours (you may change it) or shared with you (read-only)." })
  ownedByYou!: boolean;

  @Field(() => [ShortlistItem], { description: "Its listings, in the owner's order." })
  items!: ShortlistItem[];

  @Field(() => [String], {
    description: "The e-mail addresses it is shared with, for its owner; empty for those it is shared with.",
  })
  sharedWith!: string[];

  @Field(() => Date, { description: "When it was created." })
  createdAt!: Date;

  @Field(() => Date, { description: "When it last changed." })
  updatedAt!: Date;
}

@ObjectType({ description: "The outcome of a change to a shortlist." })
export class ShortlistPayload {
  @Field(() => Shortlist, {
    nullable: true,
    description: "The shortlist as the change left it (as it was, for a deletion); null when refused.",
  })
  shortlist!: Shortlist | null;

  @Field(() => [UserError], { description: "Why the change was refused; empty when it was made." })
  userErrors!: UserError[];
}
