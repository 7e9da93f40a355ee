import { Field, ObjectType } from "type-graphql";

@ObjectType("PageInfo", { description: "Where a page sits in the whole result." })
export class PageInfoType {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => Boolean)
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: "Pass as `after` to get the next page." })
  endCursor!: string | null;

  @Field(() => String, { nullable: true })
  startCursor!: string | null;
}
