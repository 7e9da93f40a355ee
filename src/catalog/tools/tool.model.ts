import { Schema, Types } from "mongoose";
import { MAX_LISTING_SLUG } from "../../seed/seed.schema";
import {
  AvailabilityStatus,
  Deployment,
  Eligibility,
  enumValues,
  LicenseModel,
  ListingKind,
  MediaType,
  PublicationState,
  ToolStatus,
  Visibility,
} from "../enums";
import { SourceDoc, sourceSchema } from "../documents/document.model";

export interface OfferDoc {
  model: LicenseModel;
  eligibility: Eligibility[];
  spdxLicense: string | null;
  requiresVetting: boolean | null;
  notes: string | null;
}

export interface AvailabilityDoc {
  jurisdiction: string;
  status: AvailabilityStatus;
  notes: string | null;
}

/**
 * A listing: a tool, database, platform, service, standard, lab,
 * crowdsourcing effort or programme. The fields after `revision` are derived
 * from the others on every write (see `derivedToolFields`) so that filters
 * stay flat queries that MongoDB and FerretDB v1 both answer.
 */
export interface ToolDoc {
  _id: Types.ObjectId;
  slug: string;
  name: string;
  kind: ListingKind;
  aliases: string[];
  organisation: Types.ObjectId | null;
  summary: string;
  status: ToolStatus | null;
  year: number | null;
  capabilities: Types.ObjectId[];
  mediaTypes: MediaType[];
  deployment: Deployment[];
  languages: string[];
  standards: string[];
  classificationSchemes: Types.ObjectId[];
  offers: OfferDoc[];
  availability: AvailabilityDoc[];
  /** Stated available in every country; its UNAVAILABLE and RESTRICTED statements are the exceptions. */
  availableWorldwide: boolean;
  visibility: Visibility;
  sources: SourceDoc[];
  lastVerifiedAt: Date | null;
  publicationState: PublicationState;
  /** The published revision (0 for a listing never published). */
  revision: number;
  /** The newest revision, published or not; every edit must name it (optimistic concurrency). */
  latestRevision: number;
  sortName: string;
  searchText: string;
  servedJurisdictions: string[];
  createdAt: Date;
  updatedAt: Date;
}

const offerSchema = new Schema<OfferDoc>(
  {
    model: { type: String, enum: enumValues(LicenseModel), required: true },
    eligibility: { type: [String], enum: enumValues(Eligibility), default: [] },
    spdxLicense: { type: String, default: null, maxlength: 100 },
    requiresVetting: { type: Boolean, default: null },
    notes: { type: String, default: null, maxlength: 1000 },
  },
  { _id: false },
);

const availabilitySchema = new Schema<AvailabilityDoc>(
  {
    jurisdiction: { type: String, required: true, match: /^[A-Z]{2}$/ },
    status: { type: String, enum: enumValues(AvailabilityStatus), required: true },
    notes: { type: String, default: null, maxlength: 500 },
  },
  { _id: false },
);

export const toolSchema = new Schema<ToolDoc>(
  {
    slug: { type: String, required: true, unique: true, maxlength: MAX_LISTING_SLUG },
    name: { type: String, required: true, maxlength: 200 },
    kind: { type: String, enum: enumValues(ListingKind), required: true },
    aliases: { type: [String], default: [] },
    organisation: { type: Schema.Types.ObjectId, default: null },
    summary: { type: String, required: true, maxlength: 2000 },
    status: { type: String, enum: [...enumValues(ToolStatus), null], default: null },
    year: { type: Number, default: null },
    capabilities: { type: [Schema.Types.ObjectId], default: [] },
    mediaTypes: { type: [String], enum: enumValues(MediaType), default: [] },
    deployment: { type: [String], enum: enumValues(Deployment), default: [] },
    languages: { type: [String], default: [] },
    standards: { type: [String], default: [] },
    classificationSchemes: { type: [Schema.Types.ObjectId], default: [] },
    offers: { type: [offerSchema], default: [] },
    availability: { type: [availabilitySchema], default: [] },
    availableWorldwide: { type: Boolean, default: false },
    visibility: { type: String, enum: enumValues(Visibility), required: true, default: Visibility.PUBLIC },
    sources: { type: [sourceSchema], default: [] },
    lastVerifiedAt: { type: Date, default: null },
    publicationState: {
      type: String,
      enum: enumValues(PublicationState),
      required: true,
      default: PublicationState.PUBLISHED,
    },
    revision: { type: Number, required: true, default: 1, min: 0 },
    latestRevision: { type: Number, required: true, default: 1, min: 0 },
    sortName: { type: String, required: true },
    searchText: { type: String, required: true },
    servedJurisdictions: { type: [String], default: [] },
  },
  { timestamps: true, collection: "tools" },
);
toolSchema.index({ publicationState: 1, visibility: 1, sortName: 1 });
toolSchema.index({ organisation: 1 });
