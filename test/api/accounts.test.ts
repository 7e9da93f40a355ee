import { execFile } from "node:child_process";
import { join } from "node:path";
import { Types } from "mongoose";
import { Role } from "../../src/accounts/roles";
import { hashToken } from "../../src/accounts/token";
import { AvailabilityStatus, ListingKind, PublicationState, Visibility } from "../../src/catalog/enums";
import { bumpCatalogueRevision } from "../../src/catalog/snapshot";
import { derivedToolFields } from "../../src/catalog/tools/tool.derive";
import { codes, startTestApp, TestApp } from "../helpers/app";
import { userWithToken } from "../helpers/accounts";
import { publicListings } from "../helpers/seed-facts";

let t: TestApp;
const logLines: string[] = [];
let admin: string;
let vendor: string;
let police: string;
let reviewer: string;

beforeAll(async () => {
  t = await startTestApp({ seed: true, logLines });
  admin = (await userWithToken(t, Role.ADMIN)).token;
  vendor = (await userWithToken(t, Role.VENDOR, "internet-watch-foundation-iwf")).token;
  police = (await userWithToken(t, Role.LAW_ENFORCEMENT)).token;
  reviewer = (await userWithToken(t, Role.REVIEWER)).token;

  const cap = await t.models.Capability.findOne({ slug: "triage" }).lean();
  for (const [slug, visibility] of [
    ["restricted-le-tool", Visibility.LAW_ENFORCEMENT],
    ["members-only-tool", Visibility.MEMBERS],
  ] as const) {
    const base = {
      kind: ListingKind.TOOL,
      aliases: [],
      organisation: null,
      summary: "Qwertz restricted listing.",
      capabilities: [cap!._id],
      availability: [{ jurisdiction: "GB", status: AvailabilityStatus.IN_USE, notes: null }],
      offers: [],
      sources: [{ document: null, url: "https://example.org/x", locator: "x", unverified: true }],
    };
    await t.models.Tool.create([
      {
        _id: new Types.ObjectId(),
        ...base,
        slug,
        name: `Qwertz ${slug}`,
        visibility,
        publicationState: PublicationState.PUBLISHED,
        ...derivedToolFields({ ...base, name: slug }, null),
      },
    ]);
  }
  await bumpCatalogueRevision(t.models);
});
afterAll(async () => {
  await t.close();
});

const ME = `{ me { authenticated role user { email role organisation { slug } } organisation { slug } } }`;

describe("authentication", () => {
  it("knows an anonymous caller and a signed-in one", async () => {
    const anon = await t.gql<{ me: { authenticated: boolean; role: string | null } }>(ME);
    expect(anon.data!.me).toMatchObject({ authenticated: false, role: null });
    const v = await t.gqlAs<{ me: { authenticated: boolean; role: string; organisation: { slug: string } } }>(
      vendor,
      ME,
    );
    expect(v.data!.me).toMatchObject({
      authenticated: true,
      role: "VENDOR",
      organisation: { slug: "internet-watch-foundation-iwf" },
    });
  });

  it("refuses malformed, unknown, expired and revoked tokens alike, with 401 and no hint", async () => {
    const { token: expired } = await userWithToken(t, Role.LAW_ENFORCEMENT);
    await t.models.ApiToken.updateOne(
      { _id: hashToken(expired) },
      { $set: { expiresAt: new Date(Date.now() - 1000) } },
    );
    const { token: revoked } = await userWithToken(t, Role.LAW_ENFORCEMENT);
    await t.models.ApiToken.updateOne({ _id: hashToken(revoked) }, { $set: { revokedAt: new Date() } });
    const unknown = `ti_${"A".repeat(43)}`;
    const answers = [];
    for (const auth of [
      `Bearer ${expired}`,
      `Bearer ${revoked}`,
      `Bearer ${unknown}`,
      "Bearer nope",
      "Basic YWRtaW46YWRtaW4=",
      `Bearer ${admin} extra`,
    ]) {
      const r = await t.gqlAs(auth, ME);
      expect(r.status).toBe(401);
      expect(codes(r)).toEqual(["UNAUTHENTICATED"]);
      answers.push(r.errors![0].message);
    }
    expect(new Set(answers).size).toBe(1);
  });
});

