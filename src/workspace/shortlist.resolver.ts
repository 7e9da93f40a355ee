import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../context";
import { globalId, keyOf } from "../node/global-id";
import { NODE_ID } from "../node/node.type";
import type { ShortlistDoc } from "./shortlist.model";
import { ShortlistItemData, ShortlistService } from "./shortlist.service";
import { Shortlist, ShortlistItem, ShortlistPayload } from "./shortlist.type";

const SHORTLIST_ARG = { description: "The shortlist's id." };
const SLUG_ARG = { description: "The listing's slug." };
const key = (id: string, argument = "shortlist") => keyOf("Shortlist", id.slice(0, 200), argument);

@Resolver(() => Shortlist)
export class ShortlistResolver {
  @Authorized()
  @Query(() => [Shortlist], {
    description: "Your shortlists and those shared with you (the 200 changed last), by name (signed in).",
  })
  shortlists(@Ctx() ctx: Context): Promise<ShortlistDoc[]> {
    return new ShortlistService(ctx).list();
  }

  @Authorized()
  @Query(() => Shortlist, {
    nullable: true,
    description: "A shortlist of yours or shared with you; null for any other id (signed in).",
  })
  shortlist(@Arg("id", () => ID, SHORTLIST_ARG) id: string, @Ctx() ctx: Context): Promise<ShortlistDoc | null> {
    return new ShortlistService(ctx).readable(key(id, "id"));
  }

  @Authorized()
  @Mutation(() => ShortlistPayload, { description: "Start a shortlist (signed in; at most 100 each)." })
  createShortlist(
    @Arg("name", () => String, { description: "A name for it, 1 to 200 characters." }) name: string,
    @Ctx() ctx: Context,
  ) {
    return new ShortlistService(ctx).create(name);
  }

  @Authorized()
  @Mutation(() => ShortlistPayload, { description: "Rename one of your shortlists." })
  renameShortlist(
    @Arg("shortlist", () => ID, SHORTLIST_ARG) shortlist: string,
    @Arg("name", () => String, { description: "The new name, 1 to 200 characters." }) name: string,
    @Ctx() ctx: Context,
  ) {
    return new ShortlistService(ctx).rename(key(shortlist), name);
  }

  @Authorized()
  @Mutation(() => ShortlistPayload, {
    description:
      "Put a listing you may see on one of your shortlists, last, with a note (at most 200 listings); a listing already there keeps its place and takes the new note.",
  })
  addToShortlist(
    @Arg("shortlist", () => ID, SHORTLIST_ARG) shortlist: string,
    @Arg("slug", () => String, SLUG_ARG) slug: string,
    @Arg("note", () => String, { nullable: true, description: "Why it is there, at most 1000 characters." })
    note: string | null,
    @Ctx() ctx: Context,
  ) {
    return new ShortlistService(ctx).add(key(shortlist), slug.slice(0, 200), note || null);
  }

  @Authorized()
  @Mutation(() => ShortlistPayload, { description: "Take a listing off one of your shortlists." })
  removeFromShortlist(
    @Arg("shortlist", () => ID, SHORTLIST_ARG) shortlist: string,
    @Arg("slug", () => String, SLUG_ARG) slug: string,
    @Ctx() ctx: Context,
  ) {
    return new ShortlistService(ctx).remove(key(shortlist), slug.slice(0, 200));
  }

  @Authorized()
  @Mutation(() => ShortlistPayload, { description: "Move a listing to another place on one of your shortlists." })
  moveShortlistItem(
    @Arg("shortlist", () => ID, SHORTLIST_ARG) shortlist: string,
    @Arg("slug", () => String, SLUG_ARG) slug: string,
    @Arg("position", () => Int, { description: "Its new place: 0 for first; past the end, last." }) position: number,
    @Ctx() ctx: Context,
  ) {
    return new ShortlistService(ctx).move(key(shortlist), slug.slice(0, 200), position);
  }

  @Authorized()
  @Mutation(() => ShortlistPayload, {
    description: "Share one of your shortlists, read-only, with these users (replacing whom it was shared with).",
  })
  shareShortlist(
    @Arg("shortlist", () => ID, SHORTLIST_ARG) shortlist: string,
    @Arg("withEmails", () => [String], {
      description: "Their e-mail addresses (at most 50); empty to share with nobody.",
    })
    withEmails: string[],
    @Ctx() ctx: Context,
  ) {
    return new ShortlistService(ctx).share(key(shortlist), withEmails.slice(0, 51));
  }

  @Authorized()
  @Mutation(() => ShortlistPayload, {
    description:
      "Lock one of your shortlists: each listing you may see on it is kept as it is now (its published revision and fields), whatever later happens to it; no listing can be added, removed or moved, and the shortlist cannot be deleted, until you unlock it. Its name, notes already written and sharing stay as they are.",
  })
  lockShortlist(@Arg("shortlist", () => ID, SHORTLIST_ARG) shortlist: string, @Ctx() ctx: Context) {
    return new ShortlistService(ctx).lock(key(shortlist));
  }

  @Authorized()
  @Mutation(() => ShortlistPayload, {
    description:
      "Unlock one of your locked shortlists: it shows its listings as they are now again, and may change. Audited with the revisions it had kept.",
  })
  unlockShortlist(@Arg("shortlist", () => ID, SHORTLIST_ARG) shortlist: string, @Ctx() ctx: Context) {
    return new ShortlistService(ctx).unlock(key(shortlist));
  }

  @Authorized()
  @Mutation(() => ShortlistPayload, { description: "Delete one of your shortlists (not while it is locked)." })
  deleteShortlist(@Arg("shortlist", () => ID, SHORTLIST_ARG) shortlist: string, @Ctx() ctx: Context) {
    return new ShortlistService(ctx).delete(key(shortlist));
  }

  @FieldResolver(() => ID, NODE_ID)
  id(@Root() s: ShortlistDoc): string {
    return globalId("Shortlist", s._id.toHexString());
  }

  @FieldResolver(() => Boolean)
  ownedByYou(@Root() s: ShortlistDoc, @Ctx() ctx: Context): boolean {
    return s.owner.toHexString() === ctx.viewer.userId;
  }

  @FieldResolver(() => Boolean)
  locked(@Root() s: ShortlistDoc): boolean {
    return Boolean(s.lockedAt);
  }

  @FieldResolver(() => Date, { nullable: true })
  lockedAt(@Root() s: ShortlistDoc): Date | null {
    return s.lockedAt ?? null;
  }

  @FieldResolver(() => [ShortlistItem])
  items(@Root() s: ShortlistDoc, @Ctx() ctx: Context): Promise<ShortlistItemData[]> {
    return new ShortlistService(ctx).items(s);
  }

  @FieldResolver(() => [String])
  async sharedWith(@Root() s: ShortlistDoc, @Ctx() ctx: Context): Promise<string[]> {
    if (s.owner.toHexString() !== ctx.viewer.userId) return [];
    const users = await ctx.loaders.user.loadMany(s.sharedWith.map(String));
    return users.flatMap((u) => (u && !(u instanceof Error) ? [u.email] : [])).sort();
  }
}
