import "reflect-metadata";
import "./catalog/enums.graphql";
import { defaultFieldResolver, GraphQLSchema } from "graphql";
import { buildSchema } from "type-graphql";
import { CapabilityResolver } from "./catalog/capabilities/capability.resolver";
import { ClassificationSchemeResolver } from "./catalog/classification-schemes/classification-scheme.resolver";
import { DocumentResolver, SourceResolver } from "./catalog/documents/document.resolver";
import { JurisdictionResolver } from "./catalog/jurisdictions/jurisdiction.resolver";
import { OrganisationResolver } from "./catalog/organisations/organisation.resolver";
import { AvailabilityResolver, ToolResolver } from "./catalog/tools/tool.resolver";
import { ReportResolver } from "./reports/report.resolver";
import {
  CapabilityCrowdingFields,
  DuplicateGroupFields,
  GapCellFields,
  ListingCompletenessFields,
  OverlapClusterFields,
  ReportParametersFields,
  StaleListingGroupFields,
} from "./reports/report-fields.resolver";
import { ApiTokenResolver, UserResolver, ViewerResolver } from "./accounts/account.resolver";
import { AuditResolver } from "./audit/audit.resolver";
import { SavedReportResolver } from "./reports/saved-report.resolver";
import { ListingResolver } from "./listings/listing.resolver";
import { CatalogueAdminResolver } from "./catalog/admin.resolver";
import { NodeResolver } from "./node/node.resolver";
import { SavedSearchResolver } from "./workspace/saved-search.resolver";
import { ShortlistResolver } from "./workspace/shortlist.resolver";
import { CompletenessResolver } from "./completeness/completeness.resolver";
import { authChecker } from "./accounts/auth-checker";
import { trimInputText } from "./common/text";
import { QUERY_LIMITS } from "./limits/query-limits";
import { CrosswalkCellResolver, CrosswalkResolver, SchemeMappingResolver } from "./crosswalk/crosswalk.resolver";
import { SchemeLevelChangeResolver, SchemeLevelResolver } from "./crosswalk/scheme-level.resolver";

export const RESOLVERS = [
  ToolResolver,
  AvailabilityResolver,
  OrganisationResolver,
  CapabilityResolver,
  JurisdictionResolver,
  ClassificationSchemeResolver,
  SourceResolver,
  DocumentResolver,
  NodeResolver,
  SavedSearchResolver,
  ShortlistResolver,
  ReportResolver,
  GapCellFields,
  ListingCompletenessFields,
  CapabilityCrowdingFields,
  OverlapClusterFields,
  DuplicateGroupFields,
  StaleListingGroupFields,
  ReportParametersFields,
  ViewerResolver,
  UserResolver,
  ApiTokenResolver,
  AuditResolver,
  SavedReportResolver,
  ListingResolver,
  CatalogueAdminResolver,
  CompletenessResolver,
  CrosswalkResolver,
  SchemeMappingResolver,
  SchemeLevelChangeResolver,
  SchemeLevelResolver,
  CrosswalkCellResolver,
] as const;

/**
 * Every mutation receives its text arguments trimmed, before validation: what
 * is stored (listings, accounts, tokens, saved reports, the taxonomy and
 * jurisdiction groups) never begins or ends with white space, and length and
 * emptiness are judged on what is stored.
 */
function trimMutationText(schema: GraphQLSchema): GraphQLSchema {
  for (const field of Object.values(schema.getMutationType()?.getFields() ?? {})) {
    const resolve = field.resolve ?? defaultFieldResolver;
    const types = new Map(field.args.map((a) => [a.name, a.type]));
    field.resolve = (source, args: Record<string, unknown>, ctx, info) => {
      const trimmed = Object.fromEntries(
        Object.entries(args).map(([k, v]) => {
          const type = types.get(k);
          return [k, type ? trimInputText(v, type) : v];
        }),
      );
      return resolve(source, trimmed, ctx, info);
    };
  }
  return schema;
}

/** Descriptions of the root types, for which buildSchema has no option. */
function describeRootTypes(schema: GraphQLSchema): GraphQLSchema {
  const L = QUERY_LIMITS;
  const query = schema.getQueryType();
  const mutation = schema.getMutationType();
  if (query) {
    query.description =
      "Reads. Answers hold only what you may see: listings hidden from you are neither returned nor counted. " +
      `An operation deeper than ${L.maxDepth} levels, or with more than ${L.maxAliases} aliases, ${L.maxDirectives} directives, ` +
      `${L.maxTokens} tokens or a cost of ${L.maxCost} fields, is refused with GRAPHQL_VALIDATION_FAILED. ` +
      "A field that requires a role answers UNAUTHENTICATED without a token and FORBIDDEN without the role.";
  }
  if (mutation) {
    mutation.description =
      `Writes. Changes and refusals are recorded in the audit log; one operation may hold at most ${L.maxAuditedFields} mutations. ` +
      "Input you can correct comes back in the payload's userErrors, arguments out of bounds are BAD_USER_INPUT, and without a token a call is UNAUTHENTICATED, without the role FORBIDDEN.";
  }
  return schema;
}

/** The executable schema; arguments are validated with class-validator, and roles checked, before any resolver runs. */
export async function createSchema(): Promise<GraphQLSchema> {
  return describeRootTypes(
    trimMutationText(
      await buildSchema({
        resolvers: RESOLVERS,
        authChecker,
        validate: { forbidUnknownValues: false },
      }),
    ),
  );
}
