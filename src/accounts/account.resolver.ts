import { NODE_ID } from "../node/node.type";
import { globalId, keyOf } from "../node/global-id";
import type { GraphQLResolveInfo } from "graphql";
import {
  Arg,
  Args,
  ArgsType,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Info,
  Mutation,
  Query,
  Resolver,
  Root,
} from "type-graphql";
import { MaxLength } from "class-validator";
import type { Context } from "../context";
import { toConnection } from "../common/connection.type";
import { selectsField } from "../common/selection";
import type { OrganisationDoc } from "../catalog/organisations/organisation.model";
import { Organisation } from "../catalog/organisations/organisation.type";
import { PageArgs } from "../catalog/tools/tool.input";
import { AccountService } from "./account.service";
import { CreateApiTokenInput, CreateUserInput } from "./account.input";
import {
  ApiToken,
  ApiTokenConnection,
  CreateApiTokenPayload,
  CreateUserPayload,
  RevokeApiTokenPayload,
  User,
  UserConnection,
  UserStatusPayload,
  ViewerType,
} from "./account.type";
import { Role } from "./roles";
import type { ApiTokenMeta } from "./token.model";
import type { UserDoc } from "./user.model";

async function organisationOf(ctx: Context, id: string | null | undefined): Promise<OrganisationDoc | null> {
  return id ? ctx.loaders.organisation.load(id) : null;
}

@ArgsType()
class ApiTokensArgs extends PageArgs {
  @Field(() => ID, { description: "The user's id." })
  @MaxLength(100)
  userId!: string;
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
  createUser(
    @Arg("input", () => CreateUserInput, { description: "The new user." }) input: CreateUserInput,
    @Ctx() ctx: Context,
  ) {
    return new AccountService(ctx).createUser(input);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => CreateApiTokenPayload, {
    description: "Issue an API token for a user (ADMIN); the secret is returned once.",
  })
  createApiToken(
    @Arg("input", () => CreateApiTokenInput, { description: "The token to issue." }) input: CreateApiTokenInput,
    @Ctx() ctx: Context,
  ) {
    return new AccountService(ctx).createToken(input);
  }

  @Authorized()
  @Mutation(() => RevokeApiTokenPayload, {
    description: "Revoke a token at once: any token (ADMIN) or one of your own.",
  })
  revokeApiToken(
    @Arg("tokenId", () => ID, { description: "The token's id (ApiToken.id), not its secret." }) tokenId: string,
    @Ctx() ctx: Context,
  ) {
    return new AccountService(ctx).revokeToken(keyOf("ApiToken", tokenId.slice(0, 200), "tokenId"));
  }

  @Authorized(Role.ADMIN)
  @Query(() => ApiTokenConnection, {
    nullable: true,
    description:
      "A user's API tokens, newest first, metadata only (ADMIN); null when there is no such user. Each call is audited.",
  })
  async apiTokens(
    @Args(() => ApiTokensArgs) args: ApiTokensArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    const page = await new AccountService(ctx).tokensOf(
      keyOf("User", args.userId, "userId"),
      args.first,
      args.after,
      selectsField(info, "totalCount"),
    );
    return page && toConnection(page);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => UserStatusPayload, {
    description:
      "Disable a user (ADMIN): every token they have is revoked and they can no longer authenticate. Not yourself, not the last enabled admin.",
  })
  disableUser(@Arg("userId", () => ID, { description: "The user's id." }) userId: string, @Ctx() ctx: Context) {
    return new AccountService(ctx).disableUser(keyOf("User", userId.slice(0, 200), "userId"));
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => UserStatusPayload, {
    description: "Enable a disabled user (ADMIN). Tokens revoked when they were disabled stay revoked; issue new ones.",
  })
  enableUser(@Arg("userId", () => ID, { description: "The user's id." }) userId: string, @Ctx() ctx: Context) {
    return new AccountService(ctx).enableUser(keyOf("User", userId.slice(0, 200), "userId"));
  }

  @FieldResolver(() => ID, NODE_ID)
  id(@Root() u: UserDoc): string {
    return globalId("User", u._id.toHexString());
  }

  @FieldResolver(() => Organisation, { nullable: true })
  organisation(@Root() u: UserDoc, @Ctx() ctx: Context) {
    return organisationOf(ctx, u.organisation?.toHexString());
  }
}

@Resolver(() => ApiToken)
export class ApiTokenResolver {
  @FieldResolver(() => ID, NODE_ID)
  id(@Root() t: ApiTokenMeta): string {
    return globalId("ApiToken", t.tokenId);
  }

  @FieldResolver(() => User, { nullable: true })
  user(@Root() t: ApiTokenMeta, @Ctx() ctx: Context) {
    return ctx.loaders.user.load(t.user.toHexString());
  }
}
