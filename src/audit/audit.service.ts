import mongoose, { Types } from "mongoose";
import type { Context } from "../context";
import { newestFirstPage, Page, queryFingerprint } from "../common/pagination";
import { AUDIT_TEXT_LIMITS, AuditEventDoc, AuditOutcome } from "./audit.model";

export interface AuditEntry {
  operation: string;
  target: string | null;
  outcome: AuditOutcome;
  reason?: string | null;
  /** Field → [before, after]; never token material. */
  changes?: Record<string, [unknown, unknown]> | null;
}

export interface AuditQuery {
  actor?: string | null;
  target?: string | null;
  operation?: string | null;
  from?: Date | null;
  to?: Date | null;
}

/**
 * Writes and reads the audit log. Writing is the only operation on it: there
 * is no update or delete anywhere in the code.
 */
export class AuditService {
  constructor(private readonly ctx: Context) {}

  /**
   * Records one event. A target or reason built from the caller's input (a
   * long slug, one message per invalid list element) is cut to what the
   * model stores, so the event is written and the caller gets their answer.
   */
  async record(entry: AuditEntry): Promise<void> {
    const v = this.ctx.viewer;
    await this.ctx.models.AuditEvent.create([
      {
        _id: new Types.ObjectId(),
        at: new Date(),
        actorId: v.userId,
        actorRole: v.kind === "system" ? "SYSTEM" : v.role,
        operation: entry.operation,
        target: clip(entry.target, AUDIT_TEXT_LIMITS.target),
        requestId: this.ctx.requestId,
        clientRequestId: this.ctx.clientRequestId,
        outcome: entry.outcome,
        reason: clip(entry.reason ?? null, AUDIT_TEXT_LIMITS.reason),
        changes: entry.changes ? JSON.stringify(entry.changes) : null,
      },
    ]);
  }

  /**
   * There are no transactions on FerretDB: a change is written first, then
   * its audit event; if the event cannot be written the change is undone, so
   * no change exists without its event.
   */
  async recordOrUndo(entry: AuditEntry, undo: () => Promise<unknown>): Promise<void> {
    try {
      await this.record(entry);
    } catch (e) {
      await undo().catch((u) => this.ctx.log.error({ err: u }, "could not undo a change whose audit event failed"));
      throw e;
    }
  }

  /**
   * Events newest first (ties by _id, newest first), one page read from the
   * database: filter, order and limit are in the query, so the cost of a
   * page does not grow with the log. `totalCount` costs a count over the
   * matches and is run only when asked for.
   */
  async list(
    q: AuditQuery,
    first: number,
    after: string | null | undefined,
    withCount: boolean,
  ): Promise<Page<AuditEventDoc>> {
    const filter: Record<string, unknown> = {};
    if (q.actor) filter.actorId = q.actor;
    if (q.target) filter.target = q.target;
    if (q.operation) filter.operation = q.operation;
    if (q.from || q.to)
      filter.at = mongoose.trusted({ ...(q.from ? { $gte: q.from } : {}), ...(q.to ? { $lte: q.to } : {}) });
    const events = this.ctx.models.AuditEvent;
    return newestFirstPage<AuditEventDoc>(
      {
        fingerprint: queryFingerprint({
          log: "audit",
          actor: q.actor ?? null,
          target: q.target ?? null,
          operation: q.operation ?? null,
          from: q.from?.toISOString() ?? null,
          to: q.to?.toISOString() ?? null,
        }),
        timeField: "at",
        tieField: "_id",
        keyOf: (e) => [e.at.getTime(), e._id.toHexString()],
        tieFromCursor: (s) => (/^[0-9a-f]{24}$/.test(s) ? new Types.ObjectId(s) : null),
        read: (position, limit) =>
          events
            .find(position ? { ...filter, ...position } : filter)
            .sort({ at: -1, _id: -1 })
            .limit(limit)
            .lean<AuditEventDoc[]>(),
        count: withCount ? () => events.countDocuments(filter) : null,
      },
      first,
      after,
    );
  }
}

function clip(text: string | null, max: number): string | null {
  return text !== null && text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
