import mongoose, { Types } from "mongoose";
import type { UserErrorData } from "../accounts/account.service";
import { AuditOutcome } from "../audit/audit.model";
import type {
  ClassificationSchemeDoc,
  SchemeLevelDoc,
} from "../catalog/classification-schemes/classification-scheme.model";
import type { SourceDoc } from "../catalog/documents/document.model";
import { JurisdictionKind } from "../catalog/enums";
import type { JurisdictionDoc } from "../catalog/jurisdictions/jurisdiction.model";
import { servedBy } from "../catalog/tools/tool.derive";
import { visibleListings } from "../catalog/visibility";
import { BadUserInputError } from "../common/errors";
import { isPlainText } from "../common/validation";
import type { Context } from "../context";
import { canReview } from "../listings/rights";
import { actorOf, canDecide, Curation, reasonText, reviewTarget } from "./curation";
import {
  crosswalkMatrix,
  levelKey,
  LevelRef,
  MappingEdge,
  MappingRelation,
  mappingProblems,
  MAX_HOPS,
  reachableSchemes,
  translate,
} from "./crosswalk";
import { SCHEME_MAPPING_LIMITS, SchemeMappingDoc, SchemeMappingStatus } from "./scheme-mapping.model";

/** At most this many schemes side by side in one crosswalk: their levels are both its rows and its columns. */
export const MAX_CROSSWALK_SCHEMES = 6;
/** At most this many jurisdictions in one gaps question. */
export const MAX_GAP_JURISDICTIONS = 50;
/** The most mappings one `schemeMappings` call lists. */
export const MAX_MAPPINGS_LISTED = 100;

export interface LevelView {
  scheme: ClassificationSchemeDoc;
  level: SchemeLevelDoc;
}

export interface TranslationView {
  scheme: ClassificationSchemeDoc;
  level: SchemeLevelDoc;
  relation: MappingRelation;
  note: string;
  sources: SourceDoc[];
  path: { from: LevelView; to: LevelView; relation: MappingRelation; mapping: SchemeMappingDoc }[];
}

export interface SchemePairView {
  from: ClassificationSchemeDoc;
  to: ClassificationSchemeDoc;
  mappingCount: number;
  translatable: boolean;
}

export interface CrosswalkView {
  schemes: ClassificationSchemeDoc[];
  levels: LevelView[];
  cells: { row: LevelView; column: LevelView; relation: MappingRelation; mappingIds: string[] }[];
  pairs: SchemePairView[];
  unmappedLevels: LevelView[];
}

export interface CrosswalkGapsView {
  unmappedPairs: SchemePairView[];
  unmappedLevels: LevelView[];
  schemesWithoutLevels: ClassificationSchemeDoc[];
  jurisdictions: {
    jurisdiction: JurisdictionDoc;
    schemes: ClassificationSchemeDoc[];
    untranslatablePairs: SchemePairView[];
  }[];
}

export interface ProposeSchemeMappingData {
  fromScheme: string;
  fromLevel: string;
  toScheme: string;
  toLevel: string;
  relation: MappingRelation;
  note: string;
  sources: { document?: string | null; url?: string | null; locator: string; unverified?: boolean | null }[];
}

export interface SchemeMappingResult {
  mapping: SchemeMappingDoc | null;
  userErrors: UserErrorData[];
}

const byRank = (a: SchemeLevelDoc, b: SchemeLevelDoc) => a.rank - b.rank || a.code.localeCompare(b.code);
const targetOf = (id: string) => reviewTarget("SchemeMapping", id);
/** The subject a mapping's history is filed under. */
export const subjectOf = (m: Pick<SchemeMappingDoc, "_id">) => `SchemeMapping:${m._id.toHexString()}`;
const toEdge = (m: SchemeMappingDoc): MappingEdge => ({
  id: m._id.toHexString(),
  from: { scheme: m.fromScheme, level: m.fromLevel },
  to: { scheme: m.toScheme, level: m.toLevel },
  relation: m.relation,
});

/**
 * Translation between classification schemes: reads over the schemes of the
 * catalogue snapshot and the approved mappings, and the review of mappings
 * (propose, approve by another reviewer, reject, retire), each change
 * audited. Only approved mappings ever translate.
 */
export class CrosswalkService {
  private readonly curation: Curation;

  constructor(private readonly ctx: Context) {
    this.curation = new Curation(ctx);
  }

  /** Schemes by slug, from the catalogue snapshot. */
  async schemes(): Promise<Map<string, ClassificationSchemeDoc>> {
    const { classificationSchemeById } = await this.ctx.catalogue();
    return new Map([...classificationSchemeById.values()].map((s) => [s.slug, s]));
  }

