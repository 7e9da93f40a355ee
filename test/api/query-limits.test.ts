import { startTestApp, TestApp } from "../helpers/app";
import { getIntrospectionQuery } from "graphql";
import { QUERY_LIMITS } from "../../src/limits/query-limits";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ seed: true });
});
afterAll(async () => {
  await t.close();
});

type Err = {
  data?: unknown;
  errors?: { message: string; extensions?: { code?: string; limit?: string } }[];
  extensions?: { cost?: { requested: number; budget: number; fields: number } };
};

async function post(body: unknown): Promise<{ status: number; json: Err }> {
  const res = await fetch(t.runtime.url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Err };
}

const PAGE_100 = `{ tools(first: 100) { totalCount edges { cursor node { id slug name kind aliases summary status year
  organisation { slug name type country { code name } } capabilities { slug name path } mediaTypes deployment languages standards
  offers { model eligibility notes } availability { jurisdiction { code name } status notes }
  sources { document { title publisher year } locator } visibility lastVerifiedAt } } pageInfo { hasNextPage endCursor } } }`;

describe("query limits", () => {
  it("let a page of 100 listings with nested fields through, and report its cost", async () => {
    const r = await post({ query: PAGE_100 });
    expect(r.status).toBe(200);
    expect(r.json.errors).toBeUndefined();
    expect(r.json.extensions?.cost?.requested).toBeGreaterThan(100);
    expect(r.json.extensions?.cost?.requested).toBeLessThanOrEqual(QUERY_LIMITS.maxCost);
  });

  it.each([
    [
      "cost",
      `{ tools(first: 100) { edges { node { organisation { tools(first: 100) { edges { node { slug name summary kind status year lastVerifiedAt visibility aliases mediaTypes deployment languages } } } } } } } }`,
    ],
    [
      "depth",
      `{ capabilities { children { children { children { children { children { children { children { children { slug } } } } } } } } } }`,
    ],
    ["aliases", `{ ${Array.from({ length: 16 }, (_, i) => `a${i}: me { authenticated }`).join(" ")} }`],
    ["directives", `{ me { ${Array.from({ length: 51 }, () => "authenticated @include(if: true)").join(" ")} } }`],
    ["tokens", `{ me { ${Array.from({ length: 1001 }, () => "authenticated").join(" ")} } }`],
    [
      "auditedFields",
      `mutation { ${Array.from({ length: 6 }, (_, i) => `r${i}: revokeApiToken(tokenId: "t${i}") { userErrors { code } }`).join(" ")} }`,
    ],
  ])("reject an operation over the %s limit before any resolver runs", async (limit, query) => {
    t.commands.length = 0;
    const r = await post({ query });
    expect(r.status).toBe(400);
    expect({ errors: r.json.errors?.map((e) => e.extensions) }).toMatchObject({
      errors: [{ code: "GRAPHQL_VALIDATION_FAILED", limit }],
    });
    expect(r.json.errors?.[0].message).toMatch(
      new RegExp(
        limit === "cost" ? "budget" : limit === "depth" ? "deep" : limit === "auditedFields" ? "audit event" : limit,
      ),
    );
    expect(t.commands).toEqual([]);
  });

  it("let a whole duplication report through: its clusters and duplicate groups share the listings out", async () => {
    const r = await post({
      query: `{ duplicationReport { crowding { capability { slug } listingCount }
        clusters { listings { slug } sharedCapabilities { slug } similarity }
        likelyDuplicates { listings { slug } kind keys } } }`,
    });
    expect(r.json.errors).toBeUndefined();
    // Linear in the listings, not quadratic (each group counted as if it could hold every listing): at
    // 10,000 listings the quadratic count was 81 million, and the report could not be asked for whole.
    const listings = (await post({ query: `{ listings { totalCount } }` })).json.data as {
      listings: { totalCount: number };
    };
    expect(r.json.extensions?.cost?.requested).toBeLessThan(listings.listings.totalCount ** 2 / 4);
  });

  it("count page sizes given as variables", async () => {
    const q = `query($n: Int) { tools(first: $n) { edges { node { organisation { tools(first: $n) { edges { node { slug name summary kind status year lastVerifiedAt visibility aliases mediaTypes deployment languages } } } } } } } }`;
    expect((await post({ query: q, variables: { n: 2 } })).status).toBe(200);
    expect((await post({ query: q, variables: { n: 100 } })).json.errors?.[0].extensions?.limit).toBe("cost");
  });

  it("let the full introspection query through, counting its lists from the schema", async () => {
    const r = await post({ query: getIntrospectionQuery() });
    expect(r.status).toBe(200);
    expect(r.json.errors).toBeUndefined();
    // Introspection fields are bounded by the estimate alone (graphql-js's introspection types are shared
    // by every schema, so they are not wrapped for the count during execution); the estimate must cover the answer.
    const cost = r.json.extensions?.cost;
    const answered = JSON.stringify(r.json.data).match(/":/g)?.length ?? 0;
    expect(answered).toBeGreaterThan(1000);
    expect(answered).toBeLessThanOrEqual(cost?.requested ?? 0);
    expect(cost?.requested).toBeLessThanOrEqual(QUERY_LIMITS.maxCost);
  });

  it("refuse the full introspection asked for under enough aliases to pass the budget, on cost", async () => {
    const full = getIntrospectionQuery();
    const fragments = full.slice(full.indexOf("fragment "));
    const copies = (n: number) =>
      `query { ${Array.from({ length: n }, (_, i) => `a${i}: __schema { types { ...FullType } directives { name args { ...InputValue } } }`).join(" ")} } ${fragments}`;
    const one = await post({ query: copies(1) });
    const each = one.json.extensions?.cost?.requested ?? 0;
    expect(each).toBeGreaterThan(1000);
    const n = Math.floor(QUERY_LIMITS.maxCost / each) + 1;
    expect(n).toBeLessThanOrEqual(QUERY_LIMITS.maxAliases);
    const r = await post({ query: copies(n) });
    expect(r.status).toBe(400);
    expect(r.json.errors?.[0].extensions).toMatchObject({ code: "GRAPHQL_VALIDATION_FAILED", limit: "cost" });
  });

  it("refuse batched operations", async () => {
    const r = await post([{ query: "{ me { authenticated } }" }, { query: "{ me { authenticated } }" }]);
    expect(r.status).toBe(400);
  });
});
