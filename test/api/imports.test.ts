import { execFile } from "node:child_process";
import { readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Role } from "../../src/accounts/roles";
import { AuditOutcome } from "../../src/audit/audit.model";
import { CatalogueSnapshots } from "../../src/catalog/snapshot";
import { createContext, SYSTEM } from "../../src/context";
import { IMPORT_CSV_COLUMNS, IMPORT_LIMITS } from "../../src/imports/import.format";
import { ImportReport, ImportService, RowReport } from "../../src/imports/import.service";
import { createLogger } from "../../src/logger";
import { RevisionState } from "../../src/listings/revision.model";
import { startTestApp, TestApp } from "../helpers/app";
import { userWithToken } from "../helpers/accounts";
import { parseCsv } from "../helpers/csv";

let t: TestApp;
let base: string;
let admin: string;
let reviewer: { token: string; email: string };
let vendor: { token: string; email: string };
let police: string;

beforeAll(async () => {
  t = await startTestApp({ seed: true });
  base = t.runtime.url.replace(/\/graphql$/, "");
  admin = (await userWithToken(t, Role.ADMIN)).token;
  reviewer = await userWithToken(t, Role.REVIEWER);
  vendor = await userWithToken(t, Role.VENDOR, "thorn");
  police = (await userWithToken(t, Role.LAW_ENFORCEMENT)).token;
});
afterAll(async () => {
  await t.close();
});

const EXAMPLES = join(__dirname, "..", "..", "seed", "examples");

function post(body: string | Buffer, opts: { token?: string; type?: string; query?: string } = {}): Promise<Response> {
  return fetch(`${base}/imports?${opts.query ?? "dryRun=true"}`, {
    method: "POST",
    headers: {
      "content-type": opts.type ?? "text/csv",
      ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
    },
    body,
  });
}

async function importCsv(body: string, dryRun: boolean, token = reviewer.token): Promise<ImportReport> {
  const res = await post(body, { token, query: `dryRun=${dryRun}` });
  const json = (await res.json()) as ImportReport;
  expect({ status: res.status, body: res.status === 200 ? null : json }).toEqual({ status: 200, body: null });
  return json;
}

/** What a change to the database would show: listings, revisions and audit events. */
async function written() {
  const [listings, revisions, events] = await Promise.all([
    t.models.Tool.countDocuments({}),
    t.models.ListingRevision.countDocuments({}),
    t.models.AuditEvent.countDocuments({}),
  ]);
  return { listings, revisions, events };
}

type Row = Partial<Record<(typeof IMPORT_CSV_COLUMNS)[number], string>>;

/** A CSV file with every column, quoting every cell (RFC 4180). */
function csvFile(rows: Row[]): string {
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  return [IMPORT_CSV_COLUMNS.join(","), ...rows.map((r) => IMPORT_CSV_COLUMNS.map((c) => q(r[c] ?? "")).join(","))]
    .map((l) => `${l}\r\n`)
    .join("");
}

const row = (slug: string, extra: Row = {}): Row => ({
  slug,
  name: `Imported triage aid ${slug}`,
  kind: "tool",
  summary: "Sorts incoming hotline reports by urgency.",
  capabilities: "triage",
  media_types: "IMAGE;video",
  offers: "FREE_FOR_ELIGIBLE|HOTLINE+LAW_ENFORCEMENT|yes",
  availability: "GB=AVAILABLE;CA=RESTRICTED|pilot only",
  visibility: "PUBLIC",
  sources: "https://example.org/triage#product page;cda-twg-2018#Recommendations, line 10",
  ...extra,
});

const byRow = (r: ImportReport, n: number): RowReport => {
  const x = r.results.find((y) => y.row === n);
  if (!x) throw new Error(`no row ${n} in ${JSON.stringify(r.results)}`);
  return x;
};

const PUBLIC_LISTING = `query($slug: String!) { listing(slug: $slug) { slug summary revision } }`;

describe("the example files", () => {
  it.each(["import.csv", "import.json"])("%s passes a dry run: every row new and valid, nothing written", async (f) => {
    const before = await written();
    const res = await post(readFileSync(join(EXAMPLES, f)), {
      token: reviewer.token,
      type: f.endsWith(".csv") ? "text/csv" : "application/json",
    });
    expect(res.status).toBe(200);
    const r = (await res.json()) as ImportReport;
    expect(r.dryRun).toBe(true);
    expect(r.rows).toBeGreaterThanOrEqual(2);
    for (const x of r.results) expect({ row: x.row, problems: x.problems }).toEqual({ row: x.row, problems: [] });
    expect(r.results.every((x) => x.status === "new" && x.outcome === "created")).toBe(true);
    expect(await written()).toEqual(before);
  });
});

