import { ApolloClient, gql, HttpLink, InMemoryCache } from "@apollo/client";
import { getNamedType, GraphQLObjectType, isNonNullType, isObjectType } from "graphql";
import { Role } from "../../src/accounts/roles";
import { createSchema } from "../../src/schema";
import { startTestApp, TestApp } from "../helpers/app";
import { userWithToken } from "../helpers/accounts";

/**
 * What a client library relies on: every refusal at /graphql in the media
 * type the client asked for, an explicit null page size read as the default,
 * a cursor from another order named as such, and JSON errors on every path
 * the API owns.
 */

const GRAPHQL_RESPONSE = "application/graphql-response+json";
const APOLLO_CLIENT_ACCEPT = `${GRAPHQL_RESPONSE},application/json;q=0.9`;

let t: TestApp;
let admin: string;

beforeAll(async () => {
  t = await startTestApp({ seed: true, rateLimit: { windowMs: 60_000, perAddress: 1000, perToken: 1000 } });
  admin = (await userWithToken(t, Role.ADMIN)).token;
});
afterAll(async () => {
  await t.close();
});

async function post(body: string, headers: Record<string, string>) {
  const res = await fetch(t.runtime.url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
  });
  return {
    status: res.status,
    type: res.headers.get("content-type"),
    body: (await res.json()) as Record<string, never>,
  };
}

describe("refusals at /graphql are GraphQL responses in the media type asked for", () => {
  const cases: [
    string,
    () => Promise<{ status: number; type: string | null; body: Record<string, never> }>,
    number,
    string,
  ][] = [
    [
      "a bad token (401)",
      () =>
        post(JSON.stringify({ query: "{ __typename }" }), {
          authorization: "Bearer nope",
          accept: APOLLO_CLIENT_ACCEPT,
        }),
      401,
      "UNAUTHENTICATED",
    ],
    [
      "a body over the limit (413)",
      () =>
        post(JSON.stringify({ query: `{ __typename } # ${"x".repeat(110_000)}` }), { accept: APOLLO_CLIENT_ACCEPT }),
      413,
      "BAD_REQUEST",
    ],
    ["malformed JSON (400)", () => post("{ not json", { accept: APOLLO_CLIENT_ACCEPT }), 400, "BAD_REQUEST"],
  ];

  it.each(cases)("%s", async (_name, send, status, code) => {
    const r = await send();
    expect(r.status).toBe(status);
    expect(r.type).toMatch(/^application\/graphql-response\+json; charset=utf-8$/);
    expect((r.body.errors as { extensions: { code: string } }[])[0].extensions.code).toBe(code);
  });

  it("answers application/json to a client that asks for it, or says nothing", async () => {
    for (const accept of ["application/json", undefined]) {
      const r = await post(JSON.stringify({ query: "{ __typename }" }), {
        authorization: "Bearer nope",
        ...(accept ? { accept } : {}),
      });
      expect(r.status).toBe(401);
      expect(r.type).toMatch(/^application\/json; charset=utf-8$/);
    }
  });

  it("answers a rate-limit refusal (429) with retryAfter, in the media type asked for", async () => {
    const limited = await startTestApp({ rateLimit: { windowMs: 60_000, perAddress: 1, perToken: 1 } });
    try {
      const send = () =>
        fetch(limited.runtime.url, {
          method: "POST",
          headers: { "content-type": "application/json", accept: APOLLO_CLIENT_ACCEPT },
          body: JSON.stringify({ query: "{ __typename }" }),
        });
      expect((await send()).status).toBe(200);
      const refused = await send();
      expect(refused.status).toBe(429);
      expect(refused.headers.get("content-type")).toMatch(/^application\/graphql-response\+json/);
      const body = (await refused.json()) as { errors: { extensions: { code: string; retryAfter: number } }[] };
      expect(body.errors[0].extensions.code).toBe("RATE_LIMITED");
      expect(body.errors[0].extensions.retryAfter).toBeGreaterThan(0);
    } finally {
      await limited.close();
    }
  });
});

