import { Types } from "mongoose";
import { Role } from "../../src/accounts/roles";
import {
  AvailabilityStatus,
  Eligibility,
  LicenseModel,
  ListingKind,
  OrganisationType,
  PublicationState,
  Visibility,
} from "../../src/catalog/enums";
import { bumpCatalogueRevision } from "../../src/catalog/snapshot";
import { derivedToolFields } from "../../src/catalog/tools/tool.derive";
import { GAP_CSV_COLUMNS } from "../../src/reports/report.export";
import { userWithToken } from "../helpers/accounts";
import { startTestApp, TestApp } from "../helpers/app";
import { parseCsv } from "../helpers/csv";

/**
 * Fixtures whose gap cells are known by construction: every listing belongs
 * to one organisation of its own, and every report here is scoped to it, so
 * the seed's listings never enter a cell.
 */
const ORG = "gap-fixture-org";
const COLUMNS = ["CA", "FR", "GB", "US"];

type Avail = [string, AvailabilityStatus];
type Offer = [LicenseModel, Eligibility[]];
const FIXTURES: { slug: string; cap: string; availability: Avail[]; offers: Offer[]; visibility?: Visibility }[] = [
  {
    slug: "fx-known-gb",
    cap: "web-crawling",
    availability: [["GB", AvailabilityStatus.IN_USE]],
    offers: [[LicenseModel.FREE_FOR_ELIGIBLE, [Eligibility.LAW_ENFORCEMENT]]],
  },
  {
    slug: "fx-unavailable-us",
    cap: "web-crawling",
    availability: [["US", AvailabilityStatus.UNAVAILABLE]],
    offers: [],
  },
  { slug: "fx-restricted-us", cap: "web-crawling", availability: [["US", AvailabilityStatus.RESTRICTED]], offers: [] },
  { slug: "fx-silent", cap: "web-crawling", availability: [], offers: [] },
  {
    slug: "fx-industry-fr",
    cap: "web-crawling",
    availability: [["FR", AvailabilityStatus.AVAILABLE]],
    offers: [[LicenseModel.UNKNOWN, [Eligibility.INDUSTRY]]],
  },
  {
    slug: "fx-model-unknown-fr",
    cap: "web-crawling",
    availability: [["FR", AvailabilityStatus.IN_USE]],
    offers: [[LicenseModel.UNKNOWN, [Eligibility.LAW_ENFORCEMENT]]],
  },
  {
    slug: "fx-police-only-ca",
    cap: "web-crawling",
    availability: [["CA", AvailabilityStatus.IN_USE]],
    offers: [],
    visibility: Visibility.LAW_ENFORCEMENT,
  },
  {
    slug: "fx-p2p-refused-us",
    cap: "p2p-monitoring",
    availability: [["US", AvailabilityStatus.UNAVAILABLE]],
    offers: [],
  },
];

let t: TestApp;
let police: string;
beforeAll(async () => {
  t = await startTestApp({ seed: true });
  const org = await t.models.Organisation.create({
    slug: ORG,
    name: "Gap Fixture Org",
    sortName: "gap fixture org",
    type: OrganisationType.NGO,
  });
  for (const f of FIXTURES) {
    const cap = await t.models.Capability.findOne({ slug: f.cap }).lean();
    const base = {
      kind: ListingKind.TOOL,
      aliases: [],
      organisation: org._id,
      summary: "A gap report fixture.",
      capabilities: [cap!._id],
      availability: f.availability.map(([jurisdiction, status]) => ({ jurisdiction, status, notes: null })),
      offers: f.offers.map(([model, eligibility]) => ({
        model,
        eligibility,
        spdxLicense: null,
        requiresVetting: null,
        notes: null,
      })),
      sources: [{ document: null, url: "https://example.org/x", locator: "x", unverified: true }],
    };
    await t.models.Tool.create({
      _id: new Types.ObjectId(),
      ...base,
      slug: f.slug,
      name: f.slug,
      visibility: f.visibility ?? Visibility.PUBLIC,
      publicationState: PublicationState.PUBLISHED,
      ...derivedToolFields({ ...base, name: f.slug }, "Gap Fixture Org"),
    });
  }
  await bumpCatalogueRevision(t.models);
  police = (await userWithToken(t, Role.LAW_ENFORCEMENT)).token;
});
afterAll(async () => {
  await t.close();
});

