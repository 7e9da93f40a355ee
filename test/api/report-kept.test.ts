import { bumpCatalogueRevision } from "../../src/catalog/snapshot";
import { startTestApp, TestApp } from "../helpers/app";

/**
 * Gap reports are kept per catalogue snapshot and audience: identical
 * requests, together or one after another, get the same answer, and any
 * change to the catalogue is seen by the next request.
 */

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ seed: true });
});
afterAll(async () => {
  await t.close();
});

const GAP = `{ gapReport(input: { capabilities: ["detection"], jurisdictions: ["FIVE_EYES"] }) {
  catalogueRevision cells { capability { slug } jurisdiction { code } listingCount listingSlugs gap } } }`;
interface GapData {
  gapReport: { catalogueRevision: string; cells: { listingCount: number; listingSlugs: string[] }[] };
}

async function gap(): Promise<GapData["gapReport"]> {
  const r = await t.gql<GapData>(GAP);
  expect(r.errors).toBeUndefined();
  return r.data!.gapReport;
}

describe("gap reports kept between requests", () => {
  it("answer identical requests alike, whether they come together or one after another", async () => {
    const first = await gap();
    const together = await Promise.all(Array.from({ length: 6 }, () => gap()));
    for (const r of [...together, await gap()]) expect(r).toEqual(first);
  });

  it("see a change to the catalogue on the next request", async () => {
    const before = await gap();
    const slug = before.cells.flatMap((c) => c.listingSlugs)[0];
    expect(slug).toBeDefined();
    await t.models.Tool.updateOne({ slug }, { $set: { visibility: "LAW_ENFORCEMENT" } });
    await bumpCatalogueRevision(t.models);
    try {
      const after = await gap();
      expect(after.catalogueRevision).not.toBe(before.catalogueRevision);
      expect(after.cells.flatMap((c) => c.listingSlugs)).not.toContain(slug);
      const total = (r: GapData["gapReport"]) => r.cells.reduce((n, c) => n + c.listingCount, 0);
      expect(total(after)).toBeLessThan(total(before));
    } finally {
      await t.models.Tool.updateOne({ slug }, { $set: { visibility: "PUBLIC" } });
      await bumpCatalogueRevision(t.models);
    }
    expect(await gap()).toEqual(before);
  });
});
