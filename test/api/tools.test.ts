import { Eligibility, MediaType } from "../../src/catalog/enums";
import { bumpCatalogueRevision } from "../../src/catalog/snapshot";
import { codes, GqlResponse, startTestApp, TestApp } from "../helpers/app";
import { groupMembers, publicListings, seed, servedIn, slugsOf, subtree } from "../helpers/seed-facts";

interface ToolsData {
  tools: {
    totalCount: number;
    edges: { cursor: string; node: { slug: string; name: string } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    facets: Record<string, { value: string; label: string; count: number }[]>;
  };
}

const SEARCH = `query($search: String, $filter: ListingFilter, $first: Int, $after: String, $orderBy: ListingOrder) {
  tools(search: $search, filter: $filter, first: $first, after: $after, orderBy: $orderBy) {
    totalCount
    edges { cursor node { slug name } }
    pageInfo { hasNextPage endCursor }
    facets {
      capabilities { value label count } mediaTypes { value label count } licenseModels { value label count }
      eligibility { value label count } deployment { value label count } kinds { value label count }
      organisationTypes { value label count } jurisdictions { value label count }
    }
  }
}`;

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ seed: true });
});
afterAll(async () => {
  await t.close();
});

async function all(variables: Record<string, unknown>): Promise<string[]> {
  const slugs: string[] = [];
  let after: string | null = null;
  for (let i = 0; i < 50; i++) {
    const r: GqlResponse<ToolsData> = await t.gql<ToolsData>(SEARCH, { ...variables, first: 100, after });
    expect(r.errors).toBeUndefined();
    const page: ToolsData["tools"] = r.data!.tools;
    slugs.push(...page.edges.map((e) => e.node.slug));
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  return slugs.sort();
}

const facet = (d: ToolsData, name: string, value: string) =>
  d.tools.facets[name].find((f) => f.value === value)?.count ?? 0;

describe("tools: every listing, filtered the way a procurement officer asks", () => {
  it("serves every public listing of the seed inventory", async () => {
    expect(await all({})).toEqual(slugsOf(publicListings));
  });

  it("filters by kind", async () => {
    const expected = publicListings.filter((l) => l.kind === "LAB" || l.kind === "CROWDSOURCING");
    expect(expected.length).toBeGreaterThan(0);
    expect(await all({ filter: { kinds: ["LAB", "CROWDSOURCING"] } })).toEqual(slugsOf(expected));
  });

  it("matches a capability's whole subtree", async () => {
    const nodes = subtree("victim-identification");
    const expected = publicListings.filter((l) => l.capabilities.some((c) => nodes.has(c)));
    expect(expected.length).toBeGreaterThan(3);
    expect(await all({ filter: { capabilities: ["victim-identification"] } })).toEqual(slugsOf(expected));
  });

  it("expands a jurisdiction group to its members", async () => {
    const expected = publicListings.filter((l) => servedIn(l, groupMembers("FIVE_EYES")));
    expect(expected.length).toBeGreaterThan(3);
    expect(await all({ filter: { jurisdictions: ["FIVE_EYES"] } })).toEqual(slugsOf(expected));
    const eu = publicListings.filter((l) => servedIn(l, groupMembers("EU")));
    expect(await all({ filter: { jurisdictions: ["EU"] } })).toEqual(slugsOf(eu));
  });

  it("requires one offer to satisfy eligibility and licence together", async () => {
    const expected = publicListings.filter((l) =>
      l.offers.some(
        (o) =>
          o.model === "FREE_FOR_ELIGIBLE" &&
          (o.eligibility.includes(Eligibility.LAW_ENFORCEMENT) || o.eligibility.includes(Eligibility.PUBLIC)),
      ),
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(await all({ filter: { eligibleFor: ["LAW_ENFORCEMENT"], licenseModels: ["FREE_FOR_ELIGIBLE"] } })).toEqual(
      slugsOf(expected),
    );
  });

  it("counts listings that state no terms under licence model UNKNOWN", async () => {
    const expected = publicListings.filter((l) => l.offers.length === 0 || l.offers.some((o) => o.model === "UNKNOWN"));
    expect(await all({ filter: { licenseModels: ["UNKNOWN"] } })).toEqual(slugsOf(expected));
  });

  it("combines filters with AND and values with OR", async () => {
    const nodes = subtree("detection");
    const expected = publicListings.filter(
      (l) =>
        l.capabilities.some((c) => nodes.has(c)) &&
        (l.mediaTypes.includes(MediaType.IMAGE) || l.mediaTypes.includes(MediaType.VIDEO)) &&
        servedIn(l, groupMembers("GLOBAL_ALLIANCE")),
    );
    expect(expected.length).toBeGreaterThan(0);
    const got = await all({
      filter: { capabilities: ["detection"], mediaTypes: ["IMAGE", "VIDEO"], jurisdictions: ["GLOBAL_ALLIANCE"] },
    });
    expect(got).toEqual(slugsOf(expected));
  });

  it("counts each facet under the other filters, lifting its own", async () => {
    const r = await t.gql<ToolsData>(SEARCH, { filter: { kinds: ["LAB"], jurisdictions: ["FIVE_EYES"] }, first: 5 });
    expect(r.errors).toBeUndefined();
    const five = groupMembers("FIVE_EYES");
    const inFive = publicListings.filter((l) => servedIn(l, five));
    const labs = publicListings.filter((l) => l.kind === "LAB");
    expect(r.data!.tools.totalCount).toBe(inFive.filter((l) => l.kind === "LAB").length);
    for (const kind of ["LAB", "TOOL", "DATABASE", "PROGRAMME"]) {
      expect(facet(r.data!, "kinds", kind)).toBe(inFive.filter((l) => l.kind === kind).length);
    }
    const usCount = labs.filter((l) => servedIn(l, ["US"])).length;
    expect(facet(r.data!, "jurisdictions", "US")).toBe(usCount);
    const nodes = subtree("victim-identification");
    expect(facet(r.data!, "capabilities", "victim-identification")).toBe(
      inFive.filter((l) => l.kind === "LAB" && l.capabilities.some((c) => nodes.has(c))).length,
    );
    const label = r.data!.tools.facets.capabilities.find((f) => f.value === "victim-identification")?.label;
    expect(label).toBe("Victim identification");
  });

  it("counts facets when they are asked for through a fragment", async () => {
    const r = await t.gql<{ tools: { totalCount: number; facets: { kinds: { value: string; count: number }[] } } }>(
      `query { tools(first: 1) { totalCount ...F } } fragment F on ListingConnection { facets { kinds { value count } } }`,
    );
    expect(r.errors).toBeUndefined();
    const labs = publicListings.filter((l) => l.kind === "LAB").length;
    expect(r.data!.tools.facets.kinds.find((k) => k.value === "LAB")?.count).toBe(labs);
  });

  it("ranks the listing named by the search first, and finds every listing whose text holds the word", async () => {
    const r = await t.gql<ToolsData>(SEARCH, { search: "PhotoDNA", first: 100 });
    expect(r.errors).toBeUndefined();
    expect(r.data!.tools.edges[0].node.slug).toBe("photodna");
    const orgName = new Map(seed.organisations.map((o) => [o.slug, o.name]));
    const holding = publicListings.filter((l) =>
      [l.name, ...l.aliases, l.summary, l.organisation ? (orgName.get(l.organisation) ?? "") : ""].some((s) =>
        s.toLowerCase().includes("photodna"),
      ),
    );
    expect(holding.length).toBeGreaterThan(1);
    const found = r.data!.tools.edges.map((e) => e.node.slug);
    for (const l of holding) expect(found).toContain(l.slug);
    expect(r.data!.tools.totalCount).toBe(found.length);

    const iwf = seed.organisations.find((o) => o.slug === "internet-watch-foundation-iwf");
    expect(iwf).toBeDefined();
    const byOrg = await all({ search: iwf!.name });
    for (const l of publicListings.filter((x) => x.organisation === iwf!.slug)) expect(byOrg).toContain(l.slug);
  });

  it("reads signs in search text as word breaks, never as a pattern", async () => {
    for (const s of [".*", "[", "\\", "^$", "()"]) {
      const r = await t.gql<ToolsData>(SEARCH, { search: s, first: 5 });
      expect(r.errors).toBeUndefined();
      expect(r.data!.tools.totalCount).toBe(0);
    }
    const dotted = await t.gql<ToolsData>(SEARCH, { search: "photo.dna", first: 100 });
    const spaced = await t.gql<ToolsData>(SEARCH, { search: "photo dna", first: 100 });
    expect(dotted.data!.tools.edges.map((e) => e.node.slug)).toEqual(spaced.data!.tools.edges.map((e) => e.node.slug));
    expect(dotted.data!.tools.totalCount).toBeGreaterThan(0);
  });

  it("pages through a stable order without gaps or repeats", async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 100; i++) {
      const r: GqlResponse<ToolsData> = await t.gql<ToolsData>(SEARCH, { first: 7, after, orderBy: "NAME" });
      expect(r.errors).toBeUndefined();
      seen.push(...r.data!.tools.edges.map((e) => e.node.slug));
      if (!r.data!.tools.pageInfo.hasNextPage) break;
      after = r.data!.tools.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(publicListings.length);
    expect(new Set(seen).size).toBe(seen.length);
    const byName = [...publicListings]
      .sort((a, b) => {
        const x = a.name
          .normalize("NFKD")
          .replace(/\p{M}+/gu, "")
          .toLowerCase();
        const y = b.name
          .normalize("NFKD")
          .replace(/\p{M}+/gu, "")
          .toLowerCase();
        return x < y ? -1 : x > y ? 1 : a.slug < b.slug ? -1 : 1;
      })
      .map((l) => l.slug);
    expect(seen).toEqual(byName);
  });

  it("orders by last verification, never-verified last", async () => {
    const [a, b] = publicListings.slice(0, 2).map((l) => l.slug);
    await t.models.Tool.updateOne({ slug: a }, { $set: { lastVerifiedAt: new Date("2026-01-02") } });
    await t.models.Tool.updateOne({ slug: b }, { $set: { lastVerifiedAt: new Date("2026-03-04") } });
    await bumpCatalogueRevision(t.models);
    const r = await t.gql<ToolsData>(SEARCH, { first: 3, orderBy: "LAST_VERIFIED" });
    expect(r.data!.tools.edges.slice(0, 2).map((e) => e.node.slug)).toEqual([b, a]);
  });

  it("returns one listing with everything a buyer needs to judge it", async () => {
    const r = await t.gql<{ tool: Record<string, unknown> & { sources: unknown[]; organisation: { slug: string } } }>(
      `{ tool(slug: "photodna") { slug name kind summary organisation { slug name type }
         capabilities { slug path } offers { model eligibility notes }
         availability { jurisdiction { code name } status }
         sources { document { title year } locator } visibility } }`,
    );
    expect(r.errors).toBeUndefined();
    const photodna = seed.listings.find((l) => l.slug === "photodna")!;
    expect(r.data!.tool).toMatchObject({ slug: "photodna", name: photodna.name, kind: photodna.kind });
    expect(r.data!.tool.sources).toHaveLength(photodna.sources.length);
    if (photodna.organisation) expect(r.data!.tool.organisation.slug).toBe(photodna.organisation);
    const missing = await t.gql(`{ tool(slug: "no-such-listing") { slug } }`);
    expect(missing.errors).toBeUndefined();
    expect(missing.data).toEqual({ tool: null });
  });
});

describe("tools: bad arguments are named", () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ["first below 1", { first: 0 }, "first"],
    ["first above 100", { first: 101 }, "first"],
    ["malformed cursor", { after: "not-a-cursor" }, "after"],
    ["search over 200 characters", { search: "x".repeat(201) }, "search"],
    ["unknown capability", { filter: { capabilities: ["teleportation"] } }, "filter.capabilities"],
    ["unknown jurisdiction", { filter: { jurisdictions: ["ZZ", "ATLANTIS"] } }, "filter.jurisdictions"],
    ["unknown organisation", { filter: { organisations: ["acme-nonexistent"] } }, "filter.organisations"],
    ["bad language code", { filter: { languages: ["english"] } }, "filter.languages"],
  ];
  it.each(cases)("%s", async (_name, variables, argument) => {
    const r = await t.gql(SEARCH, { first: 5, ...variables });
    expect(codes(r)).toEqual(["BAD_USER_INPUT"]);
    expect(r.errors![0].extensions?.argument).toBe(argument);
    expect(r.errors![0].message).toContain(argument);
  });

  it("names every unknown code", async () => {
    const r = await t.gql(SEARCH, { filter: { jurisdictions: ["GB", "ZZ", "ATLANTIS"] } });
    expect(r.errors![0].message).toContain('"ZZ"');
    expect(r.errors![0].message).toContain('"ATLANTIS"');
  });

  it("refuses a cursor issued for another query", async () => {
    const first = await t.gql<ToolsData>(SEARCH, { first: 2, filter: { kinds: ["TOOL"] } });
    const cursor = first.data!.tools.pageInfo.endCursor;
    const r = await t.gql(SEARCH, { first: 2, after: cursor, filter: { kinds: ["DATABASE"] } });
    expect(codes(r)).toEqual(["BAD_USER_INPUT"]);
    expect(r.errors![0].extensions?.argument).toBe("after");
  });
});
