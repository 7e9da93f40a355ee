import { Role } from "../../src/accounts/roles";
import { hashToken } from "../../src/accounts/token";
import { userWithToken } from "../helpers/accounts";
import { startTestApp, TestApp } from "../helpers/app";

/**
 * Browser sessions: an API token exchanged for an HttpOnly cookie, stored in
 * the database (any instance honours it), ended by its owner, by its token's
 * revocation or its user's disabling, and useless to another site.
 */

let t: TestApp;
let base: string;
let origin: string;
const TTL_MS = 3_600_000;

beforeAll(async () => {
  t = await startTestApp({ seed: false, sessionTtlMs: TTL_MS, allowedOrigins: ["https://console.example.org"] });
  base = t.runtime.url.replace(/\/graphql$/, "");
  origin = new URL(base).origin;
});
afterAll(async () => {
  await t.close();
});

async function signIn(token: string) {
  const res = await fetch(`${base}/auth/session`, { method: "POST", headers: { authorization: `Bearer ${token}` } });
  const setCookie = res.headers.get("set-cookie") ?? "";
  const cookie = /^ti_session=([^;]+)/.exec(setCookie)?.[1] ?? null;
  return { res, setCookie, cookie, body: res.status === 201 ? ((await res.json()) as Record<string, unknown>) : null };
}

/** A GraphQL request as a page would send it: the cookie, JSON, and (unless told otherwise) this site's Origin. */
function gqlWithCookie(
  cookie: string,
  query: string,
  { headers = {}, url = base }: { headers?: Record<string, string>; url?: string } = {},
) {
  return fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie: `ti_session=${cookie}`, origin, ...headers },
    body: JSON.stringify({ query }),
  });
}
const me = async (cookie: string, opts?: Parameters<typeof gqlWithCookie>[2]) => {
  const res = await gqlWithCookie(cookie, `{ me { role user { email } } }`, opts);
  return {
    status: res.status,
    body: (await res.json()) as { data?: { me: { user: { email: string } | null } }; errors?: unknown[] },
  };
};

