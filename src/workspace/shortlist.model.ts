import { Schema, Types } from "mongoose";

/** One listing on a shortlist, with its owner's note. */
export interface ShortlistItemDoc {
  listing: Types.ObjectId;
  note: string | null;
  addedAt: Date;
}

/**
 * A user's shortlist: listings in the order they put them, each with a note,
 * and the users they share it with (read-only). Items are subdocuments
 * without arrays, which FerretDB v1 can hold.
 */
export interface ShortlistDoc {
  _id: Types.ObjectId;
  owner: Types.ObjectId;
  name: string;
  items: ShortlistItemDoc[];
  sharedWith: Types.ObjectId[];
  createdAt: Date;
  updatedAt: Date;
}

/** `sharedListed`: how many of the shortlists shared with a user `shortlists` lists (those changed last). */
export const SHORTLIST_LIMITS = { perUser: 100, items: 200, note: 1000, sharedWith: 50, sharedListed: 200 } as const;

const itemSchema = new Schema<ShortlistItemDoc>(
  {
    listing: { type: Schema.Types.ObjectId, required: true },
    note: { type: String, default: null, maxlength: SHORTLIST_LIMITS.note },
    addedAt: { type: Date, required: true },
  },
  { _id: false },
);

export const shortlistSchema = new Schema<ShortlistDoc>(
  {
    owner: { type: Schema.Types.ObjectId, required: true },
    name: { type: String, required: true, maxlength: 200 },
    items: { type: [itemSchema], default: [] },
    sharedWith: { type: [Schema.Types.ObjectId], default: [] },
  },
  { timestamps: true, collection: "shortlists", versionKey: false },
);
shortlistSchema.index({ owner: 1 });
shortlistSchema.index({ sharedWith: 1 });
