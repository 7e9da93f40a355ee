import { IsOptional, Max, Min } from "class-validator";
import { PlainText } from "../common/validation";
import { Field, InputType, Int } from "type-graphql";
import { Role } from "./roles";

@InputType({ description: "A new user." })
export class CreateUserInput {
  @Field(() => String, {
    description: "Their e-mail address, at most 254 characters, stored in lower case; no other user may have it.",
  })
  @PlainText(254)
  email!: string;

  @Field(() => String, { nullable: true, description: "Their name, at most 200 characters." })
  @IsOptional()
  @PlainText(200)
  name?: string | null;

  @Field(() => Role, { description: "What they may do and see." })
  role!: Role;

  @Field(() => String, {
    nullable: true,
    description: "Organisation slug; required for VENDOR, not allowed otherwise.",
  })
  @IsOptional()
  @PlainText(80)
  organisation?: string | null;
}

@InputType({ description: "A new API token." })
export class CreateApiTokenInput {
  @Field(() => String, { description: "The e-mail address of the enabled user the token is for." })
  @PlainText(254)
  email!: string;

  @Field(() => String, { nullable: true, description: "A label to tell the token apart, at most 100 characters." })
  @IsOptional()
  @PlainText(100)
  name?: string | null;

  @Field(() => Int, { nullable: true, defaultValue: 90, description: "Days until it expires, 1 to 365." })
  @IsOptional()
  @Min(1)
  @Max(365)
  expiresInDays?: number | null;
}