describe("browser sessions", () => {
  it("exchange a token for an HttpOnly, SameSite=Strict cookie of bounded life, stored only as a hash", async () => {
    const u = await userWithToken(t, Role.LAW_ENFORCEMENT);
    const { res, setCookie, cookie, body } = await signIn(u.token);
    expect(res.status).toBe(201);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(cookie).toMatch(/^ts_[A-Za-z0-9_-]{43}$/);
    const attrs = setCookie.split(/;\s*/).slice(1);
    expect(attrs).toEqual(expect.arrayContaining(["Path=/", "HttpOnly", "SameSite=Strict"]));
    // Served over plain http here: Secure would stop the browser from sending it back.
    expect(attrs).not.toContain("Secure");
    const maxAge = Number(attrs.find((a) => a.startsWith("Max-Age="))!.slice(8));
    expect(maxAge).toBeGreaterThan(TTL_MS / 1000 - 60);
    expect(maxAge).toBeLessThanOrEqual(TTL_MS / 1000);
    expect(body).toMatchObject({ user: { email: u.email, role: "LAW_ENFORCEMENT" } });
    expect(JSON.stringify(body)).not.toContain(cookie!);
    expect(JSON.stringify(body)).not.toContain(u.token);

    const stored = await t.models.Session.findOne({ _id: hashToken(cookie!) }).lean();
    expect(stored).not.toBeNull();
    expect(JSON.stringify(await t.models.Session.find().lean())).not.toContain(cookie!);
    expect(stored!.token).toBe(hashToken(u.token));
    expect(stored!.expiresAt.getTime() - stored!.createdAt.getTime()).toBeLessThanOrEqual(TTL_MS);

    expect(await me(cookie!)).toMatchObject({ status: 200, body: { data: { me: { user: { email: u.email } } } } });
    const events = await t.models.AuditEvent.find({ target: `session:${stored!.sessionId}` }).lean();
    expect(events.map((e) => [e.operation, e.outcome, e.actorId])).toEqual([["startSession", "ACCEPTED", u.userId]]);
  });

  it("start only from a bearer token: not from nothing, a bad token, or another session", async () => {
    expect((await fetch(`${base}/auth/session`, { method: "POST" })).status).toBe(401);
    expect((await signIn("ti_" + "x".repeat(43))).res.status).toBe(401);
    const u = await userWithToken(t, Role.REVIEWER);
    const { cookie } = await signIn(u.token);
    const again = await fetch(`${base}/auth/session`, {
      method: "POST",
      headers: { cookie: `ti_session=${cookie}`, origin },
    });
    expect(again.status).toBe(401);
    expect(again.headers.get("set-cookie")).toBeNull();
  });

  it("refuse requests from another site that carry the cookie, and leave bearer tokens alone", async () => {
    const u = await userWithToken(t, Role.REVIEWER);
    const { cookie } = await signIn(u.token);
    const refused = async (opts: Parameters<typeof gqlWithCookie>[2]) => {
      const r = await me(cookie!, opts);
      expect(r.status).toBe(403);
      expect(JSON.stringify(r.body)).toContain("FORBIDDEN");
    };
    await refused({ headers: { origin: "https://evil.example" } });
    await refused({ headers: { origin: "null" } });
    await refused({ headers: { origin: `${origin}.evil.example` } });
    await refused({ headers: { "sec-fetch-site": "cross-site" } });
    await refused({ headers: { "sec-fetch-site": "same-site" } });
    // No Origin at all on a POST: refused too (browsers send one; a forged form cannot drop it and keep the cookie).
    const noOrigin = await fetch(`${base}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: `ti_session=${cookie}` },
      body: JSON.stringify({ query: "{ me { user { email } } }" }),
    });
    expect(noOrigin.status).toBe(403);
    // A configured console origin is accepted.
    expect(await me(cookie!, { headers: { origin: "https://console.example.org" } })).toMatchObject({ status: 200 });
    // A simple GET that a link or an image could send is refused by Apollo's CSRF prevention.
    const get = await fetch(`${base}/graphql?query=${encodeURIComponent("{ me { user { email } } }")}`, {
      headers: { cookie: `ti_session=${cookie}`, "sec-fetch-site": "same-origin" },
    });
    expect(get.status).toBe(400);
    expect(await get.text()).toMatch(/CSRF/i);
    // A mutation with a forged text/plain body (what a cross-site form can send) never runs.
    const form = await fetch(`${base}/graphql`, {
      method: "POST",
      headers: { "content-type": "text/plain", cookie: `ti_session=${cookie}`, origin },
      body: JSON.stringify({ query: `mutation { createShortlist(name: "forged") { shortlist { id } } }` }),
    });
    expect(form.status).toBe(400);
    expect(await t.models.Shortlist.countDocuments({ name: "forged" })).toBe(0);

    // A bearer token is no ambient credential: no Origin rule applies to it.
    const bearer = await fetch(`${base}/graphql`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        authorization: `Bearer ${u.token}`,
        origin: "https://evil.example",
      },
      body: JSON.stringify({ query: "{ me { user { email } } }" }),
    });
    expect(bearer.status).toBe(200);
  });

  it("carry the workspace: a shortlist made and exported with the cookie", async () => {
    const u = await userWithToken(t, Role.LAW_ENFORCEMENT);
    const { cookie } = await signIn(u.token);
    const made = await gqlWithCookie(
      cookie!,
      `mutation { createShortlist(name: "From the console") { shortlist { id } userErrors { code } } }`,
    );
    const id = ((await made.json()) as { data: { createShortlist: { shortlist: { id: string } } } }).data
      .createShortlist.shortlist.id;
    const exported = await fetch(`${base}/shortlists/${id}.json`, {
      headers: { cookie: `ti_session=${cookie}`, "sec-fetch-site": "same-origin" },
    });
    expect(exported.status).toBe(200);
    expect(((await exported.json()) as { shortlist: { name: string } }).shortlist.name).toBe("From the console");
  });

  it("end on sign-out (audited), on the token's revocation and on the user's disabling", async () => {
    const u = await userWithToken(t, Role.LAW_ENFORCEMENT);
    const { cookie } = await signIn(u.token);
    const session = await t.models.Session.findOne({ _id: hashToken(cookie!) }).lean();
    const out = await fetch(`${base}/auth/session`, {
      method: "DELETE",
      headers: { cookie: `ti_session=${cookie}`, origin },
    });
    expect(out.status).toBe(204);
    expect(out.headers.get("set-cookie")).toMatch(/^ti_session=; Max-Age=0; Path=\/; HttpOnly; SameSite=Strict/);
    expect((await me(cookie!)).status).toBe(401);
    const events = await t.models.AuditEvent.find({ target: `session:${session!.sessionId}` })
      .sort({ _id: 1 })
      .lean();
    expect(events.map((e) => e.operation)).toEqual(["startSession", "endSession"]);
    // Signing out again, or with a stale cookie, just clears it.
    const again = await fetch(`${base}/auth/session`, {
      method: "DELETE",
      headers: { cookie: `ti_session=${cookie}` },
    });
    expect(again.status).toBe(204);
    expect(await t.models.AuditEvent.countDocuments({ target: `session:${session!.sessionId}` })).toBe(2);

    // A cross-site sign-out with a live cookie is refused like any other cross-site request.
    const live = await signIn(u.token);
    const forged = await fetch(`${base}/auth/session`, {
      method: "DELETE",
      headers: { cookie: `ti_session=${live.cookie}`, origin: "https://evil.example" },
    });
    expect(forged.status).toBe(403);
    expect((await me(live.cookie!)).status).toBe(200);

    // Revoking the token it was made from ends it.
    const admin = await userWithToken(t, Role.ADMIN);
    const token = await t.models.ApiToken.findOne({ _id: hashToken(u.token) }).lean();
    const revoked = await t.gqlAs<{ revokeApiToken: { userErrors: unknown[] } }>(
      admin.token,
      `mutation($id: ID!) { revokeApiToken(tokenId: $id) { userErrors { code } } }`,
      { id: token!.tokenId },
    );
    expect(revoked.data!.revokeApiToken.userErrors).toEqual([]);
    expect((await me(live.cookie!)).status).toBe(401);

    // Disabling the user ends theirs.
    const v = await userWithToken(t, Role.LAW_ENFORCEMENT);
    const vs = await signIn(v.token);
    expect((await me(vs.cookie!)).status).toBe(200);
    const disabled = await t.gqlAs<{ disableUser: { userErrors: unknown[] } }>(
      admin.token,
      `mutation($id: ID!) { disableUser(userId: $id) { userErrors { code } } }`,
      { id: v.userId },
    );
    expect(disabled.data!.disableUser.userErrors).toEqual([]);
    expect((await me(vs.cookie!)).status).toBe(401);
  });

  it("expire, and never outlive their token", async () => {
    const u = await userWithToken(t, Role.LAW_ENFORCEMENT);
    const { cookie } = await signIn(u.token);
    await t.models.Session.updateOne({ _id: hashToken(cookie!) }, { $set: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await me(cookie!)).status).toBe(401);

    const soon = new Date(Date.now() + 120_000);
    await t.models.ApiToken.updateOne({ _id: hashToken(u.token) }, { $set: { expiresAt: soon } });
    const short = await signIn(u.token);
    const stored = await t.models.Session.findOne({ _id: hashToken(short.cookie!) }).lean();
    expect(stored!.expiresAt.getTime()).toBe(soon.getTime());
    expect(Number(/Max-Age=(\d+)/.exec(short.setCookie)![1])).toBeLessThanOrEqual(120);
  });

  it("are Secure when served over https (here, behind a trusted proxy on loopback)", async () => {
    const u = await userWithToken(t, Role.LAW_ENFORCEMENT);
    const proxied = await startTestApp({ dbName: t.dbName, trustProxy: "loopback" });
    try {
      const proxiedBase = proxied.runtime.url.replace(/\/graphql$/, "");
      const res = await fetch(`${proxiedBase}/auth/session`, {
        method: "POST",
        headers: { authorization: `Bearer ${u.token}`, "x-forwarded-proto": "https" },
      });
      expect(res.status).toBe(201);
      expect(res.headers.get("set-cookie")!.split(/;\s*/)).toContain("Secure");
      const cookie = /^ti_session=([^;]+)/.exec(res.headers.get("set-cookie")!)![1];
      // Its own origin is now https://…: the http origin is another site.
      const https = `https://${new URL(proxiedBase).host}`;
      const ask = (o: string) =>
        gqlWithCookie(cookie, `{ me { user { email } } }`, {
          url: proxiedBase,
          headers: { origin: o, "x-forwarded-proto": "https" },
        });
      expect((await ask(https)).status).toBe(200);
      expect((await ask(new URL(proxiedBase).origin)).status).toBe(403);
    } finally {
      await proxied.close();
    }
  });

  it("are honoured by every instance that shares the database", async () => {
    const u = await userWithToken(t, Role.LAW_ENFORCEMENT);
    const { cookie } = await signIn(u.token);
    const other = await startTestApp({ dbName: t.dbName });
    try {
      const otherBase = other.runtime.url.replace(/\/graphql$/, "");
      const r = await gqlWithCookie(cookie!, `{ me { user { email } } }`, {
        url: otherBase,
        headers: { origin: new URL(otherBase).origin },
      });
      expect(r.status).toBe(200);
      expect(((await r.json()) as { data: { me: { user: { email: string } } } }).data.me.user.email).toBe(u.email);
      const out = await fetch(`${otherBase}/auth/session`, {
        method: "DELETE",
        headers: { cookie: `ti_session=${cookie}`, origin: new URL(otherBase).origin },
      });
      expect(out.status).toBe(204);
      expect((await me(cookie!)).status).toBe(401);
    } finally {
      await other.close();
    }
  });
});
