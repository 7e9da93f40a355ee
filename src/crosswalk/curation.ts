import mongoose, { Model, Types } from "mongoose";
import type { UserErrorData } from "../accounts/account.service";
import { AuditEntry, AuditService } from "../audit/audit.service";
import { AuditOutcome } from "../audit/audit.model";
import type { SourceDoc } from "../catalog/documents/document.model";
import { BadUserInputError } from "../common/errors";
import { newestFirstPage, Page, queryFingerprint } from "../common/pagination";
import { isPlainText } from "../common/validation";
import type { Context, Viewer } from "../context";
import { canReview } from "../listings/rights";
import type { CurationRevisionDoc } from "./curation.model";
import { keyOf, parseGlobalId } from "../node/global-id";

/** The most history steps one page lists. */
export const MAX_HISTORY_PAGE = 100;
/** How long a reason for a decision may be. */
export const REASON_MAX = 1000;
const LOCATOR_MAX = 200;

/** A record reviewed the way mappings and level changes are: proposed, then decided by another reviewer. */
export interface Reviewable {
  _id: Types.ObjectId;
  status: string;
  proposedBy: Types.ObjectId | null;
  reviewedBy: Types.ObjectId | null;
  reviewedAt: Date | null;
  reason: string | null;
}

/** A citation as a reviewer gives it: a document by slug and a locator. */
export interface CitationInput {
  document?: string | null;
  url?: string | null;
  locator: string;
  unverified?: boolean | null;
}

/** One step of a record's history, before it is numbered. */
export interface HistoryStep {
  subject: string;
  operation: string;
  status: string;
  changes: Record<string, [unknown, unknown]>;
  reason?: string | null;
  change?: Types.ObjectId | null;
}

/** The kinds of reviewed record, as their global ids name them. */
export type ReviewedKind = "SchemeMapping" | "SchemeLevelChange";

/** The audit target of a reviewed record named by id: its key, so every event of one record shares a target. */
export function reviewTarget(kind: ReviewedKind, id: string): string {
  const parsed = parseGlobalId(id);
  return `${kind[0].toLowerCase()}${kind.slice(1)}:${parsed?.kind === kind ? parsed.key : id}`;
}

/** Whether the viewer may approve or reject the record now: it is pending, they review, and they did not propose it. */
export function canDecide(v: Viewer, r: Reviewable): boolean {
  return r.status === "PENDING" && canReview(v) && (r.proposedBy === null || v.userId !== r.proposedBy.toHexString());
}

/** The viewer as a record's proposer or reviewer: their user id, or null for the system. */
export function actorOf(v: Viewer): Types.ObjectId | null {
  return v.userId && /^[0-9a-f]{24}$/.test(v.userId) ? new Types.ObjectId(v.userId) : null;
}

/** A trimmed reason; undefined when unacceptable (too long, control characters, or empty where required). */
export function reasonText(text: string, required: boolean): string | null | undefined {
  const t = text.trim();
  if (t.length > REASON_MAX || !isPlainText(t) || (required && !t)) return undefined;
  return t || null;
}

/**
 * The review mechanism the crosswalk's curated records share: citations
 * checked against the documents, the move from one status to the next that
 * only one reviewer can win, and a history of numbered steps written with
 * the audit event, so neither exists without the other.
 */
export class Curation {
  readonly audit: AuditService;

  constructor(private readonly ctx: Context) {
    this.audit = new AuditService(ctx);
  }

