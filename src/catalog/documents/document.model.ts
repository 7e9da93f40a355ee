import { Schema, Types } from "mongoose";

/** A published report or page that listings cite. */
export interface DocumentDoc {
  _id: Types.ObjectId;
  slug: string;
  title: string;
  publisher: string | null;
  year: number | null;
  url: string | null;
  summary: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export const documentSchema = new Schema<DocumentDoc>(
  {
    slug: { type: String, required: true, unique: true, maxlength: 80 },
    title: { type: String, required: true, maxlength: 300 },
    publisher: { type: String, default: null, maxlength: 200 },
    year: { type: Number, default: null, min: 1990, max: 2100 },
    url: { type: String, default: null, maxlength: 500 },
    summary: { type: String, default: null, maxlength: 1000 },
  },
  { timestamps: true, collection: "documents" },
);

/** A citation: a document and where in it, or a URL for a fact from elsewhere. */
export interface SourceDoc {
  document: Types.ObjectId | null;
  url: string | null;
  locator: string;
  unverified: boolean;
}

export const sourceSchema = new Schema<SourceDoc>(
  {
    document: { type: Schema.Types.ObjectId, default: null },
    url: { type: String, default: null, maxlength: 500 },
    locator: { type: String, required: true, maxlength: 200 },
    unverified: { type: Boolean, default: false },
  },
  { _id: false },
);

/** At most this many slugs in one `documents` call: more than a listing cites (50 sources). */
export const MAX_DOCUMENTS = 100;
