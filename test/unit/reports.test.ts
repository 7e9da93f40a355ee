import { Types } from "mongoose";
import { Eligibility, LicenseModel } from "../../src/catalog/enums";
import {
  computeDuplicationReport,
  jaccard,
  likelyDuplicates,
  normaliseName,
  overlapClusters,
} from "../../src/reports/duplication";
import { staleListings } from "../../src/reports/freshness";
import { compareGapKeys } from "../../src/reports/compare";
import { computeGapReport, GapComputation } from "../../src/reports/gap";
import { EMPTY_FILTER, SearchDoc } from "../../src/search/tool-search";
import { rowsAtDepth, TaxonomyNode } from "../../src/search/taxonomy";
import { searchDoc } from "../helpers/search-docs";

const oid = () => new Types.ObjectId();
const node = (slug: string, path: string, depth: number): TaxonomyNode => ({
  id: oid().toHexString(),
  slug,
  path,
  depth,
});
const detection = node("detection", "/detection/", 0);
const hashing = node("hash-matching", "/detection/hash-matching/", 1);
const md5 = node("md5", "/detection/hash-matching/md5/", 2);
const crawl = node("web-crawling", "/detection/web-crawling/", 1);
const victim = node("victim-identification", "/victim-identification/", 0);
const lab = node("victim-id-lab", "/victim-identification/victim-id-lab/", 1);
const taxonomy = [detection, hashing, md5, crawl, victim, lab];
const orgA = oid();
const orgB = oid();

function listing(slug: string, over: Partial<SearchDoc> & { caps?: TaxonomyNode[] } = {}): SearchDoc {
  const { caps = [], ...rest } = over;
  return searchDoc(slug, { capabilities: caps.map((c) => new Types.ObjectId(c.id)), ...rest });
}

describe("rowsAtDepth", () => {
  it("reports functions or capabilities, and a deeper selection as its own row", () => {
    expect(rowsAtDepth(taxonomy, [detection, victim], 0).map((n) => n.slug)).toEqual([
      "detection",
      "victim-identification",
    ]);
    expect(rowsAtDepth(taxonomy, [detection, victim], 1).map((n) => n.slug)).toEqual([
      "hash-matching",
      "web-crawling",
      "victim-id-lab",
    ]);
    expect(rowsAtDepth(taxonomy, [md5], 1).map((n) => n.slug)).toEqual(["md5"]);
    expect(rowsAtDepth(taxonomy, [], 1)).toEqual([]);
  });
});

