import "reflect-metadata";
import "./catalog/enums.graphql";
import { GraphQLSchema } from "graphql";
import { buildSchema } from "type-graphql";
import { CapabilityResolver } from "./catalog/capabilities/capability.resolver";
import { ClassificationSchemeResolver } from "./catalog/classification-schemes/classification-scheme.resolver";
import { SourceResolver } from "./catalog/documents/document.resolver";
import { JurisdictionResolver } from "./catalog/jurisdictions/jurisdiction.resolver";
import { OrganisationResolver } from "./catalog/organisations/organisation.resolver";
import { AvailabilityResolver, ToolResolver } from "./catalog/tools/tool.resolver";
import { ReportResolver } from "./reports/report.resolver";
import { ApiTokenResolver, UserResolver, ViewerResolver } from "./accounts/account.resolver";
import { AuditResolver } from "./audit/audit.resolver";
import { SavedReportResolver } from "./reports/saved-report.resolver";
import { ListingResolver } from "./listings/listing.resolver";
import { CatalogueAdminResolver } from "./catalog/admin.resolver";
import { authChecker } from "./accounts/auth-checker";

export const RESOLVERS = [
  ToolResolver,
  AvailabilityResolver,
  OrganisationResolver,
  CapabilityResolver,
  JurisdictionResolver,
  ClassificationSchemeResolver,
  SourceResolver,
  ReportResolver,
  ViewerResolver,
  UserResolver,
  ApiTokenResolver,
  AuditResolver,
  SavedReportResolver,
  ListingResolver,
  CatalogueAdminResolver,
] as const;

/** The executable schema; arguments are validated with class-validator, and roles checked, before any resolver runs. */
export function createSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: RESOLVERS,
    authChecker,
    validate: { forbidUnknownValues: false },
  });
}
