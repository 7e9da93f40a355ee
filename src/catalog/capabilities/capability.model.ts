import { Schema, Types } from "mongoose";
import { SourceDoc, sourceSchema } from "../documents/document.model";

/** Another word or phrase the source documents use for a capability, with where they use it. */
export interface CapabilitySynonymDoc {
  term: string;
  sources: SourceDoc[];
}

/** Bounds shared by the seed schema and the API, so both accept the same synonyms. */
export const SYNONYM_LIMITS = { term: 80, perCapability: 20, sourcesPerSynonym: 10 } as const;

const synonymSchema = new Schema<CapabilitySynonymDoc>(
  {
    term: { type: String, required: true, maxlength: SYNONYM_LIMITS.term },
    sources: { type: [sourceSchema], default: [] },
  },
  { _id: false },
);

/**
 * A node of the capability taxonomy (function → capability → technique).
 * `path` is the materialised path of slugs, `/detection/hash-matching/`, so
 * that a node's subtree is every node whose path starts with its own.
 */
export interface CapabilityDoc {
  _id: Types.ObjectId;
  slug: string;
  name: string;
  description: string | null;
  parent: Types.ObjectId | null;
  path: string;
  depth: number;
  order: number;
  retired: boolean;
  /** Empty for a capability the sources name only one way. */
  synonyms: CapabilitySynonymDoc[];
  createdAt: Date;
  updatedAt: Date;
}

export const capabilitySchema = new Schema<CapabilityDoc>(
  {
    slug: { type: String, required: true, unique: true, maxlength: 80 },
    name: { type: String, required: true, maxlength: 100 },
    description: { type: String, default: null, maxlength: 500 },
    parent: { type: Schema.Types.ObjectId, default: null },
    path: { type: String, required: true, maxlength: 400 },
    depth: { type: Number, required: true, min: 0, max: 5 },
    order: { type: Number, required: true },
    retired: { type: Boolean, default: false },
    synonyms: { type: [synonymSchema], default: [] },
  },
  { timestamps: true, collection: "capabilities" },
);
capabilitySchema.index({ path: 1 });
