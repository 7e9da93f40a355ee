import fc from "fast-check";
import {
  getNamedType,
  GraphQLField,
  GraphQLObjectType,
  GraphQLSchema,
  isLeafType,
  isNonNullType,
  isObjectType,
} from "graphql";
import { Role } from "../../src/accounts/roles";
import { EXECUTION_LIMITS } from "../../src/http/graphql";
import { QUERY_LIMITS } from "../../src/limits/query-limits";
import { createSchema } from "../../src/schema";
import { userWithToken } from "../helpers/accounts";
import { startTestApp, TestApp } from "../helpers/app";

/**
 * Query shapes generated over the whole schema (every object type reachable
 * from Query, nested up to and past the depth limit, with aliases and page
 * sizes), sent over HTTP as an administrator, who may see and ask for
 * everything. Whatever the shape, the answer is either refused with a coded
 * error or holds no more fields than its cost said (and the cost is within
 * the budget), stays under the size ceiling, comes before the deadline, and
 * the server's memory stays bounded.
 */

const RUNS = 250;
const TIME_LIMIT_MS = 120_000;
const REQUEST_TIMEOUT_MS = 10_000;
/** What the server may grow by while answering every shape (it is in this process). */
const MEMORY_BOUND_MB = 512;

/** Values for required arguments: real slugs and codes from the seed, so lookups find something. */
const REQUIRED: Record<string, fc.Arbitrary<string>> = {
  slug: fc.constantFrom('"bt-cleanfeed"', '"interpol"', '"hash-matching"', '"victim-identification"', '"no-such"'),
  code: fc.constantFrom('"GB"', '"FIVE_EYES"', '"EU"', '"XK"'),
  a: fc.constant("1"),
  b: fc.constant("1"),
  input: fc.constantFrom(
    "{}",
    '{ jurisdictions: ["FIVE_EYES"] }',
    '{ jurisdictions: ["EU", "GLOBAL_ALLIANCE"], capabilities: ["detection"] }',
    '{ depth: FUNCTION, jurisdictions: ["GB"] }',
  ),
};

function answerable(field: GraphQLField<unknown, unknown>): boolean {
  return field.args.every((a) => !isNonNullType(a.type) || a.defaultValue !== undefined || REQUIRED[a.name]);
}

function argsFor(field: GraphQLField<unknown, unknown>): fc.Arbitrary<string> {
  const parts: fc.Arbitrary<string | null>[] = field.args.map((a) => {
    if (a.name === "first") return fc.option(fc.integer({ min: 1, max: 100 }).map((n) => `first: ${n}`));
    const value = REQUIRED[a.name];
    if (isNonNullType(a.type) && a.defaultValue === undefined) return value.map((v) => `${a.name}: ${v}`);
    return a.name === "input" ? fc.option(value.map((v) => `${a.name}: ${v}`)) : fc.constant(null);
  });
  return fc.tuple(...parts).map((ps) => {
    const given = ps.filter((p): p is string => p !== null);
    return given.length ? `(${given.join(", ")})` : "";
  });
}

/** A selection set on `type`, nesting object fields while `depth` lasts. */
function selection(schema: GraphQLSchema, type: GraphQLObjectType, depth: number): fc.Arbitrary<string> {
  const fields = Object.values(type.getFields()).filter(answerable);
  const leaves = fields.filter((f) => isLeafType(getNamedType(f.type)));
  const usable = depth > 0 ? fields : leaves;
  if (!usable.length) return fc.constant("__typename");
  return fc
    .uniqueArray(fc.constantFrom(...usable), { minLength: 1, maxLength: 4, selector: (f) => f.name })
    .chain((chosen) =>
      fc
        .tuple(
          ...chosen.map((f) => {
            const named = getNamedType(f.type);
            const inner = isObjectType(named) ? selection(schema, named, depth - 1).map((s) => ` { ${s} }`) : null;
            return fc
              .tuple(fc.option(fc.integer({ min: 1, max: 3 }), { freq: 10 }), argsFor(f), inner ?? fc.constant(""))
              .map(([alias, args, sub]) => {
                const one = `${f.name}${args}${sub}`;
                // An alias repeats the field under other names: the way to multiply an answer without nesting
                // (kept to small selections, or the query text itself grows past the body limit).
                if (!alias || one.length > 400) return one;
                return [one, ...Array.from({ length: alias }, (_, i) => `x${i}_${f.name}: ${one}`)].join(" ");
              });
          }),
        )
        .map((parts) => parts.join(" ")),
    );
}

