import {
  DocumentNode,
  FieldNode,
  FragmentDefinitionNode,
  getArgumentValues,
  getNamedType,
  getNullableType,
  GraphQLError,
  GraphQLField,
  GraphQLSchema,
  isAbstractType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isObjectType,
  Kind,
  Lexer,
  OperationDefinitionNode,
  OperationTypeNode,
  SelectionSetNode,
  Source,
  TokenKind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  valueFromAST,
} from "graphql";
import { ErrorCode } from "../common/errors";
import { ListSizes, UNSNAPSHOTTED_LIST_SIZES } from "./list-sizes";
import { writesAuditEvent } from "../audit/audited-fields";
import { MAX_HIGHLIGHTS, MAX_SUGGESTIONS } from "../search/ranked";
import { MAX_NODES } from "../node/global-id";
import { MAX_DOCUMENTS } from "../catalog/documents/document.model";
import { MAX_SAVED_SEARCHES } from "../workspace/saved-search.model";
import { SHORTLIST_LIMITS } from "../workspace/shortlist.model";
import { COMPLETENESS_REQUEST_LIMITS } from "../completeness/completeness-request.model";
import { COMPLETENESS_FIELDS } from "../reports/completeness";
import { ComparedField, COMPARE_MAX } from "../catalog/tools/compare";
import { MAX_HOPS } from "../crosswalk/crosswalk";
import { MAX_CROSSWALK_SCHEMES, MAX_GAP_JURISDICTIONS } from "../crosswalk/crosswalk.service";
import { SCHEME_MAPPING_LIMITS } from "../crosswalk/scheme-mapping.model";
import { LEVEL_SOURCES_MAX } from "../seed/seed.schema";

/** Rows of a comparison that are not per country. */
const COMPARED_FIELDS = Object.keys(ComparedField).length;

/** The limits every operation is checked against before any resolver runs. */
export const QUERY_LIMITS = {
  maxDepth: 8,
  maxAliases: 15,
  maxDirectives: 50,
  maxTokens: 1000,
  maxCost: 100_000,
  /**
   * Root fields that write an audit event (mutations, audited queries). With
   * one event per such field, this bounds what one request can add to the
   * audit log, and with the rate limit what one token can add in a minute.
   */
  maxAuditedFields: 5,
} as const;

export class QueryLimitError extends GraphQLError {
  constructor(limit: string, message: string) {
    super(message, { extensions: { code: ErrorCode.GRAPHQL_VALIDATION_FAILED, limit, http: { status: 400 } } });
  }
}

/**
 * Counts the lexical tokens of a query, stopping as soon as the limit is
 * passed, or at a syntax error: parsing then refuses the query with
 * GRAPHQL_PARSE_FAILED, which a count cannot report.
 */
export function countTokens(source: string, stopAfter: number): number {
  const lexer = new Lexer(new Source(source));
  let n = 0;
  try {
    for (let tok = lexer.advance(); tok.kind !== TokenKind.EOF; tok = lexer.advance()) {
      if (++n > stopAfter) break;
    }
  } catch (e) {
    if (e instanceof GraphQLError) return n;
    throw e;
  }
  return n;
}

