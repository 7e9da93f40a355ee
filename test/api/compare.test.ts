import { Types } from "mongoose";
import { Role } from "../../src/accounts/roles";
import {
  AvailabilityStatus,
  Deployment,
  Eligibility,
  LicenseModel,
  ListingKind,
  MediaType,
  PublicationState,
  Visibility,
} from "../../src/catalog/enums";
import { derivedToolFields } from "../../src/catalog/tools/tool.derive";
import { bumpCatalogueRevision } from "../../src/catalog/snapshot";
import { userWithToken } from "../helpers/accounts";
import { startTestApp, TestApp } from "../helpers/app";

/**
 * A procurement officer's comparison: listings side by side, field by field,
 * on listings built for the test so that every answer is known by
 * construction.
 */

let t: TestApp;
let police: string;

const COMPARE = `query($s: [String!]!) { compareListings(slugs: $s) {
  listings { slug } differenceCount
  rows { field label same jurisdiction { code } cells { values labels } } } }`;
type Row = {
  field: string;
  label: string;
  same: boolean;
  jurisdiction: { code: string } | null;
  cells: { values: string[]; labels: string[] }[];
};
type Comparison = { compareListings: { listings: { slug: string }[]; differenceCount: number; rows: Row[] } };

beforeAll(async () => {
  t = await startTestApp({ seed: true });
  police = `Bearer ${(await userWithToken(t, Role.LAW_ENFORCEMENT)).token}`;
  const cap = (slug: string) => t.models.Capability.findOne({ slug }).lean();
  const [hashing, crawling] = await Promise.all([cap("hash-matching"), cap("web-crawling")]);
  const org = await t.models.Organisation.findOne({}).lean();
  const base = {
    kind: ListingKind.TOOL,
    aliases: [],
    organisation: org!._id,
    summary: "A listing built for the comparison test.",
    deployment: [Deployment.ON_PREMISES],
    sources: [{ document: null, url: "https://example.org/compare", locator: "section 1", unverified: true }],
    publicationState: PublicationState.PUBLISHED,
  };
  const listings = [
    {
      slug: "compare-a",
      name: "Compare A",
      visibility: Visibility.PUBLIC,
      capabilities: [hashing!._id],
      mediaTypes: [MediaType.IMAGE, MediaType.VIDEO],
      offers: [
        {
          model: LicenseModel.FREE_FOR_ELIGIBLE,
          eligibility: [Eligibility.LAW_ENFORCEMENT],
          spdxLicense: null,
          requiresVetting: true,
          notes: null,
        },
      ],
      availability: [
        { jurisdiction: "GB", status: AvailabilityStatus.IN_USE, notes: null },
        { jurisdiction: "CA", status: AvailabilityStatus.AVAILABLE, notes: null },
      ],
    },
    {
      slug: "compare-b",
      name: "Compare B",
      visibility: Visibility.PUBLIC,
      capabilities: [crawling!._id],
      mediaTypes: [MediaType.VIDEO, MediaType.IMAGE],
      offers: [],
      availability: [{ jurisdiction: "GB", status: AvailabilityStatus.UNAVAILABLE, notes: null }],
    },
    {
      slug: "compare-hidden",
      name: "Compare Hidden",
      visibility: Visibility.LAW_ENFORCEMENT,
      capabilities: [hashing!._id],
      mediaTypes: [MediaType.IMAGE],
      offers: [],
      availability: [],
    },
  ];
  for (const l of listings) {
    const doc = { ...base, ...l };
    await t.models.Tool.create({ _id: new Types.ObjectId(), ...doc, ...derivedToolFields(doc, null) });
  }
  await bumpCatalogueRevision(t.models);
});
afterAll(async () => {
  await t.close();
});

const rowOf = (rows: Row[], field: string, code?: string) =>
  rows.find((r) => r.field === field && (code === undefined || r.jurisdiction?.code === code))!;

describe("compareListings", () => {
  it("sets the listings side by side in the order asked, marking each row same or different", async () => {
    const r = await t.gql<Comparison>(COMPARE, { s: ["compare-b", "compare-a"] });
    expect(r.errors).toBeUndefined();
    const c = r.data!.compareListings;
    expect(c.listings.map((l) => l.slug)).toEqual(["compare-b", "compare-a"]);
    // Media types in another order are the same set.
    expect(rowOf(c.rows, "MEDIA_TYPES")).toMatchObject({
      same: true,
      cells: [
        { values: ["IMAGE", "VIDEO"], labels: ["Image", "Video"] },
        { values: ["IMAGE", "VIDEO"], labels: ["Image", "Video"] },
      ],
    });
    expect(rowOf(c.rows, "ORGANISATION").same).toBe(true);
    expect(rowOf(c.rows, "DEPLOYMENT").same).toBe(true);
    expect(rowOf(c.rows, "CAPABILITIES")).toMatchObject({
      same: false,
      cells: [{ values: ["web-crawling"] }, { values: ["hash-matching"] }],
    });
    const offers = rowOf(c.rows, "OFFERS");
    expect(offers.same).toBe(false);
    expect(offers.cells[0]).toEqual({ values: [], labels: [] });
    expect(offers.cells[1].labels).toEqual(["Free for eligible users for law enforcement; vetting required"]);
    expect(c.differenceCount).toBe(c.rows.filter((row) => !row.same).length);
  });

  it("has a row per country either listing states, where not stated is empty, not unavailable", async () => {
    const r = await t.gql<Comparison>(COMPARE, { s: ["compare-a", "compare-b"] });
    const rows = r.data!.compareListings.rows.filter((row) => row.field === "AVAILABILITY");
    expect(rows.map((row) => [row.jurisdiction?.code, row.label])).toEqual([
      ["CA", "Availability: Canada"],
      ["GB", "Availability: United Kingdom"],
    ]);
    expect(rowOf(rows, "AVAILABILITY", "CA").cells.map((x) => x.values)).toEqual([["AVAILABLE"], []]);
    expect(rowOf(rows, "AVAILABILITY", "GB").cells.map((x) => x.values)).toEqual([["IN_USE"], ["UNAVAILABLE"]]);
  });

  it("refuses a hidden listing exactly as an unknown one, naming the slug's place", async () => {
    const hidden = await t.gql(COMPARE, { s: ["compare-a", "compare-hidden"] });
    const unknown = await t.gql(COMPARE, { s: ["compare-a", "compare-nothing"] });
    expect(hidden.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "slugs[1]" });
    expect(hidden.errors?.[0].message).toBe(unknown.errors?.[0].message);
    // Law enforcement may see it, so may compare it.
    const allowed = await t.gqlAs<Comparison>(police, COMPARE, { s: ["compare-a", "compare-hidden"] });
    expect(allowed.errors).toBeUndefined();
    expect(allowed.data!.compareListings.listings.map((l) => l.slug)).toEqual(["compare-a", "compare-hidden"]);
  });

  it.each([
    [["compare-a"], "slugs"],
    [["compare-a", "compare-b", "x1", "x2", "x3", "x4", "x5"], "slugs"],
    [["compare-a", "compare-a"], "slugs[1]"],
  ])("refuses %j as BAD_USER_INPUT naming %s", async (slugs, argument) => {
    const r = await t.gql(COMPARE, { s: slugs });
    expect(r.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", argument });
  });
});