describe("visibility by role", () => {
  const Q = `{ tools(search: "qwertz") { totalCount edges { node { slug } } } capability(slug: "triage") { toolCount }
    le: tool(slug: "restricted-le-tool") { slug } members: tool(slug: "members-only-tool") { slug } }`;
  type R = { tools: { totalCount: number }; capability: { toolCount: number }; le: unknown; members: unknown };
  const triage = publicListings.filter((l) => l.capabilities.includes("triage")).length;

  it.each([
    ["anonymous", () => "", 0, false, false],
    ["vendor", () => vendor, 1, false, true],
    ["law enforcement", () => police, 2, true, true],
    ["reviewer", () => reviewer, 2, true, true],
    ["admin", () => admin, 2, true, true],
  ])("%s", async (_who, token, extra, seesLe, seesMembers) => {
    const r = token() ? await t.gqlAs<R>(token(), Q) : await t.gql<R>(Q);
    expect(r.errors).toBeUndefined();
    expect(r.data!.tools.totalCount).toBe(extra);
    expect(r.data!.capability.toolCount).toBe(triage + extra);
    expect(r.data!.le !== null).toBe(seesLe);
    expect(r.data!.members !== null).toBe(seesMembers);
  });

  it("applies to report exports too", async () => {
    const base = t.runtime.url.replace(/\/graphql$/, "");
    const cell = async (auth?: string) => {
      const res = await fetch(`${base}/reports/gaps.json?jurisdictions=GB&capabilities=triage`, {
        headers: auth ? { authorization: `Bearer ${auth}` } : {},
      });
      const body = (await res.json()) as { cells: { listings: string[] }[] };
      return body.cells[0].listings;
    };
    expect(await cell()).not.toContain("restricted-le-tool");
    expect(await cell(police)).toContain("restricted-le-tool");
    const bad = await fetch(`${base}/reports/gaps.json`, { headers: { authorization: "Bearer nope" } });
    expect(bad.status).toBe(401);
  });
});

describe("organisation contact details", () => {
  it("are shown to signed-in callers only", async () => {
    await t.models.Organisation.updateOne({ slug: "thorn" }, { $set: { contact: "partnerships@example.org" } });
    await bumpCatalogueRevision(t.models);
    const Q = `{ organisation(slug: "thorn") { contact } }`;
    expect((await t.gql(Q)).data).toEqual({ organisation: { contact: null } });
    expect((await t.gqlAs(vendor, Q)).data).toEqual({ organisation: { contact: "partnerships@example.org" } });
  });
});

