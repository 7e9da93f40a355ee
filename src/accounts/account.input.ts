import { IsOptional, Max, Min } from "class-validator";
import { PlainText } from "../common/validation";
import { Field, InputType, Int } from "type-graphql";
import { Role } from "./roles";

@InputType()
export class CreateUserInput {
  @Field(() => String)
  @PlainText(254)
  email!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @PlainText(200)
  name?: string | null;

  @Field(() => Role)
  role!: Role;

  @Field(() => String, {
    nullable: true,
    description: "Organisation slug; required for VENDOR, not allowed otherwise.",
  })
  @IsOptional()
  @PlainText(80)
  organisation?: string | null;
}

@InputType()
export class CreateApiTokenInput {
  @Field(() => String)
  @PlainText(254)
  email!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @PlainText(100)
  name?: string | null;

  @Field(() => Int, { nullable: true, defaultValue: 90, description: "1 to 365 days." })
  @IsOptional()
  @Min(1)
  @Max(365)
  expiresInDays?: number | null;
}
