import { BadUserInputError } from "../common/errors";
import { renamed } from "../common/validation";
import { NODE_ID } from "../node/node.type";
import { globalId, keyOf } from "../node/global-id";
import { IsOptional } from "class-validator";
import {
  Arg,
  Args,
  ArgsType,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from "type-graphql";
import { Role } from "../accounts/roles";
import { User } from "../accounts/account.type";
import { PageArgs } from "../catalog/tools/tool.input";
import { toConnection } from "../common/connection.type";
import type { Context } from "../context";
import { DuplicationReportInput, GapReportInput } from "./report.input";
import { ReportKind, SavedReportDoc } from "./saved-report.model";
import { SavedReportService } from "./saved-report.service";
import { GapReportComparison, SavedReport, SavedReportConnection, SavedReportPayload } from "./saved-report.type";
import { ReportParameters } from "./report.type";

const NAME = { description: "A name for the saved report (1 to 200 characters)." };

@ArgsType()
class SavedReportsArgs extends PageArgs {
  @Field(() => ReportKind, { nullable: true, description: "Only reports of this kind; default both." })
  @IsOptional()
  kind?: ReportKind;
}

@Resolver(() => SavedReport)
export class SavedReportResolver {
  @Authorized(Role.ADMIN, Role.REVIEWER)
  @Mutation(() => SavedReportPayload, { description: "Compute a gap report and save it (ADMIN, REVIEWER)." })
  saveGapReport(
    @Arg("input", () => GapReportInput, { description: "The report's scope, as gapReport takes it." })
    input: GapReportInput,
    @Arg("name", () => String, NAME) name: string,
    @Ctx() ctx: Context,
  ) {
    return new SavedReportService(ctx).saveGap(input, name);
  }

  @Authorized(Role.ADMIN, Role.REVIEWER)
  @Mutation(() => SavedReportPayload, { description: "Compute a duplication report and save it (ADMIN, REVIEWER)." })
  saveDuplicationReport(
    @Arg("input", () => DuplicationReportInput, {
      nullable: true,
      description: "The report's scope, as duplicationReport takes it; omitted, the defaults.",
    })
    input: DuplicationReportInput | null,
    @Arg("name", () => String, NAME) name: string,
    @Ctx() ctx: Context,
  ) {
    return new SavedReportService(ctx).saveDuplication(input ?? new DuplicationReportInput(), name);
  }

  @Authorized(Role.ADMIN, Role.REVIEWER)
  @Query(() => SavedReportConnection, { description: "Saved reports, newest first (ADMIN, REVIEWER)." })
  async savedReports(@Args(() => SavedReportsArgs) args: SavedReportsArgs, @Ctx() ctx: Context) {
    return toConnection(await new SavedReportService(ctx).list(args.kind, args.first, args.after));
  }

  @Authorized(Role.ADMIN, Role.REVIEWER)
  @Query(() => SavedReport, {
    nullable: true,
    description: "A saved report by id (ADMIN, REVIEWER); null when there is none. A malformed id is BAD_USER_INPUT.",
  })
  savedReport(@Arg("id", () => ID, { description: "The saved report's id." }) id: string, @Ctx() ctx: Context) {
    return new SavedReportService(ctx).get(keyOf("SavedReport", id.slice(0, 200), "id"));
  }

  @Authorized(Role.ADMIN, Role.REVIEWER)
  @Query(() => GapReportComparison, {
    description:
      "Gaps closed and opened from one saved gap report to another (ADMIN, REVIEWER). An id that is not a saved gap report is BAD_USER_INPUT.",
  })
  compareGapReports(
    @Arg("earlier", () => ID, { nullable: true, description: "The saved gap report to compare from (required)." })
    earlier: string | null,
    @Arg("later", () => ID, { nullable: true, description: "The saved gap report to compare with it (required)." })
    later: string | null,
    @Arg("before", () => ID, {
      nullable: true,
      description: "The same as `earlier`, under its old name.",
      deprecationReason: "Use `earlier`: `before` reads as a paging cursor.",
    })
    before: string | null,
    @Arg("after", () => ID, {
      nullable: true,
      description: "The same as `later`, under its old name.",
      deprecationReason: "Use `later`: `after` reads as a paging cursor.",
    })
    after: string | null,
    @Ctx() ctx: Context,
  ) {
    // Errors name the argument as the caller gave it.
    const from = earlier != null || before == null ? "earlier" : "before";
    const to = later != null || after == null ? "later" : "after";
    const a = renamed("earlier", earlier, "before", before);
    const b = renamed("later", later, "after", after);
    if (a == null) throw new BadUserInputError("earlier", "is required: the saved gap report to compare from");
    if (b == null) throw new BadUserInputError("later", "is required: the saved gap report to compare with it");
    return new SavedReportService(ctx).compare(
      keyOf("SavedReport", a.slice(0, 200), from),
      keyOf("SavedReport", b.slice(0, 200), to),
      [from, to],
    );
  }

  @FieldResolver(() => ID, NODE_ID)
  id(@Root() r: SavedReportDoc): string {
    return globalId("SavedReport", r._id.toHexString());
  }

  @FieldResolver(() => ReportParameters)
  input(@Root() r: SavedReportDoc): unknown {
    // Reports saved before the scope took every search filter have none of the later fields: none were applied.
    const added = { deployment: [], standards: [], organisations: [], organisationTypes: [], status: [] };
    const stored = JSON.parse(r.input) as { minTools?: number | null; minListings?: number | null };
    // Gap reports saved before minTools was renamed minListings.
    if (stored.minListings === undefined && stored.minTools != null) stored.minListings = stored.minTools;
    return { ...added, ...stored };
  }

  @FieldResolver(() => Int)
  gapCount(@Root() r: SavedReportDoc): number {
    return r.gapKeys.length;
  }

  @FieldResolver(() => Int)
  singlePointOfFailureCount(@Root() r: SavedReportDoc): number {
    return r.singlePointKeys.length;
  }

  @FieldResolver(() => String)
  async body(@Root() r: SavedReportDoc, @Ctx() ctx: Context): Promise<string> {
    if (typeof r.body === "string") return r.body;
    const full = await ctx.models.SavedReport.findOne({ _id: r._id }, { body: 1 }).lean();
    return full?.body ?? "";
  }

  @FieldResolver(() => User, { nullable: true })
  createdBy(@Root() r: SavedReportDoc, @Ctx() ctx: Context) {
    return ctx.loaders.user.load(r.createdBy);
  }
}
