import { Node } from "../../node/node.type";
import { Field, Int, ObjectType } from "type-graphql";
import { Source } from "../documents/document.type";
import { Jurisdiction } from "../jurisdictions/jurisdiction.type";

@ObjectType()
export class SchemeLevel {
  @Field(() => Int)
  rank!: number;

  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;
}

@ObjectType({ description: "A severity or categorisation scheme for abuse material.", implements: Node })
export class ClassificationScheme implements Node {
  id!: string;

  @Field(() => String)
  slug!: string;

  @Field(() => String)
  name!: string;

  @Field(() => [String])
  aliases!: string[];

  @Field(() => String, { nullable: true })
  summary!: string | null;

  @Field(() => [SchemeLevel], { description: "Empty where the sources do not spell the levels out." })
  levels!: SchemeLevel[];

  @Field(() => [Jurisdiction], { description: "Where the sources say it is used." })
  jurisdictions!: Jurisdiction[];

  @Field(() => [Source])
  sources!: Source[];
}