  /** The scheme and level a mapping end names, or null when either is gone. */
  async levelView(ref: LevelRef): Promise<LevelView | null> {
    const scheme = (await this.schemes()).get(ref.scheme);
    const level = scheme?.levels.find((l) => l.code === ref.level);
    return scheme && level ? { scheme, level } : null;
  }

  private async approved(): Promise<SchemeMappingDoc[]> {
    return this.ctx.models.SchemeMapping.find({ status: SchemeMappingStatus.APPROVED })
      .sort({ _id: 1 })
      .lean<SchemeMappingDoc[]>();
  }

  private scheme(schemes: Map<string, ClassificationSchemeDoc>, slug: string, argument: string) {
    const s = schemes.get(slug);
    if (!s) throw new BadUserInputError(argument, `no classification scheme "${slug}"`);
    return s;
  }

  /**
   * The levels of `to` that a level of `scheme` translates to, strongest
   * first within the target's own order. Several hops only when asked.
   */
  async translate(scheme: string, level: string, to: string, maxHops: number): Promise<TranslationView[]> {
    if (!Number.isInteger(maxHops) || maxHops < 1 || maxHops > MAX_HOPS)
      throw new BadUserInputError("maxHops", `must be 1 to ${MAX_HOPS}`);
    const schemes = await this.schemes();
    const from = this.scheme(schemes, scheme, "scheme");
    if (!from.levels.some((l) => l.code === level))
      throw new BadUserInputError(
        "level",
        `scheme "${scheme}" has no level "${level}"${from.levels.length ? `; its levels are ${from.levels.map((l) => l.code).join(", ")}` : "; no source read gives its levels"}`,
      );
    const target = this.scheme(schemes, to, "to");
    if (target.slug === from.slug) throw new BadUserInputError("to", "is the scheme translated from");
    const mappings = await this.approved();
    const byId = new Map(mappings.map((m) => [m._id.toHexString(), m]));
    const rankOf = new Map(target.levels.map((l, i) => [l.code, i]));
    const found = translate(
      mappings.map(toEdge),
      { scheme, level },
      to,
      maxHops,
      (a, b) => (rankOf.get(a.level) ?? 0) - (rankOf.get(b.level) ?? 0),
    );
    const view = (ref: LevelRef): LevelView | null => {
      const s = schemes.get(ref.scheme);
      const l = s?.levels.find((x) => x.code === ref.level);
      return s && l ? { scheme: s, level: l } : null;
    };
    const out: TranslationView[] = [];
    for (const t of found) {
      const end = view(t.level);
      const path = t.path.map((step) => {
        const mapping = byId.get(step.mappingId);
        const a = view(step.from);
        const b = view(step.to);
        return mapping && a && b ? { from: a, to: b, relation: step.relation, mapping } : null;
      });
      // A mapping whose level has since left its scheme cannot carry a translation.
      if (!end || path.some((p) => p === null)) continue;
      const steps = path.filter((p): p is NonNullable<typeof p> => p !== null);
      const seen = new Set<string>();
      const sources = steps
        .flatMap((s) => s.mapping.sources)
        .filter((s) => {
          const k = `${s.document?.toHexString() ?? s.url}|${s.locator}`;
          if (seen.has(k)) return false;
          seen.add(k);
          return true;
        });
      out.push({
        scheme: end.scheme,
        level: end.level,
        relation: t.relation,
        note: steps.map((s) => s.mapping.note).join(" / "),
        sources,
        path: steps,
      });
    }
    return out;
  }

  /** The level × level matrix of two to MAX_CROSSWALK_SCHEMES distinct schemes. */
  async crosswalk(slugs: string[]): Promise<CrosswalkView> {
    if (new Set(slugs).size !== slugs.length) throw new BadUserInputError("schemes", "names a scheme twice");
    if (slugs.length < 2 || slugs.length > MAX_CROSSWALK_SCHEMES)
      throw new BadUserInputError("schemes", `give 2 to ${MAX_CROSSWALK_SCHEMES} schemes, not ${slugs.length}`);
    const all = await this.schemes();
    const schemes = slugs.map((s, i) => this.scheme(all, s, `schemes[${i}]`));
    const edges = (await this.approved()).map(toEdge);
    const m = crosswalkMatrix(
      schemes.map((s) => ({ slug: s.slug, levels: [...s.levels].sort(byRank).map((l) => l.code) })),
      edges,
    );
    const reachable = reachableSchemes(edges);
    const view = this.viewer(all);
    return {
      schemes,
      levels: m.levels.map(view),
      cells: m.cells.map((c) => ({
        row: view(c.row),
        column: view(c.column),
        relation: c.relation,
        mappingIds: c.mappingIds,
      })),
      pairs: m.pairs.map((p) => this.pair(all, p.from, p.to, p.mappingCount, reachable)),
      unmappedLevels: m.unmappedLevels.map(view),
    };
  }