describe("admin operations", () => {
  const CREATE = `mutation($input: CreateUserInput!) { createUser(input: $input) { user { email role organisation { slug } } userErrors { field message code } } }`;

  it("are refused to everyone but admins, and every attempt is audited", async () => {
    const before = await t.models.AuditEvent.countDocuments({});
    const input = { email: "someone@example.org", role: "LAW_ENFORCEMENT" };
    expect(codes(await t.gql(CREATE, { input }))).toEqual(["UNAUTHENTICATED"]);
    for (const tok of [vendor, police, reviewer])
      expect(codes(await t.gqlAs(tok, CREATE, { input }))).toEqual(["FORBIDDEN"]);
    expect(await t.models.User.countDocuments({ email: "someone@example.org" })).toBe(0);
    const ok = await t.gqlAs<{ createUser: { user: { email: string } } }>(admin, CREATE, { input });
    expect(ok.data!.createUser.user.email).toBe("someone@example.org");
    const events = await t.models.AuditEvent.find({ operation: "createUser" }).sort({ _id: 1 }).lean();
    const recent = events.slice(-5);
    expect(await t.models.AuditEvent.countDocuments({})).toBe(before + 5);
    expect(recent.map((e) => e.outcome)).toEqual(["REFUSED", "REFUSED", "REFUSED", "REFUSED", "ACCEPTED"]);
    expect(recent.map((e) => e.actorRole)).toEqual([null, "VENDOR", "LAW_ENFORCEMENT", "REVIEWER", "ADMIN"]);
    expect(JSON.parse(recent[4].changes ?? "{}")).toMatchObject({ email: [null, "someone@example.org"] });
  });

  it("return correctable problems as user errors", async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ email: "not-an-email", role: "REVIEWER" }, "email", "INVALID"],
      [{ email: "v@example.org", role: "VENDOR" }, "organisation", "INVALID"],
      [{ email: "v@example.org", role: "VENDOR", organisation: "no-such-org" }, "organisation", "NOT_FOUND"],
      [
        { email: "r@example.org", role: "REVIEWER", organisation: "internet-watch-foundation-iwf" },
        "organisation",
        "INVALID",
      ],
      [{ email: "SOMEONE@example.org", role: "REVIEWER" }, "email", "DUPLICATE"],
    ];
    for (const [input, field, code] of cases) {
      const r = await t.gqlAs<{ createUser: { user: unknown; userErrors: { field: string[]; code: string }[] } }>(
        admin,
        CREATE,
        { input },
      );
      expect(r.data!.createUser.user).toBeNull();
      expect(r.data!.createUser.userErrors[0]).toMatchObject({ field: ["input", field], code });
    }
  });

  it("issue and revoke tokens; a revoked token stops working at once", async () => {
    const issued = await t.gqlAs<{
      createApiToken: { token: string; apiToken: { id: string; hint: string; user: { email: string } | null } };
    }>(
      admin,
      `mutation { createApiToken(input: { email: "someone@example.org", expiresInDays: 7 }) { token apiToken { id hint expiresAt user { email } } userErrors { code } } }`,
    );
    const { token, apiToken } = issued.data!.createApiToken;
    expect(token).toMatch(/^ti_[A-Za-z0-9_-]{43}$/);
    expect(token.startsWith(apiToken.hint)).toBe(true);
    expect(apiToken.user).toEqual({ email: "someone@example.org" });
    expect((await t.gqlAs<{ me: { role: string } }>(token, ME)).data!.me.role).toBe("LAW_ENFORCEMENT");
    expect(await t.models.ApiToken.countDocuments({ _id: token })).toBe(0);

    const other = await t.gqlAs<{ revokeApiToken: { userErrors: { code: string }[] } }>(
      police,
      `mutation($id: ID!) { revokeApiToken(tokenId: $id) { apiToken { id } userErrors { code } } }`,
      { id: apiToken.id },
    );
    expect(other.data!.revokeApiToken.userErrors[0].code).toBe("NOT_FOUND");
    const own = await t.gqlAs<{ revokeApiToken: { apiToken: { revokedAt: string } } }>(
      token,
      `mutation($id: ID!) { revokeApiToken(tokenId: $id) { apiToken { revokedAt } userErrors { code } } }`,
      { id: apiToken.id },
    );
    expect(own.data!.revokeApiToken.apiToken.revokedAt).toBeTruthy();
    expect(codes(await t.gqlAs(token, ME))).toEqual(["UNAUTHENTICATED"]);
  });

  it("show the audit log to admins only, filtered, and never a token in it or in the logs", async () => {
    const Q = `query($op: String) { auditEvents(operation: $op, first: 100) { totalCount edges { node { operation outcome actorRole target changes requestId } } } }`;
    expect(codes(await t.gqlAs(police, Q, {}))).toEqual(["FORBIDDEN"]);
    const r = await t.gqlAs<{
      auditEvents: { totalCount: number; edges: { node: { operation: string; requestId: string } }[] };
    }>(admin, Q, { op: "createApiToken" });
    expect(r.data!.auditEvents.totalCount).toBeGreaterThan(0);
    expect(r.data!.auditEvents.edges.every((e) => e.node.operation === "createApiToken" && e.node.requestId)).toBe(
      true,
    );

    const tokens = await t.models.ApiToken.find({}).lean();
    expect(tokens.length).toBeGreaterThan(4);
    const everything = JSON.stringify(await t.models.AuditEvent.find({}).lean()) + logLines.join("\n");
    expect(logLines.length).toBeGreaterThan(10);
    expect(everything).not.toMatch(/ti_[A-Za-z0-9_-]{43}/);
    for (const tok of [admin, vendor, police, reviewer]) expect(everything).not.toContain(tok);
  });
});

describe("command-line tool", () => {
  // The tool runs asynchronously: a blocking spawn would freeze this process's
  // event loop past the server's keep-alive timeout and hand fetch a dead socket.
  it("bootstraps an admin and prints a working token alone on the last line", async () => {
    const env = { ...process.env, MONGODB_URI: process.env.TEST_MONGODB_URI, DB_NAME: t.dbName, LOG_LEVEL: "warn" };
    const tsx = join(__dirname, "..", "..", "node_modules", ".bin", "tsx");
    const cli = join(__dirname, "..", "..", "src", "cli.ts");
    const run = (args: string[]) =>
      new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
        execFile(tsx, [cli, ...args], { env, encoding: "utf8" }, (err, stdout, stderr) =>
          resolve({ status: err ? (typeof err.code === "number" ? err.code : 1) : 0, stdout, stderr }),
        );
      });
    const created = await run(["create-user", "--email", "first.admin@example.org", "--role", "ADMIN"]);
    expect(created.status).toBe(0);
    expect(created.stdout).toContain("created ADMIN first.admin@example.org");
    const bad = await run(["create-user", "--email", "x@example.org", "--role", "KING"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("--role must be one of");
    const tok = await run(["create-token", "--email", "first.admin@example.org", "--expires-in-days", "3"]);
    expect(tok.status).toBe(0);
    const lines = tok.stdout.trim().split("\n");
    expect(lines[lines.length - 1]).toMatch(/^ti_[A-Za-z0-9_-]{43}$/);
    const r = await t.gqlAs<{ me: { role: string } }>(lines[lines.length - 1], ME);
    expect(r.data!.me.role).toBe("ADMIN");
  });
});
