import { Node } from "../node/node.type";
import { GraphQLJSONObject } from "graphql-scalars";
import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { UserError } from "../accounts/account.type";
import { Tool } from "../catalog/tools/tool.type";
import { RevisionState } from "./revision.model";

registerEnumType(RevisionState, {
  name: "RevisionState",
  description: "Where a revision of a listing stands in the review workflow.",
  valuesConfig: {
    DRAFT: { description: "Being edited; not yet submitted." },
    PENDING: { description: "Submitted, waiting for a reviewer." },
    APPROVED: { description: "Published (now or earlier)." },
    REJECTED: { description: "Sent back by a reviewer, with a reason." },
    SUPERSEDED: { description: "Replaced by a newer edit before it was published." },
  },
});

@ObjectType({ description: "The outcome of a change to a listing." })
export class ListingPayload {
  @Field(() => Tool, {
    nullable: true,
    description: "The listing as the change left it, in any state; null when refused.",
  })
  listing!: Tool | null;

  @Field(() => [UserError], {
    description:
      "Why the change was refused; empty when it was made. A listing you may not act on is reported as NOT_FOUND.",
  })
  userErrors!: UserError[];
}

@ObjectType({ description: "One revision of a listing, for its editors and reviewers.", implements: Node })
export class ListingRevision implements Node {
  id!: string;

  @Field(() => String, { description: "The listing's slug." })
  slug!: string;

  @Field(() => Int, { description: "The revision's number, counting from 1 for each listing." })
  revision!: number;

  @Field(() => RevisionState, { description: "Where the revision stands." })
  state!: RevisionState;

  @Field(() => GraphQLJSONObject, { description: "The listing's fields as edited, other records by slug." })
  content!: Record<string, unknown>;

  @Field(() => String, { description: "The id of the user who made it, or `system` for the command-line tool." })
  createdBy!: string;

  @Field(() => Date, { description: "When it was made." })
  createdAt!: Date;

  @Field(() => String, {
    nullable: true,
    description: "The id of the user who approved or rejected it, or `system`; null until then.",
  })
  decidedBy!: string | null;

  @Field(() => Date, { nullable: true, description: "When it was approved or rejected; null until then." })
  decidedAt!: Date | null;

  @Field(() => String, {
    nullable: true,
    description: "Why a reviewer rejected it, or which revision it restores; null otherwise.",
  })
  reason!: string | null;
}

@ObjectType({ description: "One field whose value differs between two revisions of a listing." })
export class FieldChange {
  @Field(() => String, { description: "The field's name, as ListingInput names it (or `slug`)." })
  field!: string;

  @Field(() => String, { description: "The value in revision `a`, as JSON." })
  before!: string;

  @Field(() => String, { description: "The value in revision `b`, as JSON." })
  after!: string;
}
