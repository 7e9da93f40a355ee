import { Schema, Types } from "mongoose";
import { enumValues } from "../catalog/enums";
import { ToolOrder } from "../catalog/tools/tool.service";

/**
 * A search a signed-in user keeps under a name. `seen` is what it matched
 * when its owner last looked, as `<listing id>:<published revision>`, so
 * that what is new since then (listings that match now and did not, or whose
 * published revision moved) can be told exactly. The filter is kept as JSON
 * text: FerretDB v1 cannot hold nested arrays.
 */
export interface SavedSearchDoc {
  _id: Types.ObjectId;
  owner: Types.ObjectId;
  name: string;
  search: string | null;
  filter: string;
  orderBy: ToolOrder | null;
  lastSeenAt: Date;
  seen: string[];
  createdAt: Date;
  updatedAt: Date;
}

/** Saved searches one user may keep. */
export const MAX_SAVED_SEARCHES = 100;

export const savedSearchSchema = new Schema<SavedSearchDoc>(
  {
    owner: { type: Schema.Types.ObjectId, required: true },
    name: { type: String, required: true, maxlength: 200 },
    search: { type: String, default: null, maxlength: 200 },
    filter: { type: String, required: true, maxlength: 20_000 },
    orderBy: { type: String, enum: [...enumValues(ToolOrder), null], default: null },
    lastSeenAt: { type: Date, required: true },
    seen: { type: [String], default: [] },
  },
  { timestamps: true, collection: "savedSearches", versionKey: false },
);
savedSearchSchema.index({ owner: 1, name: 1 });