interface Cell {
  capability: { slug: string };
  jurisdiction: { code: string };
  listingCount: number;
  listingSlugs: string[];
  unknownCount: number;
  unknownListings: { slug: string }[];
  unavailableCount: number;
  state: string;
  gap: boolean;
  singlePointOfFailure: boolean;
}
interface Coverage {
  coverage: number;
  possibleCoverage: number;
  gapCount: number;
  possibleGapCount: number;
}
interface Gap {
  gapReport: {
    cells: Cell[];
    coverage: number;
    possibleCoverage: number;
    rowCoverage: (Coverage & { capability: { slug: string } })[];
    columnCoverage: (Coverage & { jurisdiction: { code: string } })[];
  };
}
const GAP = `query($input: GapReportInput!) { gapReport(input: $input) {
  cells { capability { slug } jurisdiction { code } listingCount listingSlugs unknownCount unknownListings { slug }
          unavailableCount state gap singlePointOfFailure }
  coverage possibleCoverage
  rowCoverage { capability { slug } coverage possibleCoverage gapCount possibleGapCount }
  columnCoverage { jurisdiction { code } coverage possibleCoverage gapCount possibleGapCount } } }`;

const scope = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  jurisdictions: COLUMNS,
  capabilities: ["web-crawling", "p2p-monitoring"],
  organisations: [ORG],
  ...extra,
});
const report = async (input: Record<string, unknown>, auth?: string) => {
  const r = auth ? await t.gqlAs<Gap>(auth, GAP, { input }) : await t.gql<Gap>(GAP, { input });
  expect(r.errors).toBeUndefined();
  return r.data!.gapReport;
};
const view = (g: Gap["gapReport"], capability: string, column: string) => {
  const c = g.cells.find((x) => x.capability.slug === capability && x.jurisdiction.code === column)!;
  return {
    known: [...c.listingSlugs].sort(),
    unknown: c.unknownListings.map((l) => l.slug).sort(),
    unknownCount: c.unknownCount,
    unavailableCount: c.unavailableCount,
    state: c.state,
    gap: c.gap,
  };
};
const crawlers = (visible: (f: (typeof FIXTURES)[number]) => boolean) =>
  FIXTURES.filter((f) => f.cap === "web-crawling" && visible(f)).map((f) => f.slug);

