import { NODE_ID } from "../../node/node.type";
import { globalId } from "../../node/global-id";
import { IsOptional, MaxLength } from "class-validator";
import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Info, Int, Query, Resolver, Root } from "type-graphql";
import { toConnection } from "../../common/connection.type";
import type { Context } from "../../context";
import type { JurisdictionDoc } from "../jurisdictions/jurisdiction.model";
import { Jurisdiction } from "../jurisdictions/jurisdiction.type";
import { PageArgs, ToolFilter } from "../tools/tool.input";
import { ToolService, ToolOrder } from "../tools/tool.service";
import { toolConnection } from "../tools/tool.resolver";
import { ToolConnection } from "../tools/tool.type";
import type { OrganisationDoc } from "./organisation.model";
import { MAX_ORGANISATION_SEARCH, OrganisationService } from "./organisation.service";
import { Organisation, OrganisationConnection } from "./organisation.type";

@ArgsType()
class OrganisationsArgs extends PageArgs {
  @Field(() => String, {
    nullable: true,
    description:
      "Text matched literally, ignoring case and accents, in the organisation's name or aliases; at most 200 characters.",
  })
  @IsOptional()
  @MaxLength(MAX_ORGANISATION_SEARCH)
  search?: string;
}

@ArgsType()
class OrganisationToolsArgs extends PageArgs {
  @Field(() => ToolOrder, { nullable: true, description: "Result order; default NAME." })
  @IsOptional()
  orderBy?: ToolOrder;
}

@Resolver(() => Organisation)
export class OrganisationResolver {
  @Query(() => Organisation, { nullable: true, description: "An organisation by slug; null when there is none." })
  organisation(
    @Arg("slug", () => String, { description: "The organisation's slug." }) slug: string,
    @Ctx() ctx: Context,
  ): Promise<OrganisationDoc | null> {
    return new OrganisationService(ctx).bySlug(slug.slice(0, 200));
  }

  @Query(() => OrganisationConnection, { description: "Organisations by name, page by page." })
  async organisations(@Args(() => OrganisationsArgs) args: OrganisationsArgs, @Ctx() ctx: Context) {
    return toConnection(await new OrganisationService(ctx).list(args.search, args.first, args.after));
  }

  @FieldResolver(() => ID, NODE_ID)
  id(@Root() o: OrganisationDoc): string {
    return globalId("Organisation", o._id.toHexString());
  }

  @FieldResolver(() => Jurisdiction, { nullable: true })
  async country(@Root() o: OrganisationDoc, @Ctx() ctx: Context): Promise<JurisdictionDoc | null> {
    if (!o.country) return null;
    return (await ctx.loaders.jurisdictionIndex()).byCode.get(o.country) ?? null;
  }

  @FieldResolver(() => String, { nullable: true })
  contact(@Root() o: OrganisationDoc, @Ctx() ctx: Context): string | null {
    return ctx.viewer.kind === "anonymous" ? null : (o.contact ?? null);
  }

  @FieldResolver(() => Int)
  listingCount(@Root() o: OrganisationDoc, @Ctx() ctx: Context): Promise<number> {
    return new ToolService(ctx).countByOrganisation(o._id);
  }

  @FieldResolver(() => Int, {
    description: "The same as `listingCount`, under its old name.",
    deprecationReason: "Use `listingCount`: the API says listing for every kind of entry.",
  })
  toolCount(@Root() o: OrganisationDoc, @Ctx() ctx: Context): Promise<number> {
    return this.listingCount(o, ctx);
  }

  @FieldResolver(() => ToolConnection, { description: "This organisation's listings that you may see." })
  listings(
    @Root() o: OrganisationDoc,
    @Args(() => OrganisationToolsArgs) args: OrganisationToolsArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    const filter: ToolFilter = { organisations: [o.slug] };
    return toolConnection(ctx, { ...args, filter }, info);
  }

  @FieldResolver(() => ToolConnection, {
    description: "The same as `listings`, under its old name.",
    deprecationReason: "Use `listings`: the API says listing for every kind of entry.",
  })
  tools(
    @Root() o: OrganisationDoc,
    @Args(() => OrganisationToolsArgs) args: OrganisationToolsArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return this.listings(o, args, ctx, info);
  }
}