describe("dry run and real run", () => {
  const file = csvFile([
    row("imported-triage-aid"),
    row("imported-triage-aid-two", { status: "pilot", year: "2021", languages: "EN;fr" }),
    // An existing published listing, with a new summary.
    {
      ...row("bt-cleanfeed"),
      name: "Cleanfeed",
      kind: "TOOL",
      organisation: "bt",
      aliases: "BT Cleanfeed",
      summary: "BT's blocking of known illegal websites at the ISP level (summary rewritten by an import).",
      capabilities: "url-blocking",
      media_types: "URL",
    },
    row("imported-broken", { kind: "GADGET", year: "20x1", offers: "FREE|PUBLIC|maybe", sources: "cda-twg-2018" }),
    row("imported-unknown-references", { capabilities: "triage;mind-reading", organisation: "acme" }),
  ]);

  it("a dry run reports each row against the current listing and writes nothing", async () => {
    const before = await written();
    const r = await importCsv(file, true);
    expect(await written()).toEqual(before);
    expect(r.counts.status).toEqual({ new: 2, changed: 1, unchanged: 0, invalid: 2 });
    expect(byRow(r, 2)).toMatchObject({
      slug: "imported-triage-aid",
      status: "new",
      outcome: "created",
      current: null,
    });
    const changed = byRow(r, 4);
    expect(changed).toMatchObject({ slug: "bt-cleanfeed", status: "changed", outcome: "updated" });
    expect(changed.current).toEqual({ revision: expect.any(Number), state: "PUBLISHED" });
    expect(changed.changes.map((c) => c.field)).toContain("summary");
    const summary = changed.changes.find((c) => c.field === "summary");
    expect(summary?.before).toMatch(/^BT's system for blocking/);
    expect(summary?.after).toMatch(/rewritten by an import/);
    const broken = byRow(r, 5);
    expect(broken).toMatchObject({ status: "invalid", outcome: "invalid" });
    expect(broken.problems.map((p) => p.column).sort()).toEqual(["kind", "offers", "sources", "year"]);
    expect(broken.problems.find((p) => p.column === "offers")?.message).toMatch(/offer 1: vetting/);
    expect(broken.problems.find((p) => p.column === "sources")?.message).toMatch(
      /source 1: write document-slug#locator/,
    );
    const unknown = byRow(r, 6);
    expect(unknown.problems).toEqual([
      { column: "organisation", message: 'unknown organisation "acme"' },
      { column: "capabilities", message: 'item 2: unknown capability "mind-reading"' },
    ]);
  });

  it("a real run creates drafts submitted for review, updates by a new pending revision, and skips invalid rows", async () => {
    const before = await written();
    const published = await t.models.Tool.findOne({ slug: "bt-cleanfeed" }).lean();
    const r = await importCsv(file, false);
    expect(r.counts.outcome).toMatchObject({ created: 2, updated: 1, invalid: 2, failed: 0 });
    expect(byRow(r, 2)).toMatchObject({ outcome: "created", revision: 1 });
    expect(byRow(r, 4)).toMatchObject({ outcome: "updated", revision: (published?.revision ?? 0) + 1 });

    const after = await written();
    expect(after.listings).toBe(before.listings + 2);
    expect(after.revisions).toBe(before.revisions + 3);
    for (const slug of ["imported-triage-aid", "imported-triage-aid-two"]) {
      const tool = await t.models.Tool.findOne({ slug }).lean();
      expect(tool).toMatchObject({ publicationState: "DRAFT", revision: 0, latestRevision: 1 });
      const revs = await t.models.ListingRevision.find({ listing: tool?._id }).lean();
      expect(revs.map((x) => x.state)).toEqual([RevisionState.PENDING]);
      expect((await t.gql(PUBLIC_LISTING, { slug })).data).toEqual({ listing: null });
      expect((await t.gqlAs(police, PUBLIC_LISTING, { slug })).data).toEqual({ listing: null });
    }
    // The published listing is as it was until a reviewer approves the revision.
    const pub = await t.gql<{ listing: { summary: string } }>(PUBLIC_LISTING, { slug: "bt-cleanfeed" });
    expect(pub.data?.listing.summary).toBe(published?.summary);
    const queue = await t.gqlAs<{ reviewQueue: { slug: string }[] }>(reviewer.token, `{ reviewQueue { slug } }`);
    expect(queue.data?.reviewQueue.map((q) => q.slug)).toEqual(
      expect.arrayContaining(["imported-triage-aid", "imported-triage-aid-two", "bt-cleanfeed"]),
    );

    // One import event, plus the listing service's own events for each listing.
    const imports = await t.models.AuditEvent.find({
      operation: "importListings",
      outcome: AuditOutcome.ACCEPTED,
    }).lean();
    expect(imports).toHaveLength(1);
    expect(imports[0]).toMatchObject({ actorId: expect.any(String), actorRole: "REVIEWER" });
    expect(imports[0].reason).toMatch(/2 created, 1 updated, 2 invalid/);
    const changes = JSON.parse(imports[0].changes ?? "{}") as { rows: [null, { row: number; outcome: string }[]] };
    expect(changes.rows[1]).toEqual([
      { row: 2, slug: "imported-triage-aid", outcome: "created", revision: 1 },
      { row: 3, slug: "imported-triage-aid-two", outcome: "created", revision: 1 },
      { row: 4, slug: "bt-cleanfeed", outcome: "updated", revision: (published?.revision ?? 0) + 1 },
      { row: 5, slug: "imported-broken", outcome: "invalid", revision: null },
      { row: 6, slug: "imported-unknown-references", outcome: "invalid", revision: null },
    ]);
    expect(after.events - before.events).toBe(1 + 2 * 2 + 2);
  });

  it("is idempotent: the same file again adds no revision, the rows matching their pending revisions", async () => {
    const before = await written();
    const r = await importCsv(file, false);
    expect(r.counts.outcome).toMatchObject({ created: 0, updated: 0, skipped: 3, invalid: 2 });
    for (const n of [2, 3, 4]) {
      expect(byRow(r, n)).toMatchObject({ status: "unchanged", outcome: "skipped", current: { state: "PENDING" } });
    }
    const after = await written();
    expect(after).toEqual({ ...before, events: before.events + 1 });
  });

  it("after approval, the listing is public, and the same row is unchanged against it", async () => {
    const APPROVE = `mutation($slug: String!, $rev: Int!) { approveRevision(slug: $slug, revision: $rev) { userErrors { code } } }`;
    const a = await t.gqlAs(reviewer.token, APPROVE, { slug: "imported-triage-aid", rev: 1 });
    expect(a.data).toEqual({ approveRevision: { userErrors: [] } });
    const pub = await t.gql<{ listing: { slug: string } }>(PUBLIC_LISTING, { slug: "imported-triage-aid" });
    expect(pub.data?.listing.slug).toBe("imported-triage-aid");
    const r = await importCsv(csvFile([row("imported-triage-aid")]), true);
    expect(r.results[0]).toMatchObject({
      status: "unchanged",
      outcome: "skipped",
      current: { revision: 1, state: "PUBLISHED" },
    });
  });

  it("submits a draft the file matches exactly, rather than adding a revision", async () => {
    const first = await importCsv(csvFile([row("imported-draft-only")]), false);
    expect(first.results[0].outcome).toBe("created");
    const WITHDRAW = `mutation($slug: String!) { withdrawSubmission(slug: $slug) { userErrors { code } } }`;
    await t.gqlAs(reviewer.token, WITHDRAW, { slug: "imported-draft-only" });
    const dry = await importCsv(csvFile([row("imported-draft-only")]), true);
    expect(dry.results[0]).toMatchObject({ status: "unchanged", outcome: "submitted", current: { state: "DRAFT" } });
    const before = await written();
    const real = await importCsv(csvFile([row("imported-draft-only")]), false);
    expect(real.results[0]).toMatchObject({ outcome: "submitted", revision: 1 });
    expect((await written()).revisions).toBe(before.revisions);
    const rev = await t.models.ListingRevision.findOne({ slug: "imported-draft-only" }).lean();
    expect(rev?.state).toBe(RevisionState.PENDING);
  });
});

describe("time", () => {
  it("stops starting rows when its time is up, and the same file again continues", async () => {
    const ctx = createContext(
      t.models,
      new CatalogueSnapshots(t.models),
      createLogger("silent"),
      "test-import",
      SYSTEM,
    );
    const file = Buffer.from(csvFile([row("imported-late-one"), row("imported-late-two")]));
    const before = await written();
    const first = await new ImportService(ctx).run(file, "csv", false, { writeBudgetMs: -1 });
    expect(first.results.map((r) => r.outcome)).toEqual(["stopped", "stopped"]);
    expect(first.results[0].note).toMatch(/import the file again to continue/);
    expect(await written()).toEqual({ ...before, events: before.events + 1 });
    const again = await new ImportService(ctx).run(file, "csv", false);
    expect(again.results.map((r) => r.outcome)).toEqual(["created", "created"]);
  });
});

describe("JSON in the seed's listing format", () => {
  it("names a problem by the field's path and takes the rest", async () => {
    const good = JSON.parse(readFileSync(join(EXAMPLES, "import.json"), "utf8")) as Record<string, unknown>[];
    const bad = { ...good[0], slug: "imported-json-broken", offers: [{ model: "GRATIS", eligibility: [] }], extra: 1 };
    const res = await post(JSON.stringify([good[1], bad, "not a listing"]), {
      token: admin,
      type: "application/json",
    });
    const r = (await res.json()) as ImportReport;
    expect(res.status).toBe(200);
    expect(r.results.map((x) => [x.row, x.status])).toEqual([
      [1, "new"],
      [2, "invalid"],
      [3, "invalid"],
    ]);
    const columns = r.results[1].problems.map((p) => p.column);
    expect(columns).toEqual(expect.arrayContaining(["offers[0].model", "offers[0].spdxLicense"]));
    expect(r.results[1].problems.some((p) => p.column === null && /extra/.test(p.message))).toBe(true);
    expect(r.results[2].problems).toEqual([{ column: null, message: "must be a listing object" }]);
  });
});

describe("cells are text", () => {
  it("stores a formula as its characters, and the CSV report neutralises it", async () => {
    const formula = '=HYPERLINK("https://example.org/x","click")';
    const file = csvFile([row("imported-formula", { name: formula, aliases: "@SUM(A1);+1" })]);
    const res = await post(file, { token: reviewer.token, query: "dryRun=false&report=csv" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    const lines = parseCsv(await res.text());
    expect(lines[0]).toEqual([
      "row",
      "slug",
      "status",
      "outcome",
      "current_revision",
      "current_state",
      "revision",
      "column",
      "before",
      "after",
      "problem",
      "note",
    ]);
    expect(lines[1].slice(0, 4)).toEqual(["2", "imported-formula", "new", "created"]);
    const rev = await t.models.ListingRevision.findOne({ slug: "imported-formula" }).lean();
    const content = JSON.parse(rev?.content ?? "{}") as { name: string; aliases: string[] };
    expect(content.name).toBe(formula);
    expect(content.aliases).toEqual(["@SUM(A1)", "+1"]);

    // Changed fields come back JSON-encoded; a cell echoed as it is (a slug) is prefixed if it could start a formula.
    const again = csvFile([row("imported-formula", { name: `${formula} `, aliases: "-2+3" })]);
    const dry = await post(again, { token: reviewer.token, query: "dryRun=true&report=csv" });
    const cells = parseCsv(await dry.text()).slice(1);
    expect(cells.map((c) => c[7])).toEqual(["aliases"]);
    const aliases = cells.find((c) => c[7] === "aliases");
    expect(aliases?.slice(8, 10)).toEqual(['["@SUM(A1)","+1"]', '["-2+3"]']);
    const echoed = await post(csvFile([row("=1+1")]), { token: reviewer.token, query: "dryRun=true&report=csv" });
    const echoedRows = parseCsv(await echoed.text());
    expect(echoedRows[1][1]).toBe("'=1+1");
    expect(echoedRows[1][2]).toBe("invalid");
  });
});

describe("who may import", () => {
  it("refuses anonymous callers (401), vendors and law enforcement (403), before reading the file; audited", async () => {
    const file = readFileSync(join(EXAMPLES, "import.csv"));
    const before = await written();
    const anon = await post(file, { query: "dryRun=false" });
    expect(anon.status).toBe(401);
    expect(((await anon.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe(
      "UNAUTHENTICATED",
    );
    for (const token of [vendor.token, police]) {
      const res = await post(file, { token, query: "dryRun=false" });
      expect(res.status).toBe(403);
      expect(((await res.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe(
        "FORBIDDEN",
      );
    }
    const after = await written();
    expect(after).toEqual({ ...before, events: before.events + 3 });
    const refused = await t.models.AuditEvent.find({
      operation: "importListings",
      outcome: AuditOutcome.REFUSED,
    }).lean();
    expect(refused.map((e) => e.actorRole ?? "anonymous").sort()).toEqual(["LAW_ENFORCEMENT", "VENDOR", "anonymous"]);
    expect(await t.models.Tool.exists({ slug: "example-hash-matching-service" })).toBeNull();
  });

  it("takes a browser session from this site only", async () => {
    const signIn = await fetch(`${base}/auth/session`, {
      method: "POST",
      headers: { authorization: `Bearer ${reviewer.token}` },
    });
    const cookie = /^ti_session=([^;]+)/.exec(signIn.headers.get("set-cookie") ?? "")?.[1];
    const file = readFileSync(join(EXAMPLES, "import.csv"));
    const send = (headers: Record<string, string>) =>
      fetch(`${base}/imports?dryRun=true`, {
        method: "POST",
        headers: { "content-type": "text/csv", cookie: `ti_session=${cookie}`, ...headers },
        body: file,
      });
    expect((await send({})).status).toBe(403);
    expect((await send({ origin: "https://elsewhere.example.org" })).status).toBe(403);
    expect((await send({ origin: new URL(base).origin })).status).toBe(200);
  });

  it("escapes control characters a parser quotes from the file", async () => {
    const res = await post('slug,name\r\n\u001b[2Jx"y,z\r\n', { token: admin });
    const body = (await res.json()) as { errors: { message: string }[] };
    expect(res.status).toBe(400);
    expect(body.errors[0].message).toMatch(/^the file is not valid CSV: /);
    expect(body.errors[0].message).toContain('value is "\\u001b[2Jx"');
    expect(body.errors[0].message).not.toContain("\u001b");
  });

  it("answers bad requests with the argument named", async () => {
    const file = readFileSync(join(EXAMPLES, "import.csv"));
    const cases: [Promise<Response>, number, string][] = [
      [post(file, { token: admin, query: "" }), 400, "dryRun"],
      [post(file, { token: admin, query: "dryRun=yes" }), 400, "dryRun"],
      [post(file, { token: admin, query: "dryRun=true&limit=3" }), 400, "limit"],
      [post(file, { token: admin, type: "text/plain" }), 415, "Content-Type"],
      [post("slug;name\r\nx;y\r\n", { token: admin }), 400, "file"],
      [post("slug,name,colour\r\nx,y,z\r\n", { token: admin }), 400, "file"],
      [post('slug,name\r\n"x,y\r\n', { token: admin }), 400, "file"],
      [post("[{", { token: admin, type: "application/json" }), 400, "file"],
      [post('{"slug":"x"}', { token: admin, type: "application/json" }), 400, "file"],
    ];
    for (const [pending, status, argument] of cases) {
      const res = await pending;
      const body = (await res.json()) as {
        errors: { message: string; extensions: { code: string; argument: string } }[];
      };
      expect({ status: res.status, argument: body.errors[0].extensions.argument }).toEqual({ status, argument });
    }
  });
});

describe("limits", () => {
  it("refuses a file over 2 MiB (413), naming the limit", async () => {
    const big = Buffer.alloc(IMPORT_LIMITS.bytes + 1, "a");
    const res = await post(big, { token: reviewer.token });
    expect(res.status).toBe(413);
    const body = (await res.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] };
    expect(body.errors[0].extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      limit: "bytes",
      max: IMPORT_LIMITS.bytes,
    });
    expect(body.errors[0].message).toMatch(/2 MiB/);
  });

  it("refuses more than 2,000 rows, and takes exactly 2,000", async () => {
    const before = await written();
    const header = IMPORT_CSV_COLUMNS.join(",");
    const blank = ",".repeat(IMPORT_CSV_COLUMNS.length - 1);
    const over = await post([header, ...Array(IMPORT_LIMITS.rows + 1).fill(blank)].join("\n"), {
      token: reviewer.token,
    });
    expect(over.status).toBe(400);
    const body = (await over.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] };
    expect(body.errors[0].extensions).toMatchObject({ limit: "rows", max: IMPORT_LIMITS.rows });
    expect(body.errors[0].message).toMatch(/2001 rows, over the import limit of 2000 rows/);
    const json = await post(JSON.stringify(Array(IMPORT_LIMITS.rows + 1).fill({})), {
      token: reviewer.token,
      type: "application/json",
    });
    expect(json.status).toBe(400);

    const rows = Array.from({ length: IMPORT_LIMITS.rows }, (_, i) => row(`imported-bulk-${i}`));
    const started = Date.now();
    const r = await importCsv(csvFile(rows), true);
    expect(r.rows).toBe(IMPORT_LIMITS.rows);
    expect(r.counts.status.new).toBe(IMPORT_LIMITS.rows);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(await written()).toEqual(before);
  });

  it("refuses a cell over 5,000 characters, naming its row and column", async () => {
    const long = "x".repeat(IMPORT_LIMITS.cellCharacters + 1);
    const res = await post(csvFile([row("imported-ok"), row("imported-long", { summary: long })]), {
      token: reviewer.token,
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] };
    expect(body.errors[0].extensions).toMatchObject({ limit: "cellCharacters", row: 3, column: "summary" });
    expect(body.errors[0].message).toMatch(/row 3, summary: 5001 characters, over the import limit of 5000/);
    const json = await post(JSON.stringify([{ slug: "x", summary: long }]), {
      token: reviewer.token,
      type: "application/json",
    });
    expect(
      ((await json.json()) as { errors: { extensions: Record<string, unknown> }[] }).errors[0].extensions,
    ).toMatchObject({
      limit: "cellCharacters",
      row: 1,
      column: "summary",
    });
  });
});

describe("command line", () => {
  const env = () => ({
    ...process.env,
    MONGODB_URI: process.env.TEST_MONGODB_URI,
    DB_NAME: t.dbName,
    LOG_LEVEL: "warn",
  });
  const tsx = join(__dirname, "..", "..", "node_modules", ".bin", "tsx");
  const cli = join(__dirname, "..", "..", "src", "cli.ts");
  // Asynchronous, so the server in this process keeps answering while the tool runs.
  const run = (args: string[]) =>
    new Promise<{ status: number; stdout: string; stderr: string }>((resolve) => {
      execFile(tsx, [cli, ...args], { env: env(), encoding: "utf8" }, (err, stdout, stderr) =>
        resolve({ status: err ? (typeof err.code === "number" ? err.code : 1) : 0, stdout, stderr }),
      );
    });

  it("dry-runs the example file, refuses a vendor, then imports as a reviewer, idempotently", async () => {
    const before = await written();
    const dry = await run(["import", join(EXAMPLES, "import.csv"), "--dry-run"]);
    expect(dry.stderr).toBe("");
    expect(dry.status).toBe(0);
    expect(dry.stdout).toMatch(/^Dry run \(nothing written\) of a CSV file, 3 rows/);
    expect(dry.stdout).toContain(
      'row 2 "example-hash-matching-service": new: would create a draft and submit it for review',
    );
    expect(await written()).toEqual(before);

    const refused = await run(["import", join(EXAMPLES, "import.csv"), "--as", vendor.email]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain("only reviewers and admins may import listings");

    const dir = mkdtempSync(join(tmpdir(), "import-"));
    const file = join(dir, "mine.csv");
    writeFileSync(file, csvFile([row("imported-by-cli"), row("imported-by-cli-bad", { kind: "" })]));
    const real = await run(["import", file, "--as", reviewer.email, "--json"]);
    expect(real.status).toBe(1);
    const report = JSON.parse(real.stdout) as ImportReport;
    expect(report.counts.outcome).toMatchObject({ created: 1, invalid: 1 });
    const event = await t.models.AuditEvent.findOne({ operation: "importListings", actorRole: "REVIEWER" })
      .sort({ at: -1 })
      .lean();
    expect(event?.target).toBe(`import:${report.sha256.slice(0, 16)}`);
    const again = await run(["import", file, "--as", reviewer.email]);
    expect(again.stdout).toContain('row 2 "imported-by-cli": unchanged (against revision 1, PENDING): skipped');
    expect(again.stdout).toContain("kind:");

    const tooBig = join(dir, "big.csv");
    writeFileSync(tooBig, Buffer.alloc(IMPORT_LIMITS.bytes + 1, "a"));
    const big = await run(["import", tooBig, "--dry-run"]);
    expect(big.status).toBe(2);
    expect(big.stderr).toContain("over the import limit of 2097152 bytes (2 MiB)");
  });
});
