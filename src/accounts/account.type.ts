import { Node } from "../node/node.type";
import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { Organisation } from "../catalog/organisations/organisation.type";
import { ConnectionType } from "../common/connection.type";
import { Role } from "./roles";

registerEnumType(Role, {
  name: "Role",
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

  @Field(() => String)
  message!: string;

  @Field(() => String, { description: "INVALID, NOT_FOUND, DUPLICATE, CONFLICT or FORBIDDEN." })
  code!: string;
}

@ObjectType({ implements: Node })
export class User implements Node {
  id!: string;

  @Field(() => String)
  email!: string;

  @Field(() => String, { nullable: true })
  name!: string | null;

  @Field(() => Role)
  role!: Role;

  @Field(() => Organisation, { nullable: true, description: "The organisation a VENDOR keeps listings for." })
  organisation!: Organisation | null;

  @Field(() => Boolean, {
    description:
      "A disabled user cannot authenticate with any credential, including one issued after they were disabled.",
  })
  disabled!: boolean;

  @Field(() => Date)
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

  @Field(() => String, { nullable: true })
  name!: string | null;

  @Field(() => User, { nullable: true })
  user!: User | null;

  @Field(() => Date)
  expiresAt!: Date;

  @Field(() => Date, { nullable: true, description: "To within a minute." })
  lastUsedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  revokedAt!: Date | null;

  @Field(() => Date)
  createdAt!: Date;
}

@ObjectType("Viewer", { description: "The caller." })
export class ViewerType {
  @Field(() => Boolean)
  authenticated!: boolean;

  @Field(() => Role, { nullable: true })
  role!: Role | null;

  @Field(() => User, { nullable: true })
  user!: User | null;

  @Field(() => Organisation, { nullable: true })
  organisation!: Organisation | null;
}

@ObjectType()
export class CreateUserPayload {
  @Field(() => User, { nullable: true })
  user!: User | null;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

@ObjectType()
export class CreateApiTokenPayload {
  @Field(() => String, { nullable: true, description: "The secret: shown this once, store it now." })
  token!: string | null;

  @Field(() => ApiToken, { nullable: true })
  apiToken!: ApiToken | null;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

@ObjectType()
export class RevokeApiTokenPayload {
  @Field(() => ApiToken, { nullable: true })
  apiToken!: ApiToken | null;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

@ObjectType({ description: "The outcome of disabling or enabling a user." })
export class UserStatusPayload {
  @Field(() => User, { nullable: true })
  user!: User | null;

  @Field(() => Int, { description: "How many of the user's live tokens were revoked." })
  revokedTokenCount!: number;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

@ObjectType()
export class UserConnection extends ConnectionType("User", User) {}

@ObjectType()
export class ApiTokenConnection extends ConnectionType("ApiToken", ApiToken) {}