  /**
   * Where translation fails: scheme pairs with no direct mapping, levels
   * with none, schemes without levels, and for each jurisdiction (a group
   * counts its members) the schemes in use there and which pairs of them no
   * chain of mappings links.
   */
  async gaps(codes: string[] | null | undefined): Promise<CrosswalkGapsView> {
    const given = codes ?? [];
    if (given.length > MAX_GAP_JURISDICTIONS)
      throw new BadUserInputError("jurisdictions", `at most ${MAX_GAP_JURISDICTIONS} codes`);
    const { byCode } = await this.ctx.loaders.jurisdictionIndex();
    const jurisdictions = given.map((c, i) => {
      const j = byCode.get(c.trim().toUpperCase());
      if (!j) throw new BadUserInputError(`jurisdictions[${i}]`, `no country or group "${c}"`);
      return j;
    });
    const all = await this.schemes();
    const ordered = [...all.values()].sort((a, b) => a.name.localeCompare(b.name) || a.slug.localeCompare(b.slug));
    const edges = (await this.approved()).map(toEdge);
    const reachable = reachableSchemes(edges);
    const direct = (a: string, b: string) =>
      edges.filter((e) => (e.from.scheme === a && e.to.scheme === b) || (e.from.scheme === b && e.to.scheme === a))
        .length;
    const pairsOf = (list: ClassificationSchemeDoc[]) =>
      list.flatMap((a, i) =>
        list.slice(i + 1).map((b) => this.pair(all, a.slug, b.slug, direct(a.slug, b.slug), reachable)),
      );
    const mapped = new Set(edges.flatMap((e) => [levelKey(e.from), levelKey(e.to)]));
    const view = this.viewer(all);

    const { listings, classificationSchemeById: schemeById } = await this.ctx.catalogue();
    const visible = visibleListings(this.ctx.viewer, listings);
    return {
      unmappedPairs: pairsOf(ordered).filter((p) => p.mappingCount === 0),
      unmappedLevels: ordered.flatMap((s) =>
        [...s.levels]
          .sort(byRank)
          .filter((l) => !mapped.has(levelKey({ scheme: s.slug, level: l.code })))
          .map((l) => view({ scheme: s.slug, level: l.code })),
      ),
      schemesWithoutLevels: ordered.filter((s) => s.levels.length === 0),
      jurisdictions: jurisdictions.map((j) => {
        const countries = new Set(j.kind === JurisdictionKind.GROUP ? j.members : [j.code]);
        const inUse = new Set<string>();
        for (const s of ordered) if (s.jurisdictions.some((c) => countries.has(c))) inUse.add(s.slug);
        for (const t of visible) {
          if (!t.classificationSchemes.length || !servedBy(t).some((c) => countries.has(c))) continue;
          for (const id of t.classificationSchemes) {
            const s = schemeById.get(id.toHexString());
            if (s) inUse.add(s.slug);
          }
        }
        const schemes = ordered.filter((s) => inUse.has(s.slug));
        return { jurisdiction: j, schemes, untranslatablePairs: pairsOf(schemes).filter((p) => !p.translatable) };
      }),
    };
  }

  private viewer(all: Map<string, ClassificationSchemeDoc>) {
    return (ref: LevelRef): LevelView => {
      const scheme = all.get(ref.scheme) as ClassificationSchemeDoc;
      return { scheme, level: scheme.levels.find((l) => l.code === ref.level) as SchemeLevelDoc };
    };
  }

  private pair(
    all: Map<string, ClassificationSchemeDoc>,
    a: string,
    b: string,
    mappingCount: number,
    reachable: (a: string, b: string) => boolean,
  ): SchemePairView {
    return {
      from: all.get(a) as ClassificationSchemeDoc,
      to: all.get(b) as ClassificationSchemeDoc,
      mappingCount,
      translatable: reachable(a, b),
    };
  }

