import { AccountService } from "../../src/accounts/account.service";
import { Role } from "../../src/accounts/roles";
import { hashToken, newToken } from "../../src/accounts/token";
import { CatalogueSnapshots } from "../../src/catalog/snapshot";
import { createContext, SYSTEM } from "../../src/context";
import { createLogger } from "../../src/logger";
import { codes, startTestApp, TestApp } from "../helpers/app";
import { userWithToken } from "../helpers/accounts";
import { globalId } from "../../src/node/global-id";

let t: TestApp;
let admin: { token: string; userId: string; email: string };

beforeAll(async () => {
  t = await startTestApp();
  admin = await userWithToken(t, Role.ADMIN);
});
afterAll(async () => {
  await t.close();
});

const ME = `{ me { authenticated role } }`;
const TOKENS = `query($u: ID!, $first: Int, $after: String) { apiTokens(userId: $u, first: $first, after: $after) {
  totalCount edges { node { id name hint createdAt expiresAt lastUsedAt revokedAt user { id email } } }
  pageInfo { hasNextPage endCursor } } }`;
const DISABLE = `mutation($u: ID!) { disableUser(userId: $u) { user { id disabled } revokedTokenCount userErrors { field message code } } }`;
const ENABLE = `mutation($u: ID!) { enableUser(userId: $u) { user { id disabled } revokedTokenCount userErrors { field message code } } }`;

interface TokenNode {
  id: string;
  name: string | null;
  createdAt: string;
  revokedAt: string | null;
  user: { id: string; email: string } | null;
}
interface TokensPage {
  apiTokens: {
    totalCount: number;
    edges: { node: TokenNode }[];
    pageInfo: { hasNextPage: boolean; endCursor: string };
  };
}
interface StatusPayload {
  user: { id: string; disabled: boolean } | null;
  revokedTokenCount: number;
  userErrors: { field: string[]; message: string; code: string }[];
}

async function issue(email: string, name: string): Promise<string> {
  const r = await t.gqlAs<{ createApiToken: { token: string | null } }>(
    admin.token,
    `mutation($e: String!, $n: String) { createApiToken(input: { email: $e, name: $n }) { token userErrors { code } } }`,
    { e: email, n: name },
  );
  const token = r.data?.createApiToken.token;
  if (!token) throw new Error(JSON.stringify(r));
  return token;
}

const latestEvent = async (operation: string) =>
  t.models.AuditEvent.findOne({ operation }).sort({ at: -1, _id: -1 }).lean();

const asSystem = () =>
  new AccountService(createContext(t.models, new CatalogueSnapshots(t.models), createLogger("silent"), "ir", SYSTEM));

