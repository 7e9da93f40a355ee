import mongoose, { Types } from "mongoose";
import type { UserErrorData } from "../accounts/account.service";
import { AuditOutcome } from "../audit/audit.model";
import {
  ClassificationSchemeDoc,
  levelKeyOf,
  SchemeLevelDoc,
} from "../catalog/classification-schemes/classification-scheme.model";
import type { SourceDoc } from "../catalog/documents/document.model";
import { bumpCatalogueRevision } from "../catalog/snapshot";
import { isPlainText } from "../common/validation";
import type { Context } from "../context";
import { canReview } from "../listings/rights";
import { schemeLevelSchema } from "../seed/seed.schema";
import { levelSetProblems } from "./crosswalk";
import { actorOf, canDecide, CitationInput, Curation, reasonText } from "./curation";
import {
  ProposedLevelDoc,
  SCHEME_LEVEL_LIMITS,
  SchemeLevelAction,
  SchemeLevelChangeDoc,
  SchemeLevelChangeStatus,
} from "./curation.model";
import { SchemeMappingDoc, SchemeMappingStatus } from "./scheme-mapping.model";

/** The most level changes one `schemeLevelChanges` call lists. */
export const MAX_LEVEL_CHANGES_LISTED = 100;

export interface ProposeLevelChangeData {
  scheme: string;
  action: SchemeLevelAction;
  /** The code of the level to change or retire; none for ADD. */
  level?: string | null;
  code?: string | null;
  name?: string | null;
  /** Undefined keeps a changed level's description, null clears it. */
  description?: string | null;
  rank?: number | null;
  sources?: CitationInput[] | null;
  note?: string | null;
}

export interface LevelChangeResult {
  change: SchemeLevelChangeDoc | null;
  userErrors: UserErrorData[];
}

type LevelFields = Omit<ProposedLevelDoc, "sources"> & { sources: SourceDoc[] };

/** The subject a level's history is filed under. */
export const levelSubject = (levelKey: string) => `SchemeLevel:${levelKey}`;
const EDITABLE = ["code", "name", "description", "rank", "sources"] as const;
const liveStatuses = [SchemeMappingStatus.APPROVED, SchemeMappingStatus.PENDING];
const describeMapping = (m: SchemeMappingDoc) =>
  `${m.fromScheme}/${m.fromLevel} ${m.relation} ${m.toScheme}/${m.toLevel} (${m.status.toLowerCase()})`;

/**
 * The levels of classification schemes, curated the way mappings are: a
 * reviewer or admin proposes adding, changing or retiring a level, another
 * approves or rejects it, and only an approval writes the scheme. Each step
 * goes into the level's history and the audit log (see Curation).
 */
export class SchemeLevelService {
  private readonly curation: Curation;

  constructor(private readonly ctx: Context) {
    this.curation = new Curation(ctx);
  }

  /** Whether the caller may approve or reject this change now. */
  canDecide(c: SchemeLevelChangeDoc): boolean {
    return canDecide(this.ctx.viewer, c);
  }

  /** A level's history (REVIEWER, ADMIN), its proposals and decisions newest first; null for others. */
  async history(levelKey: string, first: number, after: string | null | undefined) {
    if (!canReview(this.ctx.viewer)) return null;
    return this.curation.history(levelSubject(levelKey), first, after);
  }

  /** Level changes newest first: every status for reviewers and admins, approved ones for others. */
  list(statuses: SchemeLevelChangeStatus[], scheme: string | null | undefined, first: number) {
    return this.curation.list(
      this.ctx.models.SchemeLevelChange,
      statuses,
      [SchemeLevelChangeStatus.APPROVED],
      scheme ? { scheme: String(scheme) } : {},
      first,
      MAX_LEVEL_CHANGES_LISTED,
    );
  }

