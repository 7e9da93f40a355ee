import { Types } from "mongoose";
import { Role } from "../../src/accounts/roles";
import { AuditOutcome } from "../../src/audit/audit.model";
import { CompletenessField } from "../../src/reports/completeness";
import {
  AvailabilityStatus,
  Deployment,
  Eligibility,
  LicenseModel,
  ListingKind,
  MediaType,
  OrganisationType,
  PublicationState,
  Visibility,
} from "../../src/catalog/enums";
import { bumpCatalogueRevision } from "../../src/catalog/snapshot";
import { derivedToolFields } from "../../src/catalog/tools/tool.derive";
import { COMPLETENESS_CSV_COLUMNS } from "../../src/reports/report.export";
import { userWithToken } from "../helpers/accounts";
import { codes, startTestApp, TestApp } from "../helpers/app";
import { parseCsv } from "../helpers/csv";

/**
 * Fixtures whose completeness is known by construction. Every fixture
 * listing states the standard CX-FIXTURE (no seed listing does), and every
 * report here is scoped to it, to crawling and P2P monitoring, and to Canada
 * and the UK, so the seed never enters a count. Two organisations: "Zulu"
 * (slug cx-zulu) and "Alpha" (cx-alpha), named so that the ranking's last
 * tie (by name) puts the second first; and one listing with no owner.
 *
 * Cells at minListings 1 (anonymous):
 *   crawl × CA  POSSIBLE_GAP  unknown: zulu-complete (GB only), zulu-silent, alpha-fr-only, cx-nobody
 *   crawl × GB  COVERED       known: zulu-complete
 *   p2p × CA    POSSIBLE_GAP  unknown: zulu-p2p, alpha-p2p
 *   p2p × GB    GAP           both stated unavailable or restricted there
 */
const STANDARD = "CX-FIXTURE";
const CA_GB = ["CA", "GB"];
const ZULU = "cx-zulu";
const ALPHA = "cx-alpha";

interface Fixture {
  slug: string;
  name?: string;
  org: string | null;
  cap: "web-crawling" | "p2p-monitoring";
  availability?: [string, AvailabilityStatus][];
  offers?: [LicenseModel, Eligibility[]][];
  mediaTypes?: MediaType[];
  deployment?: Deployment[];
  verified?: boolean;
  visibility?: Visibility;
  standard?: string;
}

const FORMULA_NAME = '=HYPERLINK("http://example.org","alpha")';
const FIXTURES: Fixture[] = [
  {
    slug: "cx-zulu-complete",
    org: ZULU,
    cap: "web-crawling",
    availability: [["GB", AvailabilityStatus.AVAILABLE]],
    offers: [[LicenseModel.FREE_FOR_ELIGIBLE, [Eligibility.LAW_ENFORCEMENT]]],
    mediaTypes: [MediaType.IMAGE],
    deployment: [Deployment.ON_PREMISES],
    verified: true,
  },
  { slug: "cx-zulu-silent", org: ZULU, cap: "web-crawling" },
  {
    slug: "cx-zulu-p2p",
    org: ZULU,
    cap: "p2p-monitoring",
    availability: [["GB", AvailabilityStatus.UNAVAILABLE]],
    offers: [[LicenseModel.UNKNOWN, [Eligibility.NGO]]],
    mediaTypes: [MediaType.VIDEO],
    deployment: [Deployment.API],
    verified: true,
  },
  {
    slug: "cx-alpha-fr-only",
    name: FORMULA_NAME,
    org: ALPHA,
    cap: "web-crawling",
    availability: [["FR", AvailabilityStatus.AVAILABLE]],
    offers: [[LicenseModel.COMMERCIAL, [Eligibility.INDUSTRY]]],
    mediaTypes: [MediaType.IMAGE],
    deployment: [Deployment.HOSTED_SERVICE],
    verified: true,
  },
  {
    slug: "cx-alpha-p2p",
    org: ALPHA,
    cap: "p2p-monitoring",
    availability: [["GB", AvailabilityStatus.RESTRICTED]],
  },
  {
    slug: "cx-nobody",
    org: null,
    cap: "web-crawling",
    offers: [[LicenseModel.FREE, []]],
    verified: true,
  },
  {
    slug: "cx-zulu-police",
    org: ZULU,
    cap: "web-crawling",
    availability: [["CA", AvailabilityStatus.IN_USE]],
    offers: [[LicenseModel.FREE_FOR_ELIGIBLE, [Eligibility.LAW_ENFORCEMENT]]],
    mediaTypes: [MediaType.IMAGE],
    verified: true,
    visibility: Visibility.LAW_ENFORCEMENT,
  },
  // Outside the scope (another standard): the request lifecycle changes it.
  { slug: "cx-alpha-lifecycle", org: ALPHA, cap: "p2p-monitoring", standard: "CX-OTHER" },
];

