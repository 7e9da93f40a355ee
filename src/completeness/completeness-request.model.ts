import { Schema, Types } from "mongoose";
import { enumValues } from "../catalog/enums";
import { CompletenessField } from "../reports/completeness";

/**
 * A reviewer's request that a listing's organisation fill in some of its
 * unknown fields. Whether it is still open is not stored: it is read off
 * the published listing (see CompletenessRequestService.stateOf), so any
 * published revision that states the fields closes it, whoever made it.
 */
export interface CompletenessRequestDoc {
  _id: Types.ObjectId;
  listing: Types.ObjectId;
  /** The listing's slug when the request was made, for the audit log and for reading after a rename. */
  slug: string;
  fields: CompletenessField[];
  note: string | null;
  requestedBy: string;
  createdAt: Date;
  withdrawnAt: Date | null;
  withdrawnBy: string | null;
}

export const COMPLETENESS_REQUEST_LIMITS = {
  note: 1000,
  /** The most requests one list answers with, newest first. */
  listed: 200,
  /** The most not-withdrawn requests read to find them (their state is worked out in memory). */
  scanned: 2000,
} as const;

export const completenessRequestSchema = new Schema<CompletenessRequestDoc>(
  {
    listing: { type: Schema.Types.ObjectId, required: true },
    slug: { type: String, required: true, maxlength: 200 },
    fields: { type: [String], enum: enumValues(CompletenessField), required: true },
    note: { type: String, default: null, maxlength: COMPLETENESS_REQUEST_LIMITS.note },
    requestedBy: { type: String, required: true },
    withdrawnAt: { type: Date, default: null },
    withdrawnBy: { type: String, default: null },
  },
  { timestamps: { createdAt: true, updatedAt: false }, collection: "completenessRequests", versionKey: false },
);
completenessRequestSchema.index({ listing: 1, createdAt: -1 });
completenessRequestSchema.index({ withdrawnAt: 1, createdAt: -1 });
