import { Node } from "../node/node.type";
import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { Organisation } from "../catalog/organisations/organisation.type";
import { ConnectionType } from "../common/connection.type";
import { Role } from "./roles";

registerEnumType(Role, {
  name: "Role",
  description: "What a signed-in user may do and see.",
  valuesConfig: {
    ADMIN: { description: "Working-group secretariat." },
    REVIEWER: { description: "Working-group member: reviews listings." },
    LAW_ENFORCEMENT: { description: "Vetted law-enforcement and procurement staff." },
    VENDOR: { description: "Keeps the listings of exactly one organisation." },
  },
});

@ObjectType({ description: "Input the caller can correct: which field, what is wrong, and a code." })
export class UserError {
  @Field(() => [String], { nullable: true, description: 'Path of the field, e.g. ["input", "email"].' })
  field!: string[] | null;

  @Field(() => String, { description: "What is wrong, for a person to read." })
  message!: string;

  @Field(() => String, { description: "INVALID, NOT_FOUND, DUPLICATE, CONFLICT or FORBIDDEN." })
  code!: string;
}

@ObjectType({ description: "A person who signs in with API tokens.", implements: Node })
export class User implements Node {
  id!: string;

  @Field(() => String, { description: "Their e-mail address, in lower case; unique." })
  email!: string;

  @Field(() => String, { nullable: true, description: "Their name; null when not given." })
  name!: string | null;

  @Field(() => Role, { description: "What they may do and see." })
  role!: Role;

  @Field(() => Organisation, { nullable: true, description: "The organisation a VENDOR keeps listings for." })
  organisation!: Organisation | null;

  @Field(() => Boolean, {
    description:
      "A disabled user cannot authenticate with any credential, including one issued after they were disabled.",
  })
  disabled!: boolean;

  @Field(() => Date, { description: "When the user was created." })
  createdAt!: Date;
}

@ObjectType({
  description: "An API token. Its secret is shown once, when it is created, and never stored.",
  implements: Node,
})
export class ApiToken implements Node {
  id!: string;

  @Field(() => String, { description: "The first characters of the secret, to tell tokens apart." })
  hint!: string;

  @Field(() => String, { nullable: true, description: "A label to tell tokens apart; null when none was given." })
  name!: string | null;

  @Field(() => User, { nullable: true, description: "Whose token it is; null only if that user no longer exists." })
  user!: User | null;

  @Field(() => Date, { description: "When it stops working." })
  expiresAt!: Date;

  @Field(() => Date, { nullable: true, description: "To within a minute." })
  lastUsedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: "When it was revoked; null while it is not." })
  revokedAt!: Date | null;

  @Field(() => Date, { description: "When it was issued." })
  createdAt!: Date;
}

@ObjectType("Viewer", { description: "The caller." })
export class ViewerType {
  @Field(() => Boolean, { description: "Whether you are signed in with a valid API token." })
  authenticated!: boolean;

  @Field(() => Role, { nullable: true, description: "Your role; null when anonymous." })
  role!: Role | null;

  @Field(() => User, { nullable: true, description: "Your user record; null when anonymous." })
  user!: User | null;

  @Field(() => Organisation, {
    nullable: true,
    description: "The organisation you keep listings for, as a VENDOR; null otherwise.",
  })
  organisation!: Organisation | null;
}

@ObjectType({ description: "The outcome of createUser." })
export class CreateUserPayload {
  @Field(() => User, { nullable: true, description: "The new user; null when refused." })
  user!: User | null;

  @Field(() => [UserError], { description: "Why the user was not created; empty when it was." })
  userErrors!: UserError[];
}

@ObjectType({ description: "The outcome of createApiToken." })
export class CreateApiTokenPayload {
  @Field(() => String, { nullable: true, description: "The secret: shown this once, store it now. Null when refused." })
  token!: string | null;

  @Field(() => ApiToken, { nullable: true, description: "The new token's details; null when refused." })
  apiToken!: ApiToken | null;

  @Field(() => [UserError], { description: "Why no token was issued; empty when one was." })
  userErrors!: UserError[];
}

@ObjectType({ description: "The outcome of revokeApiToken." })
export class RevokeApiTokenPayload {
  @Field(() => ApiToken, { nullable: true, description: "The token, now revoked; null when refused." })
  apiToken!: ApiToken | null;

  @Field(() => [UserError], {
    description: "Why it was refused (NOT_FOUND for a token that is not yours to revoke); empty when revoked.",
  })
  userErrors!: UserError[];
}

@ObjectType({ description: "The outcome of disabling or enabling a user." })
export class UserStatusPayload {
  @Field(() => User, { nullable: true, description: "The user as the change left them; null when refused." })
  user!: User | null;

  @Field(() => Int, { description: "How many of the user's live tokens were revoked." })
  revokedTokenCount!: number;

  @Field(() => [UserError], { description: "Why the change was refused; empty when it was made." })
  userErrors!: UserError[];
}

@ObjectType({ description: "A page of users, by e-mail." })
export class UserConnection extends ConnectionType("User", User) {}

@ObjectType({ description: "A page of a user's API tokens, newest first." })
export class ApiTokenConnection extends ConnectionType("ApiToken", ApiToken) {}