let t: TestApp;
const tokens = {} as Record<"police" | "reviewer" | "admin" | "zuluVendor" | "alphaVendor", string>;

beforeAll(async () => {
  t = await startTestApp({ seed: true });
  const orgs = new Map<string, { id: Types.ObjectId; name: string }>();
  for (const [slug, name] of [
    [ZULU, "Zulu Fixture Org"],
    [ALPHA, "Alpha Fixture Org"],
  ]) {
    const o = await t.models.Organisation.create({
      slug,
      name,
      sortName: name.toLowerCase(),
      type: OrganisationType.COMPANY,
    });
    orgs.set(slug, { id: o._id, name });
  }
  for (const f of FIXTURES) {
    const cap = await t.models.Capability.findOne({ slug: f.cap }).lean();
    const org = f.org ? orgs.get(f.org)! : null;
    const base = {
      kind: ListingKind.TOOL,
      aliases: [],
      organisation: org?.id ?? null,
      summary: "A completeness report fixture.",
      capabilities: [cap!._id],
      standards: [f.standard ?? STANDARD],
      mediaTypes: f.mediaTypes ?? [],
      deployment: f.deployment ?? [],
      availability: (f.availability ?? []).map(([jurisdiction, status]) => ({ jurisdiction, status, notes: null })),
      offers: (f.offers ?? []).map(([model, eligibility]) => ({
        model,
        eligibility,
        spdxLicense: null,
        requiresVetting: null,
        notes: null,
      })),
      sources: [{ document: null, url: "https://example.org/x", locator: "x", unverified: true }],
      lastVerifiedAt: f.verified ? new Date("2024-01-01T00:00:00Z") : null,
    };
    const name = f.name ?? f.slug;
    await t.models.Tool.create({
      _id: new Types.ObjectId(),
      ...base,
      slug: f.slug,
      name,
      visibility: f.visibility ?? Visibility.PUBLIC,
      publicationState: PublicationState.PUBLISHED,
      ...derivedToolFields({ ...base, name }, org?.name ?? null),
    });
  }
  await bumpCatalogueRevision(t.models);
  tokens.police = (await userWithToken(t, Role.LAW_ENFORCEMENT)).token;
  tokens.reviewer = (await userWithToken(t, Role.REVIEWER)).token;
  tokens.admin = (await userWithToken(t, Role.ADMIN)).token;
  tokens.zuluVendor = (await userWithToken(t, Role.VENDOR, ZULU)).token;
  tokens.alphaVendor = (await userWithToken(t, Role.VENDOR, ALPHA)).token;
});
afterAll(async () => {
  await t.close();
});

const scope = (extra: Record<string, unknown> = {}) => ({
  jurisdictions: CA_GB,
  capabilities: ["web-crawling", "p2p-monitoring"],
  standards: [STANDARD],
  ...extra,
});

interface Fields {
  field: string;
  unknownCount: number;
  share: number;
}
interface OrgRow {
  organisation: { slug: string } | null;
  listingCount: number;
  incompleteListingCount: number;
  fields: Fields[];
  affectedCellCount: number;
  affectedShare: number;
  couldCoverCellCount: number;
  couldCoverShare: number;
}
interface ListingRow {
  listing: { slug: string };
  unknownFields: string[];
  affectedCellCount: number;
  affectedCells: { capability: { slug: string }; jurisdiction: { code: string }; state: string }[];
}
interface Report {
  listingCount: number;
  incompleteListingCount: number;
  incompleteShare: number;
  fields: Fields[];
  listings: ListingRow[];
  organisations: OrgRow[];
  gapCellCount: number;
  gapCount: number;
  possibleGapCount: number;
  gapReportInput: { minListings: number; jurisdictions: string[] };
}
const ORG_FIELDS = `organisation { slug } listingCount incompleteListingCount fields { field unknownCount share }
  affectedCellCount affectedShare couldCoverCellCount couldCoverShare`;
