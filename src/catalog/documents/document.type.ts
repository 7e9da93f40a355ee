import { Node } from "../../node/node.type";
import { Field, Int, ObjectType } from "type-graphql";

@ObjectType({ description: "A published report or page that the catalogue cites.", implements: Node })
export class Document implements Node {
  id!: string;

  @Field(() => String, { description: "The document's unique key, as `SourceInput.document` takes it." })
  slug!: string;

  @Field(() => String, { description: "The document's title." })
  title!: string;

  @Field(() => String, { nullable: true, description: "Who published it; null when not known." })
  publisher!: string | null;

  @Field(() => Int, { nullable: true, description: "Year of publication (1990 to 2100); null when not known." })
  year!: number | null;

  @Field(() => String, { nullable: true, description: "Where it can be read online; null when not known." })
  url!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "What the document is, in the catalogue's words; null when not written.",
  })
  summary!: string | null;
}

@ObjectType({ description: "A citation: a document and where in it, or a URL for a fact from elsewhere." })
export class Source {
  @Field(() => Document, { nullable: true, description: "The document cited; null when the source is a URL." })
  document!: Document | null;

  @Field(() => String, {
    nullable: true,
    description: "The page cited, for a fact from outside the documents; null when a document is cited.",
  })
  url!: string | null;

  @Field(() => String, { description: "Section or page, and line of the text copy." })
  locator!: string;

  @Field(() => Boolean, { description: "True for a fact taken from outside the source documents and not yet checked." })
  unverified!: boolean;
}
