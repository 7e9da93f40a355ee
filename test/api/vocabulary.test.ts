import { buildClientSchema, getIntrospectionQuery, GraphQLArgument, IntrospectionQuery } from "graphql";
import { Role } from "../../src/accounts/roles";
import { userWithToken } from "../helpers/accounts";
import { startTestApp, TestApp } from "../helpers/app";

/**
 * One vocabulary: every entry of the catalogue is a "listing" (a tool, a
 * database, a standard, a programme…). The old names still answer, marked
 * deprecated with their replacement, and give exactly what the new ones give.
 */

let t: TestApp;
let admin: string;
beforeAll(async () => {
  t = await startTestApp({ seed: true });
  admin = `Bearer ${(await userWithToken(t, Role.ADMIN)).token}`;
});
afterAll(async () => {
  await t.close();
});

async function data<T>(query: string, variables?: Record<string, unknown>, auth = admin): Promise<T> {
  const r = await t.gqlAs<T>(auth, query, variables);
  expect(r.errors).toBeUndefined();
  return r.data!;
}

describe("the schema speaks of listings", () => {
  it("names no type, field or argument after tools, except deprecated ones that name their replacement", async () => {
    const intro = await data<IntrospectionQuery>(getIntrospectionQuery({ inputValueDeprecation: true }));
    const schema = buildClientSchema(intro);
    const found: string[] = [];
    const deprecated: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith("__")) continue;
      if (/tool/i.test(type.name)) found.push(type.name);
      if (!("getFields" in type)) continue;
      for (const field of Object.values(type.getFields())) {
        const at = `${type.name}.${field.name}`;
        const args: readonly GraphQLArgument[] = "args" in field ? field.args : [];
        const named = [
          [at, field.name, field.deprecationReason],
          ...args.map((a) => [`${at}(${a.name})`, a.name, a.deprecationReason] as const),
        ] as const;
        for (const [where, name, reason] of named) {
          if (!/tool/i.test(name)) continue;
          if (reason) deprecated.push(`${where}: ${reason}`);
          else found.push(where);
        }
      }
    }
    expect(found).toEqual([]);
    expect(deprecated.length).toBeGreaterThan(10);
    for (const d of deprecated) expect(d).toMatch(/: Use `\w+`/);
  });

  it("compareGapReports takes earlier and later; before and after are deprecated", async () => {
    const intro = await data<IntrospectionQuery>(getIntrospectionQuery({ inputValueDeprecation: true }));
    const field = buildClientSchema(intro).getQueryType()!.getFields().compareGapReports;
    expect(Object.fromEntries(field.args.map((a) => [a.name, a.deprecationReason ?? null]))).toEqual({
      earlier: null,
      later: null,
      before: expect.stringMatching(/Use `earlier`/),
      after: expect.stringMatching(/Use `later`/),
    });
  });
});

