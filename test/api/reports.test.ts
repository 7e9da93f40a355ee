import mongoose, { Types } from "mongoose";
import { AvailabilityStatus, ListingKind, PublicationState, Visibility } from "../../src/catalog/enums";
import { bumpCatalogueRevision } from "../../src/catalog/snapshot";
import { derivedToolFields } from "../../src/catalog/tools/tool.derive";
import { codes, startTestApp, TestApp } from "../helpers/app";
import { groupMembers, publicListings, seed, servedIn, subtree } from "../helpers/seed-facts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ seed: true });
});
afterAll(async () => {
  await t.close();
});

interface Cell {
  capability: { slug: string };
  jurisdiction: { code: string };
  toolCount: number;
  organisationCount: number;
  toolSlugs: string[];
  gap: boolean;
  singlePointOfFailure: boolean;
}
interface Gap {
  gapReport: {
    catalogueRevision: string;
    input: { jurisdictions: string[]; depth: string; minTools: number };
    rows: { slug: string }[];
    columns: { code: string }[];
    cells: Cell[];
    gaps: Cell[];
    singlePointsOfFailure: Cell[];
    coverage: number;
    rowCoverage: { capability: { slug: string }; coverage: number; gapCount: number }[];
    columnCoverage: { jurisdiction: { code: string }; coverage: number; gapCount: number }[];
    emptyCapabilities: { slug: string }[];
  };
}

const GAP = `query($input: GapReportInput!) { gapReport(input: $input) {
  catalogueRevision input { jurisdictions depth minTools }
  rows { slug } columns { code }
  cells { capability { slug } jurisdiction { code } toolCount organisationCount toolSlugs gap singlePointOfFailure }
  gaps { capability { slug } jurisdiction { code } }
  singlePointsOfFailure { capability { slug } jurisdiction { code } toolCount }
  coverage rowCoverage { capability { slug } coverage gapCount } columnCoverage { jurisdiction { code } coverage gapCount }
  emptyCapabilities { slug } } }`;

const capsUnder = (slug: string) => subtree(slug);
const inCell = (slug: string, country: string) =>
  publicListings.filter((l) => l.capabilities.some((c) => capsUnder(slug).has(c)) && servedIn(l, [country]));

describe("gap report", () => {
  it("counts each cell as the seed files do, at function depth, for a group", async () => {
    const r = await t.gql<Gap>(GAP, { input: { jurisdictions: ["FIVE_EYES"], depth: "FUNCTION" } });
    expect(r.errors).toBeUndefined();
    const g = r.data!.gapReport;
    expect(g.columns.map((c) => c.code)).toEqual([...groupMembers("FIVE_EYES")].sort());
    expect(g.rows.map((x) => x.slug)).toEqual(seed.capabilities.filter((c) => c.parent === null).map((c) => c.slug));
    expect(g.cells).toHaveLength(g.rows.length * g.columns.length);
    for (const cell of g.cells) {
      const expected = inCell(cell.capability.slug, cell.jurisdiction.code);
      expect({ cell: `${cell.capability.slug}/${cell.jurisdiction.code}`, slugs: [...cell.toolSlugs].sort() }).toEqual({
        cell: `${cell.capability.slug}/${cell.jurisdiction.code}`,
        slugs: expected.map((l) => l.slug).sort(),
      });
      const orgs = new Set(expected.flatMap((l) => (l.organisation ? [l.organisation] : [])));
      expect(cell.organisationCount).toBe(orgs.size);
      expect(cell.gap).toBe(expected.length < 1);
      expect(cell.singlePointOfFailure).toBe(
        expected.length > 0 && orgs.size === 1 && expected.every((l) => l.organisation),
      );
    }
    expect(g.gaps).toHaveLength(g.cells.filter((c) => c.gap).length);
    expect(g.coverage).toBeCloseTo(g.cells.filter((c) => !c.gap).length / g.cells.length);
    expect(g.input).toEqual({ jurisdictions: ["FIVE_EYES"], depth: "FUNCTION", minTools: 1 });
    expect(g.catalogueRevision).toMatch(/^[0-9a-f]{16}$/);
  });

  it("agrees with tools(filter) for every cell of a scoped report", async () => {
    const scope = { eligibleFor: ["LAW_ENFORCEMENT"] };
    const r = await t.gql<Gap>(GAP, {
      input: { jurisdictions: ["GB", "US", "NL"], capabilities: ["detection", "victim-identification"], ...scope },
    });
    expect(r.errors).toBeUndefined();
    for (const cell of r.data!.gapReport.cells) {
      const s = await t.gql<{ tools: { totalCount: number } }>(
        `query($f: ListingFilter) { tools(filter: $f) { totalCount } }`,
        { f: { capabilities: [cell.capability.slug], jurisdictions: [cell.jurisdiction.code], ...scope } },
      );
      expect([cell.capability.slug, cell.jurisdiction.code, cell.toolCount]).toEqual([
        cell.capability.slug,
        cell.jurisdiction.code,
        s.data!.tools.totalCount,
      ]);
    }
  });

  it("covers every country and the whole taxonomy by default, and lists empty capabilities", async () => {
    // Every cell of every country is over the query budget; this asks for what it checks (the whole report is an export).
    const r = await t.gql<Gap>(
      `query($input: GapReportInput!) { gapReport(input: $input) { rows { slug } columns { code } coverage emptyCapabilities { slug } } }`,
      { input: {} },
    );
    expect(r.errors).toBeUndefined();
    const g = r.data!.gapReport;
    expect(g.columns.length).toBeGreaterThanOrEqual(249);
    expect(g.rows.map((x) => x.slug)).toEqual(seed.capabilities.filter((c) => c.parent !== null).map((c) => c.slug));
    const used = new Set(publicListings.flatMap((l) => l.capabilities));
    const expectedEmpty = seed.capabilities
      .filter((c) => ![...subtree(c.slug)].some((s) => used.has(s)))
      .map((c) => c.slug);
    expect(g.emptyCapabilities.map((c) => c.slug).sort()).toEqual(expectedEmpty.sort());
    expect(g.coverage).toBeGreaterThanOrEqual(0);
    expect(g.coverage).toBeLessThanOrEqual(1);
  });

  it("raises the gap threshold with minTools", async () => {
    const one = await t.gql<Gap>(GAP, { input: { jurisdictions: ["US"], minTools: 1 } });
    const three = await t.gql<Gap>(GAP, { input: { jurisdictions: ["US"], minTools: 3 } });
    const gaps = (r: typeof one, n: number) => r.data!.gapReport.cells.filter((c) => c.toolCount < n).length;
    expect(one.data!.gapReport.gaps).toHaveLength(gaps(one, 1));
    expect(three.data!.gapReport.gaps).toHaveLength(gaps(three, 3));
    expect(three.data!.gapReport.gaps.length).toBeGreaterThanOrEqual(one.data!.gapReport.gaps.length);
  });

  it.each([
    [{ jurisdictions: ["GB", "ZZ"] }, "input.jurisdictions"],
    [{ capabilities: ["mind-reading"] }, "input.capabilities"],
    [{ minTools: 0 }, "input.minTools"],
    [{ languages: ["english"] }, "input.languages"],
  ])("names a bad input %o", async (input, argument) => {
    const r = await t.gql(`query($input: GapReportInput!) { gapReport(input: $input) { coverage } }`, { input });
    expect(codes(r)).toEqual(["BAD_USER_INPUT"]);
    expect(r.errors![0].message).toContain(argument);
  });
});