  /**
   * Checks 1 to `max` citations: each a known document by slug (not a URL)
   * and a locator of 1 to 200 characters. Returns the problems, named under
   * `field`, and the citations as stored when there are none.
   */
  async citations(
    sources: CitationInput[],
    field: string[],
    max: number,
    what: string,
  ): Promise<{ errors: UserErrorData[]; stored: SourceDoc[] }> {
    const errors: UserErrorData[] = [];
    if (sources.length === 0 || sources.length > max)
      errors.push({ field, message: `cite 1 to ${max} sources: no source, no ${what}`, code: "INVALID" });
    const cited = [...new Set(sources.flatMap((s) => (s.document ? [s.document] : [])))];
    const docs = cited.length
      ? await this.ctx.models.Document.find({ slug: mongoose.trusted({ $in: cited }) }, { slug: 1 }).lean<
          { _id: Types.ObjectId; slug: string }[]
        >()
      : [];
    const idOf = new Map(docs.map((d) => [d.slug, d._id]));
    sources.forEach((s, i) => {
      const at = [...field, String(i)];
      if (!s.document)
        errors.push({ field: [...at, "document"], message: `a ${what} cites a source document`, code: "INVALID" });
      else if (!idOf.has(s.document))
        errors.push({ field: [...at, "document"], message: `no document "${s.document}"`, code: "NOT_FOUND" });
      if (s.url) errors.push({ field: [...at, "url"], message: "cite the document, not a URL", code: "INVALID" });
      const locator = s.locator.trim();
      if (!locator || locator.length > LOCATOR_MAX || !isPlainText(locator))
        errors.push({
          field: [...at, "locator"],
          message: `must be 1 to ${LOCATOR_MAX} characters: say where in the document`,
          code: "INVALID",
        });
    });
    const stored = sources.map((s) => ({
      document: (s.document ? idOf.get(s.document) : undefined) ?? null,
      url: null,
      locator: s.locator.trim(),
      unverified: false,
    }));
    return { errors, stored };
  }

  /**
   * Moves a record to `status` only from the status it was read in, so that
   * of two reviewers deciding at once one wins; false for the other.
   */
  async move<T extends Reviewable>(model: Model<T>, r: T, status: string, reason: string | null): Promise<boolean> {
    const reviewedBy = actorOf(this.ctx.viewer);
    const res = await model.updateOne(
      { _id: r._id, status: r.status } as mongoose.QueryFilter<T>,
      {
        $set: { status, reason, reviewedBy, reviewedAt: new Date() },
      } as mongoose.UpdateQuery<T>,
    );
    return res.modifiedCount === 1;
  }

  /** Puts a record back as `move` found it (the undo of a move whose later writes failed). */
  async unmove<T extends Reviewable>(model: Model<T>, r: T): Promise<void> {
    await model.updateOne(
      { _id: r._id } as mongoose.QueryFilter<T>,
      {
        $set: { status: r.status, reason: r.reason, reviewedBy: r.reviewedBy, reviewedAt: r.reviewedAt },
      } as mongoose.UpdateQuery<T>,
    );
  }

  /**
   * Writes a change's history step and then its audit event. There are no
   * transactions on FerretDB: the change is already written, so if either
   * cannot be written, `undo` takes the change back (and the step with it)
   * and the error goes on to the caller.
   */
  async record(step: HistoryStep, audit: AuditEntry, undo: () => Promise<unknown>): Promise<void> {
    let written: Types.ObjectId;
    try {
      written = await this.writeStep(step);
    } catch (e) {
      await undo().catch((u) => this.ctx.log.error({ err: u }, "could not undo a change whose history failed"));
      throw e;
    }
    await this.audit.recordOrUndo(audit, async () => {
      await undo();
      await this.ctx.models.CurationRevision.deleteOne({ _id: written });
    });
  }

  /**
   * Reviewed records newest first. Reviewers and admins see every status
   * they ask for; anyone else only the `open` ones, whatever they ask for,
   * so a pending proposal's existence is not shown to them.
   */
  async list<T>(
    model: Model<T>,
    statuses: string[],
    open: readonly string[],
    filter: Record<string, unknown>,
    first: number,
    max: number,
  ): Promise<T[]> {
    if (!Number.isInteger(first) || first < 1 || first > max)
      throw new BadUserInputError("first", `must be 1 to ${max}`);
    const wanted = statuses.filter((s) => canReview(this.ctx.viewer) || open.includes(s));
    if (!wanted.length) return [];
    return model
      .find({ ...filter, status: mongoose.trusted({ $in: wanted }) } as mongoose.QueryFilter<T>)
      .sort({ _id: -1 })
      .limit(first)
      .lean<T[]>();
  }

