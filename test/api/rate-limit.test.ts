import { Role } from "../../src/accounts/roles";
import { retryAfter } from "../../src/limits/rate-limit";
import { codes, startTestApp, TestApp } from "../helpers/app";
import { userWithToken } from "../helpers/accounts";

const TRIVIAL = `{ __typename }`;
const base = (t: TestApp) => t.runtime.url.replace(/\/graphql$/, "");

async function post(t: TestApp, headers: Record<string, string> = {}) {
  const res = await fetch(t.runtime.url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ query: TRIVIAL }),
  });
  return {
    status: res.status,
    headers: res.headers,
    body: (await res.json()) as { errors?: { extensions: Record<string, unknown> }[] },
  };
}

describe("rate limits", () => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    a = await startTestApp({ rateLimit: { windowMs: 60_000, perAddress: 6, perToken: 4 }, rateLimitSyncMs: 50 });
    // A second instance on the same database shares the counts.
    b = await startTestApp({
      dbName: a.dbName,
      rateLimit: { windowMs: 60_000, perAddress: 6, perToken: 4 },
      rateLimitSyncMs: 50,
    });
  });
  afterAll(async () => {
    await b.runtime.close();
    await a.close();
  });

  it("limits a client address, answering 429 with Retry-After, and shares the count between instances", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await post(a)).status);
    expect(statuses).toEqual([200, 200, 200, 200]);
    // Instance b learns a's four requests at its next sync.
    await a.runtime.limiter.sync();
    await b.runtime.limiter.sync();
    const fromB = [await post(b), await post(b), await post(b)];
    expect(fromB.map((r) => r.status)).toEqual([200, 200, 429]);
    const refused = fromB[2];
    expect(codes(refused.body as never)).toEqual(["RATE_LIMITED"]);
    const retry = Number(refused.headers.get("retry-after"));
    expect(retry).toBeGreaterThanOrEqual(1);
    expect(retry).toBeLessThanOrEqual(120);
    expect(refused.body.errors![0].extensions).toMatchObject({
      scope: "address",
      limit: 6,
      windowSeconds: 60,
      retryAfter: retry,
    });
    expect(refused.headers.get("ratelimit-limit")).toBe("6");
    expect(refused.headers.get("ratelimit-remaining")).toBe("0");
    // Health and metrics are never limited.
    expect((await fetch(`${base(b)}/livez`)).status).toBe(200);
    expect((await fetch(`${base(b)}/readyz`)).status).toBe(200);
    const metrics = await (await fetch(`${base(b)}/metrics`)).text();
    expect(metrics).toMatch(/^ti_rate_limit_rejections_total\{scope="address"\} 1$/m);
    // The counts are in the database: one document per key, window and instance.
    await b.runtime.limiter.sync();
    const docs = await a.models.RateLimitCounter.find({}).lean();
    expect(new Set(docs.map((d) => d.instance)).size).toBe(2);
    expect(docs.reduce((n, d) => n + d.count, 0)).toBe(6);
  });

  it("limits each token on its own, and counts failed authentication against the address", async () => {
    const one = (await userWithToken(a, Role.REVIEWER)).token;
    const two = (await userWithToken(a, Role.REVIEWER)).token;
    const withOne: number[] = [];
    for (let i = 0; i < 5; i++) withOne.push((await post(a, { authorization: `Bearer ${one}` })).status);
    expect(withOne).toEqual([200, 200, 200, 200, 429]);
    const withTwo = await post(a, { authorization: `Bearer ${two}` });
    expect(withTwo.status).toBe(200);
    // The address is already over its limit (previous test): a bad token is refused by the limit, not tried.
    const forged = await post(a, { authorization: `Bearer ti_${"A".repeat(43)}` });
    expect(forged.status).toBe(429);
  });
});

describe("rate-limit state expires in code", () => {
  it("deletes counts once their window can no longer matter", async () => {
    const t = await startTestApp({
      rateLimit: { windowMs: 1000, perAddress: 100, perToken: 100 },
      rateLimitSyncMs: 50,
    });
    try {
      expect((await post(t)).status).toBe(200);
      await t.runtime.limiter.sync();
      expect(await t.models.RateLimitCounter.countDocuments({})).toBe(1);
      // A count expires at the end of the window after its own (at most 2 s here).
      await new Promise((r) => setTimeout(r, 2100));
      await t.runtime.limiter.sync();
      expect(await t.models.RateLimitCounter.countDocuments({})).toBe(0);
    } finally {
      await t.close();
    }
  });
});

describe("Retry-After", () => {
  it("is the time until the sliding estimate falls under the limit", () => {
    // 10 in the current window at the half-way point, limit 10: wait out this window (30 s), then
    // 10 weighted from the previous window must decay to 9: a further 6 s.
    expect(retryAfter(0, 10, 10, 0.5, 60_000)).toBe(36);
    // The previous window's 20 hold it over: (1 - 0.25) * 20 + 0 > 9 until 20 * (1 - 0.25 - t) <= 9, t = 0.3 W.
    expect(retryAfter(20, 0, 10, 0.25, 60_000)).toBe(18);
    // Limit 1, one request just before the window ends: 1 ms left, then a whole window for it to decay.
    expect(retryAfter(0, 1, 1, 0.999, 1000)).toBe(2);
  });
});
