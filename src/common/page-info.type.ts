import { Field, ObjectType } from "type-graphql";

@ObjectType("PageInfo", { description: "Where a page sits in the whole result." })
export class PageInfoType {
  @Field(() => Boolean, { description: "Whether more items follow this page." })
  hasNextPage!: boolean;

  @Field(() => Boolean, { description: "Whether items come before this page, i.e. it is not the first." })
  hasPreviousPage!: boolean;

  @Field(() => String, {
    nullable: true,
    description: "Pass as `after` to get the next page; null when the page is empty.",
  })
  endCursor!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "The cursor of the page's first item; null when the page is empty.",
  })
  startCursor!: string | null;
}
