import { IsOptional, MaxLength } from "class-validator";
import { Args, ArgsType, Authorized, Ctx, Field, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import { Role } from "../accounts/roles";
import { toConnection } from "../common/connection.type";
import type { Context } from "../context";
import { PageArgs } from "../catalog/tools/tool.input";
import type { AuditEventDoc } from "./audit.model";
import { AuditService } from "./audit.service";
import { AuditEvent, AuditEventConnection } from "./audit.type";

@ArgsType()
class AuditEventsArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: "Actor user id (or `system`)." })
  @IsOptional()
  @MaxLength(100)
  actor?: string;

  @Field(() => String, { nullable: true, description: "Target, e.g. `user:<id>` or `token:<id>`." })
  @IsOptional()
  @MaxLength(300)
  target?: string;

  @Field(() => String, { nullable: true, description: "Mutation name." })
  @IsOptional()
  @MaxLength(100)
  operation?: string;

  @Field(() => Date, { nullable: true })
  @IsOptional()
  from?: Date;

  @Field(() => Date, { nullable: true })
  @IsOptional()
  to?: Date;
}

@Resolver(() => AuditEvent)
export class AuditResolver {
  @Authorized(Role.ADMIN)
  @Query(() => AuditEventConnection, { description: "The audit log, newest first (ADMIN)." })
  async auditEvents(@Args(() => AuditEventsArgs) args: AuditEventsArgs, @Ctx() ctx: Context) {
    return toConnection(await new AuditService(ctx).list(args, args.first, args.after));
  }

  @FieldResolver(() => ID)
  id(@Root() e: AuditEventDoc): string {
    return e._id.toHexString();
  }
}
