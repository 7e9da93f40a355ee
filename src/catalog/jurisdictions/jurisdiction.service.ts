import { BadUserInputError } from "../../common/errors";
import type { Context } from "../../context";
import { JurisdictionKind } from "../enums";
import type { JurisdictionDoc } from "./jurisdiction.model";

/** Reads jurisdictions and expands group codes to their member countries. */
export class JurisdictionService {
  constructor(private readonly ctx: Context) {}

  async list(kind?: JurisdictionKind | null): Promise<JurisdictionDoc[]> {
    const { all } = await this.ctx.loaders.jurisdictionIndex();
    return kind ? all.filter((j) => j.kind === kind) : all;
  }

  async get(code: string): Promise<JurisdictionDoc | null> {
    const { byCode } = await this.ctx.loaders.jurisdictionIndex();
    return byCode.get(code.toUpperCase()) ?? null;
  }

  /**
   * Country codes covered by the given country and group codes. An unknown
   * code is BAD_USER_INPUT on `argument`, naming every unknown code.
   */
  async expand(codes: string[], argument: string): Promise<Set<string>> {
    const { byCode } = await this.ctx.loaders.jurisdictionIndex();
    const unknown = codes.filter((c) => !byCode.has(c.toUpperCase()));
    if (unknown.length) {
      throw new BadUserInputError(
        argument,
        `unknown jurisdiction code(s): ${unknown.map((c) => JSON.stringify(c)).join(", ")}`,
      );
    }
    const out = new Set<string>();
    for (const c of codes) {
      const j = byCode.get(c.toUpperCase());
      if (!j) continue;
      if (j.kind === JurisdictionKind.GROUP) j.members.forEach((m) => out.add(m));
      else out.add(j.code);
    }
    return out;
  }

  /** The groups a country belongs to. */
  async groupsOf(code: string): Promise<JurisdictionDoc[]> {
    const { all } = await this.ctx.loaders.jurisdictionIndex();
    return all.filter((j) => j.kind === JurisdictionKind.GROUP && j.members.includes(code));
  }
}