const LISTING_FIELDS = `listing { slug } unknownFields affectedCellCount
  affectedCells { capability { slug } jurisdiction { code } state }`;
const REPORT = `query($input: CompletenessReportInput) { completenessReport(input: $input) {
  listingCount incompleteListingCount incompleteShare fields { field unknownCount share }
  listings { ${LISTING_FIELDS} }
  organisations { ${ORG_FIELDS} }
  gapCellCount gapCount possibleGapCount gapReportInput { minListings jurisdictions } } }`;

const report = async (input: Record<string, unknown> | null, auth?: string): Promise<Report> => {
  const r = auth
    ? await t.gqlAs<{ completenessReport: Report }>(auth, REPORT, { input })
    : await t.gql<{ completenessReport: Report }>(REPORT, { input });
  expect(r.errors).toBeUndefined();
  return r.data!.completenessReport;
};
const byField = (fields: Fields[]) => Object.fromEntries(fields.map((f) => [f.field, f.unknownCount]));
const unknownOf = (r: { listings: ListingRow[] }) =>
  Object.fromEntries(r.listings.map((l) => [l.listing.slug, l.unknownFields]));
const cellsOf = (l: ListingRow) => l.affectedCells.map((c) => `${c.capability.slug}|${c.jurisdiction.code}`);

describe("completeness report: per listing, per organisation, overall", () => {
  it("names each listing's unknown fields, the most first, and counts them overall", async () => {
    const r = await report(scope());
    expect(unknownOf(r)).toEqual({
      "cx-zulu-silent": ["AVAILABILITY", "OFFERS", "LICENSE_MODEL", "MEDIA_TYPES", "DEPLOYMENT", "LAST_VERIFIED"],
      "cx-alpha-p2p": ["OFFERS", "LICENSE_MODEL", "MEDIA_TYPES", "DEPLOYMENT", "LAST_VERIFIED"],
      "cx-nobody": ["AVAILABILITY", "OFFERS", "MEDIA_TYPES", "DEPLOYMENT", "ORGANISATION"],
      // Stated in France only: nothing about Canada or the UK.
      "cx-alpha-fr-only": ["AVAILABILITY"],
      "cx-zulu-p2p": ["LICENSE_MODEL"],
      "cx-zulu-complete": [],
    });
    expect(r.listings.map((l) => l.listing.slug).slice(0, 3)).toEqual(["cx-zulu-silent", "cx-alpha-p2p", "cx-nobody"]);
    expect(r.listingCount).toBe(6);
    expect(r.incompleteListingCount).toBe(5);
    expect(r.incompleteShare).toBeCloseTo(5 / 6);
    expect(byField(r.fields)).toEqual({
      AVAILABILITY: 3,
      OFFERS: 3,
      LICENSE_MODEL: 3,
      MEDIA_TYPES: 3,
      DEPLOYMENT: 3,
      ORGANISATION: 1,
      LAST_VERIFIED: 2,
    });
    expect(r.fields.find((f) => f.field === "ORGANISATION")!.share).toBeCloseTo(1 / 6);
  });

  it("judges availability against the scope's countries, and against none when no country is given", async () => {
    const r = await t.gql<{ completenessReport: Report }>(
      `query($input: CompletenessReportInput) { completenessReport(input: $input) { listings { listing { slug } unknownFields } } }`,
      { input: { capabilities: ["web-crawling"], standards: [STANDARD] } },
    );
    expect(r.errors).toBeUndefined();
    expect(unknownOf(r.data!.completenessReport)["cx-alpha-fr-only"]).toEqual([]);
    expect(unknownOf(r.data!.completenessReport)["cx-zulu-silent"]).toContain("AVAILABILITY");
  });

  it("counts per organisation, the listings without an owner apart", async () => {
    const r = await report(scope());
    const org = (slug: string | null) => r.organisations.find((o) => (o.organisation?.slug ?? null) === slug)!;
    expect(r.organisations).toHaveLength(3);
    expect(org(ZULU)).toMatchObject({ listingCount: 3, incompleteListingCount: 2 });
    expect(byField(org(ZULU).fields)).toEqual({
      AVAILABILITY: 1,
      OFFERS: 1,
      LICENSE_MODEL: 2,
      MEDIA_TYPES: 1,
      DEPLOYMENT: 1,
      ORGANISATION: 0,
      LAST_VERIFIED: 1,
    });
    expect(org(ALPHA)).toMatchObject({ listingCount: 2, incompleteListingCount: 2 });
    expect(org(null)).toMatchObject({ listingCount: 1, incompleteListingCount: 1 });
    expect(byField(org(null).fields).ORGANISATION).toBe(1);
  });
});

