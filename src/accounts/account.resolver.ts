import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../context";
import { toConnection } from "../common/connection.type";
import type { OrganisationDoc } from "../catalog/organisations/organisation.model";
import { Organisation } from "../catalog/organisations/organisation.type";
import { PageArgs } from "../catalog/tools/tool.input";
import { AccountService } from "./account.service";
import { CreateApiTokenInput, CreateUserInput } from "./account.input";
import {
  ApiToken,
  CreateApiTokenPayload,
  CreateUserPayload,
  RevokeApiTokenPayload,
  User,
  UserConnection,
  ViewerType,
} from "./account.type";
import { Role } from "./roles";
import type { ApiTokenDoc } from "./token.model";
import type { UserDoc } from "./user.model";

async function organisationOf(ctx: Context, id: string | null | undefined): Promise<OrganisationDoc | null> {
  return id ? ctx.loaders.organisation.load(id) : null;
}

@Resolver(() => ViewerType)
export class ViewerResolver {
  @Query(() => ViewerType, { description: "The caller: whether signed in, the role, the user and their organisation." })
  async me(@Ctx() ctx: Context) {
    const user = await new AccountService(ctx).me();
    return {
      authenticated: ctx.viewer.kind === "user",
      role: ctx.viewer.role,
      user,
      organisation: await organisationOf(ctx, ctx.viewer.organisationId),
    };
  }
}

@Resolver(() => User)
export class UserResolver {
  @Authorized(Role.ADMIN)
  @Query(() => UserConnection, { description: "Users by e-mail (ADMIN)." })
  async users(@Args(() => PageArgs) args: PageArgs, @Ctx() ctx: Context) {
    return toConnection(await new AccountService(ctx).users(args.first, args.after));
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => CreateUserPayload, { description: "Create a user (ADMIN). A VENDOR must name its organisation." })
  createUser(@Arg("input", () => CreateUserInput) input: CreateUserInput, @Ctx() ctx: Context) {
    return new AccountService(ctx).createUser(input);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => CreateApiTokenPayload, {
    description: "Issue an API token for a user (ADMIN); the secret is returned once.",
  })
  createApiToken(@Arg("input", () => CreateApiTokenInput) input: CreateApiTokenInput, @Ctx() ctx: Context) {
    return new AccountService(ctx).createToken(input);
  }

  @Authorized()
  @Mutation(() => RevokeApiTokenPayload, {
    description: "Revoke a token at once: any token (ADMIN) or one of your own.",
  })
  revokeApiToken(@Arg("tokenId", () => ID) tokenId: string, @Ctx() ctx: Context) {
    return new AccountService(ctx).revokeToken(tokenId.slice(0, 100));
  }

  @FieldResolver(() => ID)
  id(@Root() u: UserDoc): string {
    return u._id.toHexString();
  }

  @FieldResolver(() => Organisation, { nullable: true })
  organisation(@Root() u: UserDoc, @Ctx() ctx: Context) {
    return organisationOf(ctx, u.organisation?.toHexString());
  }
}

@Resolver(() => ApiToken)
export class ApiTokenResolver {
  @FieldResolver(() => ID)
  id(@Root() t: ApiTokenDoc): string {
    return t.tokenId;
  }

  @FieldResolver(() => User, { nullable: true })
  user(@Root() t: ApiTokenDoc, @Ctx() ctx: Context) {
    return ctx.loaders.user.load(t.user.toHexString());
  }
}
