import { Role } from "../../src/accounts/roles";
import { OrganisationType } from "../../src/catalog/enums";
import { bumpCatalogueRevision } from "../../src/catalog/snapshot";
import { userWithToken } from "../helpers/accounts";
import { startTestApp, TestApp } from "../helpers/app";
import { seed } from "../helpers/seed-facts";

/**
 * A listing a source states is available worldwide serves every country but
 * its stated exceptions: in the gap report, the filters and their facets,
 * the completeness report and comparisons. Made through the editing
 * workflow, under an organisation of its own so that the reports scoped to
 * it hold nothing else.
 */
const ORG = "worldwide-fixture-org";
let t: TestApp;
let admin: string;

async function gql<T>(query: string, variables?: Record<string, unknown>): Promise<T> {
  const r = await t.gqlAs<T>(admin, query, variables);
  expect(r.errors).toBeUndefined();
  return r.data!;
}

beforeAll(async () => {
  t = await startTestApp({ seed: true });
  await t.models.Organisation.create({
    slug: ORG,
    name: "Worldwide Fixture Org",
    sortName: "worldwide fixture org",
    type: OrganisationType.NGO,
  });
  await bumpCatalogueRevision(t.models);
  admin = (await userWithToken(t, Role.ADMIN)).token;
  const reviewer = (await userWithToken(t, Role.REVIEWER)).token;
  const input = {
    slug: "ww-open-crawler",
    name: "Worldwide open crawler",
    kind: "TOOL",
    organisation: ORG,
    summary: "An open-source crawler whose licence grants use anywhere.",
    capabilities: ["web-crawling"],
    availableWorldwide: true,
    availability: [{ jurisdiction: "US", status: "UNAVAILABLE", notes: "export rules" }],
    offers: [{ model: "OPEN_SOURCE", eligibility: ["PUBLIC"], spdxLicense: "Apache-2.0" }],
    sources: [{ url: "https://example.org/licence", locator: "§ 2, worldwide", unverified: true }],
  };
  const made = await gql<{ createListing: { userErrors: unknown[] } }>(
    `mutation($i: ListingInput!) { createListing(input: $i) { userErrors { field message } } }`,
    { i: input },
  );
  expect(made.createListing.userErrors).toEqual([]);
  await gql(`mutation { submitListingForReview(slug: "ww-open-crawler") { userErrors { code } } }`);
  const approved = await t.gqlAs<{ approveRevision: { userErrors: unknown[] } }>(
    reviewer,
    `mutation { approveRevision(slug: "ww-open-crawler", revision: 1) { userErrors { code } } }`,
  );
  expect(approved.data!.approveRevision.userErrors).toEqual([]);
});
afterAll(async () => {
  await t.close();
});

describe("a listing available worldwide", () => {
  it("serves every country in the gap report but its stated exception, which counts as unavailable", async () => {
    const r = await gql<{
      gapReport: {
        cells: {
          jurisdiction: { code: string };
          listingCount: number;
          unknownCount: number;
          unavailableCount: number;
          state: string;
        }[];
      };
    }>(
      `{ gapReport(input: { organisations: ["${ORG}"], capabilities: ["web-crawling"], jurisdictions: ["CA", "JP", "US", "XK"] }) {
        cells { jurisdiction { code } listingCount unknownCount unavailableCount state } } }`,
    );
    const byCode = Object.fromEntries(r.gapReport.cells.map((c) => [c.jurisdiction.code, c]));
    for (const code of ["CA", "JP", "XK"]) {
      expect(byCode[code]).toMatchObject({ listingCount: 1, unknownCount: 0, unavailableCount: 0, state: "COVERED" });
    }
    expect(byCode.US).toMatchObject({ listingCount: 0, unknownCount: 0, unavailableCount: 1, state: "GAP" });
  });

  it("is found by a country filter and counted in its facet, except where it is not available", async () => {
    const q = (code: string) =>
      gql<{ listings: { totalCount: number; facets: { jurisdictions: { value: string; count: number }[] } } }>(
        `{ listings(filter: { organisations: ["${ORG}"], jurisdictions: ["${code}"] }) { totalCount facets { jurisdictions { value count } } } }`,
      );
    expect((await q("JP")).listings.totalCount).toBe(1);
    expect((await q("US")).listings.totalCount).toBe(0);
    const facets = (await q("FR")).listings.facets.jurisdictions;
    expect(facets.find((f) => f.value === "FR")?.count).toBe(1);
    expect(facets.find((f) => f.value === "US")?.count ?? 0).toBe(0);
  });

  it("has a stated availability for the completeness report, and says so when read and compared", async () => {
    const c = await gql<{ completenessReport: { listings: { listing: { slug: string }; unknownFields: string[] }[] } }>(
      `{ completenessReport(input: { organisations: ["${ORG}"], jurisdictions: ["JP"] }) { listings { listing { slug } unknownFields } } }`,
    );
    expect(c.completenessReport.listings).toHaveLength(1);
    expect(c.completenessReport.listings[0].unknownFields).not.toContain("AVAILABILITY");

    const read = await gql<{ listing: { availableWorldwide: boolean } }>(
      `{ listing(slug: "ww-open-crawler") { availableWorldwide } }`,
    );
    expect(read.listing.availableWorldwide).toBe(true);
    const cmp = await gql<{
      compareListings: { rows: { label: string; same: boolean; cells: { values: string[] }[] }[] };
    }>(`{ compareListings(slugs: ["ww-open-crawler", "photodna"]) { rows { label same cells { values } } } }`);
    expect(cmp.compareListings.rows.find((r) => r.label === "Availability: worldwide")).toEqual({
      label: "Availability: worldwide",
      same: false,
      cells: [{ values: ["WORLDWIDE"] }, { values: [] }],
    });
    const history = await gql<{ listingHistory: { content: Record<string, unknown> }[] }>(
      `{ listingHistory(slug: "ww-open-crawler") { content } }`,
    );
    expect(history.listingHistory[0].content.availableWorldwide).toBe(true);
  });

  it("is stated only where a source says so: in the seed, only where a cited licence grants use worldwide", async () => {
    const stated = seed.listings.filter((l) => l.availableWorldwide).map((l) => l.slug);
    expect(stated).toEqual(["perception"]);
    const perception = seed.listings.find((l) => l.slug === "perception")!;
    expect(perception.sources.some((s) => /worldwide/.test(s.locator))).toBe(true);
    const r = await gql<{ listings: { edges: { node: { slug: string; availableWorldwide: boolean } }[] } }>(
      `{ listings(filter: { jurisdictions: ["JP"], licenseModels: [OPEN_SOURCE] }) { edges { node { slug availableWorldwide } } } }`,
    );
    expect(r.listings.edges.map((e) => e.node.slug)).toContain("perception");
  });
});