describe("who to ask first", () => {
  it("ranks organisations by the POSSIBLE_GAP cells that hang on their unknowns", async () => {
    const r = await report(scope());
    expect([r.gapCellCount, r.gapCount, r.possibleGapCount]).toEqual([4, 3, 2]);
    // Both organisations have an unknown listing in both possible gaps, and either could cover each alone:
    // a tie down to the name, Alpha before Zulu; the ownerless listing is in one.
    expect(
      r.organisations.map((o) => [o.organisation?.slug ?? null, o.affectedCellCount, o.couldCoverCellCount]),
    ).toEqual([
      [ALPHA, 2, 2],
      [ZULU, 2, 2],
      [null, 1, 1],
    ]);
    expect(r.organisations[0].affectedShare).toBeCloseTo(2 / 3);
    expect(r.organisations[2].couldCoverShare).toBeCloseTo(1 / 3);
    const listing = (slug: string) => r.listings.find((l) => l.listing.slug === slug)!;
    expect(cellsOf(listing("cx-zulu-complete"))).toEqual(["web-crawling|CA"]);
    expect(cellsOf(listing("cx-alpha-p2p"))).toEqual(["p2p-monitoring|CA"]);
    expect(listing("cx-alpha-p2p").affectedCells[0].state).toBe("POSSIBLE_GAP");
  });

  it("follows the chosen gap report: at minListings 2, only an organisation with enough unknowns could cover a cell", async () => {
    const r = await report(scope({ gapReport: scope({ minListings: 2 }) }));
    expect(r.gapReportInput.minListings).toBe(2);
    // crawl × CA: 0 known, Zulu has 2 unknown (could cover), Alpha and the ownerless 1 each.
    // crawl × GB: 1 known, one more from anyone covers it. p2p × CA: 0 known, one unknown each.
    expect([r.gapCount, r.possibleGapCount]).toEqual([4, 3]);
    expect(
      r.organisations.map((o) => [o.organisation?.slug ?? null, o.affectedCellCount, o.couldCoverCellCount]),
    ).toEqual([
      [ZULU, 3, 2],
      [ALPHA, 3, 1],
      [null, 2, 1],
    ]);
    expect(r.listings.find((l) => l.listing.slug === "cx-zulu-silent")!.affectedCellCount).toBe(2);
    expect(r.listings.find((l) => l.listing.slug === "cx-zulu-complete")!.affectedCellCount).toBe(1);
  });

  it("names a bad argument of the nested gap report by its path", async () => {
    const r = await t.gql(REPORT, { input: scope({ gapReport: { jurisdictions: ["NOPE"] } }) });
    expect(codes(r)).toEqual(["BAD_USER_INPUT"]);
    expect(r.errors![0].extensions?.argument).toBe("input.gapReport.jurisdictions");
  });
});

describe("restricted listings", () => {
  it("are neither counted nor named for a caller who may not see them, and are for one who may", async () => {
    const anonymous = await report(scope());
    const police = await report(scope(), tokens.police);
    expect(JSON.stringify(anonymous)).not.toContain("cx-zulu-police");
    expect(police.listingCount).toBe(anonymous.listingCount + 1);
    expect(byField(police.fields).DEPLOYMENT).toBe(byField(anonymous.fields).DEPLOYMENT + 1);
    // The police listing is in use in Canada: crawling there is covered for them, and hangs on nobody.
    expect(police.possibleGapCount).toBe(1);
    expect(police.organisations.find((o) => o.organisation?.slug === ZULU)!.listingCount).toBe(4);

    const base = t.runtime.url.replace(/\/graphql$/, "");
    const q = `jurisdictions=CA,GB&capabilities=web-crawling,p2p-monitoring&standards=${STANDARD}`;
    for (const ext of ["json", "csv"]) {
      const text = await (await fetch(`${base}/reports/completeness.${ext}?${q}`)).text();
      expect(text).not.toContain("cx-zulu-police");
    }
  });
});