describe("gap cells: known, unknown, unavailable", () => {
  it("counts what is known apart from what nobody has said, cell by cell", async () => {
    const g = await report(scope());
    expect(view(g, "web-crawling", "GB")).toEqual({
      known: ["fx-known-gb"],
      unknown: ["fx-industry-fr", "fx-model-unknown-fr", "fx-restricted-us", "fx-silent", "fx-unavailable-us"],
      unknownCount: 5,
      unavailableCount: 0,
      state: "COVERED",
      gap: false,
    });
    // Stated unavailable and restricted are not unknown; a listing naming other countries only is.
    expect(view(g, "web-crawling", "US")).toEqual({
      known: [],
      unknown: ["fx-industry-fr", "fx-known-gb", "fx-model-unknown-fr", "fx-silent"],
      unknownCount: 4,
      unavailableCount: 2,
      state: "POSSIBLE_GAP",
      gap: true,
    });
    expect(view(g, "web-crawling", "FR").known).toEqual(["fx-industry-fr", "fx-model-unknown-fr"]);
    // The only p2p listing is stated unavailable in the US: nothing there could close that gap.
    expect(view(g, "p2p-monitoring", "US")).toEqual({
      known: [],
      unknown: [],
      unknownCount: 0,
      unavailableCount: 1,
      state: "GAP",
      gap: true,
    });
    expect(view(g, "p2p-monitoring", "GB")).toMatchObject({ unknown: ["fx-p2p-refused-us"], state: "POSSIBLE_GAP" });
  });

  it("keeps known + unknown + unavailable equal to the listings in scope with the capability, in every cell", async () => {
    const inScope = { "web-crawling": crawlers((f) => !f.visibility).length, "p2p-monitoring": 1 };
    for (const input of [scope(), scope({ minListings: 3 }), scope({ eligibleFor: ["LAW_ENFORCEMENT"] })]) {
      const g = await report(input);
      expect(g.cells).toHaveLength(2 * COLUMNS.length);
      for (const c of g.cells) {
        const expected =
          inScope[c.capability.slug as keyof typeof inScope] -
          (input.eligibleFor && c.capability.slug === "web-crawling" ? 1 : 0); // fx-industry-fr states INDUSTRY only
        expect([c.capability.slug, c.jurisdiction.code, c.listingCount + c.unknownCount + c.unavailableCount]).toEqual([
          c.capability.slug,
          c.jurisdiction.code,
          expected,
        ]);
        expect(c.unknownListings).toHaveLength(c.unknownCount);
      }
    }
  });

  it("gives a cell whose unknowns cannot reach the threshold the GAP state", async () => {
    const g = await report(scope({ minListings: 5 }));
    // US: nothing known, four unknown: even if every one served, below five.
    expect(view(g, "web-crawling", "US")).toMatchObject({ unknownCount: 4, state: "GAP", gap: true });
    expect(view(g, "web-crawling", "GB")).toMatchObject({ unknownCount: 5, state: "POSSIBLE_GAP", gap: true });
  });

  it("counts unknown offers as unknown under a free-for-law-enforcement scope, and keeps the known count equal to search", async () => {
    const offers = { eligibleFor: ["LAW_ENFORCEMENT"], licenseModels: ["FREE", "FREE_FOR_ELIGIBLE"] };
    const g = await report(scope(offers));
    // fx-model-unknown-fr is in use in France, but nobody has said on what licence: unknown, not absent.
    expect(view(g, "web-crawling", "FR")).toEqual({
      known: [],
      unknown: ["fx-known-gb", "fx-model-unknown-fr", "fx-restricted-us", "fx-silent", "fx-unavailable-us"],
      unknownCount: 5,
      unavailableCount: 0,
      state: "POSSIBLE_GAP",
      gap: true,
    });
    // fx-industry-fr's stated offer is for industry only: out of this scope, as in search.
    for (const c of g.cells) expect(c.unknownListings.map((l) => l.slug)).not.toContain("fx-industry-fr");
    expect(view(g, "web-crawling", "GB").known).toEqual(["fx-known-gb"]);
    for (const c of g.cells) {
      const s = await t.gql<{ listings: { totalCount: number } }>(
        `query($f: ListingFilter) { listings(filter: $f) { totalCount } }`,
        {
          f: {
            capabilities: [c.capability.slug],
            jurisdictions: [c.jurisdiction.code],
            organisations: [ORG],
            ...offers,
          },
        },
      );
      expect([c.capability.slug, c.jurisdiction.code, c.listingCount]).toEqual([
        c.capability.slug,
        c.jurisdiction.code,
        s.data!.listings.totalCount,
      ]);
    }
  });

  it("pairs known and possible coverage per row, per column and overall", async () => {
    const g = await report(scope());
    // Crawling: GB and FR known, CA and US possible. P2P: nothing known; US a gap, the rest possible.
    expect(g.rowCoverage).toEqual([
      { capability: { slug: "web-crawling" }, coverage: 2 / 4, possibleCoverage: 1, gapCount: 2, possibleGapCount: 2 },
      {
        capability: { slug: "p2p-monitoring" },
        coverage: 0,
        possibleCoverage: 3 / 4,
        gapCount: 4,
        possibleGapCount: 3,
      },
    ]);
    expect(g.columnCoverage.find((c) => c.jurisdiction.code === "US")).toEqual({
      jurisdiction: { code: "US" },
      coverage: 0,
      possibleCoverage: 1 / 2,
      gapCount: 2,
      possibleGapCount: 1,
    });
    expect(g.coverage).toBeCloseTo(2 / 8);
    expect(g.possibleCoverage).toBeCloseTo(7 / 8);
  });
});

describe("visibility of the new counts", () => {
  it("neither counts nor lists a law-enforcement listing for an anonymous caller, and does for the police", async () => {
    const anonymous = await report(scope());
    const asPolice = await report(scope(), police);
    const hidden = "fx-police-only-ca";
    for (const c of anonymous.cells) {
      expect(c.listingSlugs).not.toContain(hidden);
      expect(c.unknownListings.map((l) => l.slug)).not.toContain(hidden);
    }
    expect(view(anonymous, "web-crawling", "CA")).toMatchObject({ known: [], unknownCount: 6, state: "POSSIBLE_GAP" });
    expect(view(asPolice, "web-crawling", "CA")).toMatchObject({ known: [hidden], unknownCount: 6, state: "COVERED" });
    // Elsewhere the hidden listing is one more unknown for the police, and nothing for anyone else.
    expect(view(asPolice, "web-crawling", "US").unknownCount).toBe(
      view(anonymous, "web-crawling", "US").unknownCount + 1,
    );
    expect(anonymous.possibleCoverage).toBeCloseTo(7 / 8);

    const base = t.runtime.url.replace(/\/graphql$/, "");
    const query = `jurisdictions=${COLUMNS.join(",")}&capabilities=web-crawling&organisations=${ORG}`;
    const json = await (await fetch(`${base}/reports/gaps.json?${query}`)).text();
    expect(json).not.toContain(hidden);
    const body = JSON.parse(json) as { cells: { jurisdiction: string; unknownCount: number }[] };
    expect(body.cells.find((c) => c.jurisdiction === "US")?.unknownCount).toBe(
      view(anonymous, "web-crawling", "US").unknownCount,
    );
  });
});