describe("a user's tokens", () => {
  it("are listed newest first, each once across pages, as metadata with their user, without one read per token", async () => {
    const u = await userWithToken(t, Role.LAW_ENFORCEMENT);
    const secrets = [u.token];
    for (let i = 1; i <= 5; i++) secrets.push(await issue(u.email, `laptop ${i}`));
    const stored = await t.models.ApiToken.find({ user: u.userId }).sort({ createdAt: -1, tokenId: -1 }).lean();
    expect(stored).toHaveLength(6);

    const seen: TokenNode[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const r: { data?: TokensPage } = await t.gqlAs<TokensPage>(admin.token, TOKENS, { u: u.userId, first: 4, after });
      expect(r.data!.apiTokens.totalCount).toBe(6);
      seen.push(...r.data!.apiTokens.edges.map((e) => e.node));
      if (!r.data!.apiTokens.pageInfo.hasNextPage) break;
      after = r.data!.apiTokens.pageInfo.endCursor;
    }
    expect(seen.map((n) => n.id)).toEqual(stored.map((s) => globalId("ApiToken", s.tokenId)));
    expect(seen.every((n) => n.user?.id === globalId("User", u.userId) && n.user.email === u.email)).toBe(true);
    expect(seen.map((n) => n.name).filter(Boolean)).toHaveLength(5);

    const answer = JSON.stringify(seen);
    for (const s of secrets) {
      expect(answer).not.toContain(s);
      expect(answer).not.toContain(hashToken(s));
    }

    t.targets.length = 0;
    const all = await t.gqlAs<TokensPage>(admin.token, TOKENS, { u: u.userId, first: 10 });
    expect(all.data!.apiTokens.edges.every((e) => e.node.user?.email === u.email)).toBe(true);
    // Authentication, the user asked about, and one batched read for all six tokens' users.
    expect(t.targets.filter((x) => x === "find:users")).toHaveLength(3);
    // Authentication and the page itself.
    expect(t.targets.filter((x) => x === "find:apiTokens")).toHaveLength(2);
  });

  it("are shown to admins only, and every look is audited", async () => {
    const u = await userWithToken(t, Role.REVIEWER);
    expect(codes(await t.gqlAs(u.token, TOKENS, { u: admin.userId }))).toEqual(["FORBIDDEN"]);
    expect(codes(await t.gql(TOKENS, { u: admin.userId }))).toEqual(["UNAUTHENTICATED"]);
    const refused = await latestEvent("apiTokens");
    expect(refused).toMatchObject({ outcome: "REFUSED", actorRole: null });

    await t.gqlAs(admin.token, TOKENS, { u: u.userId });
    expect(await latestEvent("apiTokens")).toMatchObject({
      outcome: "ACCEPTED",
      actorId: admin.userId,
      target: `user:${u.userId}`,
    });
    const missing = await t.gqlAs<{ apiTokens: null }>(admin.token, TOKENS, { u: "0123456789abcdef01234567" });
    expect(missing.data).toEqual({ apiTokens: null });
    expect(await latestEvent("apiTokens")).toMatchObject({ outcome: "INVALID", reason: "no such user" });
  });

  it("refuse a cursor issued for another user's tokens", async () => {
    const a = await userWithToken(t, Role.REVIEWER);
    await issue(a.email, "second");
    const b = await userWithToken(t, Role.REVIEWER);
    const first = await t.gqlAs<TokensPage>(admin.token, TOKENS, { u: a.userId, first: 1 });
    const cursor = first.data!.apiTokens.pageInfo.endCursor;
    const r = await t.gqlAs(admin.token, TOKENS, { u: b.userId, first: 1, after: cursor });
    expect(codes(r)).toEqual(["BAD_USER_INPUT"]);
    expect(r.errors![0].extensions?.argument).toBe("after");
  });
});

