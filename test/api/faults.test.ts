import { Role } from "../../src/accounts/roles";
import { codes, startTestApp, TestApp } from "../helpers/app";
import { userWithToken } from "../helpers/accounts";
import { startTcpProxy, TcpProxy } from "../helpers/tcp-proxy";

/**
 * The database misbehaves behind a TCP proxy on 127.0.0.1: it is absent at
 * start, goes away while the app serves, or hangs. The app must keep
 * answering, quickly and with SERVICE_UNAVAILABLE or TIMEOUT, never crash or
 * half-write, and recover by itself.
 */

const TOOLS = `{ tools(first: 3) { totalCount edges { node { slug } } } }`;
const base = (t: TestApp) => t.runtime.url.replace(/\/graphql$/, "");

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = Date.now();
  const value = await work();
  return { value, ms: Date.now() - started };
}

/** Polls /readyz every 100 ms until it answers `status`, for at most `boundMs`. */
async function readinessBecomes(t: TestApp, status: number, boundMs = 20_000): Promise<boolean> {
  const until = Date.now() + boundMs;
  for (let i = 0; i < boundMs / 100 && Date.now() < until; i++) {
    const r = await fetch(`${base(t)}/readyz`).catch(() => null);
    if (r?.status === status) return true;
    await new Promise((res) => setTimeout(res, 100));
  }
  return false;
}

describe("database unreachable at start", () => {
  let proxy: TcpProxy;
  let t: TestApp;
  beforeAll(async () => {
    proxy = await startTcpProxy(process.env.TEST_MONGODB_URI!, "refuse");
    t = await startTestApp({ uri: proxy.uri, waitForDatabase: false, retryMs: { min: 100, max: 400 } });
  });
  afterAll(async () => {
    await t.close();
    await proxy.close();
  });

  it("starts anyway, is not ready, and refuses requests at once", async () => {
    const live = await fetch(`${base(t)}/livez`);
    expect(live.status).toBe(200);
    const ready = await fetch(`${base(t)}/readyz`);
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as { reason: string }).reason).toMatch(/connecting/);

    const { value: r, ms } = await timed(() => t.gql(TOOLS));
    expect(r.status).toBe(503);
    expect(codes(r)).toEqual(["SERVICE_UNAVAILABLE"]);
    // Answered by the readiness check, not after a driver timeout (3 s) or the driver's default 30 s.
    expect(ms).toBeLessThan(1000);

    const report = await fetch(`${base(t)}/reports/gaps.json`);
    expect(report.status).toBe(503);
    expect(report.headers.get("retry-after")).toBe("5");
  });

  it("recovers by itself when the database comes back", async () => {
    proxy.setMode("forward");
    expect(await readinessBecomes(t, 200)).toBe(true);
    const r = await t.gql<{ tools: { totalCount: number } }>(TOOLS);
    expect(r.errors).toBeUndefined();
    expect(r.data!.tools.totalCount).toBe(0);
  });
});

describe("database lost while serving", () => {
  let proxy: TcpProxy;
  let t: TestApp;
  let vendor: string;
  const ORG = "thorn";
  const UPDATE = `mutation($slug: String!, $base: Int!, $input: ListingInput!) {
    updateListing(slug: $slug, baseRevision: $base, input: $input) { listing { revision } userErrors { code } } }`;
  const STATE = `query($slug: String!) { listingHistory(slug: $slug) { revision state } }`;

  beforeAll(async () => {
    proxy = await startTcpProxy(process.env.TEST_MONGODB_URI!);
    t = await startTestApp({ uri: proxy.uri, seed: true, retryMs: { min: 100, max: 400 }, reopenAfterMs: 2000 });
    vendor = (await userWithToken(t, Role.VENDOR, ORG)).token;
  });
  afterAll(async () => {
    await t.close();
    await proxy.close();
  });

  it("answers SERVICE_UNAVAILABLE quickly, writes nothing, and recovers", async () => {
    const before = await t.gql<{ tools: { totalCount: number } }>(TOOLS);
    const total = before.data!.tools.totalCount;
    expect(total).toBeGreaterThan(0);
    const listing = await t.models.Tool.findOne({
      organisation: (await t.models.Organisation.findOne({ slug: ORG }))!._id,
    })
      .lean()
      .orFail();
    const history = await t.gqlAs(vendor, STATE, { slug: listing.slug });
    const revisionsBefore = await t.models.ListingRevision.countDocuments({});

    proxy.setMode("refuse");
    for (const work of [
      () => t.gql(TOOLS),
      () => t.gqlAs(vendor, TOOLS),
      () =>
        t.gqlAs(vendor, UPDATE, {
          slug: listing.slug,
          base: 1,
          input: { slug: listing.slug, name: "Renamed while the database is away" },
        }),
    ]) {
      const { value: r, ms } = await timed(work);
      expect(r.status).toBe(503);
      expect(codes(r)).toEqual(["SERVICE_UNAVAILABLE"]);
      // Bounded by the driver's server-selection timeout (3 s), far from its default 30 s.
      expect(ms).toBeLessThan(4000);
    }
    expect(await readinessBecomes(t, 503, 5000)).toBe(true);
    const livez = await fetch(`${base(t)}/livez`);
    expect(livez.status).toBe(200);

    proxy.setMode("forward");
    expect(await readinessBecomes(t, 200)).toBe(true);
    const after = await t.gql<{ tools: { totalCount: number } }>(TOOLS);
    expect(after.data!.tools.totalCount).toBe(total);
    // The update was refused whole: no revision was written, the history is as it was.
    expect(await t.models.ListingRevision.countDocuments({})).toBe(revisionsBefore);
    expect(await t.gqlAs(vendor, STATE, { slug: listing.slug })).toEqual(history);
  });
});

describe("database hangs", () => {
  let proxy: TcpProxy;
  let t: TestApp;
  beforeAll(async () => {
    proxy = await startTcpProxy(process.env.TEST_MONGODB_URI!);
    t = await startTestApp({
      uri: proxy.uri,
      requestTimeoutMs: 1500,
      retryMs: { min: 100, max: 400 },
      reopenAfterMs: 2000,
    });
  });
  afterAll(async () => {
    await t.close();
    await proxy.close();
  });

  it("answers TIMEOUT at the execution deadline instead of hanging, then recovers", async () => {
    const reviewer = (await userWithToken(t, Role.REVIEWER)).token;
    expect((await t.gql(TOOLS)).errors).toBeUndefined();
    proxy.setMode("stall");
    // Anonymous (waits in the resolvers) and with a token (waits in authentication, before them).
    const [anonymous, signedIn] = await Promise.all([timed(() => t.gql(TOOLS)), timed(() => t.gqlAs(reviewer, TOOLS))]);
    for (const { value: r, ms } of [anonymous, signedIn]) {
      expect(r.status).toBe(503);
      expect(codes(r)).toEqual(["TIMEOUT"]);
      expect(ms).toBeGreaterThanOrEqual(1400);
      expect(ms).toBeLessThan(1500 + 1500);
    }

    proxy.setMode("forward");
    expect(await readinessBecomes(t, 200)).toBe(true);
    const again = await t.gql(TOOLS);
    expect(again.errors).toBeUndefined();
    const metrics = await (await fetch(`${base(t)}/metrics`)).text();
    expect(metrics).toMatch(/^ti_request_timeouts_total 2$/m);
  });
});
