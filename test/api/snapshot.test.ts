import { bumpCatalogueRevision } from "../../src/catalog/snapshot";
import { CATALOGUE_STATE_ID } from "../../src/catalog/catalogue.model";
import { loadSeed } from "../../src/seed/load";
import { startTestApp, TestApp } from "../helpers/app";
import { startTcpProxy, TcpProxy } from "../helpers/tcp-proxy";
import { publicListings, seed } from "../helpers/seed-facts";

let a: TestApp;
let b: TestApp;
/** Between b and the database: b's reads can be made slow, so that concurrent requests overlap one. */
let proxy: TcpProxy;
beforeAll(async () => {
  a = await startTestApp({ seed: true });
  proxy = await startTcpProxy(process.env.TEST_MONGODB_URI!);
  b = await startTestApp({ dbName: a.dbName, uri: proxy.uri });
});
afterAll(async () => {
  await b.runtime.close();
  await proxy.close();
  await a.close();
});

const COUNT = `{ tools(first: 1) { totalCount } }`;
const count = async (t: TestApp) => (await t.gql<{ tools: { totalCount: number } }>(COUNT)).data!.tools.totalCount;
const revision = async (t: TestApp) =>
  (await t.models.CatalogueState.findOne({ _id: CATALOGUE_STATE_ID }).lean())?.revision ?? 0;

describe("instances sharing one database", () => {
  it("see a change made through another instance once the revision moves", async () => {
    expect(await count(a)).toBe(publicListings.length);
    expect(await count(b)).toBe(publicListings.length);
    await a.models.Tool.updateOne({ slug: publicListings[0].slug }, { $set: { visibility: "LAW_ENFORCEMENT" } });
    await bumpCatalogueRevision(a.models);
    expect(await count(b)).toBe(publicListings.length - 1);
    expect(await count(a)).toBe(publicListings.length - 1);
    await a.models.Tool.updateOne({ slug: publicListings[0].slug }, { $set: { visibility: "PUBLIC" } });
    await bumpCatalogueRevision(b.models);
    expect(await count(a)).toBe(publicListings.length);
  });

  it("read neither listings nor organisations from the database while the catalogue is unchanged", async () => {
    await count(b);
    b.targets.length = 0;
    await count(b);
    expect(b.targets).toContain("find:catalogueState");
    expect(b.targets.filter((t) => /:(tools|organisations)$/.test(t))).toEqual([]);
  });

  it("read nothing but the revision for a search with reference data (taxonomy, jurisdictions, documents)", async () => {
    const query = `{ tools(first: 5, filter: { capabilities: ["detection"], jurisdictions: ["EU"] }) {
      edges { node { capabilities { slug } availability { jurisdiction { name } } sources { document { title } } } } } }`;
    await b.gql(query);
    b.targets.length = 0;
    const r = await b.gql(query);
    expect(r.errors).toBeUndefined();
    expect(b.targets).toEqual(["find:catalogueState"]);
  });

  it("share revision reads between concurrent requests, each still seeing every write made before it", async () => {
    await count(b);
    b.targets.length = 0;
    // Each revision read takes at least 50 ms, as from a distant database: the burst's requests, parsed one
    // after another in well under that, arrive while one read is open and wait for it or the next.
    proxy.setReplyDelay(50);
    const counts = await Promise.all(Array.from({ length: 40 }, () => count(b))).finally(() => proxy.setReplyDelay(0));
    expect(new Set(counts)).toEqual(new Set([publicListings.length]));
    const reads = b.targets.filter((t) => t === "find:catalogueState").length;
    expect(reads).toBeGreaterThanOrEqual(1);
    expect(reads).toBeLessThan(40);
    // A write through a, then a burst on b: every request in the burst arrived after the write and sees it.
    await a.models.Tool.updateOne({ slug: publicListings[0].slug }, { $set: { visibility: "LAW_ENFORCEMENT" } });
    await bumpCatalogueRevision(a.models);
    const after = await Promise.all(Array.from({ length: 20 }, () => count(b)));
    expect(new Set(after)).toEqual(new Set([publicListings.length - 1]));
    await a.models.Tool.updateOne({ slug: publicListings[0].slug }, { $set: { visibility: "PUBLIC" } });
    await bumpCatalogueRevision(a.models);
  });
});

describe("the seed loader and the revision", () => {
  it("moves the revision when it writes, and not when nothing changed", async () => {
    const before = await revision(a);
    const same = await loadSeed(a.models, seed);
    expect(same.listings.updated + same.listings.created).toBe(0);
    expect(await revision(a)).toBe(before);

    const edited = structuredClone(seed);
    edited.listings[0].summary += " (revised)";
    await loadSeed(a.models, edited);
    expect(await revision(a)).toBe(before + 1);
    const r = await b.gql<{ tool: { summary: string } }>(`{ tool(slug: "${edited.listings[0].slug}") { summary } }`);
    expect(r.data!.tool.summary).toMatch(/\(revised\)$/);
  });

  it("moves the revision on a rerun after a run that wrote but stopped before moving it", async () => {
    const edited = structuredClone(seed);
    edited.listings[1].summary += " (again)";
    await loadSeed(a.models, edited);
    // Simulate the earlier run dying between its writes and its revision bump.
    await a.models.CatalogueState.updateOne({ _id: CATALOGUE_STATE_ID }, { $set: { changedAt: new Date(0) } });
    const before = await revision(a);
    const rerun = await loadSeed(a.models, edited);
    expect(rerun.listings.updated).toBe(0);
    expect(await revision(a)).toBe(before + 1);
    await loadSeed(a.models, seed);
  });
});