describe("old names give what the new ones give", () => {
  it("listings/tools, listing/tool, listingCount/toolCount", async () => {
    const d = await data<Record<string, unknown>>(`{
      listings(first: 5, search: "hash") { totalCount edges { node { slug } } }
      tools(first: 5, search: "hash") { totalCount edges { node { slug } } }
      capabilities { slug listingCount toolCount }
      organisations(first: 3) { edges { node { listingCount toolCount listings(first: 3) { totalCount } tools(first: 3) { totalCount } } } }
      classificationSchemes { listings { slug } tools { slug } }
    }`);
    expect(d.listings).toEqual(d.tools);
    const caps = d.capabilities as { listingCount: number; toolCount: number }[];
    expect(caps.some((c) => c.listingCount > 0)).toBe(true);
    for (const c of caps) expect(c.listingCount).toBe(c.toolCount);
    const orgs = (d.organisations as { edges: { node: Record<string, unknown> }[] }).edges.map((e) => e.node);
    for (const o of orgs) {
      expect(o.listingCount).toBe(o.toolCount);
      expect(o.listings).toEqual(o.tools);
    }
    for (const s of d.classificationSchemes as Record<string, unknown>[]) expect(s.listings).toEqual(s.tools);
    const slug = (d.listings as { edges: { node: { slug: string } }[] }).edges[0].node.slug;
    const one = await data<Record<string, unknown>>(
      `query($s: String!) { listing(slug: $s) { slug } tool(slug: $s) { slug } }`,
      {
        s: slug,
      },
    );
    expect(one.listing).toEqual({ slug });
    expect(one.tool).toEqual({ slug });
  });

  it("gap and duplication reports: the listing fields and the minListings input", async () => {
    const d = await data<{
      gapReport: { input: Record<string, unknown>; cells: Record<string, unknown>[] };
      old: { input: Record<string, unknown>; cells: Record<string, unknown>[] };
      duplicationReport: {
        crowding: Record<string, unknown>[];
        clusters: Record<string, unknown>[];
        likelyDuplicates: Record<string, unknown>[];
      };
    }>(`{
      gapReport(input: { jurisdictions: ["GB", "US"], minListings: 2 }) {
        input { minListings minTools }
        cells { listingCount toolCount listingSlugs toolSlugs listings { slug } tools { slug } }
      }
      old: gapReport(input: { jurisdictions: ["GB", "US"], minTools: 2 }) { input { minListings minTools } cells { listingCount } }
      duplicationReport(input: { threshold: 0.5 }) {
        crowding { listingCount toolCount }
        clusters { listings { slug } tools { slug } }
        likelyDuplicates { listings { slug } tools { slug } }
      }
    }`);
    expect(d.gapReport.input).toEqual({ minListings: 2, minTools: 2 });
    expect(d.old.input).toEqual({ minListings: 2, minTools: 2 });
    expect(d.old.cells.map((c) => c.listingCount)).toEqual(d.gapReport.cells.map((c) => c.listingCount));
    expect(d.gapReport.cells.some((c) => (c.listingCount as number) > 0)).toBe(true);
    for (const c of d.gapReport.cells) {
      expect(c.listingCount).toBe(c.toolCount);
      expect(c.listingSlugs).toEqual(c.toolSlugs);
      expect(c.listings).toEqual(c.tools);
    }
    for (const c of d.duplicationReport.crowding) expect(c.listingCount).toBe(c.toolCount);
    expect(d.duplicationReport.clusters.length).toBeGreaterThan(0);
    for (const k of [...d.duplicationReport.clusters, ...d.duplicationReport.likelyDuplicates]) {
      expect(k.listings).toEqual(k.tools);
    }
  });

  it("refuses minListings and minTools given with different values, naming both", async () => {
    const r = await t.gqlAs(admin, `{ gapReport(input: { minListings: 2, minTools: 3 }) { coverage } }`);
    expect(r.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "input.minListings" });
    expect(r.errors?.[0].message).toMatch(/minTools/);
  });

  it("a report export's input holds its own kind's parameters only", async () => {
    const base = t.runtime.url.replace(/\/graphql$/, "");
    const gaps = (await (await fetch(`${base}/reports/gaps.json?jurisdictions=GB&minTools=2`)).json()) as {
      input: Record<string, unknown>;
      cells: Record<string, unknown>[];
    };
    expect(gaps.input.minListings).toBe(2);
    for (const key of ["threshold", "minClusterSize", "minTools"]) expect(gaps.input).not.toHaveProperty(key);
    expect(Object.keys(gaps.cells[0])).toEqual(expect.arrayContaining(["listingCount", "listings"]));
    const dup = (await (await fetch(`${base}/reports/duplication.json`)).json()) as { input: Record<string, unknown> };
    expect(dup.input).toMatchObject({ threshold: 0.8, minClusterSize: 2 });
    for (const key of ["depth", "minListings", "minTools"]) expect(dup.input).not.toHaveProperty(key);
  });
});
