import { NODE_ID } from "../../node/node.type";
import { globalId } from "../../node/global-id";
import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from "type-graphql";
import { selectsField } from "../../common/selection";
import { toConnection } from "../../common/connection.type";
import type { Context } from "../../context";
import type { CapabilityDoc } from "../capabilities/capability.model";
import { CapabilityService } from "../capabilities/capability.service";
import type { ClassificationSchemeDoc } from "../classification-schemes/classification-scheme.model";
import type { JurisdictionDoc } from "../jurisdictions/jurisdiction.model";
import type { OrganisationDoc } from "../organisations/organisation.model";
import { presentFacets } from "./tool.facets";
import { compareListings, COMPARE_MAX, COMPARE_MIN } from "./compare";
import { ListingComparison } from "./compare.type";
import { BadUserInputError } from "../../common/errors";
import { SuggestArgs, ToolsArgs } from "./tool.input";
import { Suggestion } from "../../search/search.type";
import type { Suggestion as SuggestionDoc } from "../../search/ranked";
import type { AvailabilityDoc, ToolDoc } from "./tool.model";
import { ToolService } from "./tool.service";
import { Availability, Tool, ToolConnection } from "./tool.type";
import { Jurisdiction } from "../jurisdictions/jurisdiction.type";
import { Capability } from "../capabilities/capability.type";
import { ClassificationScheme } from "../classification-schemes/classification-scheme.type";
import { Organisation } from "../organisations/organisation.type";

const present = <T>(xs: (T | null | Error)[]): T[] => xs.filter((x): x is T => x !== null && !(x instanceof Error));

/** Builds the connection object for a search; shared by `tools` and `Organisation.tools`. */
export async function toolConnection(ctx: Context, args: ToolsArgs, info: GraphQLResolveInfo) {
  const wantFacets = selectsField(info, "facets");
  const [{ page, facets, hits, index, didYouMean }, { all }] = await Promise.all([
    new ToolService(ctx).search(args, wantFacets),
    ctx.loaders.capabilityIndex(),
  ]);
  const connection = toConnection(page);
  const edges = connection.edges.map((e) => {
    const hit = hits?.get(e.node);
    return {
      ...e,
      matchedFields: hit && index ? index.fieldsOf(hit) : [],
      snippet: hit && index ? index.snippet(hit) : null,
    };
  });
  return { ...connection, edges, facets: facets ? presentFacets(facets, all) : null, didYouMean };
}

@Resolver(() => Tool)
export class ToolResolver {
  @Query(() => Tool, { nullable: true, description: "A listing by slug; null when there is none you may see." })
  listing(
    @Arg("slug", () => String, { description: "The listing's slug." }) slug: string,
    @Ctx() ctx: Context,
  ): Promise<ToolDoc | null> {
    return new ToolService(ctx).bySlug(slug.slice(0, 200));
  }

  @Query(() => Tool, {
    nullable: true,
    description: "The same as `listing`, under its old name.",
    deprecationReason: "Use `listing`: the API says listing for every kind of entry.",
  })
  tool(
    @Arg("slug", () => String, { description: "The listing's slug." }) slug: string,
    @Ctx() ctx: Context,
  ): Promise<ToolDoc | null> {
    return this.listing(slug, ctx);
  }

  @Query(() => ToolConnection, { description: "Search listings by text and filters, with facet counts, page by page." })
  listings(@Args(() => ToolsArgs) args: ToolsArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return toolConnection(ctx, args, info);
  }

  @Query(() => ToolConnection, {
    description: "The same as `listings`, under its old name.",
    deprecationReason: "Use `listings`: the API says listing for every kind of entry.",
  })
  tools(@Args(() => ToolsArgs) args: ToolsArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return this.listings(args, ctx, info);
  }

  @Query(() => ListingComparison, {
    description: `Listings you may see side by side, field by field, each row marked same or different: ${COMPARE_MIN} to ${COMPARE_MAX} slugs, each once. A slug with no listing you may see is BAD_USER_INPUT naming it.`,
  })
  async compareListings(
    @Arg("slugs", () => [String], { description: `The listings' slugs, ${COMPARE_MIN} to ${COMPARE_MAX}.` })
    slugs: string[],
    @Ctx() ctx: Context,
  ) {
    if (slugs.length < COMPARE_MIN || slugs.length > COMPARE_MAX) {
      throw new BadUserInputError("slugs", `give ${COMPARE_MIN} to ${COMPARE_MAX} slugs, not ${slugs.length}`);
    }
    const seen = new Set<string>();
    const service = new ToolService(ctx);
    const listings: ToolDoc[] = [];
    for (const [i, slug] of slugs.entries()) {
      if (seen.has(slug)) throw new BadUserInputError(`slugs[${i}]`, "is given twice");
      seen.add(slug);
      // Unknown and hidden alike: the error must not tell whether a listing exists that the caller may not see.
      const listing = await service.bySlug(slug.slice(0, 200));
      if (!listing) throw new BadUserInputError(`slugs[${i}]`, "no listing you may see has this slug");
      listings.push(listing);
    }
    const rows = compareListings(listings, await service.compareLookups());
    return { listings, rows, differenceCount: rows.filter((r) => !r.same).length };
  }

  @Query(() => [Suggestion], {
    description:
      "Type-ahead: listings you may see, their organisations and capabilities whose names (or aliases, or synonyms) begin with the words typed, the last of them as a prefix; best first.",
  })
  async suggest(@Args(() => SuggestArgs) args: SuggestArgs, @Ctx() ctx: Context): Promise<SuggestionDoc[]> {
    return new ToolService(ctx).suggest(args.prefix, args.first);
  }

  @FieldResolver(() => ID, NODE_ID)
  id(@Root() t: ToolDoc): string {
    return globalId("Listing", t._id.toHexString());
  }

  @FieldResolver(() => Boolean)
  availableWorldwide(@Root() t: ToolDoc): boolean {
    // Listings stored before the field existed have none: not stated.
    return t.availableWorldwide === true;
  }

  @FieldResolver(() => Organisation, { nullable: true })
  organisation(@Root() t: ToolDoc, @Ctx() ctx: Context): Promise<OrganisationDoc | null> {
    return t.organisation ? ctx.loaders.organisation.load(t.organisation.toHexString()) : Promise.resolve(null);
  }

  @FieldResolver(() => [Capability])
  async capabilities(@Root() t: ToolDoc, @Ctx() ctx: Context): Promise<CapabilityDoc[]> {
    const svc = new CapabilityService(ctx);
    return present(await Promise.all(t.capabilities.map((c) => svc.byId(c.toHexString()))));
  }

  @FieldResolver(() => [ClassificationScheme])
  async classificationSchemes(@Root() t: ToolDoc, @Ctx() ctx: Context): Promise<ClassificationSchemeDoc[]> {
    return present(
      await ctx.loaders.classificationScheme.loadMany(t.classificationSchemes.map((s) => s.toHexString())),
    );
  }
}

@Resolver(() => Availability)
export class AvailabilityResolver {
  @FieldResolver(() => Jurisdiction)
  async jurisdiction(
    @Root() a: AvailabilityDoc,
    @Ctx() ctx: Context,
  ): Promise<JurisdictionDoc | { code: string; name: string }> {
    const { byCode } = await ctx.loaders.jurisdictionIndex();
    return byCode.get(a.jurisdiction) ?? { code: a.jurisdiction, name: a.jurisdiction };
  }
}
