import { Schema, Types } from "mongoose";
import { enumValues } from "../catalog/enums";

export enum AuditOutcome {
  ACCEPTED = "ACCEPTED",
  REFUSED = "REFUSED",
  INVALID = "INVALID",
}

/**
 * One event per mutation, accepted or refused. Written by the service that
 * made the change; never updated or deleted through the API. `changes` holds
 * the before/after of each changed field (JSON-encoded, so any value can be
 * stored on both MongoDB and FerretDB); it never holds token material.
 */
export interface AuditEventDoc {
  _id: Types.ObjectId;
  at: Date;
  actorId: string | null;
  actorRole: string | null;
  operation: string;
  target: string | null;
  requestId: string;
  /** What the client sent as X-Request-Id (printable ASCII, ≤ 64 characters), for its own correlation only. */
  clientRequestId: string | null;
  outcome: AuditOutcome;
  reason: string | null;
  changes: string | null;
}

/** The longest target and reason an event stores; longer ones are cut to fit when recorded. */
export const AUDIT_TEXT_LIMITS = { target: 300, reason: 1000 } as const;

export const auditEventSchema = new Schema<AuditEventDoc>(
  {
    at: { type: Date, required: true },
    actorId: { type: String, default: null },
    actorRole: { type: String, default: null },
    operation: { type: String, required: true, maxlength: 100 },
    target: { type: String, default: null, maxlength: AUDIT_TEXT_LIMITS.target },
    requestId: { type: String, required: true, maxlength: 100 },
    clientRequestId: { type: String, default: null, maxlength: 64 },
    outcome: { type: String, enum: enumValues(AuditOutcome), required: true },
    reason: { type: String, default: null, maxlength: AUDIT_TEXT_LIMITS.reason },
    changes: { type: String, default: null },
  },
  { collection: "auditEvents", versionKey: false },
);
// The log is read newest first, ties by _id, unfiltered or filtered by one of
// actor, target or operation: each has an index whose prefix is the equality
// and whose rest is the order, so a page reads only its own events. Plain
// compound indexes, which MongoDB and FerretDB both create.
auditEventSchema.index({ at: -1, _id: -1 });
auditEventSchema.index({ actorId: 1, at: -1, _id: -1 });
auditEventSchema.index({ target: 1, at: -1, _id: -1 });
auditEventSchema.index({ operation: 1, at: -1, _id: -1 });
