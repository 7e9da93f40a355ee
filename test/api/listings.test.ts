import { AuditOutcome } from "../../src/audit/audit.model";
import { RevisionState } from "../../src/listings/revision.model";
import { Role } from "../../src/accounts/roles";
import { codes, startTestApp, TestApp } from "../helpers/app";
import { userWithToken } from "../helpers/accounts";

let t: TestApp;
let vendorA: string;
let vendorB: string;
let reviewer: string;
let admin: string;
let police: string;
const ORG_A = "internet-watch-foundation-iwf";
const ORG_B = "thorn";

beforeAll(async () => {
  t = await startTestApp({ seed: true });
  vendorA = (await userWithToken(t, Role.VENDOR, ORG_A)).token;
  vendorB = (await userWithToken(t, Role.VENDOR, ORG_B)).token;
  reviewer = (await userWithToken(t, Role.REVIEWER)).token;
  admin = (await userWithToken(t, Role.ADMIN)).token;
  police = (await userWithToken(t, Role.LAW_ENFORCEMENT)).token;
});
afterAll(async () => {
  await t.close();
});

const PAYLOAD = `listing { slug name summary revision latestRevision visibility organisation { slug } viewerCanEdit }
  userErrors { field message code }`;
const CREATE = `mutation($input: ListingInput!, $key: String) { createListing(input: $input, idempotencyKey: $key) { ${PAYLOAD} } }`;
const UPDATE = `mutation($slug: String!, $base: Int!, $input: ListingInput!) { updateListing(slug: $slug, baseRevision: $base, input: $input) { ${PAYLOAD} } }`;
const SUBMIT = `mutation($slug: String!) { submitListingForReview(slug: $slug) { ${PAYLOAD} } }`;
const WITHDRAW = `mutation($slug: String!) { withdrawSubmission(slug: $slug) { ${PAYLOAD} } }`;
const CONFIRM = `mutation($slug: String!) { confirmListingCurrent(slug: $slug) { listing { lastVerifiedAt } userErrors { code } } }`;
const APPROVE = `mutation($slug: String!, $rev: Int!) { approveRevision(slug: $slug, revision: $rev) { ${PAYLOAD} } }`;
const REJECT = `mutation($slug: String!, $rev: Int!, $reason: String!) { rejectRevision(slug: $slug, revision: $rev, reason: $reason) { ${PAYLOAD} } }`;
const HISTORY = `query($slug: String!) { listingHistory(slug: $slug) { revision state reason content } }`;
const PUBLIC_TOOL = `query($slug: String!) { tool(slug: $slug) { slug summary revision } }`;

interface Payload {
  listing: { slug: string; summary: string; revision: number; latestRevision: number; visibility: string } | null;
  userErrors: { field: string[] | null; message: string; code: string }[];
}
const payload = (r: { data?: Record<string, unknown> }, op: string) => (r.data as Record<string, Payload>)[op];

/** Where a slug a vendor of ORG_A asks for ends up: in its organisation's namespace. */
const ownSlug = (slug: string) => `${slug}--${ORG_A}`;

const newListing = (slug: string, extra: Record<string, unknown> = {}) => ({
  slug,
  name: `Hotline triage assistant ${slug}`,
  kind: "TOOL",
  summary: "Helps analysts sort incoming reports by urgency.",
  capabilities: ["triage"],
  mediaTypes: ["IMAGE"],
  availability: [{ jurisdiction: "GB", status: "AVAILABLE" }],
  offers: [{ model: "FREE_FOR_ELIGIBLE", eligibility: ["HOTLINE"] }],
  sources: [{ url: "https://example.org/product", locator: "product page", unverified: true }],
  ...extra,
});

