import { Role } from "../../src/accounts/roles";
import { bumpCatalogueRevision } from "../../src/catalog/snapshot";
import { codes, startTestApp, TestApp } from "../helpers/app";
import { userWithToken } from "../helpers/accounts";

let t: TestApp;
let reviewer: string;
let reviewerEmail: string;
let police: string;
beforeAll(async () => {
  t = await startTestApp({ seed: true });
  ({ token: reviewer, email: reviewerEmail } = await userWithToken(t, Role.REVIEWER));
  police = (await userWithToken(t, Role.LAW_ENFORCEMENT)).token;
});
afterAll(async () => {
  await t.close();
});

const SAVE = `mutation($input: GapReportInput!, $name: String!) { saveGapReport(input: $input, name: $name) {
  savedReport { id name kind catalogueRevision gapCount singlePointOfFailureCount coverage input { jurisdictions minTools } createdBy { email } }
  userErrors { field message code } } }`;
type Saved = {
  saveGapReport: {
    savedReport: {
      id: string;
      name: string;
      catalogueRevision: string;
      gapCount: number;
      coverage: number;
      createdBy: { email: string } | null;
    } | null;
    userErrors: { field: string[]; code: string }[];
  };
};
const input = { jurisdictions: ["FIVE_EYES"], capabilities: ["victim-identification"] };

describe("saved reports", () => {
  it("are saved by reviewers and admins only, and audited", async () => {
    expect(codes(await t.gql(SAVE, { input, name: "x" }))).toEqual(["UNAUTHENTICATED"]);
    expect(codes(await t.gqlAs(police, SAVE, { input, name: "x" }))).toEqual(["FORBIDDEN"]);
    const bad = await t.gqlAs<Saved>(reviewer, SAVE, { input, name: "  " });
    expect(bad.data!.saveGapReport.userErrors[0]).toMatchObject({ field: ["name"], code: "INVALID" });
    expect(await t.models.SavedReport.countDocuments({})).toBe(0);
    const ops = await t.models.AuditEvent.find({ operation: "saveGapReport" }).sort({ _id: 1 }).lean();
    expect(ops.map((e) => e.outcome)).toEqual(["REFUSED", "REFUSED", "INVALID"]);
  });

  it("keep what the report said, and compare to show gaps closed and opened", async () => {
    const first = await t.gqlAs<Saved>(reviewer, SAVE, { input, name: "Before" });
    const before = first.data!.saveGapReport.savedReport!;
    expect(before.createdBy).toEqual({ email: reviewerEmail });
    const live = await t.gql<{
      gapReport: { gaps: { capability: { slug: string }; jurisdiction: { code: string } }[]; coverage: number };
    }>(
      `query($input: GapReportInput!) { gapReport(input: $input) { coverage gaps { capability { slug } jurisdiction { code } } } }`,
      { input },
    );
    expect(before.gapCount).toBe(live.data!.gapReport.gaps.length);
    expect(before.coverage).toBeCloseTo(live.data!.gapReport.coverage);

    // Close one gap: make a victim-identification listing available in a Five Eyes country that lacks one.
    const gap = live.data!.gapReport.gaps[0];
    const cap = await t.models.Capability.findOne({ slug: gap.capability.slug }).lean();
    const listing = await t.models.Tool.findOne({ capabilities: cap!._id }).lean();
    expect(listing).not.toBeNull();
    await t.models.Tool.updateOne(
      { _id: listing!._id },
      {
        $push: { availability: { jurisdiction: gap.jurisdiction.code, status: "AVAILABLE", notes: null } },
        $addToSet: { servedJurisdictions: gap.jurisdiction.code },
      },
    );
    await bumpCatalogueRevision(t.models);
    const second = await t.gqlAs<Saved>(reviewer, SAVE, { input, name: "After" });
    const after = second.data!.saveGapReport.savedReport!;
    // Revisions are digests of the catalogue as the saver saw it: different catalogues, different revisions.
    expect(after.catalogueRevision).not.toBe(before.catalogueRevision);

    const cmp = await t.gqlAs<{
      compareGapReports: {
        sameInput: boolean;
        closed: { capability: string; jurisdiction: string }[];
        opened: unknown[];
        coverageChange: number;
      };
    }>(
      reviewer,
      `query($a: ID!, $b: ID!) { compareGapReports(before: $a, after: $b) { sameInput coverageChange closed { capability jurisdiction } opened { capability jurisdiction } } }`,
      { a: before.id, b: after.id },
    );
    expect(cmp.errors).toBeUndefined();
    const c = cmp.data!.compareGapReports;
    expect(c.sameInput).toBe(true);
    expect(c.closed).toContainEqual({ capability: gap.capability.slug, jurisdiction: gap.jurisdiction.code });
    expect(c.opened).toEqual([]);
    expect(c.coverageChange).toBeGreaterThan(0);

    const list = await t.gqlAs<{
      savedReports: { totalCount: number; edges: { node: { name: string; body: string } }[] };
    }>(reviewer, `{ savedReports(kind: GAP) { totalCount edges { node { name body } } } }`);
    expect(list.data!.savedReports.edges.map((e) => e.node.name)).toEqual(["After", "Before"]);
    expect(JSON.parse(list.data!.savedReports.edges[1].node.body).gaps).toHaveLength(before.gapCount);
    expect(codes(await t.gqlAs(police, `{ savedReports { totalCount } }`))).toEqual(["FORBIDDEN"]);
  });

  it("names a bad id in a comparison", async () => {
    const r = await t.gqlAs(
      reviewer,
      `{ compareGapReports(before: "nope", after: "000000000000000000000000") { sameInput } }`,
    );
    expect(codes(r)).toEqual(["BAD_USER_INPUT"]);
    expect(r.errors![0].message).toMatch(/^before:/);
  });
});
