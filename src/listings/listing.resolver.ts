import { Arg, Authorized, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { Role } from "../accounts/roles";
import type { ToolDoc } from "../catalog/tools/tool.model";
import { Tool } from "../catalog/tools/tool.type";
import { globalId } from "../node/global-id";
import type { Context } from "../context";
import type { ListingContent } from "./content";
import { ListingInput } from "./listing.input";
import { ListingService } from "./listing.service";
import { FieldChange, ListingPayload, ListingRevision } from "./listing.type";
import type { ListingRevisionDoc } from "./revision.model";
import { canEdit, canReview } from "./rights";

export const toRevision = (r: ListingRevisionDoc) => ({
  id: globalId("ListingRevision", r._id.toHexString()),
  slug: r.slug,
  revision: r.number,
  state: r.state,
  content: JSON.parse(r.content) as Record<string, unknown>,
  createdBy: r.createdBy,
  createdAt: r.createdAt,
  decidedBy: r.decidedBy,
  decidedAt: r.decidedAt,
  reason: r.reason,
});

/** The GraphQL input in the content form, optional nested fields made explicit as the seed schema expects. */
function asContent(i: ListingInput): Partial<ListingContent> {
  const defined = Object.fromEntries(Object.entries(i).filter(([, v]) => v !== undefined)) as Partial<ListingContent>;
  return {
    ...defined,
    ...(i.offers && {
      offers: i.offers.map((o) => ({
        model: o.model,
        eligibility: o.eligibility,
        spdxLicense: o.spdxLicense ?? null,
        requiresVetting: o.requiresVetting ?? null,
        notes: o.notes ?? null,
      })),
    }),
    ...(i.availability && {
      availability: i.availability.map((a) => ({
        jurisdiction: a.jurisdiction,
        status: a.status,
        notes: a.notes ?? null,
      })),
    }),
    ...(i.sources && {
      sources: i.sources.map((s) => ({
        ...(s.document != null && { document: s.document }),
        ...(s.url != null && { url: s.url }),
        locator: s.locator,
        ...(s.unverified != null && { unverified: s.unverified }),
      })),
    }),
  };
}
const SLUG = { description: "The listing's slug." };
const EDITORS =
  "Signed-in callers: a vendor may act on its own organisation's listings, reviewers and admins on any; any other listing gets a NOT_FOUND user error, as if it did not exist.";

@Resolver(() => Tool)
export class ListingResolver {
  @Authorized()
  @Mutation(() => ListingPayload, {
    description:
      "Create a listing as a draft (VENDOR for its own organisation, REVIEWER, ADMIN; others get a FORBIDDEN user error). A repeated request with the same idempotencyKey returns the first one's listing.",
  })
  createListing(
    @Arg("input", () => ListingInput, { description: "The new listing's fields." }) input: ListingInput,
    @Arg("idempotencyKey", () => String, {
      nullable: true,
      description:
        "A key of your choosing (first 100 characters used), unique to you: a request repeating it makes nothing new.",
    })
    idempotencyKey: string | null,
    @Ctx() ctx: Context,
  ) {
    return new ListingService(ctx).create(asContent(input), idempotencyKey?.slice(0, 100));
  }

  @Authorized()
  @Mutation(() => ListingPayload, {
    description:
      "Edit a listing, based on its latest revision (a stale baseRevision is a CONFLICT user error), making a new draft revision. A published listing stays as it is until a reviewer approves the new revision. " +
      EDITORS,
  })
  updateListing(
    @Arg("slug", () => String, SLUG) slug: string,
    @Arg("baseRevision", () => Int, { description: "The listing's latestRevision as you last read it." })
    baseRevision: number,
    @Arg("input", () => ListingInput, {
      description: "The fields to change; omitted fields keep their values. An edit that changes nothing is refused.",
    })
    input: ListingInput,
    @Ctx() ctx: Context,
  ) {
    return new ListingService(ctx).update(slug, baseRevision, asContent(input));
  }

  @Authorized()
  @Mutation(() => ListingPayload, {
    description: "Submit the latest revision, a draft or a rejected one, for review. " + EDITORS,
  })
  submitListingForReview(@Arg("slug", () => String, SLUG) slug: string, @Ctx() ctx: Context) {
    return new ListingService(ctx).submit(slug);
  }

  @Authorized()
  @Mutation(() => ListingPayload, {
    description: "Take the latest revision, submitted for review, back to draft. " + EDITORS,
  })
  withdrawSubmission(@Arg("slug", () => String, SLUG) slug: string, @Ctx() ctx: Context) {
    return new ListingService(ctx).withdraw(slug);
  }

  @Authorized()
  @Mutation(() => ListingPayload, {
    description: "Confirm a published listing is current (sets lastVerifiedAt to now). " + EDITORS,
  })
  confirmListingCurrent(@Arg("slug", () => String, SLUG) slug: string, @Ctx() ctx: Context) {
    return new ListingService(ctx).confirmCurrent(slug);
  }

  @Authorized(Role.REVIEWER, Role.ADMIN)
  @Mutation(() => ListingPayload, { description: "Publish a submitted revision (REVIEWER, ADMIN)." })
  approveRevision(
    @Arg("slug", () => String, SLUG) slug: string,
    @Arg("revision", () => Int, { description: "The revision to publish: the latest, submitted for review." })
    revision: number,
    @Ctx() ctx: Context,
  ) {
    return new ListingService(ctx).approve(slug, revision);
  }

  @Authorized(Role.REVIEWER, Role.ADMIN)
  @Mutation(() => ListingPayload, { description: "Send a submitted revision back with a reason (REVIEWER, ADMIN)." })
  rejectRevision(
    @Arg("slug", () => String, SLUG) slug: string,
    @Arg("revision", () => Int, { description: "The revision to send back: one submitted for review." })
    revision: number,
    @Arg("reason", () => String, { description: "Why, for the listing's editors: 1 to 1000 characters." })
    reason: string,
    @Ctx() ctx: Context,
  ) {
    return new ListingService(ctx).reject(slug, revision, reason);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => ListingPayload, {
    description: "Publish an earlier published revision again, as a new revision (ADMIN).",
  })
  restoreRevision(
    @Arg("slug", () => String, SLUG) slug: string,
    @Arg("revision", () => Int, { description: "An earlier revision that was published (APPROVED)." })
    revision: number,
    @Ctx() ctx: Context,
  ) {
    return new ListingService(ctx).restore(slug, revision);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => ListingPayload, { description: "Withdraw a listing from the catalogue (ADMIN)." })
  archiveListing(@Arg("slug", () => String, SLUG) slug: string, @Ctx() ctx: Context) {
    return new ListingService(ctx).archive(slug);
  }

  @Authorized()
  @Query(() => [ListingRevision], {
    nullable: true,
    description: "Every revision of a listing, newest first, for its editors and reviewers; null otherwise.",
  })
  async listingHistory(@Arg("slug", () => String, SLUG) slug: string, @Ctx() ctx: Context) {
    const h = await new ListingService(ctx).history(slug);
    return h ? h.map(toRevision) : null;
  }

  @Authorized()
  @Query(() => [FieldChange], {
    nullable: true,
    description:
      "Field-by-field differences between two revisions, for the listing's editors and reviewers; null otherwise, or when either revision does not exist.",
  })
  async compareRevisions(
    @Arg("slug", () => String, SLUG) slug: string,
    @Arg("a", () => Int, { description: "The revision to compare from." }) a: number,
    @Arg("b", () => Int, { description: "The revision to compare to." }) b: number,
    @Ctx() ctx: Context,
  ) {
    const d = await new ListingService(ctx).compare(slug, a, b);
    return d
      ? d.map((c) => ({ field: c.field, before: JSON.stringify(c.before), after: JSON.stringify(c.after) }))
      : null;
  }

  @Authorized()
  @Query(() => [ListingRevision], {
    description:
      "Unpublished revisions you may edit (drafts, pending, rejected with the reason), newest first: a vendor's own organisation's, or all for reviewers.",
  })
  async openRevisions(@Ctx() ctx: Context) {
    return (await new ListingService(ctx).openRevisions()).map(toRevision);
  }

  @Authorized(Role.REVIEWER, Role.ADMIN)
  @Query(() => [ListingRevision], { description: "Revisions waiting for review, oldest first (REVIEWER, ADMIN)." })
  async reviewQueue(@Ctx() ctx: Context) {
    return (await new ListingService(ctx).reviewQueue()).map(toRevision);
  }

  @FieldResolver(() => ListingRevision, {
    nullable: true,
    description: "The newest unpublished revision, for the listing's editors and reviewers.",
  })
  async pendingRevision(@Root() t: ToolDoc, @Ctx() ctx: Context) {
    const r = await new ListingService(ctx).pendingRevision(t);
    return r ? toRevision(r) : null;
  }

  @FieldResolver(() => Int, {
    description:
      "The newest revision, published or not: pass it as baseRevision. To those who may not edit or review the listing, the published revision.",
  })
  latestRevision(@Root() t: ToolDoc, @Ctx() ctx: Context): Promise<number> {
    return new ListingService(ctx).latestRevision(t);
  }

  @FieldResolver(() => Boolean, { description: "Whether you may edit this listing." })
  viewerCanEdit(@Root() t: ToolDoc, @Ctx() ctx: Context): boolean {
    return canEdit(ctx.viewer, t.organisation?.toHexString() ?? null);
  }

  @FieldResolver(() => Boolean, { description: "Whether you may review this listing's revisions." })
  viewerCanReview(@Ctx() ctx: Context): boolean {
    return canReview(ctx.viewer);
  }
}
