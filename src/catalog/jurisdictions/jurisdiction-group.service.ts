import { Types } from "mongoose";
import type { UserErrorData } from "../../accounts/account.service";
import { AuditOutcome } from "../../audit/audit.model";
import { AuditService } from "../../audit/audit.service";
import type { Context } from "../../context";
import { JurisdictionKind } from "../enums";
import { isCountryCode } from "./countries";
import type { JurisdictionDoc } from "./jurisdiction.model";
import { bumpCatalogueRevision } from "../snapshot";

const GROUP_CODE = /^[A-Z][A-Z0-9_]{2,39}$/;

export interface GroupResult {
  jurisdiction: JurisdictionDoc | null;
  userErrors: UserErrorData[];
}

/** Jurisdiction groups (ADMIN): create one, or set its name and members. Countries themselves are fixed. */
export class JurisdictionGroupService {
  private readonly audit: AuditService;

  constructor(private readonly ctx: Context) {
    this.audit = new AuditService(ctx);
  }

  async create(code: string, name: string, members: string[]): Promise<GroupResult> {
    const errors = this.check(name, members);
    if (!GROUP_CODE.test(code))
      errors.push({
        field: ["code"],
        message: "must be 3 to 40 upper-case letters, digits or underscores",
        code: "INVALID",
      });
    else if (await this.ctx.models.Jurisdiction.exists({ code }))
      errors.push({ field: ["code"], message: "this code is taken", code: "DUPLICATE" });
    if (errors.length) return this.invalid("createJurisdictionGroup", code, errors);
    const _id = new Types.ObjectId();
    const sorted = [...new Set(members)].sort();
    await this.ctx.models.Jurisdiction.create([
      { _id, code, name: name.trim(), kind: JurisdictionKind.GROUP, members: sorted, sources: [] },
    ]);
    await this.audit.recordOrUndo(
      {
        operation: "createJurisdictionGroup",
        target: `jurisdiction:${code}`,
        outcome: AuditOutcome.ACCEPTED,
        changes: { name: [null, name.trim()], members: [null, sorted] },
      },
      () => this.ctx.models.Jurisdiction.deleteOne({ _id }),
    );
    await bumpCatalogueRevision(this.ctx.models);
    return {
      jurisdiction: await this.ctx.models.Jurisdiction.findOne({ _id }).lean<JurisdictionDoc>(),
      userErrors: [],
    };
  }

  async update(
    code: string,
    name: string | null | undefined,
    members: string[] | null | undefined,
  ): Promise<GroupResult> {
    const g = await this.ctx.models.Jurisdiction.findOne({ code: String(code) }).lean<JurisdictionDoc>();
    if (!g || g.kind !== JurisdictionKind.GROUP) {
      return this.invalid("updateJurisdictionGroup", code, [
        { field: ["code"], message: "no such group", code: "NOT_FOUND" },
      ]);
    }
    const errors = this.check(name ?? g.name, members ?? g.members);
    if (errors.length) return this.invalid("updateJurisdictionGroup", code, errors);
    const set = {
      ...(name != null && { name: name.trim() }),
      ...(members != null && { members: [...new Set(members)].sort() }),
    };
    await this.ctx.models.Jurisdiction.updateOne({ _id: g._id }, { $set: set });
    await this.audit.record({
      operation: "updateJurisdictionGroup",
      target: `jurisdiction:${code}`,
      outcome: AuditOutcome.ACCEPTED,
      changes: Object.fromEntries(Object.entries(set).map(([k, v]) => [k, [g[k as "name" | "members"], v]])),
    });
    await bumpCatalogueRevision(this.ctx.models);
    return {
      jurisdiction: await this.ctx.models.Jurisdiction.findOne({ _id: g._id }).lean<JurisdictionDoc>(),
      userErrors: [],
    };
  }

  private check(name: string, members: string[]): UserErrorData[] {
    const errors: UserErrorData[] = [];
    if (!name.trim() || name.length > 200)
      errors.push({ field: ["name"], message: "must be 1 to 200 characters", code: "INVALID" });
    if (!members.length || members.length > 300)
      errors.push({ field: ["members"], message: "must list 1 to 300 countries", code: "INVALID" });
    const unknown = members.filter((m) => !isCountryCode(m));
    if (unknown.length)
      errors.push({
        field: ["members"],
        message: `not country codes: ${unknown.map((m) => JSON.stringify(m)).join(", ")}`,
        code: "NOT_FOUND",
      });
    return errors;
  }

  private async invalid(operation: string, code: string, userErrors: UserErrorData[]): Promise<GroupResult> {
    await this.audit.record({
      operation,
      target: `jurisdiction:${String(code).slice(0, 40)}`,
      outcome: AuditOutcome.INVALID,
      reason: userErrors.map((e) => e.message).join("; "),
    });
    return { jurisdiction: null, userErrors };
  }
}
