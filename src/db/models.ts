import { Connection, Model } from "mongoose";
import { CapabilityDoc, capabilitySchema } from "../catalog/capabilities/capability.model";
import {
  ClassificationSchemeDoc,
  classificationSchemeSchema,
} from "../catalog/classification-schemes/classification-scheme.model";
import { DocumentDoc, documentSchema } from "../catalog/documents/document.model";
import { JurisdictionDoc, jurisdictionSchema } from "../catalog/jurisdictions/jurisdiction.model";
import { OrganisationDoc, organisationSchema } from "../catalog/organisations/organisation.model";
import { ToolDoc, toolSchema } from "../catalog/tools/tool.model";
import { CatalogueStateDoc, catalogueStateSchema } from "../catalog/catalogue.model";
import { UserDoc, userSchema } from "../accounts/user.model";
import { ApiTokenDoc, apiTokenSchema } from "../accounts/token.model";
import { SessionDoc, sessionSchema } from "../accounts/session.model";
import { AuditEventDoc, auditEventSchema } from "../audit/audit.model";
import { SavedReportDoc, savedReportSchema } from "../reports/saved-report.model";
import { SavedSearchDoc, savedSearchSchema } from "../workspace/saved-search.model";
import { ShortlistDoc, shortlistSchema } from "../workspace/shortlist.model";
import { RateLimitCounterDoc, rateLimitCounterSchema } from "../limits/rate-limit.model";
import { CompletenessRequestDoc, completenessRequestSchema } from "../completeness/completeness-request.model";
import { SchemeMappingDoc, schemeMappingSchema } from "../crosswalk/scheme-mapping.model";
import {
  CurationRevisionDoc,
  curationRevisionSchema,
  SchemeLevelChangeDoc,
  schemeLevelChangeSchema,
} from "../crosswalk/curation.model";
import {
  IdempotencyDoc,
  idempotencySchema,
  ListingRevisionDoc,
  listingRevisionSchema,
} from "../listings/revision.model";

/** The models compiled on one connection; services receive this, never the global mongoose. */
export interface Models {
  Tool: Model<ToolDoc>;
  Organisation: Model<OrganisationDoc>;
  Capability: Model<CapabilityDoc>;
  Jurisdiction: Model<JurisdictionDoc>;
  ClassificationScheme: Model<ClassificationSchemeDoc>;
  Document: Model<DocumentDoc>;
  CatalogueState: Model<CatalogueStateDoc>;
  User: Model<UserDoc>;
  ApiToken: Model<ApiTokenDoc>;
  Session: Model<SessionDoc>;
  AuditEvent: Model<AuditEventDoc>;
  SavedReport: Model<SavedReportDoc>;
  SavedSearch: Model<SavedSearchDoc>;
  Shortlist: Model<ShortlistDoc>;
  ListingRevision: Model<ListingRevisionDoc>;
  Idempotency: Model<IdempotencyDoc>;
  RateLimitCounter: Model<RateLimitCounterDoc>;
  CompletenessRequest: Model<CompletenessRequestDoc>;
  SchemeMapping: Model<SchemeMappingDoc>;
  SchemeLevelChange: Model<SchemeLevelChangeDoc>;
  CurationRevision: Model<CurationRevisionDoc>;
}

export function registerModels(conn: Connection): Models {
  return {
    Tool: conn.model<ToolDoc>("Tool", toolSchema),
    Organisation: conn.model<OrganisationDoc>("Organisation", organisationSchema),
    Capability: conn.model<CapabilityDoc>("Capability", capabilitySchema),
    Jurisdiction: conn.model<JurisdictionDoc>("Jurisdiction", jurisdictionSchema),
    ClassificationScheme: conn.model<ClassificationSchemeDoc>("ClassificationScheme", classificationSchemeSchema),
    Document: conn.model<DocumentDoc>("Document", documentSchema),
    CatalogueState: conn.model<CatalogueStateDoc>("CatalogueState", catalogueStateSchema),
    User: conn.model<UserDoc>("User", userSchema),
    ApiToken: conn.model<ApiTokenDoc>("ApiToken", apiTokenSchema),
    Session: conn.model<SessionDoc>("Session", sessionSchema),
    AuditEvent: conn.model<AuditEventDoc>("AuditEvent", auditEventSchema),
    SavedReport: conn.model<SavedReportDoc>("SavedReport", savedReportSchema),
    SavedSearch: conn.model<SavedSearchDoc>("SavedSearch", savedSearchSchema),
    Shortlist: conn.model<ShortlistDoc>("Shortlist", shortlistSchema),
    ListingRevision: conn.model<ListingRevisionDoc>("ListingRevision", listingRevisionSchema),
    Idempotency: conn.model<IdempotencyDoc>("Idempotency", idempotencySchema),
    RateLimitCounter: conn.model<RateLimitCounterDoc>("RateLimitCounter", rateLimitCounterSchema),
    CompletenessRequest: conn.model<CompletenessRequestDoc>("CompletenessRequest", completenessRequestSchema),
    SchemeMapping: conn.model<SchemeMappingDoc>("SchemeMapping", schemeMappingSchema),
    SchemeLevelChange: conn.model<SchemeLevelChangeDoc>("SchemeLevelChange", schemeLevelChangeSchema),
    CurationRevision: conn.model<CurationRevisionDoc>("CurationRevision", curationRevisionSchema),
  };
}

/** Creates the indexes every model declares; run at start and by the seed loader. */
export async function ensureIndexes(models: Models): Promise<void> {
  for (const m of Object.values(models) as Model<unknown>[]) await m.createIndexes();
}