describe("duplication report", () => {
  it("says how many clustered listings have unknown media types or owner", async () => {
    const r = await t.gql<{
      duplicationReport: {
        clusters: { listings: { slug: string }[]; incompleteListingCount: number }[];
        clusteredListingCount: number;
        incompleteClusteredListingCount: number;
      };
    }>(
      `query($input: DuplicationReportInput) { duplicationReport(input: $input) {
        clusters { listings { slug } incompleteListingCount } clusteredListingCount incompleteClusteredListingCount } }`,
      { input: { capabilities: ["web-crawling", "p2p-monitoring"], standards: [STANDARD] } },
    );
    expect(r.errors).toBeUndefined();
    const d = r.data!.duplicationReport;
    const clusters = d.clusters.map((k) => [k.listings.map((l) => l.slug).sort(), k.incompleteListingCount]);
    expect(clusters).toEqual(
      expect.arrayContaining([
        [["cx-alpha-fr-only", "cx-zulu-complete"], 0],
        [["cx-nobody", "cx-zulu-silent"], 2],
      ]),
    );
    expect(d.clusteredListingCount).toBe(d.clusters.reduce((n, k) => n + k.listings.length, 0));
    expect(d.incompleteClusteredListingCount).toBe(2);
  });
});

describe("exports", () => {
  const base = () => t.runtime.url.replace(/\/graphql$/, "");
  const q = `jurisdictions=CA,GB&capabilities=web-crawling,p2p-monitoring&standards=${STANDARD}`;

  it("writes the report as JSON and CSV, with what GraphQL answers", async () => {
    const g = await report(scope());
    const res = await fetch(`${base()}/reports/completeness.json?${q}`);
    expect(res.headers.get("content-disposition")).toMatch(/completeness-report-r[0-9a-f]+\.json/);
    const json = (await res.json()) as {
      listingCount: number;
      organisations: { rank: number; organisation: { slug: string } | null; affectedCellCount: number }[];
      listings: { listing: string; name: string; unknownFields: string[] }[];
    };
    expect(json.listingCount).toBe(6);
    expect(json.organisations.map((o) => [o.rank, o.organisation?.slug ?? null, o.affectedCellCount])).toEqual(
      g.organisations.map((o, i) => [i + 1, o.organisation?.slug ?? null, o.affectedCellCount]),
    );
    expect(json.listings.find((l) => l.listing === "cx-alpha-fr-only")!.name).toBe(FORMULA_NAME);

    const text = await (await fetch(`${base()}/reports/completeness.csv?${q}`)).text();
    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual(COMPLETENESS_CSV_COLUMNS);
    const rec = rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
    expect(rec.filter((r) => r.section === "overall")).toHaveLength(1);
    expect(rec.filter((r) => r.section === "organisation").map((r) => [r.rank, r.organisation])).toEqual([
      ["1", ALPHA],
      ["2", ZULU],
      ["3", ""],
    ]);
    const silent = rec.find((r) => r.listing === "cx-zulu-silent")!;
    expect([silent.organisation, silent.availability_unknown, silent.organisation_unknown]).toEqual([ZULU, "1", "0"]);
    // A name a spreadsheet would run as a formula is written as text.
    const formula = rec.find((r) => r.listing === "cx-alpha-fr-only")!;
    expect(formula.listing_name).toBe(`'${FORMULA_NAME}`);
  });

  it("takes the gap report's parameters prefixed gap., and names a bad one", async () => {
    const json = (await (
      await fetch(
        `${base()}/reports/completeness.json?${q}&gap.jurisdictions=CA,GB&gap.standards=${STANDARD}&gap.minListings=2`,
      )
    ).json()) as { gapReportInput: { minListings: number }; possibleGapCount: number };
    expect(json.gapReportInput.minListings).toBe(2);
    const bad = await fetch(`${base()}/reports/completeness.json?${q}&gap.minListings=zero`);
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { errors: { extensions: { code: string; argument?: string } }[] };
    expect(body.errors[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "gap.minListings" });
    const unknown = await fetch(`${base()}/reports/completeness.csv?depth=FUNCTION`);
    expect(unknown.status).toBe(400);
  });

  it("answers a bad token as the other exports do", async () => {
    const res = await fetch(`${base()}/reports/completeness.csv?${q}`, {
      headers: { authorization: "Bearer ti_not-a-token" },
    });
    const gaps = await fetch(`${base()}/reports/gaps.csv?${q}`, {
      headers: { authorization: "Bearer ti_not-a-token" },
    });
    expect(res.status).toBe(gaps.status);
    expect(res.status).toBe(401);
  });
});

