import { Schema, Types } from "mongoose";
import { enumValues } from "../catalog/enums";

export enum RevisionState {
  DRAFT = "DRAFT",
  PENDING = "PENDING",
  APPROVED = "APPROVED",
  REJECTED = "REJECTED",
  SUPERSEDED = "SUPERSEDED",
}

/**
 * One revision of a listing: its whole content (seed form, JSON) as edited,
 * and where it stands. Approved revisions are the published history; the
 * listing document itself always holds the published version.
 */
export interface ListingRevisionDoc {
  _id: Types.ObjectId;
  listing: Types.ObjectId;
  slug: string;
  number: number;
  state: RevisionState;
  content: string;
  createdBy: string;
  createdAt: Date;
  decidedBy: string | null;
  decidedAt: Date | null;
  reason: string | null;
}

export const listingRevisionSchema = new Schema<ListingRevisionDoc>(
  {
    listing: { type: Schema.Types.ObjectId, required: true },
    slug: { type: String, required: true },
    number: { type: Number, required: true, min: 1 },
    state: { type: String, enum: enumValues(RevisionState), required: true },
    content: { type: String, required: true },
    createdBy: { type: String, required: true },
    decidedBy: { type: String, default: null },
    decidedAt: { type: Date, default: null },
    reason: { type: String, default: null, maxlength: 1000 },
  },
  { timestamps: { createdAt: true, updatedAt: false }, collection: "listingRevisions", versionKey: false },
);
listingRevisionSchema.index({ listing: 1, number: 1 }, { unique: true });

/** Remembers which listing a create with a given idempotency key made; `_id` is `<actor>:<key>`. */
export interface IdempotencyDoc {
  _id: string;
  listing: Types.ObjectId | null;
  createdAt: Date;
}

export const idempotencySchema = new Schema<IdempotencyDoc>(
  {
    _id: { type: String, required: true },
    listing: { type: Schema.Types.ObjectId, default: null },
  },
  { timestamps: { createdAt: true, updatedAt: false }, collection: "idempotencyKeys", versionKey: false },
);
