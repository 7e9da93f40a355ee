import { Role } from "../../src/accounts/roles";
import { CatalogueSnapshots } from "../../src/catalog/snapshot";
import { createContext, SYSTEM } from "../../src/context";
import { ListingService } from "../../src/listings/listing.service";
import { createLogger } from "../../src/logger";
import { startTestApp, TestApp } from "../helpers/app";
import { userWithToken } from "../helpers/accounts";
import { publicListings, servedIn } from "../helpers/seed-facts";

/**
 * A LAW_ENFORCEMENT-only listing, published by reviewers, must not appear nor
 * be counted anywhere for callers without the right, and must for those with it.
 */

let t: TestApp;
let vendor: string;
let police: string;
let owner: string;
const ORG = "thorn";
const SLUG = "zzleak-restricted-tool";

beforeAll(async () => {
  t = await startTestApp({ seed: true });
  vendor = (await userWithToken(t, Role.VENDOR, "internet-watch-foundation-iwf")).token;
  police = (await userWithToken(t, Role.LAW_ENFORCEMENT)).token;
  owner = (await userWithToken(t, Role.VENDOR, ORG)).token;
  const svc = new ListingService(
    createContext(t.models, new CatalogueSnapshots(t.models), createLogger("silent"), "leak-setup", SYSTEM),
  );
  const r = await svc.create(
    {
      slug: SLUG,
      name: "Zzleak restricted triage tool",
      kind: "TOOL" as never,
      organisation: ORG,
      summary: "Zzleak: a tool only law enforcement may know about.",
      capabilities: ["facial-recognition"],
      classificationSchemes: ["copine-scale"],
      mediaTypes: ["LIVE_STREAM" as never],
      availability: [{ jurisdiction: "IS", status: "IN_USE" as never, notes: null }],
      visibility: "LAW_ENFORCEMENT" as never,
      sources: [{ url: "https://example.org/leak", locator: "x", unverified: true }],
    },
    null,
  );
  expect(r.userErrors).toEqual([]);
  await svc.submit(SLUG);
  await svc.approve(SLUG, 1);
});
afterAll(async () => {
  await t.close();
});

const Q = `{
  search: tools(search: "zzleak") { totalCount edges { node { slug } } }
  iceland: tools(filter: { jurisdictions: ["IS"] }) { totalCount facets { mediaTypes { value count } capabilities { value count } jurisdictions { value count } } }
  tool(slug: "${SLUG}") { slug }
  organisation(slug: "${ORG}") { toolCount tools(first: 100) { totalCount edges { node { slug } } } }
  capability(slug: "facial-recognition") { toolCount }
  gapReport(input: { jurisdictions: ["IS"], capabilities: ["facial-recognition"] }) { cells { toolCount toolSlugs } }
  duplicationReport(input: { capabilities: ["facial-recognition"] }) { crowding { capability { slug } toolCount } }
  staleListings(olderThanDays: 1, first: 100) { edges { node { tools { slug } } } }
  classificationSchemes { slug tools { slug } }
}`;
const HISTORY = `{ listingHistory(slug: "${SLUG}") { revision state } }`;

function sightings(data: Record<string, unknown>): string[] {
  const text = JSON.stringify(data);
  const seen: string[] = [];
  if (text.includes(SLUG)) seen.push("slug");
  const d = data as {
    iceland: { totalCount: number; facets: { mediaTypes: { value: string; count: number }[] } };
    capability: { toolCount: number };
    gapReport: { cells: { toolCount: number }[] };
    duplicationReport: { crowding: { capability: { slug: string }; toolCount: number }[] };
  };
  // Every value is listed, counted or not: a sighting is a count.
  if (d.iceland.facets.mediaTypes.some((m) => m.value === "LIVE_STREAM" && m.count > 0)) seen.push("facet");
  if (d.gapReport.cells[0].toolCount > 0) seen.push("gap count");
  return seen;
}

const counts = (data: Record<string, unknown>) => {
  const d = data as {
    capability: { toolCount: number };
    organisation: { toolCount: number; tools: { totalCount: number } };
    duplicationReport: { crowding: { capability: { slug: string }; toolCount: number }[] };
  };
  return [
    d.capability.toolCount,
    d.organisation.toolCount,
    d.organisation.tools.totalCount,
    d.duplicationReport.crowding.find((c) => c.capability.slug === "facial-recognition")?.toolCount ?? 0,
  ];
};

/** Public listings that serve Iceland, where the restricted one is in use (those available worldwide among them). */
const publicInIceland = () => publicListings.filter((l) => servedIn(l, ["IS"])).length;