describe("disabling a user", () => {
  it("revokes every token, refuses them all with 401, even one made afterwards, and is audited", async () => {
    const u = await userWithToken(t, Role.LAW_ENFORCEMENT);
    const tokens = [u.token, await issue(u.email, "phone"), await issue(u.email, "desk")];
    for (const tok of tokens) expect((await t.gqlAs(tok, ME)).status).toBe(200);

    const r = await t.gqlAs<{ disableUser: StatusPayload }>(admin.token, DISABLE, { u: u.userId });
    expect(r.data!.disableUser).toEqual({
      user: { id: globalId("User", u.userId), disabled: true },
      revokedTokenCount: 3,
      userErrors: [],
    });
    for (const tok of tokens) {
      const answer = await t.gqlAs(tok, ME);
      expect(answer.status).toBe(401);
      expect(codes(answer)).toEqual(["UNAUTHENTICATED"]);
    }
    expect(await t.models.ApiToken.countDocuments({ user: u.userId, revokedAt: null })).toBe(0);

    const event = await latestEvent("disableUser");
    expect(event).toMatchObject({ outcome: "ACCEPTED", actorId: admin.userId, target: `user:${u.userId}` });
    const stored = await t.models.ApiToken.find({ user: u.userId }).lean();
    expect(JSON.parse(event!.changes ?? "{}")).toEqual({
      disabled: [false, true],
      revokedTokens: [null, stored.map((s) => s.tokenId).sort()],
    });

    // The API will not issue a token to a disabled user; one written past it (a race, a hand-made fix) still fails.
    const refusedIssue = await t.gqlAs<{ createApiToken: { userErrors: { code: string }[] } }>(
      admin.token,
      `mutation($e: String!) { createApiToken(input: { email: $e }) { token userErrors { code } } }`,
      { e: u.email },
    );
    expect(refusedIssue.data!.createApiToken.userErrors[0].code).toBe("NOT_FOUND");
    const late = newToken();
    await t.models.ApiToken.create([
      {
        _id: late.hash,
        tokenId: late.tokenId,
        user: u.userId,
        name: "made by mistake",
        hint: late.hint,
        expiresAt: new Date(Date.now() + 86_400_000),
      },
    ]);
    expect((await t.gqlAs(late.secret, ME)).status).toBe(401);

    const enabled = await t.gqlAs<{ enableUser: StatusPayload }>(admin.token, ENABLE, { u: u.userId });
    expect(enabled.data!.enableUser).toEqual({
      user: { id: globalId("User", u.userId), disabled: false },
      revokedTokenCount: 1,
      userErrors: [],
    });
    // Re-enabling brings back none of them, not even the one made while disabled.
    for (const tok of [...tokens, late.secret]) expect((await t.gqlAs(tok, ME)).status).toBe(401);
    const enableEvent = await latestEvent("enableUser");
    expect(JSON.parse(enableEvent!.changes ?? "{}")).toEqual({
      disabled: [true, false],
      revokedTokens: [null, [late.tokenId]],
    });
    const fresh = await issue(u.email, "after the incident");
    expect((await t.gqlAs<{ me: { role: string } }>(fresh, ME)).data!.me.role).toBe("LAW_ENFORCEMENT");
  });

  it("answers correctable problems as coded user errors, audited, changing nothing", async () => {
    const u = await userWithToken(t, Role.REVIEWER);
    const cases: [string, string, string, string][] = [
      [DISABLE, admin.userId, "INVALID", "yourself"],
      [DISABLE, "0123456789abcdef01234567", "NOT_FOUND", "no such user"],
      [DISABLE, "not-an-id", "NOT_FOUND", "no such user"],
      [ENABLE, u.userId, "INVALID", "not disabled"],
    ];
    for (const [q, id, code, words] of cases) {
      const before = await t.models.AuditEvent.countDocuments({});
      const r = await t.gqlAs<Record<string, StatusPayload>>(admin.token, q, { u: id });
      const payload = Object.values(r.data!)[0];
      expect(payload.user).toBeNull();
      expect(payload.userErrors).toHaveLength(1);
      expect(payload.userErrors[0]).toMatchObject({ field: ["userId"], code });
      expect(payload.userErrors[0].message).toContain(words);
      expect(await t.models.AuditEvent.countDocuments({})).toBe(before + 1);
      expect(await latestEvent(q === DISABLE ? "disableUser" : "enableUser")).toMatchObject({ outcome: "INVALID" });
    }
    expect((await t.gqlAs(u.token, ME)).status).toBe(200);
    expect((await t.gqlAs(admin.token, ME)).status).toBe(200);
    await t.gqlAs(admin.token, DISABLE, { u: u.userId });
    const again = await t.gqlAs<{ disableUser: StatusPayload }>(admin.token, DISABLE, { u: u.userId });
    expect(again.data!.disableUser.userErrors[0]).toMatchObject({
      code: "INVALID",
      message: expect.stringContaining("already"),
    });
  });

  it("never leaves no enabled admin, even when two admins disable each other at once", async () => {
    const a = await userWithToken(t, Role.ADMIN);
    const b = await userWithToken(t, Role.ADMIN);
    // Leave exactly a and b enabled, as the system (the command-line tool) can.
    for (const other of await t.models.User.find({ role: Role.ADMIN, disabled: false }).lean()) {
      const id = other._id.toHexString();
      if (id !== a.userId && id !== b.userId) expect((await asSystem().disableUser(id)).userErrors).toEqual([]);
    }
    const [ab, ba] = await Promise.all([
      t.gqlAs<{ disableUser: StatusPayload }>(a.token, DISABLE, { u: b.userId }),
      t.gqlAs<{ disableUser: StatusPayload }>(b.token, DISABLE, { u: a.userId }),
    ]);
    const enabled = await t.models.User.find({ role: Role.ADMIN, disabled: false }).lean();
    expect(enabled.length).toBeGreaterThanOrEqual(1);
    const outcomes = [ab, ba].map((r) => r.data?.disableUser.userErrors[0]?.code ?? (r.status === 401 ? "401" : "ok"));
    expect(outcomes.filter((o) => o === "ok").length).toBeLessThanOrEqual(1);

    // Both may have undone their change on seeing the other's (two still enabled), or one landed (one left).
    expect(enabled.length).toBe(2 - outcomes.filter((o) => o === "ok").length);
    if (enabled.length === 2)
      expect((await asSystem().disableUser(enabled[1]._id.toHexString())).userErrors).toEqual([]);
    const last = enabled[0]._id.toHexString();
    const refused = await asSystem().disableUser(last);
    expect(refused.userErrors).toEqual([
      { field: ["userId"], message: "the last enabled admin cannot be disabled", code: "CONFLICT" },
    ]);
    expect(await t.models.User.countDocuments({ role: Role.ADMIN, disabled: false })).toBe(1);
  });
});
