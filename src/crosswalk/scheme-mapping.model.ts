import { Schema, Types } from "mongoose";
import { SourceDoc, sourceSchema } from "../catalog/documents/document.model";
import { MappingRelation } from "./crosswalk";
import { ReviewFields, reviewFieldPaths } from "./curation.model";

/** Where a mapping stands in its review: only APPROVED mappings translate. */
export enum SchemeMappingStatus {
  PENDING = "PENDING",
  APPROVED = "APPROVED",
  REJECTED = "REJECTED",
  RETIRED = "RETIRED",
}

export const SCHEME_MAPPING_LIMITS = { note: 1000, reason: 1000, sources: 10 } as const;

/**
 * A link from a level of one scheme to a level of another, in its own
 * collection (levels live inside their scheme; a mapping between two
 * schemes belongs to neither). Schemes by slug and levels by code, as the
 * seed and the API name them.
 */
export interface SchemeMappingDoc extends ReviewFields {
  _id: Types.ObjectId;
  /** `from/level->to/level` for a mapping loaded from the seed; null for one proposed through the API. */
  seedKey: string | null;
  fromScheme: string;
  fromLevel: string;
  toScheme: string;
  toLevel: string;
  relation: MappingRelation;
  note: string;
  sources: SourceDoc[];
  status: SchemeMappingStatus;
  createdAt: Date;
  updatedAt: Date;
}

export const schemeMappingSchema = new Schema<SchemeMappingDoc>(
  {
    seedKey: { type: String, default: null, maxlength: 300 },
    fromScheme: { type: String, required: true, maxlength: 80 },
    fromLevel: { type: String, required: true, maxlength: 20 },
    toScheme: { type: String, required: true, maxlength: 80 },
    toLevel: { type: String, required: true, maxlength: 20 },
    relation: { type: String, required: true, enum: Object.values(MappingRelation) },
    note: { type: String, required: true, maxlength: SCHEME_MAPPING_LIMITS.note },
    sources: { type: [sourceSchema], default: [] },
    status: { type: String, required: true, enum: Object.values(SchemeMappingStatus) },
    ...reviewFieldPaths,
  },
  { timestamps: true, collection: "schemeMappings" },
);
