import { Schema, Types } from "mongoose";
import { SourceDoc, sourceSchema } from "../documents/document.model";

export interface SchemeLevelDoc {
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
  },
  { timestamps: true, collection: "classificationSchemes" },
);
