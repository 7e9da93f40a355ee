import { Node } from "../../node/node.type";
import { Field, Int, ObjectType } from "type-graphql";

@ObjectType({ description: "A published report or page that the catalogue cites.", implements: Node })
export class Document implements Node {
  id!: string;

  @Field(() => String)
  slug!: string;

  @Field(() => String)
  title!: string;

  @Field(() => String, { nullable: true })
  publisher!: string | null;

  @Field(() => Int, { nullable: true })
  year!: number | null;

  @Field(() => String, { nullable: true })
  url!: string | null;

  @Field(() => String, { nullable: true })
  summary!: string | null;
}

@ObjectType({ description: "A citation: a document and where in it, or a URL for a fact from elsewhere." })
export class Source {
  @Field(() => Document, { nullable: true })
  document!: Document | null;

  @Field(() => String, { nullable: true })
  url!: string | null;

  @Field(() => String, { description: "Section or page, and line of the text copy." })
  locator!: string;

  @Field(() => Boolean, { description: "True for a fact taken from outside the source documents and not yet checked." })
  unverified!: boolean;
}