  /**
   * Mappings newest first. Reviewers and admins see every status they ask
   * for; anyone else sees approved and retired mappings only, whatever they
   * ask for, so a pending proposal's existence is not shown to them.
   */
  list(statuses: SchemeMappingStatus[], scheme: string | null | undefined, first: number) {
    return this.curation.list(
      this.ctx.models.SchemeMapping,
      statuses,
      [SchemeMappingStatus.APPROVED, SchemeMappingStatus.RETIRED],
      scheme ? { $or: [{ fromScheme: scheme }, { toScheme: scheme }] } : {},
      first,
      MAX_MAPPINGS_LISTED,
    );
  }

  /** A mapping the caller may see, by id; null otherwise (the node lookup). */
  async byId(key: string): Promise<SchemeMappingDoc | null> {
    if (!/^[0-9a-f]{24}$/.test(key)) return null;
    const m = await this.ctx.models.SchemeMapping.findOne({ _id: new Types.ObjectId(key) }).lean<SchemeMappingDoc>();
    if (!m) return null;
    const open = m.status === SchemeMappingStatus.APPROVED || m.status === SchemeMappingStatus.RETIRED;
    return open || canReview(this.ctx.viewer) ? m : null;
  }

  /** Whether the caller may approve or reject this mapping now. */
  canDecide(m: SchemeMappingDoc): boolean {
    return canDecide(this.ctx.viewer, m);
  }

  /** A mapping's history (REVIEWER, ADMIN): each step, who took it and what it changed; null for others. */
  async history(m: SchemeMappingDoc, first: number, after: string | null | undefined) {
    if (!canReview(this.ctx.viewer)) return null;
    return this.curation.history(subjectOf(m), first, after);
  }

  /** A new mapping, PENDING until another reviewer approves it. Nothing is written when any check fails. */
  async propose(input: ProposeSchemeMappingData): Promise<SchemeMappingResult> {
    const op = "proposeSchemeMapping";
    const target = `schemeMapping:${input.fromScheme}/${input.fromLevel}->${input.toScheme}/${input.toLevel}`;
    const errors: UserErrorData[] = [];
    const note = input.note.trim();
    if (!note || note.length > SCHEME_MAPPING_LIMITS.note || !isPlainText(note))
      errors.push({
        field: ["input", "note"],
        message: `must be 1 to ${SCHEME_MAPPING_LIMITS.note} characters, without control characters`,
        code: "INVALID",
      });
    if (!Object.values(MappingRelation).includes(input.relation))
      errors.push({ field: ["input", "relation"], message: "is not a relation", code: "INVALID" });
    const cited = await this.curation.citations(
      input.sources,
      ["input", "sources"],
      SCHEME_MAPPING_LIMITS.sources,
      "mapping",
    );
    errors.push(...cited.errors);
    const schemes = await this.schemes();
    const inForce = await this.ctx.models.SchemeMapping.find({
      status: mongoose.trusted({ $in: [SchemeMappingStatus.APPROVED, SchemeMappingStatus.PENDING] }),
    }).lean<SchemeMappingDoc[]>();
    for (const p of mappingProblems(input, (slug) => schemes.get(slug)?.levels.map((l) => l.code), inForce.map(toEdge)))
      errors.push({ field: ["input", p.field], message: p.message, code: p.code });
    if (errors.length) return this.invalid(op, target, errors);

    const _id = new Types.ObjectId();
    const mapping = {
      _id,
      seedKey: null,
      fromScheme: input.fromScheme,
      fromLevel: input.fromLevel,
      toScheme: input.toScheme,
      toLevel: input.toLevel,
      relation: input.relation,
      note,
      sources: cited.stored,
      status: SchemeMappingStatus.PENDING,
      proposedBy: actorOf(this.ctx.viewer),
      reviewedBy: null,
      reviewedAt: null,
      reason: null,
    };
    await this.ctx.models.SchemeMapping.create([mapping]);
    const changes: Record<string, [unknown, unknown]> = {
      mapping: [null, `${input.fromScheme}/${input.fromLevel} ${input.relation} ${input.toScheme}/${input.toLevel}`],
      note: [null, note],
      sources: [null, input.sources.map((s) => `${s.document ?? ""}: ${s.locator.trim()}`)],
      status: [null, SchemeMappingStatus.PENDING],
    };
    await this.curation.record(
      { subject: subjectOf(mapping), operation: op, status: SchemeMappingStatus.PENDING, changes },
      { operation: op, target: `schemeMapping:${_id.toHexString()}`, outcome: AuditOutcome.ACCEPTED, changes },
      () => this.ctx.models.SchemeMapping.deleteOne({ _id }),
    );
    return { mapping: await this.ctx.models.SchemeMapping.findOne({ _id }).lean<SchemeMappingDoc>(), userErrors: [] };
  }

