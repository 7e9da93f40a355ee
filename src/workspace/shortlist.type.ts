import { Field, Int, ObjectType } from "type-graphql";
import { UserError } from "../accounts/account.type";
import { ListingKind } from "../catalog/enums";
import { ComparisonRow } from "../catalog/tools/compare.type";
import { Tool } from "../catalog/tools/tool.type";
import { Node } from "../node/node.type";

@ObjectType({
  description:
    "A listing as a locked shortlist keeps it: its published revision and fields when the shortlist was locked. Later edits, archiving or a change of its visibility do not change it.",
})
export class LockedListing {
  @Field(() => Int, { description: "The published revision it was at." })
  revision!: number;

  @Field(() => String, { description: "Its slug then." })
  slug!: string;

  @Field(() => String, { description: "Its name then." })
  name!: string;

  @Field(() => ListingKind, { description: "Its kind then." })
  kind!: ListingKind;

  @Field(() => String, { description: "Its summary then." })
  summary!: string;

  @Field(() => [ComparisonRow], {
    description:
      "Its fields then, as compareListings sets them out (one cell each), except that availability is one row whose values are `CODE=STATUS` (e.g. `CA=AVAILABLE`).",
  })
  rows!: ComparisonRow[];
}

@ObjectType({ description: "A locked listing beside the same listing now, field by field." })
export class LockedComparison {
  @Field(() => [ComparisonRow], {
    description:
      "Every field, with two cells: as locked, then now; `same` marks the fields that did not change. Availability is one row, as in LockedListing.rows.",
  })
  rows!: ComparisonRow[];

  @Field(() => Int, { description: "How many rows changed since the shortlist was locked." })
  differenceCount!: number;
}

@ObjectType({ description: "One listing on a shortlist, with its owner's note." })
export class ShortlistItem {
  @Field(() => Tool, {
    nullable: true,
    description:
      "The listing as it is now, if you may see it now; null otherwise. On a locked shortlist, `locked` holds what was shortlisted.",
  })
  listing!: Tool | null;

  @Field(() => Boolean, {
    description:
      "Whether you may see what the item holds: the listing now, or on a locked shortlist the listing as locked (with the visibility it had then). When false, the item stays and says nothing more of it.",
  })
  available!: boolean;

  @Field(() => LockedListing, {
    nullable: true,
    description: "On a locked shortlist, the listing as it was when locked; null when not locked or not available.",
  })
  locked!: LockedListing | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      "On a locked shortlist, whether the listing has changed since it was locked: a new revision, a field that differs (last verified included), or no longer one you may see now. Null when not locked or not available.",
  })
  changedSinceLocked!: boolean | null;

  @Field(() => LockedComparison, {
    nullable: true,
    description:
      "On a locked shortlist, the listing as locked beside the listing now; null when not locked, not available, or when you may no longer see the listing now.",
  })
  sinceLocked!: LockedComparison | null;

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

  @Field(() => Boolean, {
    description:
      "Whether it is locked: its listings kept as they were at lockedAt, and no listing added, removed or moved until its owner unlocks it.",
  })
  locked!: boolean;

  @Field(() => Date, { nullable: true, description: "When it was locked; null while it is not." })
  lockedAt!: Date | null;

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