  /** A reviewed record by id, for reviewers and admins; null for anyone else, as for an unknown id. */
  async find<T extends Reviewable>(model: Model<T>, kind: ReviewedKind, id: string): Promise<T | null> {
    const key = keyOf(kind, id, "id");
    if (!/^[0-9a-f]{24}$/.test(key) || !canReview(this.ctx.viewer)) return null;
    return model.findOne({ _id: new Types.ObjectId(key) } as mongoose.QueryFilter<T>).lean<T>();
  }

  /** A record waiting for a decision, or the user errors (audited) saying why it cannot be decided. */
  async pending<T extends Reviewable>(
    operation: string,
    model: Model<T>,
    kind: ReviewedKind,
    id: string,
    what: string,
  ): Promise<{ found: T } | { userErrors: UserErrorData[] }> {
    const r = await this.find(model, kind, id);
    const target = reviewTarget(kind, id);
    if (!r)
      return {
        userErrors: await this.invalid(operation, target, [
          { field: ["id"], message: `no such ${what}`, code: "NOT_FOUND" },
        ]),
      };
    if (r.status !== "PENDING")
      return {
        userErrors: await this.invalid(operation, target, [
          { field: ["id"], message: `is ${r.status}, not PENDING`, code: "CONFLICT" },
        ]),
      };
    return { found: r };
  }

  /** Audits a refusal for input the caller can correct and returns it as user errors. */
  async invalid(operation: string, target: string, userErrors: UserErrorData[]): Promise<UserErrorData[]> {
    await this.audit.record({
      operation,
      target,
      outcome: AuditOutcome.INVALID,
      reason: userErrors.map((e) => e.message).join("; "),
    });
    return userErrors;
  }

  /** A subject's history, newest first, one page read from the database. */
  history(subject: string, first: number, after: string | null | undefined): Promise<Page<CurationRevisionDoc>> {
    if (!Number.isInteger(first) || first < 1 || first > MAX_HISTORY_PAGE)
      throw new BadUserInputError("first", `must be 1 to ${MAX_HISTORY_PAGE}`);
    const revisions = this.ctx.models.CurationRevision;
    return newestFirstPage<CurationRevisionDoc>(
      {
        fingerprint: queryFingerprint({ log: "curation", subject }),
        timeField: "at",
        tieField: "_id",
        keyOf: (r) => [r.at.getTime(), r._id.toHexString()],
        tieFromCursor: (s) => (/^[0-9a-f]{24}$/.test(s) ? new Types.ObjectId(s) : null),
        read: (position, limit) =>
          revisions
            .find(position ? { subject, ...position } : { subject })
            .sort({ at: -1, _id: -1 })
            .limit(limit)
            .lean<CurationRevisionDoc[]>(),
        count: () => revisions.countDocuments({ subject }),
      },
      first,
      after,
    );
  }

  /**
   * Numbers the step after the subject's latest and inserts it. The unique
   * (subject, number) index decides a race; the loser takes the next number.
   */
  private async writeStep(step: HistoryStep): Promise<Types.ObjectId> {
    const revisions = this.ctx.models.CurationRevision;
    for (let attempt = 0; ; attempt++) {
      const latest = await revisions
        .findOne({ subject: step.subject }, { number: 1 })
        .sort({ number: -1 })
        .lean<{ number: number }>();
      const _id = new Types.ObjectId();
      try {
        await revisions.create([
          {
            _id,
            subject: step.subject,
            number: (latest?.number ?? 0) + 1,
            at: new Date(),
            actor: this.ctx.viewer.userId,
            operation: step.operation,
            status: step.status,
            changes: JSON.stringify(step.changes),
            reason: step.reason ?? null,
            change: step.change ?? null,
          },
        ]);
        return _id;
      } catch (e) {
        if ((e as { code?: number }).code !== 11000 || attempt >= 4) throw e;
      }
    }
  }
}