describe("an explicit null page size", () => {
  it("is refused by every paged field of Query as BAD_USER_INPUT naming the argument", async () => {
    const schema = await createSchema();
    const query = schema.getQueryType()!;
    const paged = Object.values(query.getFields()).filter(
      (f) =>
        f.args.some((a) => a.name === "first") &&
        f.args.every((a) => a.name === "first" || !isNonNullType(a.type) || a.defaultValue !== undefined),
    );
    expect(paged.map((f) => f.name)).toEqual(expect.arrayContaining(["tools", "organisations"]));
    for (const f of paged) {
      const named = getNamedType(f.type);
      const connection = isObjectType(named) && (named as GraphQLObjectType).getFields().totalCount;
      const selection = connection ? "{ totalCount edges { cursor } }" : isObjectType(named) ? "{ __typename }" : "";
      const r = await t.gqlAs<Record<string, { edges?: unknown[] }>>(
        `Bearer ${admin}`,
        `query($f: Int) { ${f.name}(first: $f) ${selection} }`,
        { f: null },
      );
      expect({ field: f.name, errors: r.errors?.map((e) => [e.extensions?.code, e.extensions?.argument]) }).toEqual({
        field: f.name,
        errors: [["BAD_USER_INPUT", "first"]],
      });
    }
  });

  it("says what to do instead, and a variable left out gives the default page", async () => {
    const r = await t.gql(`query($f: Int) { tools(first: $f) { edges { cursor } } }`, { f: null });
    expect(r.errors?.[0]?.message).toBe("first: must not be null; leave it out to use its default");
    const omitted = await t.gql<{ tools: { edges: unknown[] } }>(
      `query($f: Int) { tools(first: $f) { edges { cursor } } }`,
      {},
    );
    expect(omitted.errors).toBeUndefined();
    expect(omitted.data!.tools.edges).toHaveLength(20);
  });
});

