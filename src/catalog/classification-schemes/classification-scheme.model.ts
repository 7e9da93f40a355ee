import { Schema, Types } from "mongoose";
import { SourceDoc, sourceSchema } from "../documents/document.model";

export interface SchemeLevelDoc {
  /**
   * Stays with the level when its code changes, so its history can follow
   * it: `<scheme>/<code>` for a level loaded from the seed, a new id for one
   * added through the API. Null only in a database loaded before keys.
   */
  key?: string | null;
  rank: number;
  /** The short form the scheme uses (`A`, `4`); unique within the scheme, what mappings and translations name. */
  code: string;
  name: string;
  description: string | null;
  sources: SourceDoc[];
}

/** A severity or categorisation scheme for abuse material (COPINE, the UK categories, …). */
export interface ClassificationSchemeDoc {
  _id: Types.ObjectId;
  slug: string;
  name: string;
  aliases: string[];
  summary: string | null;
  levels: SchemeLevelDoc[];
  jurisdictions: string[];
  sources: SourceDoc[];
  /** True once a level was changed through the API: the seed loader leaves the scheme alone from then on. */
  curated?: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export const classificationSchemeSchema = new Schema<ClassificationSchemeDoc>(
  {
    slug: { type: String, required: true, unique: true, maxlength: 80 },
    name: { type: String, required: true, maxlength: 200 },
    aliases: { type: [String], default: [] },
    summary: { type: String, default: null, maxlength: 1000 },
    levels: {
      type: [
        new Schema<SchemeLevelDoc>(
          {
            key: { type: String, default: null, maxlength: 120 },
            rank: { type: Number, required: true },
            code: { type: String, required: true, maxlength: 20 },
            name: { type: String, required: true, maxlength: 200 },
            description: { type: String, default: null, maxlength: 1000 },
            sources: { type: [sourceSchema], default: [] },
          },
          { _id: false },
        ),
      ],
      default: [],
    },
    jurisdictions: { type: [String], default: [] },
    sources: { type: [sourceSchema], default: [] },
    curated: { type: Boolean, default: false },
  },
  { timestamps: true, collection: "classificationSchemes" },
);

/** The key a level's history is filed under (see SchemeLevelDoc.key). */
export const levelKeyOf = (scheme: string, level: Pick<SchemeLevelDoc, "key" | "code">): string =>
  level.key ?? `${scheme}/${level.code}`;
