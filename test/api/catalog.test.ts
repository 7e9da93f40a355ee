import { codes, startTestApp, TestApp } from "../helpers/app";
import { groupMembers, publicListings, seed, subtree } from "../helpers/seed-facts";
import { isoCountries } from "../../src/catalog/jurisdictions/countries";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ seed: true });
});
afterAll(async () => {
  await t.close();
});

interface Cap {
  slug: string;
  path: string;
  toolCount: number;
  children: Cap[];
}

describe("capabilities", () => {
  it("serves the taxonomy as a tree with subtree tool counts", async () => {
    const r = await t.gql<{ capabilities: Cap[] }>(
      `{ capabilities { slug path toolCount children { slug path toolCount children { slug } } } }`,
    );
    expect(r.errors).toBeUndefined();
    const roots = seed.capabilities.filter((c) => c.parent === null).map((c) => c.slug);
    expect(r.data!.capabilities.map((c) => c.slug)).toEqual(roots);
    for (const root of r.data!.capabilities) {
      const nodes = subtree(root.slug);
      expect(root.toolCount).toBe(publicListings.filter((l) => l.capabilities.some((c) => nodes.has(c))).length);
      for (const child of root.children) {
        expect(child.path).toBe(`/${root.slug}/${child.slug}/`);
        expect(child.toolCount).toBe(publicListings.filter((l) => l.capabilities.includes(child.slug)).length);
      }
    }
  });

  it("answers one capability with its parent, and null for an unknown slug", async () => {
    const r = await t.gql<{ capability: { name: string; parent: { slug: string } } }>(
      `{ capability(slug: "hash-matching") { name parent { slug } } }`,
    );
    expect(r.data!.capability).toEqual({ name: "Hash matching", parent: { slug: "detection" } });
    const none = await t.gql(`{ capability(slug: "levitation") { name } }`);
    expect(none.data).toEqual({ capability: null });
  });
});

describe("jurisdictions", () => {
  it("lists every ISO 3166-1 country plus Kosovo, and the groups", async () => {
    const r = await t.gql<{ jurisdictions: { code: string }[] }>(`{ jurisdictions(kind: COUNTRY) { code } }`);
    const codesGot = r.data!.jurisdictions.map((j) => j.code);
    expect(codesGot).toEqual(isoCountries().map((c) => c.code));
    expect(codesGot).toEqual(expect.arrayContaining(["GB", "US", "XK", "KR"]));
    expect(codesGot.length).toBeGreaterThanOrEqual(249);
    const groups = await t.gql<{ jurisdictions: { code: string }[] }>(`{ jurisdictions(kind: GROUP) { code } }`);
    expect(groups.data!.jurisdictions.map((j) => j.code).sort()).toEqual(["EU", "FIVE_EYES", "GLOBAL_ALLIANCE"]);
  });

  it("gives a group's members and a country's groups", async () => {
    const r = await t.gql<{
      g: { kind: string; members: { code: string }[] };
      c: { name: string; groups: { code: string }[] };
    }>(
      `{ g: jurisdiction(code: "GLOBAL_ALLIANCE") { kind members { code } } c: jurisdiction(code: "gb") { name groups { code } } }`,
    );
    expect(r.data!.g.kind).toBe("GROUP");
    expect(r.data!.g.members.map((m) => m.code)).toEqual([...groupMembers("GLOBAL_ALLIANCE")].sort());
    expect(r.data!.g.members).toHaveLength(52);
    expect(r.data!.c.groups.map((g) => g.code).sort()).toEqual(["FIVE_EYES", "GLOBAL_ALLIANCE"]);
  });
});

