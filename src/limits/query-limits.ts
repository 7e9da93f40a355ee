import {
  DocumentNode,
  FieldNode,
  FragmentDefinitionNode,
  GraphQLError,
  GraphQLSchema,
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
import { writesAuditEvent } from "../audit/audited-fields";

/** The limits every operation is checked against before any resolver runs. */
export const QUERY_LIMITS = {
  maxDepth: 8,
  maxAliases: 15,
  maxDirectives: 50,
  maxTokens: 1000,
  maxCost: 10_000,
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

/**
 * The cost of an operation: every field costs 1, times the product of the
 * page sizes (`first`, as given or by default) of the list fields above it.
 * A page of 100 listings with their nested fields costs a few thousand; a
 * query that nests 100 × 100 × 100 costs a million.
 */
export function costOf(
  schema: GraphQLSchema,
  doc: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): number {
  const fragments = fragmentsOf(doc);
  const typeInfo = new TypeInfo(schema);
  let cost = 0;
  const multipliers: number[] = [1];
  const pushed: boolean[] = [];
  const expand = (node: OperationDefinitionNode | FragmentDefinitionNode, seen: Set<string>) => {
    visit(
      node,
      visitWithTypeInfo(typeInfo, {
        Field: {
          enter(field: FieldNode) {
            const multiplier = multipliers[multipliers.length - 1];
            cost += multiplier;
            const def = typeInfo.getFieldDef();
            const firstArg = def?.args.find((a) => a.name === "first");
            let factor = 1;
            if (firstArg) {
              const given = field.arguments?.find((a) => a.name.value === "first");
              const value = given ? valueFromAST(given.value, firstArg.type, variables) : firstArg.defaultValue;
              factor = typeof value === "number" && value > 0 ? value : 1;
            }
            const grows = factor > 1;
            pushed.push(grows);
            if (grows) multipliers.push(multiplier * factor);
          },
          leave() {
            if (pushed.pop()) multipliers.pop();
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
  if (countTokens(source, QUERY_LIMITS.maxTokens) > QUERY_LIMITS.maxTokens) {
    throw new QueryLimitError("tokens", `the query has more than ${QUERY_LIMITS.maxTokens} tokens`);
  }
}

/** Checks an operation against every limit; throws a QueryLimitError naming the first one passed. */
export function checkLimits(
  schema: GraphQLSchema,
  source: string,
  doc: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): number {
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
  const cost = costOf(schema, doc, operation, variables);
  if (cost > L.maxCost) throw new QueryLimitError("cost", `the query would cost ${cost}; the budget is ${L.maxCost}`);
  return cost;
}