describe("cursors", () => {
  it("names a cursor from another order as such", async () => {
    const byName = await t.gql<{ tools: { pageInfo: { endCursor: string } } }>(
      `{ tools(first: 2, orderBy: NAME) { pageInfo { endCursor } } }`,
    );
    const r = await t.gql(`query($a: String) { tools(first: 2, orderBy: LAST_VERIFIED, after: $a) { totalCount } }`, {
      a: byName.data!.tools.pageInfo.endCursor,
    });
    expect(r.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(r.errors?.[0]?.message).toMatch(/issued for a different search, filter or order/);
  });
});

describe("paths the API owns", () => {
  it.each(["/reports/nothing-here", "/reports/gap.csv/extra", "/nowhere"])(
    "answers %s with a JSON error and a code",
    async (path) => {
      const res = await fetch(t.runtime.url.replace(/\/graphql$/, path));
      expect(res.status).toBe(404);
      expect(res.headers.get("content-type")).toMatch(/^application\/json/);
      const body = (await res.json()) as { errors: { extensions: { code: string } }[] };
      expect(body.errors[0].extensions.code).toBe("NOT_FOUND");
    },
  );
});

describe("facets a page can be built on", () => {
  const FACETS = `query($f: ListingFilter) { tools(filter: $f, first: 1) { totalCount facets {
    capabilities { value label count parent depth }
    mediaTypes { value label count } licenseModels { value label count } eligibility { value label count }
    deployment { value label count } kinds { value label count } organisationTypes { value label count }
    jurisdictions { value label count } } } }`;
  type Value = { value: string; label: string; count: number; parent?: string | null; depth?: number };
  type Data = { tools: { totalCount: number; facets: Record<string, Value[]> } };
  const FILTER_OF: Record<string, string> = {
    capabilities: "capabilities",
    mediaTypes: "mediaTypes",
    licenseModels: "licenseModels",
    eligibility: "eligibleFor",
    deployment: "deployment",
    kinds: "kinds",
    organisationTypes: "organisationTypes",
    jurisdictions: "jurisdictions",
  };

  it("lists every value, zero counts included, with human labels", async () => {
    // Under a filter, so that some country has nothing (with no filter, a listing available worldwide serves them all).
    const r = await t.gql<Data>(FACETS, { f: { kinds: ["LAB"] } });
    expect(r.errors).toBeUndefined();
    const f = r.data!.tools.facets;
    expect(f.kinds.map((k) => k.value).sort()).toEqual(
      ["CROWDSOURCING", "DATABASE", "LAB", "PLATFORM", "PROGRAMME", "SERVICE", "STANDARD", "TOOL"].sort(),
    );
    expect(f.jurisdictions.length).toBeGreaterThan(240);
    expect(f.jurisdictions.some((j) => j.count === 0)).toBe(true);
    expect(f.organisationTypes.find((o) => o.value === "NGO")?.label).toBe("NGO");
    expect(f.deployment.find((o) => o.value === "API")?.label).toBe("API");
    expect(f.mediaTypes.find((o) => o.value === "URL")?.label).toBe("URL");
    expect(f.organisationTypes.find((o) => o.value === "LAW_ENFORCEMENT")?.label).toBe("Law enforcement");
  });

  it("gives the capability facet as a tree that counts a listing once per node", async () => {
    const r = await t.gql<Data>(FACETS);
    const caps = r.data!.tools.facets.capabilities;
    const bySlug = new Map(caps.map((c) => [c.value, c]));
    for (const c of caps) {
      if (c.parent === null) expect(c.depth).toBe(0);
      else {
        const parent = bySlug.get(c.parent!);
        expect(parent).toBeDefined();
        expect(c.depth).toBe(parent!.depth! + 1);
        // A parent counts each listing once, however many of its children the listing sits under.
        expect(parent!.count).toBeGreaterThanOrEqual(c.count);
        expect(caps.indexOf(parent!)).toBeLessThan(caps.indexOf(c));
      }
    }
  });

  it("feeds each value straight back into the filter, giving the count it promised", async () => {
    const r = await t.gql<Data>(FACETS);
    const f = r.data!.tools.facets;
    for (const [facet, field] of Object.entries(FILTER_OF)) {
      // The largest value and one that gives nothing, when there is one.
      const picks = [f[facet][0], f[facet].find((v) => v.count === 0)].filter((v): v is Value => Boolean(v));
      for (const v of picks) {
        const back = await t.gql<Data>(FACETS, { f: { [field]: [v.value] } });
        expect({ facet, value: v.value, errors: back.errors, total: back.data?.tools.totalCount }).toEqual({
          facet,
          value: v.value,
          errors: undefined,
          total: v.count,
        });
      }
    }
  });
});

describe("facets through a client library", () => {
  it("Apollo Client reads the facets and feeds each value back as a filter", async () => {
    const client = new ApolloClient({ link: new HttpLink({ uri: t.runtime.url }), cache: new InMemoryCache() });
    const QUERY = gql`
      query Facets($f: ListingFilter) {
        listings(filter: $f, first: 1) {
          totalCount
          facets {
            capabilities {
              value
              count
            }
            mediaTypes {
              value
              count
            }
            licenseModels {
              value
              count
            }
            kinds {
              value
              count
            }
            jurisdictions {
              value
              count
            }
          }
        }
      }
    `;
    type Data = { listings: { totalCount: number; facets: Record<string, { value: string; count: number }[]> } };
    const all = (await client.query<Data>({ query: QUERY })).data!.listings;
    const filterOf: Record<string, string> = {
      capabilities: "capabilities",
      mediaTypes: "mediaTypes",
      licenseModels: "licenseModels",
      kinds: "kinds",
      jurisdictions: "jurisdictions",
    };
    for (const [facet, field] of Object.entries(filterOf)) {
      const top = all.facets[facet][0];
      expect(top.count).toBeGreaterThan(0);
      const back = await client.query<Data>({ query: QUERY, variables: { f: { [field]: [top.value] } } });
      expect({ facet, total: back.data!.listings.totalCount }).toEqual({ facet, total: top.count });
    }
  });
});

describe("a search's filter scopes a report", () => {
  const FILTER = { organisationTypes: ["NGO", "HOTLINE"], status: [] };

  it("takes every field of ListingFilter but the ones a report sets its own way, and means the same by them", async () => {
    const report = await t.gql<{
      duplicationReport: {
        input: Record<string, unknown>;
        crowding: { capability: { slug: string }; toolCount: number }[];
      };
    }>(
      `query($i: DuplicationReportInput) { duplicationReport(input: $i) { input { organisationTypes status } crowding { capability { slug } toolCount } } }`,
      { i: FILTER },
    );
    expect(report.errors).toBeUndefined();
    expect(report.data!.duplicationReport.input).toEqual(FILTER);
    const crowded = [...report.data!.duplicationReport.crowding].sort((a, b) => b.toolCount - a.toolCount).slice(0, 3);
    expect(crowded[0].toolCount).toBeGreaterThan(0);
    for (const c of crowded) {
      // The same filter, as a search, under the same capability: the same listings.
      const search = await t.gql<{ tools: { totalCount: number } }>(
        `query($f: ListingFilter) { tools(filter: $f, first: 1) { totalCount } }`,
        { f: { ...FILTER, capabilities: [c.capability.slug] } },
      );
      expect({ capability: c.capability.slug, count: search.data!.tools.totalCount }).toEqual({
        capability: c.capability.slug,
        count: c.toolCount,
      });
    }
    const unscoped = await t.gql<{ duplicationReport: { crowding: { toolCount: number }[] } }>(
      `{ duplicationReport { crowding { toolCount } } }`,
    );
    const total = (xs: { toolCount: number }[]) => xs.reduce((n, x) => n + x.toolCount, 0);
    expect(total(unscoped.data!.duplicationReport.crowding)).toBeGreaterThan(
      total(report.data!.duplicationReport.crowding),
    );
  });

  it("names an unknown organisation by the report's own argument, in GraphQL and in an export", async () => {
    const r = await t.gql(
      `{ duplicationReport(input: { organisations: ["no-such-org"] }) { crowding { toolCount } } }`,
    );
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "input.organisations" });
    const res = await fetch(t.runtime.url.replace(/\/graphql$/, "/reports/gaps.json?organisations=no-such-org"));
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: { extensions: { code: string; argument: string } }[] };
    expect(body.errors[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "organisations" });
  });
});
