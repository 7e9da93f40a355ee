import { Schema, Types } from "mongoose";
import { enumValues, JurisdictionKind } from "../enums";
import { SourceDoc, sourceSchema } from "../documents/document.model";

/** A country (ISO 3166-1 alpha-2, plus XK) or a named group of countries. */
export interface JurisdictionDoc {
  _id: Types.ObjectId;
  code: string;
  name: string;
  kind: JurisdictionKind;
  /** Country codes; empty for a country. */
  members: string[];
  sources: SourceDoc[];
  createdAt: Date;
  updatedAt: Date;
}

export const jurisdictionSchema = new Schema<JurisdictionDoc>(
  {
    code: { type: String, required: true, unique: true, match: /^[A-Z][A-Z0-9_]{1,39}$/ },
    name: { type: String, required: true, maxlength: 200 },
    kind: { type: String, enum: enumValues(JurisdictionKind), required: true },
    members: { type: [String], default: [] },
    sources: { type: [sourceSchema], default: [] },
  },
  { timestamps: true, collection: "jurisdictions" },
);
