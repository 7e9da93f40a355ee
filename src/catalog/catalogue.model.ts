import { Schema } from "mongoose";

/**
 * One document (`_id: "catalogue"`) whose revision goes up with every change
 * to listings or organisations. Readers compare it to decide whether their
 * in-memory snapshot is current, so any number of API instances stay in step.
 */
export interface CatalogueStateDoc {
  _id: string;
  revision: number;
  changedAt: Date;
}

export const catalogueStateSchema = new Schema<CatalogueStateDoc>(
  {
    _id: { type: String, required: true },
    revision: { type: Number, required: true, min: 0 },
    changedAt: { type: Date, required: true },
  },
  { collection: "catalogueState", versionKey: false },
);

export const CATALOGUE_STATE_ID = "catalogue";