const MINE = `query($input: CompletenessReportInput) { myCompleteness(input: $input) {
  organisation { slug } summary { ${ORG_FIELDS} } listings { ${LISTING_FIELDS} }
  openRequests { id fields stillUnknownFields note state listing { slug } } } }`;
interface Mine {
  myCompleteness: {
    organisation: { slug: string };
    summary: OrgRow;
    listings: ListingRow[];
    openRequests: {
      id: string;
      fields: string[];
      stillUnknownFields: string[];
      note: string | null;
      state: string;
      listing: { slug: string } | null;
    }[];
  };
}

describe("a vendor's own view", () => {
  it("shows the vendor's organisation only, with the cells its listings leave open", async () => {
    const r = await t.gqlAs<Mine>(tokens.alphaVendor, MINE, { input: scope() });
    expect(r.errors).toBeUndefined();
    const m = r.data!.myCompleteness;
    expect(m.organisation.slug).toBe(ALPHA);
    expect(m.listings.map((l) => l.listing.slug)).toEqual(["cx-alpha-p2p", "cx-alpha-fr-only"]);
    expect(cellsOf(m.listings[1])).toEqual(["web-crawling|CA"]);
    expect(m.summary).toMatchObject({ organisation: { slug: ALPHA }, listingCount: 2, affectedCellCount: 2 });
  });

  it("does not count a restricted listing of another organisation in the vendor's cells", async () => {
    const r = await t.gqlAs<Mine>(tokens.alphaVendor, MINE, { input: scope() });
    // The police listing would cover crawling in Canada; the vendor may not see it, so the cell stays open.
    expect(cellsOf(r.data!.myCompleteness.listings.find((l) => l.listing.slug === "cx-alpha-fr-only")!)).toEqual([
      "web-crawling|CA",
    ]);
    expect(JSON.stringify(r.data)).not.toContain("cx-zulu-police");
  });

  it("is refused to anonymous callers and to anyone but a vendor", async () => {
    expect(codes(await t.gql(MINE, { input: scope() }))).toEqual(["UNAUTHENTICATED"]);
    expect(codes(await t.gqlAs(tokens.reviewer, MINE, { input: scope() }))).toEqual(["FORBIDDEN"]);
  });
});

const REQUEST = `mutation($slug: String!, $fields: [CompletenessField!]!, $note: String) {
  requestCompleteness(slug: $slug, fields: $fields, note: $note) {
    request { id fields stillUnknownFields note state listing { slug } } userErrors { field message code } } }`;
const WITHDRAW = `mutation($id: ID!) { withdrawCompletenessRequest(id: $id) {
  request { id state withdrawnAt } userErrors { field message code } } }`;
interface RequestPayload {
  request: { id: string; fields: string[]; stillUnknownFields: string[]; note: string | null; state: string } | null;
  userErrors: { field: string[] | null; message: string; code: string }[];
}

const ask = async (auth: string, slug: string, fields: string[], note: string | null = null) => {
  const r = await t.gqlAs<{ requestCompleteness: RequestPayload }>(auth, REQUEST, { slug, fields, note });
  expect(r.errors).toBeUndefined();
  return r.data!.requestCompleteness;
};
/** The open requests a vendor sees (in any scope: the default, the whole catalogue). */
const openFor = async (vendor: string) => {
  const r = await t.gqlAs<Mine>(
    vendor,
    `{ myCompleteness { openRequests { id fields stillUnknownFields note state listing { slug } } } }`,
  );
  expect(r.errors).toBeUndefined();
  return r.data!.myCompleteness.openRequests;
};

