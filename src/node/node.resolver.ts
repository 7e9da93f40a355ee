import { Types } from "mongoose";
import { Arg, Ctx, ID, Query, Resolver } from "type-graphql";
import type { Context } from "../context";
import { BadUserInputError } from "../common/errors";
import { CapabilityService } from "../catalog/capabilities/capability.service";
import { ToolService } from "../catalog/tools/tool.service";
import { toRevision } from "../listings/listing.resolver";
import { ListingService } from "../listings/listing.service";
import { canReview, isAdmin } from "../listings/rights";
import type { ApiTokenMeta } from "../accounts/token.model";
import { MAX_NODES, NodeKind, parseGlobalId } from "./global-id";
import { asNode, Node } from "./node.type";
import { ShortlistService } from "../workspace/shortlist.service";
import { CompletenessRequestService } from "../completeness/completeness-request.service";
import { CrosswalkService } from "../crosswalk/crosswalk.service";
import { SchemeLevelService } from "../crosswalk/scheme-level.service";

const OBJECT_ID = /^[0-9a-f]{24}$/;
const objectId = (key: string) => (OBJECT_ID.test(key) ? new Types.ObjectId(key) : null);

type Fetch = (ctx: Context, key: string) => Promise<object | null>;

/**
 * How each kind is read, with exactly the visibility of its typed lookup:
 * what a caller may not see answers null, as an unknown id does.
 */
const FETCH: Record<NodeKind, Fetch> = {
  Listing: (ctx, key) => new ToolService(ctx).byId(key),
  Organisation: (ctx, key) => ctx.loaders.organisation.load(key),
  Capability: (ctx, key) => new CapabilityService(ctx).byId(key),
  // Codes are upper case; `jurisdiction(code)` forgives case, an id does not need to.
  Jurisdiction: async (ctx, key) => (await ctx.loaders.jurisdictionIndex()).byCode.get(key) ?? null,
  Document: (ctx, key) => ctx.loaders.document.load(key),
  ClassificationScheme: (ctx, key) => ctx.loaders.classificationScheme.load(key),
  // As `listingHistory`: the listing's editors and reviewers.
  ListingRevision: async (ctx, key) => {
    const _id = objectId(key);
    const r = _id && (await ctx.models.ListingRevision.findOne({ _id }).lean());
    if (!r || !(await new ListingService(ctx).editable(r.slug))) return null;
    return toRevision(r);
  },
  // As `savedReport`: ADMIN and REVIEWER.
  SavedReport: async (ctx, key) => {
    const _id = objectId(key);
    return _id && canReview(ctx.viewer) ? ctx.models.SavedReport.findOne({ _id }).lean() : null;
  },
  // As `savedSearch`: its owner only.
  SavedSearch: async (ctx, key) => {
    const _id = objectId(key);
    if (!_id || ctx.viewer.kind !== "user" || !ctx.viewer.userId) return null;
    return ctx.models.SavedSearch.findOne({ _id, owner: new Types.ObjectId(ctx.viewer.userId) }).lean();
  },
  // As `shortlist`: its owner and those it is shared with.
  Shortlist: (ctx, key) =>
    ctx.viewer.kind === "user" ? new ShortlistService(ctx).readable(key) : Promise.resolve(null),
  // As `users` and `me`: ADMIN sees every user, a user themself.
  User: async (ctx, key) =>
    isAdmin(ctx.viewer) || (ctx.viewer.kind === "user" && ctx.viewer.userId === key)
      ? ctx.loaders.user.load(key)
      : null,
  // As `apiTokens` (ADMIN) and `revokeApiToken` (the owner): metadata only, never the hash.
  ApiToken: async (ctx, key) => {
    if (ctx.viewer.kind !== "user") return null;
    const t = await ctx.models.ApiToken.findOne({ tokenId: key }, { _id: 0 }).lean<ApiTokenMeta>();
    return t && (isAdmin(ctx.viewer) || t.user.toHexString() === ctx.viewer.userId) ? t : null;
  },
  // As `auditEvents`: ADMIN.
  AuditEvent: async (ctx, key) => {
    const _id = objectId(key);
    return _id && isAdmin(ctx.viewer) ? ctx.models.AuditEvent.findOne({ _id }).lean() : null;
  },
  // As `completenessRequests` (REVIEWER, ADMIN) and `myCompleteness` (the listing's organisation's vendors).
  CompletenessRequest: (ctx, key) => new CompletenessRequestService(ctx).byId(key),
  // As `schemeMappings`: approved and retired ones for all, pending and rejected ones for reviewers and admins.
  SchemeMapping: (ctx, key) => new CrosswalkService(ctx).byId(key),
  // As `schemeLevelChanges`: approved ones for all, pending and rejected ones for reviewers and admins.
  SchemeLevelChange: (ctx, key) => new SchemeLevelService(ctx).byId(key),
};

function parse(id: string, argument: string): { kind: NodeKind; key: string } {
  const parsed = parseGlobalId(id);
  if (!parsed) throw new BadUserInputError(argument, "is not an id this API issued");
  return parsed;
}

async function fetchNode(ctx: Context, { kind, key }: { kind: NodeKind; key: string }): Promise<object | null> {
  return asNode(kind, await FETCH[kind](ctx, key));
}

@Resolver()
export class NodeResolver {
  @Query(() => Node, {
    nullable: true,
    description:
      "The object with this global id; null when there is none you may see (a hidden listing answers as an unknown one does).",
  })
  node(
    @Arg("id", () => ID, { description: "A global id, as an object's `id` field gives it." }) id: string,
    @Ctx() ctx: Context,
  ): Promise<object | null> {
    return fetchNode(ctx, parse(id, "id"));
  }

  @Query(() => [Node], {
    nullable: "items",
    description: `The objects with these global ids, in the order asked (at most ${MAX_NODES}); null for each there is none you may see.`,
  })
  nodes(
    @Arg("ids", () => [ID], { description: "Global ids, as objects' `id` fields give them." }) ids: string[],
    @Ctx() ctx: Context,
  ): Promise<(object | null)[]> {
    if (ids.length > MAX_NODES) throw new BadUserInputError("ids", `at most ${MAX_NODES} ids, not ${ids.length}`);
    // Every id is checked before any is read: one that this API did not issue refuses the whole call.
    const parsed = ids.map((id, i) => parse(id, `ids[${i}]`));
    return Promise.all(parsed.map((p) => fetchNode(ctx, p)));
  }
}