describe("exports and saved reports", () => {
  const base = () => t.runtime.url.replace(/\/graphql$/, "");
  const query = `jurisdictions=${COLUMNS.join(",")}&capabilities=web-crawling,p2p-monitoring&organisations=${ORG}`;

  it("adds the three counts and the state to gaps.csv and gaps.json, and the coverage pairs to gaps.json", async () => {
    const g = await report(scope());
    const [header, ...rows] = parseCsv(await (await fetch(`${base()}/reports/gaps.csv?${query}`)).text());
    expect(header).toEqual(GAP_CSV_COLUMNS);
    expect(header).toEqual(expect.arrayContaining(["unknown_count", "unavailable_count", "state"]));
    const csvCells = rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
    expect(
      csvCells.map((c) => [
        c.capability,
        c.jurisdiction,
        c.listing_count,
        c.unknown_count,
        c.unavailable_count,
        c.state,
      ]),
    ).toEqual(
      g.cells.map((c) => [
        c.capability.slug,
        c.jurisdiction.code,
        String(c.listingCount),
        String(c.unknownCount),
        String(c.unavailableCount),
        c.state,
      ]),
    );

    const json = (await (await fetch(`${base()}/reports/gaps.json?${query}`)).json()) as {
      possibleCoverage: number;
      rowCoverage: { capability: string; coverage: number; possibleCoverage: number; possibleGapCount: number }[];
      columnCoverage: { jurisdiction: string; possibleCoverage: number }[];
      cells: { unknownCount: number; unavailableCount: number; state: string }[];
    };
    expect(json.possibleCoverage).toBeCloseTo(g.possibleCoverage);
    expect(json.rowCoverage.map((r) => [r.capability, r.possibleCoverage, r.possibleGapCount])).toEqual(
      g.rowCoverage.map((r) => [r.capability.slug, r.possibleCoverage, r.possibleGapCount]),
    );
    expect(json.columnCoverage.map((c) => c.possibleCoverage)).toEqual(g.columnCoverage.map((c) => c.possibleCoverage));
    expect(json.cells.map((c) => [c.unknownCount, c.unavailableCount, c.state])).toEqual(
      g.cells.map((c) => [c.unknownCount, c.unavailableCount, c.state]),
    );
  });

  it("saves possible coverage with a gap report", async () => {
    const admin = (await userWithToken(t, Role.ADMIN)).token;
    const r = await t.gqlAs<{
      saveGapReport: { savedReport: { coverage: number; possibleCoverage: number; body: string } | null };
    }>(
      admin,
      `mutation($input: GapReportInput!) { saveGapReport(input: $input, name: "honest gaps") {
        savedReport { coverage possibleCoverage body } } }`,
      { input: scope() },
    );
    expect(r.errors).toBeUndefined();
    const saved = r.data!.saveGapReport.savedReport!;
    // An admin sees the law-enforcement listing too, which covers crawling in Canada.
    expect(saved.coverage).toBeCloseTo(3 / 8);
    expect(saved.possibleCoverage).toBeCloseTo(7 / 8);
    const body = JSON.parse(saved.body) as { possibleCoverage: number; cells: { state: string }[] };
    expect(body.possibleCoverage).toBeCloseTo(7 / 8);
    expect(body.cells.filter((c) => c.state === "GAP")).toHaveLength(1);
  });

  it("draws a possible gap apart from a gap in the heatmap, with the legend in words", async () => {
    const g = await report(scope());
    const svg = await (await fetch(`${base()}/reports/gaps.svg?${query}`)).text();
    expect(svg.match(/class="gap"/g) ?? []).toHaveLength(g.cells.filter((c) => c.state === "GAP").length);
    expect(svg.match(/class="possible-gap"/g) ?? []).toHaveLength(
      g.cells.filter((c) => c.state === "POSSIBLE_GAP").length,
    );
    expect(svg).toContain("listings exist, availability not stated");
    expect(svg).toContain("no listing known here");
  });
});