  /** A change the caller may see, by id; null otherwise (the node lookup). */
  async byId(key: string): Promise<SchemeLevelChangeDoc | null> {
    if (!/^[0-9a-f]{24}$/.test(key)) return null;
    const c = await this.ctx.models.SchemeLevelChange.findOne({
      _id: new Types.ObjectId(key),
    }).lean<SchemeLevelChangeDoc>();
    if (!c) return null;
    return c.status === SchemeLevelChangeStatus.APPROVED || canReview(this.ctx.viewer) ? c : null;
  }

  /**
   * Proposes adding, changing or retiring a level, PENDING until another
   * reviewer approves it. Every problem is reported at once, each naming
   * its field, and nothing is written when there is one.
   */
  async propose(input: ProposeLevelChangeData): Promise<LevelChangeResult> {
    const op = "proposeSchemeLevelChange";
    const target = `schemeLevel:${String(input.scheme).slice(0, 80)}/${String(input.level ?? input.code ?? "")}`;
    const scheme = await this.ctx.models.ClassificationScheme.findOne({
      slug: String(input.scheme),
    }).lean<ClassificationSchemeDoc>();
    if (!scheme)
      return this.invalid(op, target, [
        { field: ["input", "scheme"], message: `no classification scheme "${input.scheme}"`, code: "NOT_FOUND" },
      ]);
    const adding = input.action === SchemeLevelAction.ADD;
    const current = adding ? null : (scheme.levels.find((l) => l.code === input.level) ?? null);
    if (adding && input.level)
      return this.invalid(op, target, [
        {
          field: ["input", "level"],
          message: "names a level to change or retire; leave it out to add one",
          code: "INVALID",
        },
      ]);
    if (!adding && !current)
      return this.invalid(op, target, [
        {
          field: ["input", "level"],
          message: `scheme "${scheme.slug}" has no level "${input.level ?? ""}"${scheme.levels.length ? `; its levels are ${scheme.levels.map((l) => l.code).join(", ")}` : ""}`,
          code: input.level ? "NOT_FOUND" : "INVALID",
        },
      ]);

    const errors: UserErrorData[] = [];
    const note = (input.note ?? "").trim() || null;
    if (note !== null && (note.length > SCHEME_LEVEL_LIMITS.note || !isPlainText(note)))
      errors.push({
        field: ["input", "note"],
        message: `must be at most ${SCHEME_LEVEL_LIMITS.note} characters, without control characters`,
        code: "INVALID",
      });
    let proposed: LevelFields | null = null;
    if (input.action === SchemeLevelAction.RETIRE && current) {
      for (const f of EDITABLE)
        if (input[f] !== undefined && input[f] !== null)
          errors.push({ field: ["input", f], message: "a retirement changes no field of the level", code: "INVALID" });
      if (!note) errors.push({ field: ["input", "note"], message: "say why the level is retired", code: "INVALID" });
      errors.push(...(await this.inUse(scheme.slug, current.code, ["input", "level"], "it cannot be retired")));
    } else {
      const built = await this.build(input, current, scheme, errors);
      proposed = built;
      if (built && current && !differs(current, built))
        errors.push({
          field: ["input"],
          message: "nothing would change: the level already reads so",
          code: "INVALID",
        });
      if (built && current && built.code !== current.code)
        errors.push(...(await this.inUse(scheme.slug, current.code, ["input", "code"], "its code cannot change")));
    }
    const levelKey = current ? levelKeyOf(scheme.slug, current) : new Types.ObjectId().toHexString();
    const waiting = await this.ctx.models.SchemeLevelChange.find({
      scheme: scheme.slug,
      status: SchemeLevelChangeStatus.PENDING,
    }).lean<SchemeLevelChangeDoc[]>();
    if (current && waiting.some((w) => w.levelKey === levelKey))
      errors.push({
        field: ["input", "level"],
        message: "another change to this level is waiting for review; decide that one first",
        code: "CONFLICT",
      });
    if (proposed && waiting.some((w) => w.level?.code === proposed.code && w.levelKey !== levelKey))
      errors.push({
        field: ["input", "code"],
        message: `a change waiting for review already proposes a level "${proposed.code}"`,
        code: "DUPLICATE",
      });
    if (errors.length) return this.invalid(op, target, errors);

    const _id = new Types.ObjectId();
    const change = {
      _id,
      scheme: scheme.slug,
      action: input.action,
      levelKey,
      fromCode: current?.code ?? null,
      level: proposed,
      note,
      status: SchemeLevelChangeStatus.PENDING,
      proposedBy: actorOf(this.ctx.viewer),
      reviewedBy: null,
      reviewedAt: null,
      reason: null,
    };
    await this.ctx.models.SchemeLevelChange.create([change]);
    const docs = await this.documentSlugs();
    const changes = {
      action: [null, input.action] as [unknown, unknown],
      ...levelDiff(current, proposed, docs),
      status: [null, SchemeLevelChangeStatus.PENDING] as [unknown, unknown],
    };
    await this.curation.record(
      {
        subject: levelSubject(levelKey),
        operation: op,
        status: SchemeLevelChangeStatus.PENDING,
        changes,
        reason: note,
        change: _id,
      },
      { operation: op, target: `schemeLevelChange:${_id.toHexString()}`, outcome: AuditOutcome.ACCEPTED, changes },
      () => this.ctx.models.SchemeLevelChange.deleteOne({ _id }),
    );
    return { change: await this.ctx.models.SchemeLevelChange.findOne({ _id }).lean(), userErrors: [] };
  }