type Answer = {
  data?: unknown;
  errors?: { message: string; extensions?: { code?: string; limit?: string } }[];
  extensions?: { cost?: { requested: number; budget: number; fields: number } };
};

const REFUSALS = new Set(["GRAPHQL_VALIDATION_FAILED", "RESULT_TOO_LARGE", "BAD_USER_INPUT", "BAD_REQUEST"]);

describe("query shapes over the whole schema", () => {
  let t: TestApp;
  let admin: string;
  let schema: GraphQLSchema;
  beforeAll(async () => {
    t = await startTestApp({ seed: true, requestTimeoutMs: REQUEST_TIMEOUT_MS });
    admin = (await userWithToken(t, Role.ADMIN)).token;
    schema = await createSchema();
  });
  afterAll(async () => {
    await t.close();
  });

  it("never answer more fields than the cost said, past the size ceiling, past the deadline, or with a server fault", async () => {
    const query = fc
      .integer({ min: 1, max: QUERY_LIMITS.maxDepth + 1 })
      .chain((depth) => selection(schema, schema.getQueryType() as GraphQLObjectType, depth))
      .map((s) => `{ ${s} }`);
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
    const seen = { answered: 0, refused: 0, mostFields: 0, slowestMs: 0, largestBytes: 0 };
    try {
      await fc.assert(
        fc.asyncProperty(query, async (q) => {
          const started = performance.now();
          const res = await fetch(t.runtime.url, {
            method: "POST",
            headers: { "content-type": "application/json", authorization: `Bearer ${admin}` },
            body: JSON.stringify({ query: q }),
          });
          const text = await res.text();
          const ms = performance.now() - started;
          const body = JSON.parse(text) as Answer;
          const codes = (body.errors ?? []).map((e) => e.extensions?.code);
          expect(codes).not.toContain("INTERNAL_SERVER_ERROR");
          expect(ms).toBeLessThan(REQUEST_TIMEOUT_MS);
          seen.slowestMs = Math.max(seen.slowestMs, ms);
          if (res.status === 400 || res.status === 413) {
            expect(REFUSALS.has(String(codes[0]))).toBe(true);
            seen.refused++;
            return;
          }
          expect(res.status).toBe(200);
          const cost = body.extensions?.cost;
          expect(cost).toBeDefined();
          expect(cost?.fields).toBeLessThanOrEqual(cost?.requested ?? -1);
          expect(cost?.requested).toBeLessThanOrEqual(QUERY_LIMITS.maxCost);
          expect(Buffer.byteLength(text)).toBeLessThanOrEqual(EXECUTION_LIMITS.maxBytes + 1000);
          seen.answered++;
          seen.mostFields = Math.max(seen.mostFields, cost?.fields ?? 0);
          seen.largestBytes = Math.max(seen.largestBytes, Buffer.byteLength(text));
        }),
        { numRuns: RUNS, interruptAfterTimeLimit: TIME_LIMIT_MS, markInterruptAsFailure: false, seed: 1127 },
      );
    } finally {
      clearInterval(sampler);
    }
    const grewMb = (peak - baseline) / 2 ** 20;
    console.log(
      `query shapes: ${seen.answered} answered, ${seen.refused} refused; most fields ${seen.mostFields}, ` +
        `largest answer ${(seen.largestBytes / 1024).toFixed(0)} KiB, slowest ${seen.slowestMs.toFixed(0)} ms, ` +
        `memory grew ${grewMb.toFixed(0)} MiB`,
    );
    expect(seen.answered).toBeGreaterThan(20);
    expect(seen.refused).toBeGreaterThan(5);
    expect(grewMb).toBeLessThan(MEMORY_BOUND_MB);
  }, 180_000);
});
