import { Schema, Types } from "mongoose";
import { enumValues } from "../catalog/enums";

export enum ReportKind {
  GAP = "GAP",
  DUPLICATION = "DUPLICATION",
}

/**
 * A report saved as it was computed: its input, the catalogue revision, a
 * few headline numbers, the gap keys (`capability|jurisdiction`) for
 * comparisons, and the whole JSON export as a string (so the stored document
 * has no nested arrays, which FerretDB v1 cannot hold).
 */
export interface SavedReportDoc {
  _id: Types.ObjectId;
  kind: ReportKind;
  name: string;
  input: string;
  catalogueRevision: string;
  createdBy: string;
  createdAt: Date;
  coverage: number | null;
  /** Null for duplication reports and for gap reports saved before possible coverage existed. */
  possibleCoverage: number | null;
  gapKeys: string[];
  singlePointKeys: string[];
  body: string;
}

export const savedReportSchema = new Schema<SavedReportDoc>(
  {
    kind: { type: String, enum: enumValues(ReportKind), required: true },
    name: { type: String, required: true, maxlength: 200 },
    input: { type: String, required: true },
    catalogueRevision: { type: String, required: true },
    createdBy: { type: String, required: true },
    coverage: { type: Number, default: null },
    possibleCoverage: { type: Number, default: null },
    gapKeys: { type: [String], default: [] },
    singlePointKeys: { type: [String], default: [] },
    body: { type: String, required: true },
  },
  { timestamps: { createdAt: true, updatedAt: false }, collection: "savedReports", versionKey: false },
);