  /** Puts a pending mapping in force; its proposer cannot, and it must still agree with the mappings in force. */
  async approve(id: string): Promise<SchemeMappingResult> {
    const op = "approveSchemeMapping";
    const found = await this.pending(op, id);
    if ("userErrors" in found) return found;
    const m = found.mapping;
    if (!this.canDecide(m))
      return this.invalid(op, targetOf(id), [
        { field: ["id"], message: "its proposer cannot approve it: another reviewer must", code: "FORBIDDEN" },
      ]);
    const schemes = await this.schemes();
    const others = (await this.approved()).filter((x) => !x._id.equals(m._id));
    const problems = mappingProblems(m, (slug) => schemes.get(slug)?.levels.map((l) => l.code), others.map(toEdge));
    if (problems.length)
      return this.invalid(
        op,
        `schemeMapping:${m._id.toHexString()}`,
        problems.map((p) => ({ field: ["id"], message: p.message, code: p.code })),
      );
    return this.decide(op, m, SchemeMappingStatus.APPROVED, null);
  }

  /** Refuses a pending mapping, with the reason. */
  async reject(id: string, reason: string): Promise<SchemeMappingResult> {
    const op = "rejectSchemeMapping";
    const why = reasonText(reason, true);
    const found = await this.pending(op, id);
    if ("userErrors" in found) return found;
    if (why === undefined)
      return this.invalid(op, targetOf(id), [
        { field: ["reason"], message: `must be 1 to ${SCHEME_MAPPING_LIMITS.reason} characters`, code: "INVALID" },
      ]);
    return this.decide(op, found.mapping, SchemeMappingStatus.REJECTED, why);
  }

  /** Withdraws an approved mapping from translation; it stays on record as RETIRED. */
  async retire(id: string, reason: string | null | undefined): Promise<SchemeMappingResult> {
    const op = "retireSchemeMapping";
    const target = targetOf(id);
    const why = reasonText(reason ?? "", false);
    const m = await this.find(id);
    if (!m) return this.invalid(op, target, [{ field: ["id"], message: "no such mapping", code: "NOT_FOUND" }]);
    if (why === undefined)
      return this.invalid(op, target, [
        { field: ["reason"], message: `must be at most ${SCHEME_MAPPING_LIMITS.reason} characters`, code: "INVALID" },
      ]);
    if (m.status !== SchemeMappingStatus.APPROVED)
      return this.invalid(op, target, [
        { field: ["id"], message: `is ${m.status}; only an APPROVED mapping can be retired`, code: "CONFLICT" },
      ]);
    return this.decide(op, m, SchemeMappingStatus.RETIRED, why);
  }

  private find(id: string): Promise<SchemeMappingDoc | null> {
    return this.curation.find(this.ctx.models.SchemeMapping, "SchemeMapping", id);
  }

  private async pending(op: string, id: string): Promise<{ mapping: SchemeMappingDoc } | SchemeMappingResult> {
    const r = await this.curation.pending(op, this.ctx.models.SchemeMapping, "SchemeMapping", id, "mapping");
    return "found" in r ? { mapping: r.found } : { mapping: null, userErrors: r.userErrors };
  }

  /** Moves a mapping to a new status only from the one it was read in, so two reviewers cannot both decide. */
  private async decide(
    op: string,
    m: SchemeMappingDoc,
    status: SchemeMappingStatus,
    reason: string | null,
  ): Promise<SchemeMappingResult> {
    const target = `schemeMapping:${m._id.toHexString()}`;
    const model = this.ctx.models.SchemeMapping;
    if (!(await this.curation.move(model, m, status, reason)))
      return this.invalid(op, target, [
        { field: ["id"], message: "another reviewer changed it meanwhile; read it again", code: "CONFLICT" },
      ]);
    const changes: Record<string, [unknown, unknown]> = { status: [m.status, status] };
    await this.curation.record(
      { subject: subjectOf(m), operation: op, status, changes, reason },
      { operation: op, target, outcome: AuditOutcome.ACCEPTED, reason, changes },
      () => this.curation.unmove(model, m),
    );
    return { mapping: await model.findOne({ _id: m._id }).lean<SchemeMappingDoc>(), userErrors: [] };
  }

  private async invalid(operation: string, target: string, userErrors: UserErrorData[]): Promise<SchemeMappingResult> {
    return { mapping: null, userErrors: await this.curation.invalid(operation, target, userErrors) };
  }
}