async function publish(token: string, slug: string, extra: Record<string, unknown> = {}) {
  const c = await t.gqlAs(token, CREATE, { input: newListing(slug, extra) });
  expect(payload(c, "createListing").userErrors).toEqual([]);
  expect(payload(await t.gqlAs(token, SUBMIT, { slug }), "submitListingForReview").userErrors).toEqual([]);
  const a = await t.gqlAs(reviewer, APPROVE, { slug, rev: 1 });
  expect(payload(a, "approveRevision").userErrors).toEqual([]);
  return payload(a, "approveRevision").listing!;
}

describe("vendor self-service with review", () => {
  it("creates a draft that nobody else sees, publishes it after review", async () => {
    const c = await t.gqlAs(vendorA, CREATE, { input: newListing("iwf-triage-assistant") });
    const created = payload(c, "createListing");
    expect(created.userErrors).toEqual([]);
    expect(created.listing).toMatchObject({
      slug: ownSlug("iwf-triage-assistant"),
      revision: 0,
      latestRevision: 1,
      organisation: { slug: ORG_A },
      viewerCanEdit: true,
    });
    expect((await t.gql(PUBLIC_TOOL, { slug: ownSlug("iwf-triage-assistant") })).data).toEqual({ tool: null });
    expect((await t.gqlAs(vendorB, HISTORY, { slug: ownSlug("iwf-triage-assistant") })).data).toEqual({
      listingHistory: null,
    });
    expect(
      (await t.gqlAs<{ listingHistory: unknown[] }>(vendorA, HISTORY, { slug: ownSlug("iwf-triage-assistant") })).data!
        .listingHistory,
    ).toHaveLength(1);

    const OPEN = `{ openRevisions { slug revision state } }`;
    const mineOpen = await t.gqlAs<{ openRevisions: { slug: string; revision: number; state: string }[] }>(
      vendorA,
      OPEN,
    );
    expect(mineOpen.data!.openRevisions).toContainEqual({
      slug: ownSlug("iwf-triage-assistant"),
      revision: 1,
      state: "DRAFT",
    });
    const theirsOpen = await t.gqlAs<{ openRevisions: { slug: string }[] }>(vendorB, OPEN);
    expect(theirsOpen.data!.openRevisions.map((r) => r.slug)).not.toContain(ownSlug("iwf-triage-assistant"));
    expect(
      payload(await t.gqlAs(vendorA, SUBMIT, { slug: ownSlug("iwf-triage-assistant") }), "submitListingForReview")
        .userErrors,
    ).toEqual([]);
    const queue = await t.gqlAs<{ reviewQueue: { slug: string; revision: number }[] }>(
      reviewer,
      `{ reviewQueue { slug revision } }`,
    );
    expect(queue.data!.reviewQueue).toContainEqual({ slug: ownSlug("iwf-triage-assistant"), revision: 1 });
    const a = payload(
      await t.gqlAs(reviewer, APPROVE, { slug: ownSlug("iwf-triage-assistant"), rev: 1 }),
      "approveRevision",
    );
    expect(a.userErrors).toEqual([]);
    expect(a.listing).toMatchObject({ revision: 1, latestRevision: 1 });
    const pub = await t.gql<{ tool: { revision: number } }>(PUBLIC_TOOL, { slug: ownSlug("iwf-triage-assistant") });
    expect(pub.data!.tool.revision).toBe(1);
  });

  it("keeps the published version until a change is approved, and shows rejections to the vendor", async () => {
    await publish(vendorA, ownSlug("iwf-pending-demo"));
    const u = payload(
      await t.gqlAs(vendorA, UPDATE, {
        slug: ownSlug("iwf-pending-demo"),
        base: 1,
        input: { summary: "Sorts incoming reports by urgency and type." },
      }),
      "updateListing",
    );
    expect(u.userErrors).toEqual([]);
    expect(u.listing).toMatchObject({ revision: 1, latestRevision: 2 });
    const pub = await t.gql<{ tool: { summary: string } }>(PUBLIC_TOOL, { slug: ownSlug("iwf-pending-demo") });
    expect(pub.data!.tool.summary).toBe("Helps analysts sort incoming reports by urgency.");
    const PENDING = `query($slug: String!) { tool(slug: $slug) { pendingRevision { revision state content } } }`;
    const mine = await t.gqlAs<{ tool: { pendingRevision: { revision: number; content: { summary: string } } } }>(
      vendorA,
      PENDING,
      { slug: ownSlug("iwf-pending-demo") },
    );
    expect(mine.data!.tool.pendingRevision).toMatchObject({
      revision: 2,
      content: { summary: "Sorts incoming reports by urgency and type." },
    });
    const theirs = await t.gqlAs<{ tool: { pendingRevision: unknown } }>(vendorB, PENDING, {
      slug: ownSlug("iwf-pending-demo"),
    });
    expect(theirs.data!.tool.pendingRevision).toBeNull();

    await t.gqlAs(vendorA, SUBMIT, { slug: ownSlug("iwf-pending-demo") });
    const r = payload(
      await t.gqlAs(reviewer, REJECT, {
        slug: ownSlug("iwf-pending-demo"),
        rev: 2,
        reason: "Cite where the new claim comes from.",
      }),
      "rejectRevision",
    );
    expect(r.userErrors).toEqual([]);
    const h = await t.gqlAs<{ listingHistory: { revision: number; state: string; reason: string | null }[] }>(
      vendorA,
      HISTORY,
      { slug: ownSlug("iwf-pending-demo") },
    );
    expect(h.data!.listingHistory.map((x) => [x.revision, x.state, x.reason])).toEqual([
      [2, "REJECTED", "Cite where the new claim comes from."],
      [1, "APPROVED", null],
    ]);
    const again = await t.gqlAs(vendorA, SUBMIT, { slug: ownSlug("iwf-pending-demo") });
    expect(payload(again, "submitListingForReview").userErrors).toEqual([]);
    expect(
      payload(await t.gqlAs(vendorA, WITHDRAW, { slug: ownSlug("iwf-pending-demo") }), "withdrawSubmission").userErrors,
    ).toEqual([]);
    await t.gqlAs(vendorA, SUBMIT, { slug: ownSlug("iwf-pending-demo") });
    expect(
      payload(await t.gqlAs(reviewer, APPROVE, { slug: ownSlug("iwf-pending-demo"), rev: 2 }), "approveRevision")
        .listing,
    ).toMatchObject({ revision: 2 });
    const now = await t.gql<{ tool: { summary: string } }>(PUBLIC_TOOL, { slug: ownSlug("iwf-pending-demo") });
    expect(now.data!.tool.summary).toBe("Sorts incoming reports by urgency and type.");

    const cmp = await t.gqlAs<{ compareRevisions: { field: string; before: string; after: string }[] }>(
      vendorA,
      `query { compareRevisions(slug: "${ownSlug("iwf-pending-demo")}", a: 1, b: 2) { field before after } }`,
    );
    expect(cmp.data!.compareRevisions).toEqual([
      {
        field: "summary",
        before: JSON.stringify("Helps analysts sort incoming reports by urgency."),
        after: JSON.stringify("Sorts incoming reports by urgency and type."),
      },
    ]);
    const restored = await t.gqlAs<{ restoreRevision: Payload }>(
      admin,
      `mutation { restoreRevision(slug: "${ownSlug("iwf-pending-demo")}", revision: 1) { listing { summary revision } userErrors { code } } }`,
    );
    expect(restored.data!.restoreRevision.listing).toMatchObject({
      summary: "Helps analysts sort incoming reports by urgency.",
      revision: 3,
    });
    const notPublished = await t.gqlAs<{ restoreRevision: Payload }>(
      admin,
      `mutation { restoreRevision(slug: "${ownSlug("iwf-pending-demo")}", revision: 99) { userErrors { code } } }`,
    );
    expect(notPublished.data!.restoreRevision.userErrors[0].code).toBe("INVALID");
    const c = await t.gqlAs<{ confirmListingCurrent: { listing: { lastVerifiedAt: string } } }>(vendorA, CONFIRM, {
      slug: ownSlug("iwf-pending-demo"),
    });
    expect(c.data!.confirmListingCurrent.listing.lastVerifiedAt).toBeTruthy();
  });

  it("keeps reviewer fields out of a vendor's reach and validates like the seed", async () => {
    await publish(vendorA, ownSlug("iwf-rights-demo"), { visibility: "MEMBERS" });
    const cases: [Record<string, unknown>, string[], string][] = [
      [{ organisation: ORG_B }, ["input", "organisation"], "FORBIDDEN"],
      [{ visibility: "PUBLIC" }, ["input", "visibility"], "FORBIDDEN"],
      [{ capabilities: ["mind-reading"] }, ["input", "capabilities", "0"], "NOT_FOUND"],
      [{ summary: "" }, ["input", "summary"], "INVALID"],
      [{ sources: [] }, ["input", "sources"], "INVALID"],
      [
        { availability: [{ jurisdiction: "ZZ", status: "IN_USE" }] },
        ["input", "availability", "0", "jurisdiction"],
        "NOT_FOUND",
      ],
    ];
    for (const [input, field, code] of cases) {
      const r = payload(
        await t.gqlAs(vendorA, UPDATE, { slug: ownSlug("iwf-rights-demo"), base: 1, input }),
        "updateListing",
      );
      // A listing in its organisation's namespace also refuses a new owner on its slug (see the slug rule).
      const err = r.userErrors.find((e) => e.field?.join(".") === field.join("."));
      expect({ input, err: err && { field: err.field, code: err.code } }).toEqual({ input, err: { field, code } });
    }
    const ok = payload(
      await t.gqlAs(vendorA, UPDATE, {
        slug: ownSlug("iwf-rights-demo"),
        base: 1,
        input: { visibility: "LAW_ENFORCEMENT" },
      }),
      "updateListing",
    );
    expect(ok.userErrors).toEqual([]);
    const stale = payload(
      await t.gqlAs(vendorA, UPDATE, { slug: ownSlug("iwf-rights-demo"), base: 1, input: { summary: "x y z" } }),
      "updateListing",
    );
    expect(stale.userErrors[0]).toMatchObject({ field: ["baseRevision"], code: "CONFLICT" });
    const byReviewer = payload(
      await t.gqlAs(reviewer, UPDATE, { slug: ownSlug("iwf-rights-demo"), base: 2, input: { visibility: "PUBLIC" } }),
      "updateListing",
    );
    expect(byReviewer.userErrors).toEqual([]);
    // Stored text takes no control characters (tab and line breaks are fine); the argument is named.
    for (const [input, argument] of [
      [{ name: "Hash\u0000matcher" }, "name"],
      [{ summary: "ok\tand\nfine but \u001b[31m red" }, "summary"],
      [{ aliases: ["fine", "bell\u0007"] }, "aliases"],
    ] as const) {
      const r = await t.gqlAs(vendorA, UPDATE, { slug: ownSlug("iwf-rights-demo"), base: 3, input });
      expect(r.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", argument });
      expect(r.errors?.[0].message).toMatch(/control characters/);
    }
    const unchanged = payload(
      await t.gqlAs(reviewer, UPDATE, { slug: ownSlug("iwf-rights-demo"), base: 3, input: {} }),
      "updateListing",
    );
    expect(unchanged.userErrors).toEqual([
      { field: ["input"], message: "nothing would change: the input matches the latest revision", code: "INVALID" },
    ]);
    expect(await t.models.ListingRevision.countDocuments({ slug: ownSlug("iwf-rights-demo") })).toBe(3);
    const tabbed = payload(
      await t.gqlAs(reviewer, UPDATE, {
        slug: ownSlug("iwf-rights-demo"),
        base: 3,
        input: { summary: "line one\n\tline two" },
      }),
      "updateListing",
    );
    expect(tabbed.userErrors).toEqual([]);
    const missing = payload(await t.gqlAs(vendorA, CREATE, { input: { kind: "TOOL" } }), "createListing");
    expect(missing.userErrors.map((e) => e.field?.join("."))).toEqual(
      expect.arrayContaining(["input.slug", "input.name", "input.summary", "input.sources"]),
    );
  });
});

describe("another organisation's listing", () => {
  it("cannot be touched by a vendor, and stays byte-for-byte the same", async () => {
    await publish(vendorA, ownSlug("iwf-idor-target"));
    await t.gqlAs(vendorA, UPDATE, {
      slug: ownSlug("iwf-idor-target"),
      base: 1,
      input: { summary: "A draft change by its owner." },
    });
    const snapshot = async () =>
      JSON.stringify([
        await t.models.Tool.findOne({ slug: ownSlug("iwf-idor-target") }).lean(),
        await t.models.ListingRevision.find({ slug: ownSlug("iwf-idor-target") })
          .sort({ number: 1 })
          .lean(),
      ]);
    const before = await snapshot();
    const attempts: [string, Record<string, unknown>, string][] = [
      [UPDATE, { slug: ownSlug("iwf-idor-target"), base: 2, input: { summary: "Taken over." } }, "updateListing"],
      [SUBMIT, { slug: ownSlug("iwf-idor-target") }, "submitListingForReview"],
      [WITHDRAW, { slug: ownSlug("iwf-idor-target") }, "withdrawSubmission"],
      [CONFIRM, { slug: ownSlug("iwf-idor-target") }, "confirmListingCurrent"],
    ];
    for (const [q, vars, op] of attempts) {
      const r = await t.gqlAs(vendorB, q, vars);
      expect([op, (r.data as Record<string, Payload>)[op].userErrors[0].code]).toEqual([op, "NOT_FOUND"]);
    }
    expect((await t.gqlAs(vendorB, HISTORY, { slug: ownSlug("iwf-idor-target") })).data).toEqual({
      listingHistory: null,
    });
    const pending = await t.gqlAs<{ tool: { pendingRevision: unknown; viewerCanEdit: boolean } }>(
      vendorB,
      `{ tool(slug: "${ownSlug("iwf-idor-target")}") { pendingRevision { revision } viewerCanEdit } }`,
    );
    expect(pending.data!.tool).toEqual({ pendingRevision: null, viewerCanEdit: false });
    expect(codes(await t.gqlAs(vendorB, APPROVE, { slug: ownSlug("iwf-idor-target"), rev: 2 }))).toEqual(["FORBIDDEN"]);
    expect(await snapshot()).toBe(before);
    const refused = await t.models.AuditEvent.countDocuments({
      target: `listing:${ownSlug("iwf-idor-target")}`,
      outcome: AuditOutcome.REFUSED,
    });
    expect(refused).toBe(4);
  });
});

describe("roles", () => {
  it("refuses the workflow to those without the right", async () => {
    expect(codes(await t.gql(CREATE, { input: newListing("anon-x") }))).toEqual(["UNAUTHENTICATED"]);
    const le = payload(await t.gqlAs(police, CREATE, { input: newListing("police-x") }), "createListing");
    expect(le.userErrors[0].code).toBe("FORBIDDEN");
    expect(
      codes(await t.gqlAs(vendorA, `mutation { archiveListing(slug: "photodna") { userErrors { code } } }`)),
    ).toEqual(["FORBIDDEN"]);
    expect(
      codes(await t.gqlAs(reviewer, `mutation { archiveListing(slug: "photodna") { userErrors { code } } }`)),
    ).toEqual(["FORBIDDEN"]);
    const archived = await t.gqlAs<{ archiveListing: Payload }>(
      admin,
      `mutation { archiveListing(slug: "photodna") { listing { slug } userErrors { code } } }`,
    );
    expect(archived.data!.archiveListing.userErrors).toEqual([]);
    expect((await t.gql(PUBLIC_TOOL, { slug: "photodna" })).data).toEqual({ tool: null });
  });
});

describe("concurrency", () => {
  it("lets exactly one of 50 updates from the same base revision win", async () => {
    await publish(vendorA, ownSlug("iwf-race"));
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        t.gqlAs(vendorA, UPDATE, {
          slug: ownSlug("iwf-race"),
          base: 1,
          input: { summary: `Concurrent edit number ${i}.` },
        }),
      ),
    );
    const broken = results.filter((r) => r.errors);
    expect(broken.map((r) => r.errors)).toEqual([]);
    const outcomes = results.map((r) => payload(r, "updateListing"));
    const won = outcomes.filter((o) => o.userErrors.length === 0);
    expect(won).toHaveLength(1);
    expect(outcomes.filter((o) => o.userErrors[0]?.code === "CONFLICT")).toHaveLength(49);
    const revisions = await t.models.ListingRevision.find({ slug: ownSlug("iwf-race") }).lean();
    expect(revisions).toHaveLength(2);
    const latest = revisions.find((r) => r.number === 2)!;
    expect(JSON.parse(latest.content).summary).toMatch(/^Concurrent edit number \d+\.$/);
    expect((await t.models.Tool.findOne({ slug: ownSlug("iwf-race") }).lean())!.latestRevision).toBe(2);
  });

  it("makes one listing from 20 parallel creates with one idempotency key", async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        t.gqlAs(vendorA, CREATE, { input: newListing(ownSlug("iwf-idempotent")), key: "create-iwf-idempotent-1" }),
      ),
    );
    const slugs = results.map((r) => payload(r, "createListing").listing?.slug);
    expect(slugs.every((s) => s === ownSlug("iwf-idempotent"))).toBe(true);
    expect(await t.models.Tool.countDocuments({ slug: ownSlug("iwf-idempotent") })).toBe(1);
    expect(await t.models.ListingRevision.countDocuments({ slug: ownSlug("iwf-idempotent") })).toBe(1);
  });

  it("completes an update that stopped after writing its revision (the database went away mid-update)", async () => {
    await publish(vendorA, ownSlug("iwf-halfway"));
    const listing = (await t.models.Tool.findOne({ slug: ownSlug("iwf-halfway") }).lean())!;
    const first = (await t.models.ListingRevision.findOne({ slug: ownSlug("iwf-halfway"), number: 1 }).lean())!;
    // What an update leaves if the process loses the database right after its one essential write.
    await t.models.ListingRevision.create([
      {
        listing: listing._id,
        slug: ownSlug("iwf-halfway"),
        number: 2,
        state: RevisionState.DRAFT,
        content: JSON.stringify({ ...JSON.parse(first.content), summary: "Written before the database went away." }),
        createdBy: "interrupted",
      },
    ]);
    expect((await t.models.Tool.findOne({ _id: listing._id }).lean())!.latestRevision).toBe(1);
    // The next update from revision 1 finds revision 2 taken: it refuses, and points the listing at it.
    const retry = payload(
      await t.gqlAs(vendorA, UPDATE, { slug: ownSlug("iwf-halfway"), base: 1, input: { summary: "A later edit." } }),
      "updateListing",
    );
    expect(retry.userErrors[0]).toMatchObject({ field: ["baseRevision"], code: "CONFLICT" });
    expect((await t.models.Tool.findOne({ _id: listing._id }).lean())!.latestRevision).toBe(2);
    const history = await t.gqlAs<{ listingHistory: { revision: number; state: string }[] }>(vendorA, HISTORY, {
      slug: ownSlug("iwf-halfway"),
    });
    expect(history.data!.listingHistory.map((r) => [r.revision, r.state])).toEqual([
      [2, "DRAFT"],
      [1, "APPROVED"],
    ]);
    const reloaded = payload(
      await t.gqlAs(vendorA, UPDATE, { slug: ownSlug("iwf-halfway"), base: 2, input: { summary: "A later edit." } }),
      "updateListing",
    );
    expect(reloaded.userErrors).toEqual([]);
    expect(reloaded.listing!.latestRevision).toBe(3);
  });
});
