import { Args, Ctx, Query, Resolver } from "type-graphql";
import { toConnection } from "../common/connection.type";
import type { Context } from "../context";
import {
  CompletenessReportArgs,
  CompletenessReportInput,
  DEFAULT_THRESHOLD,
  DuplicationReportArgs,
  DuplicationReportInput,
  GapReportArgs,
  StaleListingsArgs,
} from "./report.input";
import { CompletenessReportView, DuplicationReportView, GapReportView, ReportService } from "./report.service";
import { CompletenessReport } from "./completeness.type";
import { DuplicationReport, GapReport, StaleListingGroupConnection } from "./report.type";

@Resolver()
export class ReportResolver {
  @Query(() => GapReport, {
    description:
      "The capability × jurisdiction matrix for a scope. A cell counts the distinct published listings you may see with a capability in its row's subtree, available or in use in its column, that satisfy every other input, and their distinct organisations; under minListings it is a gap; all from one known organisation, a single point of failure. Beside them, each cell counts the listings in scope whose availability there or whose offers are not stated (unknownCount) and those stated unavailable or restricted there (unavailableCount), and says whether the unknowns could close a gap (state).",
  })
  gapReport(@Args(() => GapReportArgs) { input }: GapReportArgs, @Ctx() ctx: Context): Promise<GapReportView> {
    return new ReportService(ctx).gap(input);
  }

  @Query(() => DuplicationReport, {
    description:
      "Crowded capabilities, clusters of overlapping listings, and likely duplicate listings, among the published listings you may see in a scope.",
  })
  duplicationReport(
    @Args(() => DuplicationReportArgs) { input }: DuplicationReportArgs,
    @Ctx() ctx: Context,
  ): Promise<DuplicationReportView> {
    return new ReportService(ctx).duplication(
      input ?? Object.assign(new DuplicationReportInput(), { threshold: DEFAULT_THRESHOLD, minClusterSize: 2 }),
    );
  }

  @Query(() => CompletenessReport, {
    description:
      "Which of the fields the reports rely on (availability, offers, licence model, media types, deployment, owner, last verification) the published listings you may see in a scope leave unknown, per listing, per organisation and overall; and who to ask first: organisations ranked by the POSSIBLE_GAP cells of a gap report (by default, this scope's) that hang on their unknown listings. A listing you may not see is neither counted nor named, here or in the gap cells.",
  })
  completenessReport(
    @Args(() => CompletenessReportArgs) { input }: CompletenessReportArgs,
    @Ctx() ctx: Context,
  ): Promise<CompletenessReportView> {
    return new ReportService(ctx).completeness(input ?? new CompletenessReportInput());
  }

  @Query(() => StaleListingGroupConnection, {
    description:
      "Published listings you may see that were not verified within the period (or never), grouped by organisation, the group with the oldest listing first. Cursors are tied to the catalogue revision.",
  })
  async staleListings(@Args(() => StaleListingsArgs) args: StaleListingsArgs, @Ctx() ctx: Context) {
    return toConnection(await new ReportService(ctx).stale(args.olderThanDays, args.first, args.after));
  }
}
