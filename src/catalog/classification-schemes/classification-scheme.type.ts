import { Node } from "../../node/node.type";
import { Field, Int, ObjectType } from "type-graphql";
import { Source } from "../documents/document.type";
import { Jurisdiction } from "../jurisdictions/jurisdiction.type";

@ObjectType({ description: "One level (category) of a classification scheme." })
export class SchemeLevel {
  @Field(() => Int, { description: "The level's position in the scheme's own order (0 to 100)." })
  rank!: number;

  @Field(() => String, {
    description:
      "The short form the scheme uses (`A`, `4`), unique within the scheme; `translateCategory(level:)` takes it.",
  })
  code!: string;

  @Field(() => String, { description: "The level's name, as the scheme writes it." })
  name!: string;

  @Field(() => String, {
    nullable: true,
    description: "What material the level covers, in the catalogue's words; null when not written.",
  })
  description!: string | null;

  @Field(() => [Source], { description: "Where the level and its definition are stated; at least one document." })
  sources!: Source[];
}

@ObjectType({ description: "A severity or categorisation scheme for abuse material.", implements: Node })
export class ClassificationScheme implements Node {
  id!: string;

  @Field(() => String, { description: "The scheme's unique key." })
  slug!: string;

  @Field(() => String, { description: "The scheme's name." })
  name!: string;

  @Field(() => [String], { description: "Other names the scheme is known by." })
  aliases!: string[];

  @Field(() => String, {
    nullable: true,
    description: "What the scheme is, in the catalogue's words; null when not written.",
  })
  summary!: string | null;

  @Field(() => [SchemeLevel], {
    description: "The levels in the scheme's own order (by rank); empty where no source read spells them out.",
  })
  levels!: SchemeLevel[];

  @Field(() => [Jurisdiction], { description: "Where the sources say it is used." })
  jurisdictions!: Jurisdiction[];

  @Field(() => [Source], { description: "Citations for what the catalogue says about the scheme." })
  sources!: Source[];
}