  /**
   * Approves a pending change (not its proposer) and writes it into the
   * scheme, after checking it again against the scheme and the mappings as
   * they are now. The scheme is written only if nobody wrote it since it
   * was read; a change that cannot be written is put back as pending.
   */
  async approve(id: string): Promise<LevelChangeResult> {
    const op = "approveSchemeLevelChange";
    const found = await this.pending(op, id);
    if ("userErrors" in found) return found;
    const c = found.change;
    const target = `schemeLevelChange:${c._id.toHexString()}`;
    const model = this.ctx.models.SchemeLevelChange;
    if (!this.canDecide(c))
      return this.invalid(op, target, [
        { field: ["id"], message: "its proposer cannot approve it: another reviewer must", code: "FORBIDDEN" },
      ]);
    const scheme = await this.ctx.models.ClassificationScheme.findOne({
      slug: c.scheme,
    }).lean<ClassificationSchemeDoc>();
    if (!scheme)
      return this.invalid(op, target, [{ field: ["id"], message: "its scheme no longer exists", code: "CONFLICT" }]);
    const at = scheme.levels.findIndex((l) => levelKeyOf(scheme.slug, l) === c.levelKey);
    const current = at >= 0 ? scheme.levels[at] : null;
    const problems: UserErrorData[] = [];
    if (c.action !== SchemeLevelAction.ADD && !current)
      problems.push({ field: ["id"], message: "the level it changes is no longer in the scheme", code: "CONFLICT" });
    // A change proposed against an older reading of the level would undo what was approved since.
    const since = await model.exists({
      levelKey: c.levelKey,
      status: SchemeLevelChangeStatus.APPROVED,
      reviewedAt: mongoose.trusted({ $gt: c.createdAt }),
    });
    if (c.action !== SchemeLevelAction.ADD && since)
      problems.push({
        field: ["id"],
        message: "the level was changed after this was proposed; reject it and propose again",
        code: "CONFLICT",
      });
    if (
      current &&
      c.action !== SchemeLevelAction.ADD &&
      (c.action === SchemeLevelAction.RETIRE || c.level?.code !== current.code)
    )
      problems.push(...(await this.inUse(scheme.slug, current.code, ["id"], "it cannot be approved")));
    const others = scheme.levels.filter((_, i) => i !== at);
    const next =
      c.action === SchemeLevelAction.RETIRE || !c.level
        ? others
        : [...others, { key: c.levelKey, ...c.level }].sort((a, b) => a.rank - b.rank || a.code.localeCompare(b.code));
    for (const p of levelSetProblems(next)) problems.push({ field: ["id"], message: p.message, code: "CONFLICT" });
    if (problems.length) return this.invalid(op, target, problems);

    if (!(await this.curation.move(model, c, SchemeLevelChangeStatus.APPROVED, null)))
      return this.invalid(op, target, [
        { field: ["id"], message: "another reviewer decided it meanwhile; read it again", code: "CONFLICT" },
      ]);
    const schemes = this.ctx.models.ClassificationScheme;
    const written = await schemes.updateOne(
      { _id: scheme._id, updatedAt: scheme.updatedAt },
      { $set: { levels: next, curated: true } },
      { runValidators: true },
    );
    if (written.modifiedCount !== 1) {
      await this.curation.unmove(model, c);
      return this.invalid(op, target, [
        { field: ["id"], message: "the scheme changed meanwhile; try again", code: "CONFLICT" },
      ]);
    }
    await bumpCatalogueRevision(this.ctx.models);
    const changes = {
      ...levelDiff(current, c.level, await this.documentSlugs()),
      status: [c.status, SchemeLevelChangeStatus.APPROVED] as [unknown, unknown],
    };
    await this.curation.record(
      {
        subject: levelSubject(c.levelKey),
        operation: op,
        status: SchemeLevelChangeStatus.APPROVED,
        changes,
        change: c._id,
      },
      { operation: op, target, outcome: AuditOutcome.ACCEPTED, changes },
      async () => {
        await schemes.updateOne(
          { _id: scheme._id },
          { $set: { levels: scheme.levels, curated: scheme.curated ?? false } },
        );
        await this.curation.unmove(model, c);
        await bumpCatalogueRevision(this.ctx.models);
      },
    );
    return { change: await model.findOne({ _id: c._id }).lean(), userErrors: [] };
  }

