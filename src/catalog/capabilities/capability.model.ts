import { Schema, Types } from "mongoose";

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
  },
  { timestamps: true, collection: "capabilities" },
);
capabilitySchema.index({ path: 1 });