describe("computeGapReport", () => {
  const listings = [
    listing("a", {
      caps: [md5],
      servedJurisdictions: ["GB", "US"],
      organisation: orgA,
      offers: [{ model: LicenseModel.FREE_FOR_ELIGIBLE, eligibility: [Eligibility.LAW_ENFORCEMENT] }],
    }),
    listing("b", {
      caps: [hashing],
      servedJurisdictions: ["GB"],
      organisation: orgA,
      offers: [{ model: LicenseModel.COMMERCIAL, eligibility: [Eligibility.LAW_ENFORCEMENT] }],
    }),
    listing("c", { caps: [crawl], servedJurisdictions: ["GB"], organisation: orgB }),
    listing("d", { caps: [crawl], servedJurisdictions: ["GB"] }),
    listing("e", { caps: [lab], servedJurisdictions: [] }),
  ];
  const base: GapComputation = {
    listings,
    taxonomy,
    rows: [hashing, crawl, lab],
    columns: ["GB", "US", "FR"],
    scopeNodes: [detection, victim],
    scope: EMPTY_FILTER,
    organisationType: () => undefined,
    minTools: 1,
  };
  const cell = (r: ReturnType<typeof computeGapReport>, row: TaxonomyNode, column: string) =>
    r.cells.find((c) => c.row === row.id && c.column === column)!;
  const slugs = (ids: string[]) => ids.map((id) => listings.find((l) => l._id.toHexString() === id)!.slug);

  it("counts a listing under every row whose subtree holds its capability, per served country", () => {
    const r = computeGapReport(base);
    expect(r.cells).toHaveLength(9);
    expect(slugs(cell(r, hashing, "GB").toolIds)).toEqual(["a", "b"]);
    expect(slugs(cell(r, hashing, "US").toolIds)).toEqual(["a"]);
    expect(cell(r, hashing, "FR").gap).toBe(true);
    expect(cell(r, lab, "GB").gap).toBe(true);
  });

  it("marks a cell served by one known organisation as a single point of failure", () => {
    const r = computeGapReport(base);
    expect(cell(r, hashing, "GB").singlePointOfFailure).toBe(true); // a and b, both orgA
    expect(cell(r, crawl, "GB").singlePointOfFailure).toBe(false); // orgB and an unknown owner
    expect(cell(r, crawl, "GB").organisationIds).toHaveLength(1);
    expect(cell(r, hashing, "FR").singlePointOfFailure).toBe(false);
  });

  it("applies eligibility and licence to a single offer, and raises the threshold", () => {
    const free = computeGapReport({
      ...base,
      scope: {
        ...EMPTY_FILTER,
        eligibleFor: new Set([Eligibility.LAW_ENFORCEMENT]),
        licenseModels: new Set([LicenseModel.FREE_FOR_ELIGIBLE]),
      },
    });
    expect(slugs(cell(free, hashing, "GB").toolIds)).toEqual(["a"]);
    const two = computeGapReport({ ...base, minTools: 2 });
    expect(cell(two, hashing, "GB").gap).toBe(false);
    expect(cell(two, hashing, "US").gap).toBe(true);
  });

  it("computes coverage per row, per column and overall", () => {
    const r = computeGapReport(base);
    expect(r.rowCoverage.find((x) => x.id === hashing.id)).toEqual({ id: hashing.id, gaps: 1, coverage: 2 / 3 });
    expect(r.columnCoverage.find((x) => x.id === "GB")).toEqual({ id: "GB", gaps: 1, coverage: 2 / 3 });
    expect(r.coverage).toBeCloseTo(3 / 9);
  });

  it("lists capabilities no listing in scope has, wherever it is", () => {
    const r = computeGapReport(base);
    expect(r.emptyNodeIds).toEqual([]);
    const noLab = computeGapReport({ ...base, listings: listings.slice(0, 4) });
    expect(noLab.emptyNodeIds.sort()).toEqual([victim.id, lab.id].sort());
  });

  it("answers an empty scope with no cells and zero coverage", () => {
    const r = computeGapReport({ ...base, rows: [], columns: [] });
    expect(r.cells).toEqual([]);
    expect(r.coverage).toBe(0);
  });
});

describe("overlap clusters", () => {
  it("groups identical feature sets and sets at the threshold, not below it", () => {
    const five = [md5, hashing, crawl, lab, victim];
    const ls = [
      listing("x1", { caps: five.slice(0, 4), mediaTypes: ["IMAGE"] }), // 5 features
      listing("x2", { caps: five.slice(0, 4), mediaTypes: ["IMAGE"] }), // identical
      listing("x3", { caps: five.slice(0, 4) }), // 4 of 5: J = 0.8
      listing("y1", { caps: [md5, hashing, crawl] }), // vs x3: 3/4 = 0.75
      listing("z1", { caps: [lab] }),
      listing("z2", { caps: [victim] }),
      listing("none"),
    ];
    expect(jaccard(["a", "b", "c", "d"], ["a", "b", "c", "d", "e"])).toBe(0.8);
    const at = overlapClusters(ls, 0.8, 2);
    expect(at).toHaveLength(1);
    expect(at[0].toolIds).toHaveLength(3);
    expect(at[0].similarity).toBeCloseTo(0.8);
    expect(at[0].sharedCapabilityIds.sort()).toEqual(
      five
        .slice(0, 4)
        .map((n) => n.id)
        .sort(),
    );
    expect(at[0].sharedMediaTypes).toEqual([]);
    const above = overlapClusters(ls, 0.81, 2);
    expect(above).toHaveLength(1);
    expect(above[0].toolIds).toHaveLength(2);
    expect(above[0].sharedMediaTypes).toEqual(["IMAGE"]);
    const below = overlapClusters(ls, 0.75, 2);
    expect(below[0].toolIds).toHaveLength(4);
    expect(overlapClusters(ls, 0.8, 4)).toEqual([]);
  });
});