  /** Refuses a pending change, with the reason; the scheme stays as it is. */
  async reject(id: string, reason: string): Promise<LevelChangeResult> {
    const op = "rejectSchemeLevelChange";
    const why = reasonText(reason, true);
    const found = await this.pending(op, id);
    if ("userErrors" in found) return found;
    const c = found.change;
    const target = `schemeLevelChange:${c._id.toHexString()}`;
    if (!why)
      return this.invalid(op, target, [
        { field: ["reason"], message: "must be 1 to 1000 characters", code: "INVALID" },
      ]);
    const model = this.ctx.models.SchemeLevelChange;
    if (!(await this.curation.move(model, c, SchemeLevelChangeStatus.REJECTED, why)))
      return this.invalid(op, target, [
        { field: ["id"], message: "another reviewer decided it meanwhile; read it again", code: "CONFLICT" },
      ]);
    const changes = { status: [c.status, SchemeLevelChangeStatus.REJECTED] as [unknown, unknown] };
    await this.curation.record(
      {
        subject: levelSubject(c.levelKey),
        operation: op,
        status: SchemeLevelChangeStatus.REJECTED,
        changes,
        reason: why,
        change: c._id,
      },
      { operation: op, target, outcome: AuditOutcome.ACCEPTED, reason: why, changes },
      () => this.curation.unmove(model, c),
    );
    return { change: await model.findOne({ _id: c._id }).lean(), userErrors: [] };
  }

