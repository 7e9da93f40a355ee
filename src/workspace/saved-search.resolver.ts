import type { GraphQLResolveInfo } from "graphql";
import { GraphQLJSONObject } from "graphql-scalars";
import {
  Arg,
  Args,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  Info,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from "type-graphql";
import type { Context } from "../context";
import { toolConnection } from "../catalog/tools/tool.resolver";
import { PageArgs, ToolFilter } from "../catalog/tools/tool.input";
import type { ToolDoc } from "../catalog/tools/tool.model";
import { ToolOrder, type ToolFilterArgs } from "../catalog/tools/tool.service";
import { Tool, ToolConnection } from "../catalog/tools/tool.type";
import { globalId, keyOf } from "../node/global-id";
import { NODE_ID } from "../node/node.type";
import type { SavedSearchDoc } from "./saved-search.model";
import { SavedSearchService } from "./saved-search.service";
import { SavedSearch, SavedSearchPayload } from "./saved-search.type";

const ID_ARG = { description: "The saved search's id." };

@Resolver(() => SavedSearch)
export class SavedSearchResolver {
  @Authorized()
  @Query(() => [SavedSearch], { description: "Your saved searches, by name (signed in)." })
  savedSearches(@Ctx() ctx: Context): Promise<SavedSearchDoc[]> {
    return new SavedSearchService(ctx).list();
  }

  @Authorized()
  @Query(() => SavedSearch, {
    nullable: true,
    description: "One of your saved searches; null for any id that is not one of yours (signed in).",
  })
  savedSearch(@Arg("id", () => ID, ID_ARG) id: string, @Ctx() ctx: Context): Promise<SavedSearchDoc | null> {
    return new SavedSearchService(ctx).get(keyOf("SavedSearch", id.slice(0, 200), "id"));
  }

  @Authorized()
  @Mutation(() => SavedSearchPayload, {
    description: `Save a search under a name (signed in; at most 100 each). What it matches now is marked seen. An unknown slug or code in the filter is BAD_USER_INPUT naming it.`,
  })
  saveSearch(
    @Arg("name", () => String, { description: "A name for it, 1 to 200 characters." }) name: string,
    @Arg("search", () => String, { nullable: true, description: "Search text, as `listings(search:)` takes it." })
    search: string | null,
    @Arg("filter", () => ToolFilter, { nullable: true, description: "A filter, as `listings(filter:)` takes it." })
    filter: ToolFilter | null,
    @Arg("orderBy", () => ToolOrder, { nullable: true, description: "The order to run it in; default as a search." })
    orderBy: ToolOrder | null,
    @Ctx() ctx: Context,
  ) {
    return new SavedSearchService(ctx).save(name, search, (filter as ToolFilterArgs | null) ?? null, orderBy);
  }

  @Authorized()
  @Mutation(() => SavedSearchPayload, { description: "Rename one of your saved searches (signed in)." })
  renameSavedSearch(
    @Arg("id", () => ID, ID_ARG) id: string,
    @Arg("name", () => String, { description: "The new name, 1 to 200 characters." }) name: string,
    @Ctx() ctx: Context,
  ) {
    return new SavedSearchService(ctx).rename(keyOf("SavedSearch", id.slice(0, 200), "id"), name);
  }

  @Authorized()
  @Mutation(() => SavedSearchPayload, {
    description: "Mark one of your saved searches seen now: what it matches now is no longer new (signed in).",
  })
  markSavedSearchSeen(@Arg("id", () => ID, ID_ARG) id: string, @Ctx() ctx: Context) {
    return new SavedSearchService(ctx).markSeen(keyOf("SavedSearch", id.slice(0, 200), "id"));
  }

  @Authorized()
  @Mutation(() => SavedSearchPayload, { description: "Delete one of your saved searches (signed in)." })
  deleteSavedSearch(@Arg("id", () => ID, ID_ARG) id: string, @Ctx() ctx: Context) {
    return new SavedSearchService(ctx).delete(keyOf("SavedSearch", id.slice(0, 200), "id"));
  }

  @FieldResolver(() => ID, NODE_ID)
  id(@Root() s: SavedSearchDoc): string {
    return globalId("SavedSearch", s._id.toHexString());
  }

  @FieldResolver(() => GraphQLJSONObject, { nullable: true })
  filter(@Root() s: SavedSearchDoc): Record<string, unknown> | null {
    return JSON.parse(s.filter) as Record<string, unknown> | null;
  }

  @FieldResolver(() => ToolConnection, {
    description: "Run it now: the listings it matches as you see the catalogue today, page by page.",
  })
  results(
    @Root() s: SavedSearchDoc,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    const filter = JSON.parse(s.filter) as ToolFilter | null;
    return toolConnection(
      ctx,
      { ...page, search: s.search ?? undefined, filter: filter ?? undefined, orderBy: s.orderBy ?? undefined },
      info,
    );
  }

  @FieldResolver(() => [Tool], {
    description:
      "Listings it matches now that it did not match when you last marked it seen, or that have been changed (a new revision published) since; by name.",
  })
  newSinceLastSeen(@Root() s: SavedSearchDoc, @Ctx() ctx: Context): Promise<ToolDoc[]> {
    return new SavedSearchService(ctx).newSinceLastSeen(s);
  }

  @FieldResolver(() => Int, { description: "How many listings newSinceLastSeen holds." })
  async newCount(@Root() s: SavedSearchDoc, @Ctx() ctx: Context): Promise<number> {
    return (await new SavedSearchService(ctx).newSinceLastSeen(s)).length;
  }
}
