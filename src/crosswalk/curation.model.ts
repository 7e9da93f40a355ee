import { Schema, Types } from "mongoose";
import type { SourceDoc } from "../catalog/documents/document.model";
import { sourceSchema } from "../catalog/documents/document.model";

/**
 * One step in the history of a curated crosswalk record (a scheme mapping or
 * a scheme level): who did what when, the fields it changed and the status it
 * left. Numbered from 1 per subject; (subject, number) is unique, so of two
 * steps racing for the same number exactly one is written, on MongoDB and
 * FerretDB alike. Never updated; removed only to undo a change whose audit
 * event could not be written.
 */
export interface CurationRevisionDoc {
  _id: Types.ObjectId;
  /** `SchemeMapping:<id>` or `SchemeLevel:<level key>`. */
  subject: string;
  number: number;
  at: Date;
  /** The user's id; null for the system (the seed loader, the command-line tool). */
  actor: string | null;
  /** The mutation that made the step (`approveSchemeMapping`, …). */
  operation: string;
  /** The subject's status after the step. */
  status: string;
  /** JSON: field → [before, after]. */
  changes: string;
  reason: string | null;
  /** For a level: the proposed change the step belongs to. */
  change: Types.ObjectId | null;
}

export const curationRevisionSchema = new Schema<CurationRevisionDoc>(
  {
    subject: { type: String, required: true, maxlength: 200 },
    number: { type: Number, required: true, min: 1 },
    at: { type: Date, required: true },
    actor: { type: String, default: null },
    operation: { type: String, required: true, maxlength: 80 },
    status: { type: String, required: true, maxlength: 40 },
    changes: { type: String, required: true },
    reason: { type: String, default: null, maxlength: 1000 },
    change: { type: Schema.Types.ObjectId, default: null },
  },
  { collection: "curationRevisions", versionKey: false },
);
curationRevisionSchema.index({ subject: 1, number: 1 }, { unique: true });
curationRevisionSchema.index({ subject: 1, at: -1, _id: -1 });

/** Who proposed a reviewed record and how it was decided: the fields mappings and level changes share. */
export interface ReviewFields {
  proposedBy: Types.ObjectId | null;
  reviewedBy: Types.ObjectId | null;
  reviewedAt: Date | null;
  /** Why it was rejected (or, for a mapping, retired). */
  reason: string | null;
}

/** The schema paths of ReviewFields. */
export const reviewFieldPaths = {
  proposedBy: { type: Schema.Types.ObjectId, default: null },
  reviewedBy: { type: Schema.Types.ObjectId, default: null },
  reviewedAt: { type: Date, default: null },
  reason: { type: String, default: null, maxlength: 1000 },
} as const;

/** What a proposed change does to a scheme's levels. */
export enum SchemeLevelAction {
  ADD = "ADD",
  CHANGE = "CHANGE",
  RETIRE = "RETIRE",
}

/** Where a proposed level change stands in its review. */
export enum SchemeLevelChangeStatus {
  PENDING = "PENDING",
  APPROVED = "APPROVED",
  REJECTED = "REJECTED",
}

/** A level as a change proposes it: the fields a scheme's level keeps. */
export interface ProposedLevelDoc {
  code: string;
  name: string;
  description: string | null;
  rank: number;
  sources: SourceDoc[];
}

/**
 * A proposed addition, change or retirement of one level of a scheme,
 * waiting for another reviewer. Approving it writes the scheme; until then
 * the scheme is as it was. A document of its own, like a mapping, because a
 * proposal outlives the level it retires and names a level that does not
 * exist yet.
 */
export interface SchemeLevelChangeDoc extends ReviewFields {
  _id: Types.ObjectId;
  scheme: string;
  action: SchemeLevelAction;
  /** The stable key of the level concerned (a new one for ADD): its history's subject. */
  levelKey: string;
  /** The level's code when the change was proposed; null for ADD. */
  fromCode: string | null;
  /** The level as the change would leave it; null for RETIRE. */
  level: ProposedLevelDoc | null;
  /** Why the change is proposed: required for a retirement, optional otherwise. */
  note: string | null;
  status: SchemeLevelChangeStatus;
  createdAt: Date;
  updatedAt: Date;
}

export const SCHEME_LEVEL_LIMITS = { name: 200, description: 1000, note: 1000, sources: 10, rank: 100 } as const;

export const schemeLevelChangeSchema = new Schema<SchemeLevelChangeDoc>(
  {
    scheme: { type: String, required: true, maxlength: 80 },
    action: { type: String, required: true, enum: Object.values(SchemeLevelAction) },
    levelKey: { type: String, required: true, maxlength: 120 },
    fromCode: { type: String, default: null, maxlength: 20 },
    level: {
      type: new Schema<ProposedLevelDoc>(
        {
          code: { type: String, required: true, maxlength: 20 },
          name: { type: String, required: true, maxlength: SCHEME_LEVEL_LIMITS.name },
          description: { type: String, default: null, maxlength: SCHEME_LEVEL_LIMITS.description },
          rank: { type: Number, required: true },
          sources: { type: [sourceSchema], default: [] },
        },
        { _id: false },
      ),
      default: null,
    },
    note: { type: String, default: null, maxlength: SCHEME_LEVEL_LIMITS.note },
    status: { type: String, required: true, enum: Object.values(SchemeLevelChangeStatus) },
    ...reviewFieldPaths,
  },
  { timestamps: true, collection: "schemeLevelChanges" },
);
