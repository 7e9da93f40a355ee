import { Types } from "mongoose";
import { AvailabilityStatus, Eligibility, LicenseModel } from "../../src/catalog/enums";
import {
  computeDuplicationReport,
  jaccard,
  likelyDuplicates,
  normaliseName,
  overlapClusters,
} from "../../src/reports/duplication";
import { staleListings } from "../../src/reports/freshness";
import { compareGapKeys } from "../../src/reports/compare";
import { cellState, computeGapReport, GapComputation, GapListing } from "../../src/reports/gap";
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

/** A listing; `servedJurisdictions` become IN_USE statements, `refused` adds the statements that do not serve. */
function listing(
  slug: string,
  over: Partial<SearchDoc> & { caps?: TaxonomyNode[]; refused?: [string, AvailabilityStatus][] } = {},
): GapListing {
  const { caps = [], refused = [], ...rest } = over;
  const doc = searchDoc(slug, { capabilities: caps.map((c) => new Types.ObjectId(c.id)), ...rest });
  return {
    ...doc,
    availability: [
      ...doc.servedJurisdictions.map((jurisdiction) => ({ jurisdiction, status: AvailabilityStatus.IN_USE })),
      ...refused.map(([jurisdiction, status]) => ({ jurisdiction, status })),
    ],
  };
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
    // FR is unknown for a and b (they name GB and US only), the lab row unknown everywhere (e names no country).
    expect(r.rowCoverage.find((x) => x.id === hashing.id)).toEqual({
      id: hashing.id,
      gaps: 1,
      coverage: 2 / 3,
      possibleGaps: 1,
      possibleCoverage: 1,
    });
    expect(r.columnCoverage.find((x) => x.id === "GB")).toEqual({
      id: "GB",
      gaps: 1,
      coverage: 2 / 3,
      possibleGaps: 1,
      possibleCoverage: 1,
    });
    expect(r.coverage).toBeCloseTo(3 / 9);
    // Every row has a listing that names no statement for some of the columns, so nothing is certainly a gap.
    expect(r.possibleCoverage).toBe(1);
  });

  it("lists capabilities no listing in scope has, wherever it is", () => {
    const r = computeGapReport(base);
    expect(r.emptyNodeIds).toEqual([]);
    const noLab = computeGapReport({ ...base, listings: listings.slice(0, 4) });
    expect(noLab.emptyNodeIds.sort()).toEqual([victim.id, lab.id].sort());
  });

  it("splits each cell into known, unknown and unavailable, and says which state it is in", () => {
    const split = [
      listing("known-gb", { caps: [crawl], servedJurisdictions: ["GB"] }),
      listing("refused-us", { caps: [crawl], refused: [["US", AvailabilityStatus.UNAVAILABLE]] }),
      listing("restricted-us", { caps: [crawl], refused: [["US", AvailabilityStatus.RESTRICTED]] }),
      listing("silent", { caps: [crawl] }),
      listing("both-fr", {
        caps: [crawl],
        servedJurisdictions: ["FR"],
        refused: [["FR", AvailabilityStatus.RESTRICTED]],
      }),
    ];
    const r = computeGapReport({ ...base, listings: split, rows: [crawl], columns: ["GB", "US", "FR", "NL"] });
    const names = (ids: string[]) => ids.map((id) => split.find((l) => l._id.toHexString() === id)!.slug).sort();
    const view = (column: string) => {
      const c = cell(r, crawl, column);
      return {
        known: names(c.toolIds),
        unknown: names(c.unknownIds()),
        unavailable: names(c.unavailableIds),
        unknownCount: c.unknownCount,
        state: c.state,
      };
    };
    expect(view("GB")).toEqual({
      known: ["known-gb"],
      unknown: ["both-fr", "refused-us", "restricted-us", "silent"],
      unavailable: [],
      unknownCount: 4,
      state: "COVERED",
    });
    expect(view("US")).toEqual({
      known: [],
      unknown: ["both-fr", "known-gb", "silent"],
      unavailable: ["refused-us", "restricted-us"],
      unknownCount: 3,
      state: "POSSIBLE_GAP",
    });
    // A serving statement wins over a restriction in the same country, as in search.
    expect(view("FR").known).toEqual(["both-fr"]);
    expect(view("FR").unavailable).toEqual([]);
    for (const c of r.cells) expect(c.toolIds.length + c.unknownCount + c.unavailableIds.length).toBe(split.length);

    const stated = [listing("refused", { caps: [crawl], refused: [["US", AvailabilityStatus.UNAVAILABLE]] })];
    const closed = computeGapReport({ ...base, listings: stated, rows: [crawl], columns: ["US", "GB"] });
    expect(cell(closed, crawl, "US")).toMatchObject({ state: "GAP", gap: true, unknownCount: 0 });
    expect(cell(closed, crawl, "GB")).toMatchObject({ state: "POSSIBLE_GAP", gap: true, unknownCount: 1 });
    expect(closed.possibleCoverage).toBe(1 / 2);
    expect(closed.coverage).toBe(0);
  });

  it("counts a listing whose offers leave the scope open as unknown, and drops one whose stated offers rule it out", () => {
    const le = new Set([Eligibility.LAW_ENFORCEMENT]);
    const free = new Set([LicenseModel.FREE, LicenseModel.FREE_FOR_ELIGIBLE]);
    const offerListings = [
      listing("free-le", {
        caps: [crawl],
        servedJurisdictions: ["GB"],
        offers: [{ model: LicenseModel.FREE_FOR_ELIGIBLE, eligibility: [Eligibility.LAW_ENFORCEMENT] }],
      }),
      listing("no-offers", { caps: [crawl], servedJurisdictions: ["GB"] }),
      listing("model-unknown", {
        caps: [crawl],
        servedJurisdictions: ["GB"],
        offers: [{ model: LicenseModel.UNKNOWN, eligibility: [Eligibility.LAW_ENFORCEMENT] }],
      }),
      listing("eligibility-unstated", {
        caps: [crawl],
        servedJurisdictions: ["GB"],
        offers: [{ model: LicenseModel.FREE, eligibility: [] }],
      }),
      listing("industry-only", {
        caps: [crawl],
        servedJurisdictions: ["GB"],
        offers: [{ model: LicenseModel.UNKNOWN, eligibility: [Eligibility.INDUSTRY] }],
      }),
      listing("commercial-le", {
        caps: [crawl],
        servedJurisdictions: ["GB"],
        offers: [{ model: LicenseModel.COMMERCIAL, eligibility: [Eligibility.LAW_ENFORCEMENT] }],
      }),
      listing("public-unknown", {
        caps: [crawl],
        refused: [["GB", AvailabilityStatus.UNAVAILABLE]],
        offers: [{ model: LicenseModel.UNKNOWN, eligibility: [Eligibility.PUBLIC] }],
      }),
    ];
    const r = computeGapReport({
      ...base,
      listings: offerListings,
      rows: [crawl],
      columns: ["GB"],
      scope: { ...EMPTY_FILTER, eligibleFor: le, licenseModels: free },
    });
    const c = cell(r, crawl, "GB");
    const names = (ids: string[]) =>
      ids.map((id) => offerListings.find((l) => l._id.toHexString() === id)!.slug).sort();
    expect(names(c.toolIds)).toEqual(["free-le"]);
    expect(names(c.unknownIds())).toEqual(["eligibility-unstated", "model-unknown", "no-offers"]);
    // Stated unavailable here whatever its offers turn out to be.
    expect(names(c.unavailableIds)).toEqual(["public-unknown"]);
    expect(c.unknownCount).toBe(3);
  });

  it("answers an empty scope with no cells and zero coverage", () => {
    const r = computeGapReport({ ...base, rows: [], columns: [] });
    expect(r.cells).toEqual([]);
    expect(r.coverage).toBe(0);
    expect(r.possibleCoverage).toBe(0);
  });
});

describe("cellState", () => {
  it("is a gap only when even every unknown listing could not reach the threshold", () => {
    expect(cellState(1, 0, 1)).toBe("COVERED");
    expect(cellState(0, 1, 1)).toBe("POSSIBLE_GAP");
    expect(cellState(0, 0, 1)).toBe("GAP");
    expect(cellState(1, 1, 3)).toBe("GAP");
    expect(cellState(1, 2, 3)).toBe("POSSIBLE_GAP");
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