function fragmentsOf(doc: DocumentNode): Map<string, FragmentDefinitionNode> {
  return new Map(
    doc.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
}

/** The deepest field nesting of an operation, through fragments (each fragment entered once per path). */
export function depthOf(
  set: SelectionSetNode | undefined,
  fragments: Map<string, FragmentDefinitionNode>,
  seen: Set<string> = new Set(),
): number {
  if (!set) return 0;
  let max = 0;
  for (const s of set.selections) {
    if (s.kind === Kind.FIELD) {
      if (s.name.value.startsWith("__")) continue;
      max = Math.max(max, 1 + depthOf(s.selectionSet, fragments, seen));
    } else if (s.kind === Kind.INLINE_FRAGMENT) {
      max = Math.max(max, depthOf(s.selectionSet, fragments, seen));
    } else if (!seen.has(s.name.value)) {
      const f = fragments.get(s.name.value);
      max = Math.max(max, depthOf(f?.selectionSet, fragments, new Set([...seen, s.name.value])));
    }
  }
  return max;
}

interface Frame {
  field: GraphQLField<unknown, unknown>;
  node: FieldNode;
  /** How many times this field can occur in the answer. */
  multiplier: number;
}

/** A field's arguments as the request gives them (variables applied), or null if they cannot be read yet. */
function argsOf(frame: Frame, variables: Record<string, unknown>): Record<string, unknown> | null {
  try {
    return getArgumentValues(frame.field, frame.node, variables);
  } catch {
    return null;
  }
}

/** The page size a field asks for: its `first` argument as given, or its default. */
function pageSize(frame: Frame, variables: Record<string, unknown>): number {
  const arg = frame.field.args.find((a) => a.name === "first");
  if (!arg) return 1;
  const given = frame.node.arguments?.find((a) => a.name.value === "first");
  const value = given ? valueFromAST(given.value, arg.type, variables) : arg.defaultValue;
  return typeof value === "number" && value > 0 ? value : typeof arg.defaultValue === "number" ? arg.defaultValue : 1;
}

interface ReportScope {
  rows: number;
  columns: number;
  /** The most listings one cell can list. */
  toolsPerCell: number;
}

/**
 * The size of a report's matrix, from the nearest enclosing `input`: its
 * countries (a group counts as its members; none given means every
 * country), its rows (the subtrees of the capabilities given, or the whole
 * taxonomy at the depth asked for), and the most listings under one row.
 */
function reportScope(ancestors: Frame[], variables: Record<string, unknown>, sizes: ListSizes): ReportScope {
  const whole: ReportScope = { rows: sizes.capabilities, columns: sizes.countries, toolsPerCell: sizes.listings };
  for (let i = ancestors.length - 1; i >= 0; i--) {
    type ScopeArgs = { jurisdictions?: unknown; capabilities?: unknown; depth?: unknown };
    const given = argsOf(ancestors[i], variables)?.input as (ScopeArgs & { gapReport?: unknown }) | undefined;
    if (!given || typeof given !== "object") continue;
    // A completeness report's cells are those of the gap report it names, or of its own scope.
    const input = given.gapReport && typeof given.gapReport === "object" ? (given.gapReport as ScopeArgs) : given;
    const codes = Array.isArray(input.jurisdictions) ? input.jurisdictions.map(String) : [];
    const slugs = Array.isArray(input.capabilities) ? input.capabilities.map(String) : [];
    const byFunction = input.depth === "FUNCTION";
    const groups = new Map(sizes.groupMembers.map((g) => [g.code, g.members]));
    return {
      columns: codes.length
        ? Math.min(
            sizes.countries,
            codes.reduce((n, c) => n + (groups.get(c) ?? 1), 0),
          )
        : sizes.countries,
      rows: slugs.length
        ? slugs.reduce((n, c) => n + (sizes.capability.get(c)?.subtree ?? 0), 0)
        : byFunction
          ? sizes.rowsAtFunctionDepth
          : sizes.rowsAtCapabilityDepth,
      toolsPerCell: slugs.length
        ? Math.max(0, ...slugs.map((c) => sizes.capability.get(c)?.listings ?? 0))
        : byFunction
          ? sizes.listings
          : sizes.maxListingsPerCapabilityRow,
    };
  }
  return whole;
}

type Bound = (sizes: ListSizes, scope: () => ReportScope) => number;

const U = UNSNAPSHOTTED_LIST_SIZES;
const cells: Bound = (_s, scope) => scope().rows * scope().columns;

/**
 * How long each list without `first` can be. Every list of objects in the
 * schema has an entry (a test checks), so a new list field cannot escape
 * the cost.
 */
export const LIST_BOUNDS: Record<string, Bound> = {
  "Query.jurisdictions": (s) => s.jurisdictions,
  "Query.capabilities": (s) => s.capabilities,
  "Query.classificationSchemes": (s) => s.schemes,
  "Query.listingHistory": () => U.revisions,
  "Query.openRevisions": () => U.revisions,
  "Query.reviewQueue": () => U.revisions,
  "Query.compareRevisions": () => U.fieldChanges,
  "Jurisdiction.groups": (s) => s.maxGroupsPerCountry,
  "Jurisdiction.members": (s) => s.maxMembers,
  "Capability.children": (s) => s.maxChildren,
  "Capability.synonyms": (s) => s.maxCapabilitySynonyms,
  "CapabilitySynonym.sources": (s) => s.maxSynonymSources,
  "ClassificationScheme.jurisdictions": (s) => s.maxSchemeJurisdictions,
  "ClassificationScheme.levels": (s) => s.maxSchemeLevels,
  "ClassificationScheme.sources": (s) => s.maxSchemeSources,
  "ClassificationScheme.listings": (s) => s.maxSchemeListings,
  "ClassificationScheme.tools": (s) => s.maxSchemeListings,
  "Organisation.sources": (s) => s.maxOrganisationSources,
  "Query.suggest": () => MAX_SUGGESTIONS,
  "Query.nodes": () => MAX_NODES,
  "Query.documents": () => MAX_DOCUMENTS,
  "ListingComparison.listings": () => COMPARE_MAX,
  "ListingComparison.rows": (s) => COMPARED_FIELDS + s.jurisdictions,
  "ComparisonRow.cells": () => COMPARE_MAX,
  "Query.savedSearches": () => MAX_SAVED_SEARCHES,
  "SavedSearch.newSinceLastSeen": (s) => s.listings,
  "Query.shortlists": () => SHORTLIST_LIMITS.perUser + SHORTLIST_LIMITS.sharedListed,
  "Shortlist.items": () => SHORTLIST_LIMITS.items,
  // A shortlist's comparisons keep availability in one row (compareListings' availabilityByCountry: false).
  "LockedListing.rows": () => COMPARED_FIELDS,
  "LockedComparison.rows": () => COMPARED_FIELDS,
  "Suggestion.highlights": () => MAX_HIGHLIGHTS,
  "SearchSnippet.highlights": () => MAX_HIGHLIGHTS,
  "Listing.availability": (s) => s.perListing.availability,
  "Listing.capabilities": (s) => s.perListing.capabilities,
  "Listing.classificationSchemes": (s) => s.perListing.schemes,
  "Listing.offers": (s) => s.perListing.offers,
  "Listing.sources": (s) => s.perListing.sources,
  "ListingFacets.capabilities": (s) => s.capabilities,
  "ListingFacets.jurisdictions": (s) => s.jurisdictions,
  "GapReport.rows": (_s, scope) => scope().rows,
  "GapReport.rowCoverage": (_s, scope) => scope().rows,
  "GapReport.emptyCapabilities": (_s, scope) => scope().rows,
  "GapReport.columns": (_s, scope) => scope().columns,
  "GapReport.columnCoverage": (_s, scope) => scope().columns,
  "GapReport.cells": cells,
  "GapReport.gaps": cells,
  "GapReport.singlePointsOfFailure": cells,
  "GapCell.listings": (_s, scope) => scope().toolsPerCell,
  "GapCell.tools": (_s, scope) => scope().toolsPerCell,
  "GapCell.unknownListings": (_s, scope) => scope().toolsPerCell,
  "GapCell.unknownTools": (_s, scope) => scope().toolsPerCell,
  "GapReportComparison.closed": (s) => s.capabilities * s.countries,
  "GapReportComparison.opened": (s) => s.capabilities * s.countries,
  "GapReportComparison.singlePointsNew": (s) => s.capabilities * s.countries,
  "GapReportComparison.singlePointsResolved": (s) => s.capabilities * s.countries,
  "DuplicationReport.crowding": (s) => s.capabilities,
  "DuplicationReport.clusters": (s) => Math.floor(s.listings / 2),
  "DuplicationReport.likelyDuplicates": (s) => s.listings,
  "DuplicateGroup.listings": (s) => s.listings,
  "DuplicateGroup.tools": (s) => s.listings,
  "OverlapCluster.listings": (s) => s.listings,
  "OverlapCluster.tools": (s) => s.listings,
  "OverlapCluster.sharedCapabilities": (s) => s.perListing.capabilities,
  "StaleListingGroup.listings": (s) => s.maxListingsPerOrganisation,
  "StaleListingGroup.tools": (s) => s.maxListingsPerOrganisation,
  "CompletenessReport.fields": () => COMPLETENESS_FIELDS.length,
  "CompletenessReport.listings": (s) => s.listings,
  "CompletenessReport.organisations": (s) => s.organisationsWithListings,
  "OrganisationCompleteness.fields": () => COMPLETENESS_FIELDS.length,
  // A listing is in the rows holding one of its capabilities: at most one per taxonomy level each.
  "ListingCompleteness.affectedCells": (s, scope) =>
    Math.min(scope().rows, s.perListing.capabilities * s.taxonomyLevels) * scope().columns,
  "VendorCompleteness.listings": (s) => s.maxListingsPerOrganisation,
  "VendorCompleteness.openRequests": () => COMPLETENESS_REQUEST_LIMITS.listed,
  "Query.completenessRequests": () => COMPLETENESS_REQUEST_LIMITS.listed,
  "SchemeLevel.sources": () => LEVEL_SOURCES_MAX,
  "SchemeMapping.sources": () => SCHEME_MAPPING_LIMITS.sources,
  "Query.translateCategory": (s) => s.maxSchemeLevels,
  "CategoryTranslation.path": () => MAX_HOPS,
  "CategoryTranslation.sources": () => MAX_HOPS * SCHEME_MAPPING_LIMITS.sources,
  "Crosswalk.schemes": () => MAX_CROSSWALK_SCHEMES,
  "Crosswalk.levels": (s) => MAX_CROSSWALK_SCHEMES * s.maxSchemeLevels,
  "Crosswalk.unmappedLevels": (s) => MAX_CROSSWALK_SCHEMES * s.maxSchemeLevels,
  "Crosswalk.cells": (s) => (MAX_CROSSWALK_SCHEMES * s.maxSchemeLevels) ** 2,
  "Crosswalk.pairs": () => (MAX_CROSSWALK_SCHEMES * (MAX_CROSSWALK_SCHEMES - 1)) / 2,
  "CrosswalkGaps.unmappedPairs": (s) => (s.schemes * (s.schemes - 1)) / 2,
  "CrosswalkGaps.unmappedLevels": (s) => s.schemes * s.maxSchemeLevels,
  "CrosswalkGaps.schemesWithoutLevels": (s) => s.schemes,
  "CrosswalkGaps.jurisdictions": () => MAX_GAP_JURISDICTIONS,
  "JurisdictionSchemes.schemes": (s) => s.schemes,
  "JurisdictionSchemes.untranslatablePairs": (s) => (s.schemes * (s.schemes - 1)) / 2,
};

/** Lists whose elements are shared out among the elements of the list above them: all clusters together hold each listing at most once. */
const PARTITIONS: Record<string, (s: ListSizes) => number> = {
  "OverlapCluster.listings": (s) => s.listings,
  "OverlapCluster.tools": (s) => s.listings,
  // Likely-duplicate groups are the sets of a union-find: disjoint, so together they hold each listing at most once.
  "DuplicateGroup.listings": (s) => s.listings,
  "DuplicateGroup.tools": (s) => s.listings,
};

/**
 * Lists with no entry in LIST_BOUNDS: enum facets (every value of a small
 * enum at most once) and the user errors of a mutation payload; anything
 * else is a list nobody has bounded, which a test refuses.
 */
export function otherListBound(field: GraphQLField<unknown, unknown>): number | undefined {
  const named = getNamedType(field.type);
  if (isObjectType(named) && named.name === "FacetValue") return ENUM_FACET_VALUES;
  if (field.name === "userErrors") return U.userErrors;
  return undefined;
}

/** More than any enum a facet counts has values. */
const ENUM_FACET_VALUES = 20;
const UNBOUNDED_FALLBACK = 1000;

interface SchemaSizes {
  /** The longest such list on any one element, and all of them together across the schema. */
  each: Record<string, number>;
  total: Record<string, number>;
}

const schemaSizesCache = new WeakMap<GraphQLSchema, SchemaSizes>();

/**
 * How long the introspection lists can be, read off the schema itself: a
 * type's fields at most as many as the largest type has, and under
 * `__schema` no more than the schema holds in all (every type's fields
 * together are the schema's fields, and so on).
 */
function schemaSizes(schema: GraphQLSchema): SchemaSizes {
  let sizes = schemaSizesCache.get(schema);
  if (sizes) return sizes;
  const each: Record<string, number> = {};
  const total: Record<string, number> = {};
  const add = (key: string, n: number) => {
    each[key] = Math.max(each[key] ?? 0, n);
    total[key] = (total[key] ?? 0) + n;
  };
  const types = Object.values(schema.getTypeMap());
  add("__Schema.types", types.length);
  add("__Schema.directives", schema.getDirectives().length);
  for (const d of schema.getDirectives()) add("__Directive.args", d.args.length);
  for (const t of types) {
    if (isObjectType(t) || isInterfaceType(t)) {
      const fields = Object.values(t.getFields());
      add("__Type.fields", fields.length);
      add("__Type.interfaces", t.getInterfaces().length);
      for (const f of fields) add("__Field.args", f.args.length);
    }
    if (isInputObjectType(t)) add("__Type.inputFields", Object.keys(t.getFields()).length);
    if (isEnumType(t)) add("__Type.enumValues", t.getValues().length);
    if (isAbstractType(t)) add("__Type.possibleTypes", schema.getPossibleTypes(t).length);
  }
  sizes = { each, total };
  schemaSizesCache.set(schema, sizes);
  return sizes;
}

/**
 * Where a list's elements are each distinct schema members, so that all of
 * them together are at most the schema's total: directly below `__schema`
 * (each type once, each type's fields once). Deeper, through `type` or
 * `ofType`, the same type can come back any number of times.
 */
const DISTINCT_PATH: Record<string, string> = {
  "__Schema.types": "",
  "__Schema.directives": "",
  "__Type.fields": "types",
  "__Type.inputFields": "types",
  "__Type.enumValues": "types",
  "__Type.interfaces": "types",
  "__Type.possibleTypes": "types",
  "__Field.args": "types/fields",
  "__Directive.args": "directives",
};

/**
 * The multiplier for an introspection list: at most its longest for each
 * element above it, and, on a path where every element is a distinct member
 * of the schema, at most the schema's total.
 */
function introspectionMultiplier(
  schema: GraphQLSchema,
  key: string,
  frames: Frame[],
  parentMultiplier: number,
): number {
  const { each, total } = schemaSizes(schema);
  const perElement = parentMultiplier * (each[key] ?? 0);
  const root = frames.findIndex((f) => f.field.name === "__schema");
  if (root < 0 || total[key] === undefined) return perElement;
  const path = frames
    .slice(root + 1)
    .map((f) => f.field.name)
    .join("/");
  return path === DISTINCT_PATH[key] ? Math.min(perElement, frames[root].multiplier * total[key]) : perElement;
}

/**
 * The cost of an operation: an upper bound on the number of fields its
 * answer can hold. Every field costs 1 for each time it can occur: the
 * product of the sizes of the lists above it — a connection's `edges` at
 * the page size asked for (`first`, or its default), every other list at
 * its largest possible length (LIST_BOUNDS, from the current catalogue).
 */
export function costOf(
  schema: GraphQLSchema,
  doc: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  sizes: ListSizes,
): number {
  const fragments = fragmentsOf(doc);
  const typeInfo = new TypeInfo(schema);
  let cost = 0;
  const frames: Frame[] = [];
  const expand = (node: OperationDefinitionNode | FragmentDefinitionNode, seen: Set<string>) => {
    visit(
      node,
      visitWithTypeInfo(typeInfo, {
        Field: {
          enter(fieldNode: FieldNode) {
            const parentMultiplier = frames.length ? frames[frames.length - 1].multiplier : 1;
            cost += parentMultiplier;
            const field = typeInfo.getFieldDef();
            const parent = typeInfo.getParentType();
            if (!field || !parent) {
              frames.push({
                field: field as GraphQLField<unknown, unknown>,
                node: fieldNode,
                multiplier: parentMultiplier,
              });
              return;
            }
            const frame: Frame = { field, node: fieldNode, multiplier: parentMultiplier };
            const unwrapped = getNullableType(field.type);
            if (isListType(unwrapped) && !isLeafType(getNamedType(field.type))) {
              const key = `${parent.name}.${field.name}`;
              if (parent.name.startsWith("__")) {
                frame.multiplier = introspectionMultiplier(schema, key, frames, parentMultiplier);
                frames.push(frame);
                return;
              }
              let scope: ReportScope | undefined;
              const scopeOf = () => (scope ??= reportScope(frames, variables, sizes));
              const above = frames[frames.length - 1];
              const size =
                (field.name === "edges" || field.name === "nodes") && parent.name.endsWith("Connection") && above
                  ? pageSize(above, variables)
                  : field.args.some((a) => a.name === "first")
                    ? pageSize(frame, variables)
                    : (LIST_BOUNDS[key]?.(sizes, scopeOf) ?? otherListBound(field) ?? UNBOUNDED_FALLBACK);
              frame.multiplier = parentMultiplier * size;
              const partition = PARTITIONS[key];
              // The elements of the list two levels up (e.g. the clusters) share these out between them.
              const owner = frames[frames.length - 2];
              if (partition && owner)
                frame.multiplier = Math.min(frame.multiplier, owner.multiplier * partition(sizes));
            }
            frames.push(frame);
          },
          leave() {
            frames.pop();
          },
        },
        FragmentSpread(spread) {
          const f = fragments.get(spread.name.value);
          if (f && !seen.has(f.name.value)) expand(f, new Set([...seen, f.name.value]));
          return false;
        },
      }),
    );
  };
  expand(operation, new Set());
  return cost;
}

/**
 * How many root fields of the operation write an audit event, through
 * fragments and inline fragments. A fragment spread twice counts twice even
 * though GraphQL merges the fields: over-counting only refuses earlier.
 */
export function auditedRootFields(doc: DocumentNode, operation: OperationDefinitionNode): number {
  const parent =
    operation.operation === OperationTypeNode.MUTATION
      ? "Mutation"
      : operation.operation === OperationTypeNode.QUERY
        ? "Query"
        : "Subscription";
  const fragments = fragmentsOf(doc);
  const count = (set: SelectionSetNode | undefined, seen: Set<string>): number => {
    let n = 0;
    for (const s of set?.selections ?? []) {
      if (s.kind === Kind.FIELD) n += writesAuditEvent(parent, s.name.value) ? 1 : 0;
      else if (s.kind === Kind.INLINE_FRAGMENT) n += count(s.selectionSet, seen);
      else if (!seen.has(s.name.value)) {
        n += count(fragments.get(s.name.value)?.selectionSet, new Set([...seen, s.name.value]));
      }
    }
    return n;
  };
  return count(operation.selectionSet, new Set());
}

/** Refuses a query with more tokens than the limit. */
export function checkTokens(source: string): void {
  // Every token is at least one character long, so a query no longer than the limit cannot pass it.
  if (source.length <= QUERY_LIMITS.maxTokens) return;
  if (countTokens(source, QUERY_LIMITS.maxTokens) > QUERY_LIMITS.maxTokens) {
    throw new QueryLimitError("tokens", `the query has more than ${QUERY_LIMITS.maxTokens} tokens`);
  }
}

/**
 * What is known of operations already checked, by schema and operation node.
 * Apollo keeps each parsed and validated document and hands the same object to
 * every request with the same query text, so a query repeated by clients is
 * checked once: its tokens, aliases, directives and depth do not change, and
 * neither does its cost for one set of list sizes (one snapshot, one audience)
 * when it declares no variables. Entries go when Apollo drops the document.
 */
const checked = new WeakMap<GraphQLSchema, WeakMap<OperationDefinitionNode, WeakMap<ListSizes, number>>>();

/**
 * Checks an operation against every limit; throws a QueryLimitError naming
 * the first one passed. An operation that passed before is not walked again
 * (see `checked`); one with variables has its cost counted for each request.
 */
export function checkLimits(
  schema: GraphQLSchema,
  source: string,
  doc: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  sizes: ListSizes,
): number {
  let bySchema = checked.get(schema);
  if (!bySchema) checked.set(schema, (bySchema = new WeakMap()));
  let costs = bySchema.get(operation);
  if (!costs) {
    checkShape(source, doc, operation);
    bySchema.set(operation, (costs = new WeakMap()));
  }
  const fixed = !operation.variableDefinitions?.length;
  const cached = fixed ? costs.get(sizes) : undefined;
  if (cached !== undefined) return cached;
  const cost = costOf(schema, doc, operation, variables, sizes);
  if (cost > QUERY_LIMITS.maxCost) {
    throw new QueryLimitError(
      "cost",
      `the query would cost ${cost}; the budget is ${QUERY_LIMITS.maxCost}: ask for fewer fields, smaller pages or a narrower report scope (whole reports are also exported under /reports)`,
    );
  }
  if (fixed) costs.set(sizes, cost);
  return cost;
}

/** The limits that depend on the query's text alone: tokens, aliases, directives, depth. */
function checkShape(source: string, doc: DocumentNode, operation: OperationDefinitionNode): void {
  const L = QUERY_LIMITS;
  checkTokens(source);
  let aliases = 0;
  let directives = 0;
  visit(doc, {
    Field(f) {
      if (f.alias) aliases++;
    },
    Directive() {
      directives++;
    },
  });
  if (aliases > L.maxAliases)
    throw new QueryLimitError("aliases", `the query uses ${aliases} aliases; at most ${L.maxAliases} are allowed`);
  if (directives > L.maxDirectives) {
    throw new QueryLimitError(
      "directives",
      `the query uses ${directives} directives; at most ${L.maxDirectives} are allowed`,
    );
  }
  const audited = auditedRootFields(doc, operation);
  if (audited > L.maxAuditedFields) {
    throw new QueryLimitError(
      "auditedFields",
      `the operation has ${audited} root fields that write an audit event (mutations, apiTokens); at most ${L.maxAuditedFields} are allowed`,
    );
  }
  const depth = depthOf(operation.selectionSet, fragmentsOf(doc));
  if (depth > L.maxDepth)
    throw new QueryLimitError("depth", `the query is ${depth} levels deep; at most ${L.maxDepth} are allowed`);
}
