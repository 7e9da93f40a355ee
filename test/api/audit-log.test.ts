import { Types } from "mongoose";
import { Role } from "../../src/accounts/roles";
import { AuditOutcome } from "../../src/audit/audit.model";
import { QUERY_LIMITS } from "../../src/limits/query-limits";
import { startTestApp, TestApp } from "../helpers/app";
import { userWithToken } from "../helpers/accounts";
import { globalId } from "../../src/node/global-id";

let t: TestApp;
const logLines: string[] = [];
let admin: { token: string; userId: string };
let adminTokenId: string;
/** Any signed-in caller who may not create users; the bound does not depend on the role. */
let member: { token: string; userId: string };

beforeAll(async () => {
  t = await startTestApp({ logLines });
  admin = await userWithToken(t, Role.ADMIN);
  member = await userWithToken(t, Role.REVIEWER);
  const tok = await t.models.ApiToken.findOne({ user: admin.userId }).lean();
  adminTokenId = tok?.tokenId ?? "";
});
afterAll(async () => {
  await t.close();
});

async function post(
  token: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
) {
  const res = await fetch(t.runtime.url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}`, ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as {
    data?: Record<string, unknown>;
    errors?: { message: string; extensions?: { code?: string; limit?: string; argument?: string } }[];
  };
  return { status: res.status, requestId: res.headers.get("x-request-id"), ...body };
}

/**
 * `n` aliased attempts to revoke someone else's token: each is refused
 * inside the service with a user error, so each runs and writes its event
 * (a refusal at the role gate stops a mutation operation at the first).
 */
const flood = (n: number) =>
  `mutation { ${Array.from({ length: n }, (_, i) => `a${i}: revokeApiToken(tokenId: "${adminTokenId}") { userErrors { code } }`).join(" ")} }`;

describe("what one request can write to the audit log", () => {
  it("refuses, before anything runs, an operation with more root fields that write events than the limit", async () => {
    const cap = QUERY_LIMITS.maxAuditedFields;
    const viaFragment = `mutation { ...F } fragment F on Mutation { ${Array.from({ length: cap + 1 }, (_, i) => `r${i}: revokeApiToken(tokenId: "x${i}") { userErrors { code } }`).join(" ")} }`;
    const readsOfTokens = `{ ${Array.from({ length: cap + 1 }, (_, i) => `t${i}: apiTokens(userId: "${member.userId}") { totalCount }`).join(" ")} }`;
    for (const [token, query] of [
      [member.token, flood(15)],
      [member.token, flood(cap + 1)],
      [member.token, viaFragment],
      [admin.token, readsOfTokens],
    ]) {
      const before = await t.models.AuditEvent.countDocuments({});
      t.targets.length = 0;
      const r = await post(token, query);
      const sent = t.targets.filter((x) => x.endsWith(":auditEvents"));
      expect(r.status).toBe(400);
      expect(r.errors?.map((e) => [e.extensions?.code, e.extensions?.limit])).toEqual([
        ["GRAPHQL_VALIDATION_FAILED", "auditedFields"],
      ]);
      expect(r.errors?.[0].message).toContain(`at most ${cap}`);
      expect(sent).toEqual([]);
      expect(await t.models.AuditEvent.countDocuments({})).toBe(before);
    }
  });

  it("writes at most the limit's number of events for the largest operation it accepts", async () => {
    const before = await t.models.AuditEvent.countDocuments({});
    const r = await post(member.token, flood(QUERY_LIMITS.maxAuditedFields));
    expect(r.errors).toBeUndefined();
    const written = await t.models.AuditEvent.find({ requestId: r.requestId ?? "" }).lean();
    expect(written).toHaveLength(QUERY_LIMITS.maxAuditedFields);
    expect(written.every((e) => e.outcome === AuditOutcome.REFUSED && e.operation === "revokeApiToken")).toBe(true);
    expect(await t.models.AuditEvent.countDocuments({})).toBe(before + QUERY_LIMITS.maxAuditedFields);
  });

  it("writes one event for a mutation operation without a valid token, however many mutations it has", async () => {
    const res = await fetch(t.runtime.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: flood(QUERY_LIMITS.maxAuditedFields) }),
    });
    const body = (await res.json()) as { errors?: { extensions?: { code?: string } }[] };
    expect(body.errors?.map((e) => e.extensions?.code)).toEqual(["UNAUTHENTICATED"]);
    const written = await t.models.AuditEvent.find({ requestId: res.headers.get("x-request-id") ?? "" }).lean();
    expect(written.map((e) => [e.operation, e.outcome, e.actorId])).toEqual([
      ["revokeApiToken", AuditOutcome.REFUSED, null],
    ]);

    // Refused reads of tokens run side by side, each audited: the cap still bounds them.
    const reads = `{ ${Array.from({ length: QUERY_LIMITS.maxAuditedFields }, (_, i) => `t${i}: apiTokens(userId: "${member.userId}") { totalCount }`).join(" ")} }`;
    const q = await fetch(t.runtime.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: reads }),
    });
    const refusedReads = await t.models.AuditEvent.find({ requestId: q.headers.get("x-request-id") ?? "" }).lean();
    expect(refusedReads).toHaveLength(QUERY_LIMITS.maxAuditedFields);
  });
});

const PAGE = `query($first: Int, $after: String, $op: String, $actor: String, $from: DateTimeISO, $to: DateTimeISO) {
auditEvents(first: $first, after: $after, operation: $op, actor: $actor, from: $from, to: $to) {
  edges { node { id at operation } } pageInfo { hasNextPage hasPreviousPage endCursor } } }`;
type PageData = {
  auditEvents: {
    edges: { node: { id: string; at: string; operation: string } }[];
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
  };
};

async function readAll(vars: Record<string, unknown>, first: number): Promise<string[]> {
  const ids: string[] = [];
  let after: string | null = null;
  for (let page = 0; page < 100; page++) {
    const r = await post(admin.token, PAGE, { ...vars, first, after });
    expect(r.errors).toBeUndefined();
    const data = r.data as PageData;
    expect(data.auditEvents.pageInfo.hasPreviousPage).toBe(after !== null);
    ids.push(...data.auditEvents.edges.map((e) => e.node.id));
    if (!data.auditEvents.pageInfo.hasNextPage) return ids;
    after = data.auditEvents.pageInfo.endCursor;
  }
  throw new Error("more pages than events");
}

describe("the audit log, read a page at a time", () => {
  const base = new Date("2026-01-01T00:00:00Z").getTime();
  const ops = ["updateListing", "createUser", "revokeApiToken"];

  beforeAll(async () => {
    // 240 events at 80 instants, three at each, so ties are broken by id on every page boundary.
    const events = Array.from({ length: 240 }, (_, i) => ({
      _id: new Types.ObjectId(),
      at: new Date(base + Math.floor(i / 3) * 1000),
      actorId: i % 2 ? admin.userId : member.userId,
      actorRole: "ADMIN",
      operation: ops[i % 3],
      target: `listing:paged-${i % 7}`,
      requestId: `paged-${i}`,
      clientRequestId: null,
      outcome: AuditOutcome.ACCEPTED,
      reason: null,
      changes: null,
    }));
    await t.models.AuditEvent.insertMany(events.sort(() => Math.random() - 0.5));
  });

  const expected = async (keep: (e: { operation: string; at: Date; actorId: string | null }) => boolean) =>
    (await t.models.AuditEvent.find({}).lean())
      .filter(keep)
      .sort((a, b) => b.at.getTime() - a.at.getTime() || b._id.toHexString().localeCompare(a._id.toHexString()))
      .map((e) => globalId("AuditEvent", e._id.toHexString()));

  it("returns every event exactly once, newest first with ties by id, whatever the page size", async () => {
    const all = await expected(() => true);
    expect(all.length).toBeGreaterThan(240);
    for (const first of [37, 100]) expect(await readAll({}, first)).toEqual(all);
  });

  it("pages of one step over ties one event at a time", async () => {
    const to = new Date(base + 30_000);
    const want = await expected((e) => e.operation === "revokeApiToken" && e.at <= to);
    expect(await readAll({ op: "revokeApiToken", to: to.toISOString() }, 1)).toEqual(want);
  });

  it("keeps the filters (actor, operation, from, to) in the query, and the order", async () => {
    const from = new Date(base + 20_000);
    const to = new Date(base + 60_000);
    const ids = await readAll(
      { op: "updateListing", actor: member.userId, from: from.toISOString(), to: to.toISOString() },
      7,
    );
    const want = await expected(
      (e) => e.operation === "updateListing" && e.actorId === member.userId && e.at >= from && e.at <= to,
    );
    expect(want.length).toBeGreaterThan(10);
    expect(ids).toEqual(want);
  });

  it("does not repeat or skip an event when newer ones arrive between pages", async () => {
    const before = await expected((e) => e.operation === "revokeApiToken");
    const walked: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 100; page++) {
      const r = (await post(admin.token, PAGE, { op: "revokeApiToken", first: 4, after })).data as PageData;
      walked.push(...r.auditEvents.edges.map((e) => e.node.id));
      // Newer events, written while the walk goes on, belong before page one and are not in it.
      if (page === 0) await post(member.token, flood(3));
      if (!r.auditEvents.pageInfo.hasNextPage) break;
      after = r.auditEvents.pageInfo.endCursor;
    }
    expect(walked).toEqual(before);
    expect((await expected((e) => e.operation === "revokeApiToken")).length).toBe(before.length + 3);
  });

  it("refuses a cursor issued for another filter, and a forged one", async () => {
    const r = await post(admin.token, PAGE, { op: "createUser", first: 5 });
    const cursor = (r.data as PageData).auditEvents.pageInfo.endCursor;
    const other = await post(admin.token, PAGE, { op: "updateListing", first: 5, after: cursor });
    expect(other.errors?.map((e) => [e.extensions?.code, e.extensions?.argument])).toEqual([
      ["BAD_USER_INPUT", "after"],
    ]);
    const body = JSON.parse(Buffer.from(cursor ?? "", "base64url").toString("utf8")) as { k: unknown[] };
    for (const k of [
      ["x", body.k[1]],
      [body.k[0], "not-an-object-id"],
      [1.5, body.k[1]],
      [1e16, body.k[1]],
    ]) {
      const forged = Buffer.from(JSON.stringify({ ...body, k })).toString("base64url");
      const f = await post(admin.token, PAGE, { op: "createUser", first: 5, after: forged });
      expect(f.errors?.map((e) => e.extensions?.argument)).toEqual(["after"]);
    }
  });

  it("reads one limited page, not the collection, and counts only when totalCount is asked for", async () => {
    const total = await t.models.AuditEvent.countDocuments({});
    expect(total).toBeGreaterThan(250);
    t.targets.length = 0;
    const r = await post(admin.token, `{ auditEvents(first: 10) { edges { node { id } } } }`);
    expect(r.errors).toBeUndefined();
    // A whole-collection read of 250+ events needs getMore after the first batch of 101; a page of 11 does not.
    expect(t.targets.filter((x) => x.endsWith(":auditEvents"))).toEqual(["find:auditEvents"]);
    expect(t.targets.filter((x) => x.startsWith("getMore"))).toEqual([]);

    t.targets.length = 0;
    const counted = await post(admin.token, `{ auditEvents(first: 10) { totalCount } }`);
    expect((counted.data as { auditEvents: { totalCount: number } }).auditEvents.totalCount).toBe(total);
    expect(t.targets.filter((x) => x.endsWith(":auditEvents")).sort()).toEqual([
      "aggregate:auditEvents",
      "find:auditEvents",
    ]);
    expect(t.targets.filter((x) => x.startsWith("getMore"))).toEqual([]);
  });

  it("has its indexes on the database", async () => {
    const keys = (await t.models.AuditEvent.collection.indexes()).map((i) => JSON.stringify(i.key));
    for (const key of [
      { at: -1, _id: -1 },
      { actorId: 1, at: -1, _id: -1 },
      { target: 1, at: -1, _id: -1 },
      { operation: 1, at: -1, _id: -1 },
    ]) {
      expect(keys).toContain(JSON.stringify(key));
    }
  });
});

describe("request ids", () => {
  const EVENTS = `query($r: String) { auditEvents(first: 5, operation: "revokeApiToken", actor: $r) { edges { node { requestId clientRequestId } } } }`;

  it("are always our own; the client's is kept apart, in the audit event and the log line", async () => {
    const mine = "incident-4711 step 2";
    const a = await post(member.token, flood(1), {}, { "x-request-id": mine });
    const b = await post(member.token, flood(1), {}, { "x-request-id": mine });
    for (const r of [a, b]) {
      expect(r.requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(r.requestId).not.toBe(mine);
    }
    expect(a.requestId).not.toBe(b.requestId);
    const seen = await post(admin.token, EVENTS, { r: member.userId });
    const nodes = (
      seen.data as { auditEvents: { edges: { node: { requestId: string; clientRequestId: string } }[] } }
    ).auditEvents.edges.map((e) => e.node);
    expect(nodes.slice(0, 2)).toEqual([
      { requestId: b.requestId, clientRequestId: mine },
      { requestId: a.requestId, clientRequestId: mine },
    ]);
    const line = logLines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => l.requestId === a.requestId && l.msg === "request");
    expect(line).toMatchObject({ requestId: a.requestId, clientRequestId: mine, status: 200 });
  });

  it("drop a client id that is too long or not printable ASCII", async () => {
    const exactly64 = "x".repeat(64);
    for (const [given, kept] of [
      [exactly64, exactly64],
      ["y".repeat(65), null],
      ["tab\there", null],
      ["caf\u00e9", null],
      ["", null],
    ] as const) {
      const r = await post(member.token, flood(1), {}, given === "" ? {} : { "x-request-id": given });
      const event = await t.models.AuditEvent.findOne({ requestId: r.requestId ?? "" }).lean();
      expect(event?.clientRequestId ?? null).toBe(kept);
      const line = logLines
        .map((l) => JSON.parse(l) as Record<string, unknown>)
        .find((l) => l.requestId === r.requestId && l.msg === "request");
      expect(line?.clientRequestId ?? null).toBe(kept);
    }
  });
});