describe("a LAW_ENFORCEMENT listing", () => {
  it("never shows, nor counts, for anonymous callers and vendors", async () => {
    const withRight = counts((await t.gqlAs<Record<string, unknown>>(police, Q)).data!);
    for (const r of [await t.gql<Record<string, unknown>>(Q), await t.gqlAs<Record<string, unknown>>(vendor, Q)]) {
      expect(r.errors).toBeUndefined();
      expect(sightings(r.data!)).toEqual([]);
      expect(counts(r.data!)).toEqual(withRight.map((n) => n - 1));
      expect((r.data as { iceland: { totalCount: number } }).iceland.totalCount).toBe(publicInIceland());
    }
    const base = t.runtime.url.replace(/\/graphql$/, "");
    for (const path of [
      "/reports/gaps.csv?jurisdictions=IS",
      "/reports/gaps.json?jurisdictions=IS",
      "/reports/gaps.svg?jurisdictions=IS",
      "/reports/duplication.csv",
      "/reports/duplication.json",
    ]) {
      const body = await (await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${vendor}` } })).text();
      expect([path, body.includes(SLUG)]).toEqual([path, false]);
    }
  });

  it("shows, and counts, for its owner's vendors on every path, and for no other vendor", async () => {
    const withRight = await t.gqlAs<Record<string, unknown>>(police, Q);
    const r = await t.gqlAs<Record<string, unknown>>(owner, Q);
    expect(r.errors).toBeUndefined();
    expect(sightings(r.data!)).toEqual(["slug", "facet", "gap count"]);
    expect(counts(r.data!)).toEqual(counts(withRight.data!));
    expect((r.data as { iceland: { totalCount: number } }).iceland.totalCount).toBe(publicInIceland() + 1);
    expect(r.data!.tool).toEqual({ slug: SLUG });
    expect(JSON.stringify(r.data!.staleListings)).toContain(SLUG);
    expect(JSON.stringify(r.data!.classificationSchemes)).toContain(SLUG);
    expect((await t.gqlAs(owner, HISTORY)).data).toEqual({ listingHistory: [{ revision: 1, state: "APPROVED" }] });
    expect((await t.gqlAs(vendor, HISTORY)).data).toEqual({ listingHistory: null });
    const base = t.runtime.url.replace(/\/graphql$/, "");
    for (const path of [
      "/reports/gaps.csv?jurisdictions=IS",
      "/reports/gaps.json?jurisdictions=IS",
      "/reports/gaps.svg?jurisdictions=IS",
    ]) {
      const body = await (await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${owner}` } })).text();
      expect([path, body.includes(SLUG)]).toEqual([path, true]);
    }
  });

  it("shows, and counts, for law enforcement", async () => {
    const r = await t.gqlAs<Record<string, unknown>>(police, Q);
    expect(r.errors).toBeUndefined();
    expect(sightings(r.data!)).toEqual(["slug", "facet", "gap count"]);
    const base = t.runtime.url.replace(/\/graphql$/, "");
    const csv = await (
      await fetch(`${base}/reports/gaps.csv?jurisdictions=IS`, { headers: { authorization: `Bearer ${police}` } })
    ).text();
    expect(csv).toContain(SLUG);
  });
});

describe("the catalogue revision a caller is shown", () => {
  const EXPORTS = [
    "/reports/gaps.csv",
    "/reports/gaps.json",
    "/reports/gaps.svg",
    "/reports/duplication.csv",
    "/reports/duplication.json",
  ];
  const REVISIONS = `{
    gapReport(input: { jurisdictions: ["IS"] }) { catalogueRevision }
    duplicationReport { catalogueRevision }
  }`;

  /** Everything that carries the revision: both reports' catalogueRevision and every export's file name. */
  async function revisions(token: string | null): Promise<string[]> {
    const r = token ? await t.gqlAs(token, REVISIONS) : await t.gql(REVISIONS);
    expect(r.errors).toBeUndefined();
    const d = r.data as { gapReport: { catalogueRevision: string }; duplicationReport: { catalogueRevision: string } };
    const base = t.runtime.url.replace(/\/graphql$/, "");
    const names = await Promise.all(
      EXPORTS.map(async (path) => {
        const res = await fetch(`${base}${path}`, token ? { headers: { authorization: `Bearer ${token}` } } : {});
        return res.headers.get("content-disposition") ?? "";
      }),
    );
    return [d.gapReport.catalogueRevision, d.duplicationReport.catalogueRevision, ...names];
  }

  const system = () =>
    new ListingService(
      createContext(t.models, new CatalogueSnapshots(t.models), createLogger("silent"), "revision", SYSTEM),
    );

  it("does not move for anonymous callers and other vendors when only a LAW_ENFORCEMENT listing changes", async () => {
    const STALE = `query($after: String) { staleListings(olderThanDays: 1, first: 1, after: $after) { pageInfo { endCursor } } }`;
    const cursor = (await t.gql<{ staleListings: { pageInfo: { endCursor: string } } }>(STALE)).data!.staleListings
      .pageInfo.endCursor;
    const before = {
      anonymous: await revisions(null),
      vendor: await revisions(vendor),
      owner: await revisions(owner),
      police: await revisions(police),
    };
    expect(before.anonymous[2]).toBe(`attachment; filename="gap-report-r${before.anonymous[0]}.csv"`);

    // Edited, submitted, approved, confirmed current: every change a LAW_ENFORCEMENT listing can go through.
    const edited = await system().update(SLUG, 1, { summary: "Zzleak: a changed summary only law enforcement sees." });
    expect(edited.userErrors).toEqual([]);
    await system().submit(SLUG);
    expect((await system().approve(SLUG, 2)).userErrors).toEqual([]);
    expect((await system().confirmCurrent(SLUG)).userErrors).toEqual([]);

    expect(await revisions(null)).toEqual(before.anonymous);
    expect(await revisions(vendor)).toEqual(before.vendor);
    // A stale-listings cursor is tied to the revision the caller sees, so it still works.
    expect((await t.gql(STALE, { after: cursor })).errors).toBeUndefined();
    // Those who see the listing see a new revision.
    for (const [who, token] of [
      ["owner", owner],
      ["police", police],
    ] as const) {
      const after = await revisions(token);
      after.forEach((r, i) => expect([who, i, r === before[who][i]]).toEqual([who, i, false]));
    }
  });

  it("moves for everyone when a PUBLIC listing changes", async () => {
    const before = [await revisions(null), await revisions(vendor), await revisions(police)];
    expect((await system().confirmCurrent("photodna")).userErrors).toEqual([]);
    const after = [await revisions(null), await revisions(vendor), await revisions(police)];
    after.forEach((who, w) => who.forEach((r, i) => expect([w, i, r === before[w][i]]).toEqual([w, i, false])));
  });
});
