import { Schema, Types } from "mongoose";

/** One listing on a shortlist, with its owner's note. */
export interface ShortlistItemDoc {
  listing: Types.ObjectId;
  note: string | null;
  addedAt: Date;
  /** On a locked shortlist, the published revision the listing was at when locked; null when the owner could not see it then. */
  lockedRevision: number | null;
  /** On a locked shortlist, the listing as it was when locked (see listing-snapshot.ts); null as for lockedRevision. */
  snapshot: string | null;
}

/**
 * A user's shortlist: listings in the order they put them, each with a note,
 * and the users they share it with (read-only). Once locked, each item also
 * keeps the listing as it was then. Items are subdocuments without arrays,
 * which FerretDB v1 can hold.
 */
export interface ShortlistDoc {
  _id: Types.ObjectId;
  owner: Types.ObjectId;
  name: string;
  items: ShortlistItemDoc[];
  sharedWith: Types.ObjectId[];
  /** When it was locked; null while it is not. */
  lockedAt: Date | null;
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
    lockedRevision: { type: Number, default: null },
    // A listing's fields as one JSON string: an item is an array element, and FerretDB v1 cannot hold arrays inside it.
    snapshot: { type: String, default: null },
  },
  { _id: false },
);

export const shortlistSchema = new Schema<ShortlistDoc>(
  {
    owner: { type: Schema.Types.ObjectId, required: true },
    name: { type: String, required: true, maxlength: 200 },
    items: { type: [itemSchema], default: [] },
    sharedWith: { type: [Schema.Types.ObjectId], default: [] },
    lockedAt: { type: Date, default: null },
  },
  { timestamps: true, collection: "shortlists", versionKey: false },
);
shortlistSchema.index({ owner: 1 });
shortlistSchema.index({ sharedWith: 1 });
