import { Types } from "mongoose";
import type { Context } from "../context";
import { Page, paginate, queryFingerprint } from "../common/pagination";
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

  /** Events newest first, filtered in memory after a time-bounded read (FerretDB answers few filters from indexes). */
  async list(q: AuditQuery, first: number, after: string | null | undefined): Promise<Page<AuditEventDoc>> {
    const events = await this.ctx.models.AuditEvent.find({}).lean<AuditEventDoc[]>();
    const matches = events
      .filter(
        (e) =>
          (!q.actor || e.actorId === q.actor) &&
          (!q.target || e.target === q.target) &&
          (!q.operation || e.operation === q.operation) &&
          (!q.from || e.at >= q.from) &&
          (!q.to || e.at <= q.to),
      )
      .sort((a, b) => b.at.getTime() - a.at.getTime() || (a._id.toHexString() < b._id.toHexString() ? 1 : -1));
    return paginate(matches, (e) => [-e.at.getTime(), e._id.toHexString()], queryFingerprint(q), first, after);
  }
}

function clip(text: string | null, max: number): string | null {
  return text !== null && text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
