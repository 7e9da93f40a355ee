import { NODE_ID } from "../node/node.type";
import { globalId, keyOf } from "../node/global-id";
import { IsOptional, MaxLength } from "class-validator";
import type { GraphQLResolveInfo } from "graphql";
import { Args, ArgsType, Authorized, Ctx, Field, FieldResolver, ID, Info, Query, Resolver, Root } from "type-graphql";
import { Role } from "../accounts/roles";
import { toConnection } from "../common/connection.type";
import { selectsField } from "../common/selection";
import type { Context } from "../context";
import { PageArgs } from "../catalog/tools/tool.input";
import type { AuditEventDoc } from "./audit.model";
import { AuditService } from "./audit.service";
import { AuditEvent, AuditEventConnection } from "./audit.type";

@ArgsType()
class AuditEventsArgs extends PageArgs {
  @Field(() => String, {
    nullable: true,
    description: "Actor: a user's id (global, or the bare `actorId` the log shows), or `system`.",
  })
  @IsOptional()
  @MaxLength(100)
  actor?: string;

  @Field(() => String, { nullable: true, description: "Target, e.g. `user:<id>` or `token:<id>`." })
  @IsOptional()
  @MaxLength(300)
  target?: string;

  @Field(() => String, {
    nullable: true,
    description: "Operation name: a mutation, or an audited query (apiTokens).",
  })
  @IsOptional()
  @MaxLength(100)
  operation?: string;

  @Field(() => Date, { nullable: true, description: "Events at or after this time." })
  @IsOptional()
  from?: Date;

  @Field(() => Date, { nullable: true, description: "Events at or before this time." })
  @IsOptional()
  to?: Date;
}

@Resolver(() => AuditEvent)
export class AuditResolver {
  @Authorized(Role.ADMIN)
  @Query(() => AuditEventConnection, {
    description:
      "The audit log, newest first, ties by id (ADMIN). Filters combine; `from` and `to` are inclusive. A cursor only continues the filter that issued it.",
  })
  async auditEvents(
    @Args(() => AuditEventsArgs) args: AuditEventsArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    // A user's global id (what `User.id` gives) or the bare key the log stores (what `actorId` gives).
    const actor = args.actor && args.actor !== "system" ? keyOf("User", args.actor, "actor") : args.actor;
    const query = { ...args, actor };
    const page = await new AuditService(ctx).list(query, args.first, args.after, selectsField(info, "totalCount"));
    return toConnection(page);
  }

  @FieldResolver(() => ID, NODE_ID)
  id(@Root() e: AuditEventDoc): string {
    return globalId("AuditEvent", e._id.toHexString());
  }
}