describe("organisations", () => {
  it("pages through every organisation by name", async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 20; i++) {
      const r: {
        data?: {
          organisations: { edges: { node: { slug: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } };
        };
      } = await t.gql(
        `query($after: String) { organisations(first: 50, after: $after) {
          edges { node { slug } } pageInfo { hasNextPage endCursor } } }`,
        { after },
      );
      seen.push(...r.data!.organisations.edges.map((e) => e.node.slug));
      if (!r.data!.organisations.pageInfo.hasNextPage) break;
      after = r.data!.organisations.pageInfo.endCursor;
    }
    expect([...seen].sort()).toEqual(seed.organisations.map((o) => o.slug).sort());
  });

  it("finds organisations by name text and shows their listings", async () => {
    const r = await t.gql<{ organisations: { totalCount: number; edges: { node: { slug: string } }[] } }>(
      `{ organisations(search: "exploited children", first: 10) { totalCount edges { node { slug } } } }`,
    );
    const expected = seed.organisations.filter((o) =>
      [o.name, ...o.aliases].some((n) => n.toLowerCase().includes("exploited children")),
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(r.data!.organisations.totalCount).toBe(expected.length);

    const ncmec = "national-center-for-missing-exploited-children-ncmec";
    const own = publicListings.filter((l) => l.organisation === ncmec);
    expect(own.length).toBeGreaterThan(3);
    const o = await t.gql<{
      organisation: {
        name: string;
        toolCount: number;
        sources: unknown[];
        tools: { totalCount: number; edges: { node: { slug: string } }[] };
      };
    }>(
      `{ organisation(slug: "${ncmec}") { name toolCount sources { locator document { title } } tools(first: 100) { totalCount edges { node { slug } } } } }`,
    );
    expect(o.errors).toBeUndefined();
    expect(o.data!.organisation.toolCount).toBe(own.length);
    expect(o.data!.organisation.tools.totalCount).toBe(own.length);
    expect(o.data!.organisation.tools.edges.map((e) => e.node.slug).sort()).toEqual(own.map((l) => l.slug).sort());
    expect(o.data!.organisation.sources.length).toBeGreaterThan(0);
  });

  it("rejects a page size outside 1-100", async () => {
    const r = await t.gql(`{ organisations(first: 1000) { totalCount } }`);
    expect(codes(r)).toEqual(["BAD_USER_INPUT"]);
  });
});

describe("documents", () => {
  it("answers source documents by slug in the order asked, null for a slug that names none", async () => {
    const [a, b] = seed.documents;
    const r = await t.gql<{ documents: ({ slug: string; title: string } | null)[] }>(
      `query($s: [String!]!) { documents(slugs: $s) { slug title } }`,
      { s: [b.slug, "no-such-document", a.slug, b.slug] },
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.documents).toEqual([
      { slug: b.slug, title: b.title },
      null,
      { slug: a.slug, title: a.title },
      { slug: b.slug, title: b.title },
    ]);
  });

  it("refuses more than 100 slugs, naming the argument", async () => {
    const slugs = Array.from({ length: 101 }, (_, i) => `document-${i}`);
    const r = await t.gql(`query($s: [String!]!) { documents(slugs: $s) { slug } }`, { s: slugs });
    expect(r.data).toBeNull();
    expect(codes(r)).toEqual(["BAD_USER_INPUT"]);
    expect(r.errors![0].extensions).toMatchObject({ argument: "slugs" });
  });
});

describe("classification schemes", () => {
  it("lists every scheme with the listings that support it", async () => {
    const r = await t.gql<{ classificationSchemes: { slug: string; levels: unknown[]; tools: { slug: string }[] }[] }>(
      `{ classificationSchemes { slug levels { rank name } jurisdictions { code } tools { slug } sources { locator } } }`,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.classificationSchemes.map((s) => s.slug).sort()).toEqual(
      seed.classificationSchemes.map((s) => s.slug).sort(),
    );
    for (const s of r.data!.classificationSchemes) {
      const supporting = publicListings.filter((l) => l.classificationSchemes.includes(s.slug)).map((l) => l.slug);
      expect(s.tools.map((x) => x.slug).sort()).toEqual(supporting.sort());
    }
  });
});
