import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { Role } from "../accounts/roles";
import type { ToolDoc } from "../catalog/tools/tool.model";
import { Tool } from "../catalog/tools/tool.type";
import { ToolService } from "../catalog/tools/tool.service";
import type { Context } from "../context";
import { globalId, keyOf } from "../node/global-id";
import { NODE_ID } from "../node/node.type";
import { CompletenessField } from "../reports/completeness";
import { CompletenessReportArgs, CompletenessReportInput } from "../reports/report.input";
import type { CompletenessRequestDoc } from "./completeness-request.model";
import { CompletenessRequestService, CompletenessRequestState } from "./completeness-request.service";
import { CompletenessRequest, CompletenessRequestPayload, VendorCompleteness } from "./completeness-request.type";
import { VendorCompletenessService, VendorCompletenessView } from "./vendor-completeness.service";

@Resolver(() => CompletenessRequest)
export class CompletenessResolver {
  @Authorized(Role.VENDOR)
  @Query(() => VendorCompleteness, {
    description:
      "Your organisation's part of the completeness report (VENDOR bound to an organisation): its listings in scope, their unknown fields, the POSSIBLE_GAP cells that hang on them, and the open requests to fill them in. The input is completenessReport's; the gap cells count every listing you may see.",
  })
  myCompleteness(
    @Args(() => CompletenessReportArgs) { input }: CompletenessReportArgs,
    @Ctx() ctx: Context,
  ): Promise<VendorCompletenessView> {
    return new VendorCompletenessService(ctx).mine(input ?? new CompletenessReportInput());
  }

  @Authorized(Role.REVIEWER, Role.ADMIN)
  @Query(() => [CompletenessRequest], {
    description: "Completeness requests in a state, newest first, at most 200 (REVIEWER, ADMIN).",
  })
  completenessRequests(
    @Arg("state", () => CompletenessRequestState, {
      defaultValue: CompletenessRequestState.OPEN,
      description: "Which requests: OPEN (the default), FULFILLED or WITHDRAWN.",
    })
    state: CompletenessRequestState,
    @Ctx() ctx: Context,
  ): Promise<CompletenessRequestDoc[]> {
    return new CompletenessRequestService(ctx).list(state);
  }

  @Authorized(Role.REVIEWER, Role.ADMIN)
  @Mutation(() => CompletenessRequestPayload, {
    description:
      "Ask a published listing's organisation to state fields the catalogue does not know (REVIEWER, ADMIN). Its vendors see the request until the published listing states every field asked for, or it is withdrawn. Refused with a user error: a listing you may not see, one without a known organisation, no field, a field already stated, a field an open request already asks for, a bad note.",
  })
  requestCompleteness(
    @Arg("slug", () => String, { description: "The listing's slug." }) slug: string,
    @Arg("fields", () => [CompletenessField], {
      description: "The unknown fields to state (1 to 7; repeats count once).",
    })
    fields: CompletenessField[],
    @Arg("note", () => String, {
      nullable: true,
      description: "What to tell the organisation, at most 1000 characters.",
    })
    note: string | null,
    @Ctx() ctx: Context,
  ) {
    return new CompletenessRequestService(ctx).request(slug.slice(0, 200), fields, note || null);
  }

  @Authorized(Role.REVIEWER, Role.ADMIN)
  @Mutation(() => CompletenessRequestPayload, {
    description: "Withdraw a completeness request (REVIEWER, ADMIN): its organisation no longer sees it.",
  })
  withdrawCompletenessRequest(
    @Arg("id", () => ID, { description: "The request's id." }) id: string,
    @Ctx() ctx: Context,
  ) {
    return new CompletenessRequestService(ctx).withdraw(keyOf("CompletenessRequest", id.slice(0, 200), "id"));
  }

  @FieldResolver(() => ID, NODE_ID)
  id(@Root() r: CompletenessRequestDoc): string {
    return globalId("CompletenessRequest", r._id.toHexString());
  }

  @FieldResolver(() => Tool, {
    nullable: true,
    description: "The listing asked about, as you may see it now; null when it is no longer published.",
  })
  listing(@Root() r: CompletenessRequestDoc, @Ctx() ctx: Context): Promise<ToolDoc | null> {
    return new ToolService(ctx).byId(r.listing.toHexString());
  }

  @FieldResolver(() => CompletenessRequestState, { description: "OPEN, FULFILLED or WITHDRAWN." })
  async state(@Root() r: CompletenessRequestDoc, @Ctx() ctx: Context): Promise<CompletenessRequestState> {
    const s = new CompletenessRequestService(ctx);
    return s.stateOf(r, await s.listingOf(r));
  }

  @FieldResolver(() => [CompletenessField], {
    description: "Of the fields asked for, those the published listing still leaves unknown.",
  })
  async stillUnknownFields(@Root() r: CompletenessRequestDoc, @Ctx() ctx: Context): Promise<CompletenessField[]> {
    const s = new CompletenessRequestService(ctx);
    return s.stillUnknown(r, await s.listingOf(r));
  }
}