describe("likely duplicates", () => {
  it("normalises names", () => {
    expect(normaliseName("  PhotoDNA®  for—Video ")).toBe("photodna for video");
  });

  it("finds equal names and aliases after normalisation, and one-edit typos, but not numbered siblings", () => {
    const ls = [
      listing("photodna", { name: "PhotoDNA" }),
      listing("photo-dna", { name: "Photo-DNA", aliases: ["photodna"] }),
      listing("griffeye", { name: "Griffeye Analyze" }),
      listing("griffeye-typo", { name: "Grifeye Analyze" }),
      listing("phase-2", { name: "Project Phase 2" }),
      listing("phase-3", { name: "Project Phase 3" }),
      listing("alone", { name: "Something else" }),
    ];
    const groups = likelyDuplicates(ls).map((g) => ({
      kind: g.kind,
      slugs: g.toolIds.map((id) => ls.find((l) => l._id.toHexString() === id)!.slug).sort(),
    }));
    expect(groups).toEqual(
      expect.arrayContaining([
        { kind: "EXACT", slugs: ["photo-dna", "photodna"] },
        { kind: "NEAR", slugs: ["griffeye", "griffeye-typo"] },
      ]),
    );
    expect(groups).toHaveLength(2);
  });
});

describe("crowding", () => {
  it("ranks capabilities by listings, then organisations, within the scope", () => {
    const ls = [
      listing("a", { caps: [md5], organisation: orgA }),
      listing("b", { caps: [hashing], organisation: orgB }),
      listing("c", { caps: [crawl], organisation: orgA }),
    ];
    const r = computeDuplicationReport({
      listings: ls,
      taxonomy,
      scopeNodes: [detection],
      scope: EMPTY_FILTER,
      organisationType: () => undefined,
      threshold: 0.8,
      minClusterSize: 2,
    });
    expect(
      r.crowding.map((c) => [taxonomy.find((n) => n.id === c.nodeId)!.slug, c.toolCount, c.organisationCount]),
    ).toEqual([
      ["detection", 3, 2],
      ["hash-matching", 2, 2],
      ["md5", 1, 1],
      ["web-crawling", 1, 1],
    ]);
  });
});

describe("stale listings", () => {
  it("groups listings not verified within the period by organisation, oldest first", () => {
    const now = new Date("2026-06-01T00:00:00Z");
    const days = (n: number) => new Date(now.getTime() - n * 86_400_000);
    const ls = [
      listing("fresh", { organisation: orgA, lastVerifiedAt: days(10) }),
      listing("old-a", { organisation: orgA, lastVerifiedAt: days(400) }),
      listing("older-b", { organisation: orgB, lastVerifiedAt: days(500) }),
      listing("never-b", { organisation: orgB }),
      listing("never-unowned"),
    ];
    const groups = staleListings(ls, 365, now).map((g) => ({
      org: g.organisationId,
      slugs: g.toolIds.map((id) => ls.find((l) => l._id.toHexString() === id)!.slug),
    }));
    expect(groups).toEqual([
      { org: orgB.toHexString(), slugs: ["never-b", "older-b"] },
      { org: null, slugs: ["never-unowned"] },
      { org: orgA.toHexString(), slugs: ["old-a"] },
    ]);
    expect(staleListings(ls, 0, now).flatMap((g) => g.toolIds)).toHaveLength(5);
  });
});

describe("compareGapKeys", () => {
  it("lists gaps closed and opened, and single points resolved and new", () => {
    const r = compareGapKeys(
      { gaps: ["a|GB", "b|US", "a|FR"], singlePoints: ["c|GB"] },
      { gaps: ["b|US", "c|NZ"], singlePoints: ["d|AU"] },
    );
    expect(r.closed).toEqual([
      { capability: "a", jurisdiction: "FR" },
      { capability: "a", jurisdiction: "GB" },
    ]);
    expect(r.opened).toEqual([{ capability: "c", jurisdiction: "NZ" }]);
    expect(r.singlePointsResolved).toEqual([{ capability: "c", jurisdiction: "GB" }]);
    expect(r.singlePointsNew).toEqual([{ capability: "d", jurisdiction: "AU" }]);
  });
});