describe("duplication report", () => {
  const DUP = `query($input: DuplicationReportInput) { duplicationReport(input: $input) {
    catalogueRevision input { threshold minClusterSize }
    crowding { capability { slug } toolCount organisationCount }
    clusters { tools { slug capabilities { slug } mediaTypes } sharedCapabilities { slug } sharedMediaTypes similarity }
    likelyDuplicates { tools { slug } kind keys } } }`;
  interface Dup {
    duplicationReport: {
      input: { threshold: number; minClusterSize: number };
      crowding: { capability: { slug: string }; toolCount: number; organisationCount: number }[];
      clusters: {
        tools: { slug: string; capabilities: { slug: string }[]; mediaTypes: string[] }[];
        sharedCapabilities: { slug: string }[];
        sharedMediaTypes: string[];
        similarity: number;
      }[];
      likelyDuplicates: { tools: { slug: string }[]; kind: string; keys: string[] }[];
    };
  }

  it("ranks crowded capabilities with counts from the seed files", async () => {
    const r = await t.gql<Dup>(DUP, {});
    expect(r.errors).toBeUndefined();
    const d = r.data!.duplicationReport;
    expect(d.input).toEqual({ threshold: 0.8, minClusterSize: 2 });
    expect(d.crowding).toHaveLength(seed.capabilities.length);
    for (const c of d.crowding) {
      const ls = publicListings.filter((l) => l.capabilities.some((x) => subtree(c.capability.slug).has(x)));
      expect([c.capability.slug, c.toolCount]).toEqual([c.capability.slug, ls.length]);
      expect(c.organisationCount).toBe(new Set(ls.flatMap((l) => (l.organisation ? [l.organisation] : []))).size);
    }
    const counts = d.crowding.map((c) => c.toolCount);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
  });

  it("clusters listings whose capability and media sets overlap at the threshold", async () => {
    const r = await t.gql<Dup>(DUP, { input: { threshold: 0.8 } });
    const clusters = r.data!.duplicationReport.clusters;
    expect(clusters.length).toBeGreaterThan(0);
    const features = (x: { capabilities: { slug: string }[]; mediaTypes: string[] }) =>
      new Set([...x.capabilities.map((c) => `c:${c.slug}`), ...x.mediaTypes.map((m) => `m:${m}`)]);
    for (const c of clusters) {
      expect(c.tools.length).toBeGreaterThanOrEqual(2);
      expect(c.similarity).toBeGreaterThanOrEqual(0); // single linkage: the weakest pair may be below the threshold
      for (const tool of c.tools) {
        for (const s of c.sharedCapabilities) expect(features(tool).has(`c:${s.slug}`)).toBe(true);
      }
      const [a, b] = c.tools;
      const fa = features(a);
      const fb = features(b);
      const inter = [...fa].filter((x) => fb.has(x)).length;
      expect(inter / (fa.size + fb.size - inter)).toBeGreaterThanOrEqual(c.similarity - 1e-9);
    }
    const strict = await t.gql<Dup>(DUP, { input: { threshold: 1 } });
    for (const c of strict.data!.duplicationReport.clusters) expect(c.similarity).toBe(1);
  });

  it("lists listings with the same normalised name as likely duplicates, and counts no hidden listing", async () => {
    const photodna = seed.listings.find((l) => l.slug === "photodna")!;
    const cap = await t.models.Capability.findOne({ slug: "perceptual-hashing" }).lean();
    const make = (slug: string, name: string, visibility: Visibility) => {
      const base = {
        kind: ListingKind.TOOL,
        aliases: [],
        organisation: null,
        summary: "A second entry for the same product.",
        capabilities: [cap!._id],
        availability: [{ jurisdiction: "GB", status: AvailabilityStatus.IN_USE, notes: null }],
        offers: [],
        sources: [{ document: null, url: "https://example.org/x", locator: "x", unverified: true }],
      };
      return {
        _id: new Types.ObjectId(),
        ...base,
        slug,
        name,
        visibility,
        publicationState: PublicationState.PUBLISHED,
        ...derivedToolFields({ ...base, name }, null),
      };
    };
    const before = await t.gql<Dup>(DUP, {});
    await t.models.Tool.create([make("photo-dna-copy", ` ${photodna.name.toUpperCase()}. `, Visibility.PUBLIC)]);
    await t.models.Tool.create([make("photodna-secret", photodna.name, Visibility.LAW_ENFORCEMENT)]);
    await bumpCatalogueRevision(t.models);
    try {
      const after = await t.gql<Dup>(DUP, {});
      const group = after.data!.duplicationReport.likelyDuplicates.find((g) =>
        g.tools.some((x) => x.slug === "photodna"),
      );
      expect(group?.kind).toBe("EXACT");
      expect(group?.tools.map((x) => x.slug).sort()).toEqual(["photo-dna-copy", "photodna"]);
      const crowd = (d: typeof before, slug: string) =>
        d.data!.duplicationReport.crowding.find((c) => c.capability.slug === slug)!.toolCount;
      expect(crowd(after, "perceptual-hashing")).toBe(crowd(before, "perceptual-hashing") + 1);

      const gap = await t.gql<Gap>(GAP, { input: { jurisdictions: ["GB"], capabilities: ["perceptual-hashing"] } });
      expect(gap.data!.gapReport.cells[0].toolSlugs).toContain("photo-dna-copy");
      expect(gap.data!.gapReport.cells[0].toolSlugs).not.toContain("photodna-secret");
    } finally {
      await t.models.Tool.deleteMany({ slug: mongoose.trusted({ $in: ["photo-dna-copy", "photodna-secret"] }) });
      await bumpCatalogueRevision(t.models);
    }
  });
});

