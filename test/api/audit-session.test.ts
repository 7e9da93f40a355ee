import mongoose from "mongoose";
import { Role } from "../../src/accounts/roles";
import { startTestApp, TestApp } from "../helpers/app";
import { userWithToken } from "../helpers/accounts";

let t: TestApp;
const logLines: string[] = [];
beforeAll(async () => {
  t = await startTestApp({ seed: true, logLines });
});
afterAll(async () => {
  await t.close();
});

describe("the audit log after a scripted session", () => {
  it("holds exactly one event per mutation, with the right before and after, and no token anywhere", async () => {
    const vendor = await userWithToken(t, Role.VENDOR, "internet-watch-foundation-iwf");
    const other = await userWithToken(t, Role.VENDOR, "thorn");
    const reviewer = await userWithToken(t, Role.REVIEWER);
    const police = await userWithToken(t, Role.LAW_ENFORCEMENT);
    await new Promise((r) => setTimeout(r, 20));
    const start = new Date();
    const input = {
      slug: "audited-listing--internet-watch-foundation-iwf",
      name: "Audited listing",
      kind: "TOOL",
      summary: "First words.",
      sources: [{ url: "https://example.org/a", locator: "a", unverified: true }],
    };
    const session: [string, string, Record<string, unknown>, string][] = [
      [
        vendor.token,
        `mutation($i: ListingInput!) { createListing(input: $i) { userErrors { code } } }`,
        { i: input },
        "createListing:ACCEPTED",
      ],
      [
        vendor.token,
        `mutation { updateListing(slug: "audited-listing--internet-watch-foundation-iwf", baseRevision: 1, input: { summary: "Second words." }) { userErrors { code } } }`,
        {},
        "updateListing:ACCEPTED",
      ],
      [
        other.token,
        `mutation { updateListing(slug: "audited-listing--internet-watch-foundation-iwf", baseRevision: 2, input: { summary: "Hijack." }) { userErrors { code } } }`,
        {},
        "updateListing:REFUSED",
      ],
      [
        vendor.token,
        `mutation { updateListing(slug: "audited-listing--internet-watch-foundation-iwf", baseRevision: 1, input: { summary: "Stale." }) { userErrors { code } } }`,
        {},
        "updateListing:INVALID",
      ],
      [
        vendor.token,
        `mutation { submitListingForReview(slug: "audited-listing--internet-watch-foundation-iwf") { userErrors { code } } }`,
        {},
        "submitListingForReview:ACCEPTED",
      ],
      [
        reviewer.token,
        `mutation { approveRevision(slug: "audited-listing--internet-watch-foundation-iwf", revision: 2) { userErrors { code } } }`,
        {},
        "approveRevision:ACCEPTED",
      ],
      [
        police.token,
        `mutation { createUser(input: { email: "x@example.org", role: ADMIN }) { userErrors { code } } }`,
        {},
        "createUser:REFUSED",
      ],
      [
        "",
        `mutation { confirmListingCurrent(slug: "audited-listing--internet-watch-foundation-iwf") { userErrors { code } } }`,
        {},
        "confirmListingCurrent:REFUSED",
      ],
    ];
    for (const [token, query, variables] of session) {
      const r = token ? await t.gqlAs(token, query, variables) : await t.gql(query, variables);
      expect(r.status).toBeLessThan(500);
    }
    const events = await t.models.AuditEvent.find({ at: mongoose.trusted({ $gte: start }) })
      .sort({ _id: 1 })
      .lean();
    expect(events.map((e) => `${e.operation}:${e.outcome}`)).toEqual(session.map((s) => s[3]));
    expect(new Set(events.map((e) => e.requestId)).size).toBe(session.length);
    const update = events[1];
    expect(update.actorId).toBe(vendor.userId);
    expect(JSON.parse(update.changes ?? "{}")).toEqual({ summary: ["First words.", "Second words."] });
    const approve = events[5];
    expect(JSON.parse(approve.changes ?? "{}")).toMatchObject({ summary: [null, "Second words."] });
    const everything = JSON.stringify(events) + logLines.join("\n");
    for (const tok of [vendor.token, other.token, reviewer.token, police.token]) expect(everything).not.toContain(tok);
    expect(everything).not.toMatch(/ti_[A-Za-z0-9_-]{43}/);
  });
});
