import { Schema, Types } from "mongoose";
import { enumValues, OrganisationType } from "../enums";
import { SourceDoc, sourceSchema } from "../documents/document.model";

export interface OrganisationDoc {
  _id: Types.ObjectId;
  slug: string;
  name: string;
  /** Lower-cased, accent-free name used for ordering and literal search. */
  sortName: string;
  aliases: string[];
  type: OrganisationType;
  country: string | null;
  website: string | null;
  summary: string | null;
  /** How to reach the organisation about its listings; shown to signed-in callers only. */
  contact: string | null;
  sources: SourceDoc[];
  verified: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export const organisationSchema = new Schema<OrganisationDoc>(
  {
    slug: { type: String, required: true, unique: true, maxlength: 80 },
    name: { type: String, required: true, maxlength: 200 },
    sortName: { type: String, required: true, maxlength: 200 },
    aliases: { type: [String], default: [] },
    type: { type: String, enum: enumValues(OrganisationType), required: true },
    country: { type: String, default: null, match: /^[A-Z]{2}$/ },
    website: { type: String, default: null, maxlength: 300 },
    summary: { type: String, default: null, maxlength: 1000 },
    contact: { type: String, default: null, maxlength: 500 },
    sources: { type: [sourceSchema], default: [] },
    verified: { type: Boolean, default: false },
  },
  { timestamps: true, collection: "organisations" },
);
organisationSchema.index({ sortName: 1, slug: 1 });