  /** The level a change would leave, from the input over the current level; problems go into `errors`. */
  private async build(
    input: ProposeLevelChangeData,
    current: SchemeLevelDoc | null,
    scheme: ClassificationSchemeDoc,
    errors: UserErrorData[],
  ): Promise<LevelFields | null> {
    if (!current)
      for (const f of ["code", "name", "rank", "sources"] as const)
        if (input[f] === undefined || input[f] === null)
          errors.push({ field: ["input", f], message: "is required to add a level", code: "INVALID" });
    const fields = {
      code: input.code ?? current?.code ?? "",
      name: (input.name ?? current?.name ?? "").trim(),
      description: input.description === undefined ? (current?.description ?? null) : input.description?.trim() || null,
      rank: input.rank ?? current?.rank ?? 0,
    };
    const shape = schemeLevelSchema.omit({ sources: true }).safeParse(fields);
    if (!shape.success)
      for (const issue of shape.error.issues)
        errors.push({ field: ["input", ...issue.path.map(String)], message: issue.message, code: "INVALID" });
    let sources = current?.sources ?? [];
    if (input.sources) {
      const cited = await this.curation.citations(
        input.sources,
        ["input", "sources"],
        SCHEME_LEVEL_LIMITS.sources,
        "level",
      );
      errors.push(...cited.errors);
      sources = cited.stored;
    }
    const others = scheme.levels.filter((l) => l !== current);
    for (const p of levelSetProblems([...others, fields]).filter((x) => x.index === others.length))
      errors.push({ field: ["input", p.field], message: p.message, code: "DUPLICATE" });
    return { ...fields, sources };
  }

  /** A CONFLICT naming the approved and pending mappings that use a level, or nothing when none does. */
  private async inUse(scheme: string, code: string, field: string[], consequence: string): Promise<UserErrorData[]> {
    const live = await this.ctx.models.SchemeMapping.find({
      status: mongoose.trusted({ $in: liveStatuses }),
      $or: [
        { fromScheme: scheme, fromLevel: code },
        { toScheme: scheme, toLevel: code },
      ],
    })
      .sort({ _id: 1 })
      .lean<SchemeMappingDoc[]>();
    if (!live.length) return [];
    return [
      {
        field,
        message: `mappings use level "${code}", so ${consequence}; retire or reject them first: ${live.map(describeMapping).join("; ")}`,
        code: "CONFLICT",
      },
    ];
  }

  private async documentSlugs(): Promise<Map<string, string>> {
    const { documentById } = await this.ctx.catalogue();
    return new Map([...documentById.entries()].map(([id, d]) => [id, d.slug]));
  }

  private async pending(op: string, id: string): Promise<{ change: SchemeLevelChangeDoc } | LevelChangeResult> {
    const model = this.ctx.models.SchemeLevelChange;
    const r = await this.curation.pending(op, model, "SchemeLevelChange", id, "level change");
    return "found" in r ? { change: r.found } : { change: null, userErrors: r.userErrors };
  }

  private async invalid(operation: string, target: string, userErrors: UserErrorData[]): Promise<LevelChangeResult> {
    return { change: null, userErrors: await this.curation.invalid(operation, target, userErrors) };
  }
}

const citation = (s: SourceDoc, docs: Map<string, string>) =>
  `${s.document ? (docs.get(s.document.toHexString()) ?? s.document.toHexString()) : (s.url ?? "")}: ${s.locator}`;

/** Whether a proposed level differs from the current one in any field a reviewer can change. */
function differs(current: SchemeLevelDoc, next: LevelFields): boolean {
  const key = (s: SourceDoc) => `${s.document?.toHexString() ?? s.url}|${s.locator}`;
  return (
    current.code !== next.code ||
    current.name !== next.name ||
    (current.description ?? null) !== next.description ||
    current.rank !== next.rank ||
    current.sources.map(key).join("\n") !== next.sources.map(key).join("\n")
  );
}

/** Field → [before, after] for the fields that differ, sources as `document: locator` lines. */
function levelDiff(
  before: Pick<SchemeLevelDoc, (typeof EDITABLE)[number]> | null,
  after: Pick<SchemeLevelDoc, (typeof EDITABLE)[number]> | null,
  docs: Map<string, string>,
): Record<string, [unknown, unknown]> {
  const out: Record<string, [unknown, unknown]> = {};
  for (const f of EDITABLE) {
    const read = (l: typeof before) =>
      l === null ? null : f === "sources" ? l.sources.map((s) => citation(s, docs)) : (l[f] ?? null);
    const [a, b] = [read(before), read(after)];
    if (JSON.stringify(a) !== JSON.stringify(b)) out[f] = [a, b];
  }
  return out;
}
