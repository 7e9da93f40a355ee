import { Types } from "mongoose";
import { AuditOutcome } from "../audit/audit.model";
import { AuditService } from "../audit/audit.service";
import { BadUserInputError } from "../common/errors";
import { Page, paginate, queryFingerprint } from "../common/pagination";
import type { Context } from "../context";
import type { UserErrorData } from "../accounts/account.service";
import { cellKey, compareGapKeys } from "./compare";
import { duplicationReportJson, gapReportJson } from "./report.export";
import type { DuplicationReportInput, GapReportInput } from "./report.input";
import { ReportService } from "./report.service";
import { ReportKind, SavedReportDoc } from "./saved-report.model";

/** Larger bodies are refused rather than risk the 16 MB document limit. */
const MAX_BODY = 12 * 1024 * 1024;

/**
 * Saving, listing and comparing report snapshots. Saved reports were
 * computed with the saver's visibility, so only reviewers and admins (who see
 * every listing) may save or read them; the resolver enforces that.
 */
export class SavedReportService {
  constructor(private readonly ctx: Context) {}

  async saveGap(input: GapReportInput, name: string) {
    const view = await new ReportService(this.ctx).gap(input);
    const body = gapReportJson(view);
    return this.save(ReportKind.GAP, name, body.input, view.catalogueRevision, body, {
      coverage: view.coverage,
      possibleCoverage: view.possibleCoverage,
      gapKeys: body.gaps.map(cellKey),
      singlePointKeys: body.singlePointsOfFailure.map(cellKey),
    });
  }

  async saveDuplication(input: DuplicationReportInput, name: string) {
    const view = await new ReportService(this.ctx).duplication(input);
    const body = duplicationReportJson(view);
    return this.save(ReportKind.DUPLICATION, name, body.input, view.catalogueRevision, body, {
      coverage: null,
      possibleCoverage: null,
      gapKeys: [],
      singlePointKeys: [],
    });
  }

  private async save(
    kind: ReportKind,
    name: string,
    input: unknown,
    revision: string,
    json: unknown,
    extra: Pick<SavedReportDoc, "coverage" | "possibleCoverage" | "gapKeys" | "singlePointKeys">,
  ): Promise<{ savedReport: SavedReportDoc | null; userErrors: UserErrorData[] }> {
    const audit = new AuditService(this.ctx);
    const operation = kind === ReportKind.GAP ? "saveGapReport" : "saveDuplicationReport";
    const trimmed = name.trim();
    const body = JSON.stringify(json);
    const problem = !trimmed
      ? { field: ["name"], message: "must not be empty", code: "INVALID" as const }
      : trimmed.length > 200
        ? { field: ["name"], message: "must be at most 200 characters", code: "INVALID" as const }
        : body.length > MAX_BODY
          ? { field: ["input"], message: "the report is too large to save; narrow its scope", code: "INVALID" as const }
          : null;
    if (problem) {
      await audit.record({ operation, target: null, outcome: AuditOutcome.INVALID, reason: problem.message });
      return { savedReport: null, userErrors: [problem] };
    }
    const _id = new Types.ObjectId();
    await this.ctx.models.SavedReport.create([
      {
        _id,
        kind,
        name: trimmed,
        input: JSON.stringify(input),
        catalogueRevision: revision,
        createdBy: this.ctx.viewer.userId ?? "system",
        body,
        ...extra,
      },
    ]);
    await audit.recordOrUndo(
      {
        operation,
        target: `report:${_id.toHexString()}`,
        outcome: AuditOutcome.ACCEPTED,
        changes: { name: [null, trimmed], catalogueRevision: [null, revision] },
      },
      () => this.ctx.models.SavedReport.deleteOne({ _id }),
    );
    return { savedReport: await this.ctx.models.SavedReport.findOne({ _id }).lean<SavedReportDoc>(), userErrors: [] };
  }

  async list(
    kind: ReportKind | null | undefined,
    first: number,
    after: string | null | undefined,
  ): Promise<Page<SavedReportDoc>> {
    const all = await this.ctx.models.SavedReport.find(kind ? { kind } : {}, { body: 0 }).lean<SavedReportDoc[]>();
    all.sort(
      (a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a._id.toHexString() < b._id.toHexString() ? 1 : -1),
    );
    return paginate(
      all,
      (r) => [-r.createdAt.getTime(), r._id.toHexString()],
      queryFingerprint({ saved: kind ?? null }),
      first,
      after,
    );
  }

  async get(id: string, argument = "id"): Promise<SavedReportDoc | null> {
    if (!Types.ObjectId.isValid(id) || String(new Types.ObjectId(id)) !== id) {
      throw new BadUserInputError(argument, "is not a saved report id");
    }
    return this.ctx.models.SavedReport.findOne({ _id: new Types.ObjectId(id) }).lean<SavedReportDoc>();
  }

  /** `names`: the arguments the two ids came in, for the errors. */
  async compare(beforeId: string, afterId: string, names: [string, string] = ["earlier", "later"]) {
    const [before, after] = await Promise.all([this.get(beforeId, names[0]), this.get(afterId, names[1])]);
    for (const [r, arg] of [
      [before, names[0]],
      [after, names[1]],
    ] as const) {
      if (!r) throw new BadUserInputError(arg, "no saved report with this id");
      if (r.kind !== ReportKind.GAP) throw new BadUserInputError(arg, "is not a gap report");
    }
    if (!before || !after) throw new BadUserInputError(names[0], "no saved report with this id");
    const diff = compareGapKeys(
      { gaps: before.gapKeys, singlePoints: before.singlePointKeys },
      { gaps: after.gapKeys, singlePoints: after.singlePointKeys },
    );
    return {
      before,
      after,
      sameInput: before.input === after.input,
      coverageChange: (after.coverage ?? 0) - (before.coverage ?? 0),
      ...diff,
    };
  }
}