describe("completeness requests", () => {
  const LIFE = "cx-alpha-lifecycle";

  /** A vendor edit of the listing, submitted and approved, as the review workflow publishes it. */
  const publish = async (input: Record<string, unknown>) => {
    const revision = (await t.models.Tool.findOne({ slug: LIFE }).lean())!.latestRevision;
    const u = await t.gqlAs<{ updateListing: { listing: { latestRevision: number } | null; userErrors: unknown[] } }>(
      tokens.alphaVendor,
      `mutation($slug: String!, $base: Int!, $input: ListingInput!) {
        updateListing(slug: $slug, baseRevision: $base, input: $input) { listing { latestRevision } userErrors { field message } } }`,
      { slug: LIFE, base: revision, input },
    );
    expect(u.errors).toBeUndefined();
    expect(u.data!.updateListing.userErrors).toEqual([]);
    const next = u.data!.updateListing.listing!.latestRevision;
    expect(
      (
        await t.gqlAs(
          tokens.alphaVendor,
          `mutation { submitListingForReview(slug: "${LIFE}") { userErrors { message } } }`,
        )
      ).errors,
    ).toBeUndefined();
    const a = await t.gqlAs<{ approveRevision: { userErrors: unknown[] } }>(
      tokens.reviewer,
      `mutation { approveRevision(slug: "${LIFE}", revision: ${next}) { userErrors { message } } }`,
    );
    expect(a.data!.approveRevision.userErrors).toEqual([]);
  };

  it("shows a request to the listing's organisation until a published revision states the fields", async () => {
    const made = await ask(tokens.reviewer, LIFE, ["MEDIA_TYPES", "DEPLOYMENT", "MEDIA_TYPES"], "Please state these.");
    expect(made.userErrors).toEqual([]);
    expect(made.request).toMatchObject({
      fields: ["MEDIA_TYPES", "DEPLOYMENT"],
      stillUnknownFields: ["MEDIA_TYPES", "DEPLOYMENT"],
      note: "Please state these.",
      state: "OPEN",
    });
    const id = made.request!.id;
    expect((await openFor(tokens.alphaVendor)).map((r) => [r.id, r.listing?.slug])).toEqual([[id, LIFE]]);
    expect(await openFor(tokens.zuluVendor)).toEqual([]);

    // Only the organisation's vendors (and reviewers) can read it by id.
    const node = `query($id: ID!) { node(id: $id) { id } }`;
    expect((await t.gqlAs<{ node: unknown }>(tokens.zuluVendor, node, { id })).data!.node).toBeNull();
    expect((await t.gql<{ node: unknown }>(node, { id })).data!.node).toBeNull();
    expect((await t.gqlAs<{ node: { id: string } }>(tokens.alphaVendor, node, { id })).data!.node).toEqual({ id });

    // A revision stating one of the two fields narrows the request; the other keeps it open.
    await publish({ mediaTypes: ["IMAGE"] });
    expect((await openFor(tokens.alphaVendor)).map((r) => r.stillUnknownFields)).toEqual([["DEPLOYMENT"]]);
    await publish({ deployment: ["API"] });
    expect(await openFor(tokens.alphaVendor)).toEqual([]);

    const fulfilled = await t.gqlAs<{ completenessRequests: { id: string; state: string }[] }>(
      tokens.reviewer,
      `{ completenessRequests(state: FULFILLED) { id state } }`,
    );
    expect(fulfilled.data!.completenessRequests.map((r) => r.id)).toContain(id);
  });

  it("stops showing a withdrawn request, and audits making and withdrawing it", async () => {
    const made = await ask(tokens.admin, LIFE, ["LAST_VERIFIED"]);
    const id = made.request!.id;
    expect((await openFor(tokens.alphaVendor)).map((r) => r.id)).toEqual([id]);
    const w = await t.gqlAs<{ withdrawCompletenessRequest: RequestPayload }>(tokens.reviewer, WITHDRAW, { id });
    expect(w.data!.withdrawCompletenessRequest.userErrors).toEqual([]);
    expect(w.data!.withdrawCompletenessRequest.request!.state).toBe("WITHDRAWN");
    expect(await openFor(tokens.alphaVendor)).toEqual([]);

    const again = await t.gqlAs<{ withdrawCompletenessRequest: RequestPayload }>(tokens.reviewer, WITHDRAW, { id });
    expect(again.data!.withdrawCompletenessRequest.userErrors).toEqual([
      { field: ["id"], message: "the request is already withdrawn", code: "INVALID" },
    ]);

    const events = await t.models.AuditEvent.find({ target: `listing:${LIFE}` }).lean();
    const ops = events.map((e) => [e.operation, e.outcome]);
    expect(ops).toEqual(
      expect.arrayContaining([
        ["requestCompleteness", "ACCEPTED"],
        ["withdrawCompletenessRequest", "ACCEPTED"],
        ["withdrawCompletenessRequest", "INVALID"],
      ]),
    );
    const made_ = events.find((e) => e.operation === "requestCompleteness" && e.changes?.includes("LAST_VERIFIED"));
    expect(JSON.parse(made_!.changes!)).toMatchObject({
      fields: [null, ["LAST_VERIFIED"]],
      request: [null, expect.any(String)],
    });
  });

  it("refuses what cannot be asked, naming the argument", async () => {
    const errors = async (slug: string, fields: string[], note: string | null = null) =>
      (await ask(tokens.reviewer, slug, fields, note)).userErrors.map((e) => [e.field, e.code]);
    expect(await errors("cx-no-such-listing", ["MEDIA_TYPES"])).toEqual([[["slug"], "NOT_FOUND"]]);
    expect(await errors("cx-zulu-complete", ["MEDIA_TYPES"])).toEqual([[["fields", "0"], "INVALID"]]);
    expect(await errors("cx-nobody", ["MEDIA_TYPES", "ORGANISATION"])).toEqual([[["slug"], "INVALID"]]);
    expect(await errors("cx-zulu-silent", [])).toEqual([[["fields"], "INVALID"]]);
    expect(await errors("cx-zulu-silent", ["MEDIA_TYPES"], "bad\u0000note")).toEqual([[["note"], "INVALID"]]);
    expect(await errors("cx-zulu-silent", ["MEDIA_TYPES"], "x".repeat(1001))).toEqual([[["note"], "INVALID"]]);
    expect((await ask(tokens.reviewer, "cx-zulu-silent", ["MEDIA_TYPES"])).userErrors).toEqual([]);
    expect(await errors("cx-zulu-silent", ["DEPLOYMENT", "MEDIA_TYPES"])).toEqual([[["fields", "1"], "DUPLICATE"]]);
    const w = await t.gqlAs<{ withdrawCompletenessRequest: RequestPayload }>(tokens.reviewer, WITHDRAW, {
      id: "not-an-id",
    });
    expect(w.data!.withdrawCompletenessRequest.userErrors.map((e) => [e.field, e.code])).toEqual([
      [["id"], "NOT_FOUND"],
    ]);
    const invalid = await t.models.AuditEvent.countDocuments({
      operation: "requestCompleteness",
      outcome: AuditOutcome.INVALID,
    });
    expect(invalid).toBeGreaterThanOrEqual(7);
  });

  it("is refused to anonymous callers, vendors and law enforcement, and the refusal audited", async () => {
    const vars = { slug: "cx-zulu-silent", fields: ["DEPLOYMENT"] };
    expect(codes(await t.gql(REQUEST, vars))).toEqual(["UNAUTHENTICATED"]);
    expect(codes(await t.gqlAs(tokens.zuluVendor, REQUEST, vars))).toEqual(["FORBIDDEN"]);
    expect(codes(await t.gqlAs(tokens.police, REQUEST, vars))).toEqual(["FORBIDDEN"]);
    expect(codes(await t.gqlAs(tokens.zuluVendor, WITHDRAW, { id: "x" }))).toEqual(["FORBIDDEN"]);
    expect(codes(await t.gqlAs(tokens.zuluVendor, `{ completenessRequests { id } }`))).toEqual(["FORBIDDEN"]);
    const refused = await t.models.AuditEvent.find({
      operation: "requestCompleteness",
      outcome: AuditOutcome.REFUSED,
    }).lean();
    expect(refused.length).toBeGreaterThanOrEqual(3);
    expect(
      await t.models.CompletenessRequest.countDocuments({
        fields: CompletenessField.DEPLOYMENT,
        slug: "cx-zulu-silent",
      }),
    ).toBe(0);
  });
});