describe("stale listings", () => {
  const STALE = `query($days: Int!, $first: Int, $after: String) { staleListings(olderThanDays: $days, first: $first, after: $after) {
    totalCount edges { node { organisation { slug } tools { slug lastVerifiedAt } oldestVerifiedAt } }
    pageInfo { hasNextPage endCursor } } }`;
  interface Stale {
    staleListings: {
      totalCount: number;
      edges: { node: { organisation: { slug: string } | null; tools: { slug: string }[] } }[];
      pageInfo: { hasNextPage: boolean; endCursor: string };
    };
  }

  it("groups every unverified listing by organisation and leaves out recently verified ones", async () => {
    const collect = async () => {
      const slugs: string[] = [];
      let after: string | null = null;
      let groups = 0;
      for (let i = 0; i < 50; i++) {
        const r: { data?: Stale } = await t.gql<Stale>(STALE, { days: 365, first: 20, after });
        groups += r.data!.staleListings.edges.length;
        slugs.push(...r.data!.staleListings.edges.flatMap((e) => e.node.tools.map((x) => x.slug)));
        if (!r.data!.staleListings.pageInfo.hasNextPage) break;
        after = r.data!.staleListings.pageInfo.endCursor;
      }
      return { slugs: slugs.sort(), groups };
    };
    const all = await collect();
    expect(all.slugs).toEqual(publicListings.map((l) => l.slug).sort());
    expect(all.groups).toBe(new Set(publicListings.map((l) => l.organisation ?? "")).size);

    const recent = publicListings[0].slug;
    await t.models.Tool.updateOne({ slug: recent }, { $set: { lastVerifiedAt: new Date() } });
    await bumpCatalogueRevision(t.models);
    const after = await collect();
    expect(after.slugs).not.toContain(recent);
    expect(after.slugs).toHaveLength(publicListings.length - 1);
  });

  it("rejects a negative period", async () => {
    const r = await t.gql(STALE, { days: -1 });
    expect(codes(r)).toEqual(["BAD_USER_INPUT"]);
  });
});
