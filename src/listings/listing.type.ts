import { Node } from "../node/node.type";
import { GraphQLJSONObject } from "graphql-scalars";
import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { UserError } from "../accounts/account.type";
import { Tool } from "../catalog/tools/tool.type";
import { RevisionState } from "./revision.model";

registerEnumType(RevisionState, {
  name: "RevisionState",
  valuesConfig: {
    DRAFT: { description: "Being edited; not yet submitted." },
    PENDING: { description: "Submitted, waiting for a reviewer." },
    APPROVED: { description: "Published (now or earlier)." },
    REJECTED: { description: "Sent back by a reviewer, with a reason." },
    SUPERSEDED: { description: "Replaced by a newer edit before it was published." },
  },
});

@ObjectType()
export class ListingPayload {
  @Field(() => Tool, { nullable: true })
  listing!: Tool | null;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

@ObjectType({ description: "One revision of a listing, for its editors and reviewers.", implements: Node })
export class ListingRevision implements Node {
  id!: string;

  @Field(() => String)
  slug!: string;

  @Field(() => Int)
  revision!: number;

  @Field(() => RevisionState)
  state!: RevisionState;

  @Field(() => GraphQLJSONObject, { description: "The listing's fields as edited, other records by slug." })
  content!: Record<string, unknown>;

  @Field(() => String)
  createdBy!: string;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => String, { nullable: true })
  decidedBy!: string | null;

  @Field(() => Date, { nullable: true })
  decidedAt!: Date | null;

  @Field(() => String, { nullable: true, description: "Why a reviewer rejected it." })
  reason!: string | null;
}

@ObjectType()
export class FieldChange {
  @Field(() => String)
  field!: string;

  @Field(() => String, { description: "JSON." })
  before!: string;

  @Field(() => String, { description: "JSON." })
  after!: string;
}
