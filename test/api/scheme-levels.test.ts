import { Types } from "mongoose";
import { Role } from "../../src/accounts/roles";
import { globalId } from "../../src/node/global-id";
import { createLogger } from "../../src/logger";
import { applySeed } from "../../src/seed/apply";
import { codes, startTestApp, TestApp } from "../helpers/app";
import { userWithToken } from "../helpers/accounts";

let t: TestApp;
let reviewer: { token: string; id: string };
let otherReviewer: { token: string; id: string };
let admin: string;
let vendor: string;

beforeAll(async () => {
  t = await startTestApp({ seed: true });
  const r = await userWithToken(t, Role.REVIEWER);
  const o = await userWithToken(t, Role.REVIEWER);
  reviewer = { token: r.token, id: r.userId };
  otherReviewer = { token: o.token, id: o.userId };
  admin = (await userWithToken(t, Role.ADMIN)).token;
  vendor = (await userWithToken(t, Role.VENDOR, "thorn")).token;
});
afterAll(async () => {
  await t.close();
});

type UserErrors = { field: string[] | null; message: string; code: string }[];
type Change = {
  id: string;
  action: string;
  status: string;
  fromCode: string | null;
  reason: string | null;
  viewerCanReview: boolean;
  level: { code: string; name: string; rank: number } | null;
};
type Payload = { change: Change | null; userErrors: UserErrors };
type Step = {
  number: number;
  actor: string | null;
  operation: string;
  status: string;
  changes: string;
  reason: string | null;
  changeId: string | null;
};
type History = {
  totalCount: number;
  edges: { cursor: string; node: Step }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
} | null;

const CHANGE = `id action status fromCode reason viewerCanReview level { code name rank }`;
const PROPOSE = `mutation($i: ProposeSchemeLevelChangeInput!) {
  proposeSchemeLevelChange(input: $i) { change { ${CHANGE} } userErrors { field message code } }
}`;
const propose = async (token: string, input: Record<string, unknown>) => {
  const r = await t.gqlAs<{ proposeSchemeLevelChange: Payload }>(token, PROPOSE, { i: input });
  expect(r.errors).toBeUndefined();
  return r.data!.proposeSchemeLevelChange;
};
const decide = async (
  token: string,
  op: "approveSchemeLevelChange" | "rejectSchemeLevelChange",
  id: string,
  reason?: string,
) => {
  const r = await t.gqlAs<Record<string, Payload>>(
    token,
    `mutation($id: ID!${reason !== undefined ? ", $r: String!" : ""}) { ${op}(id: $id${reason !== undefined ? ", reason: $r" : ""}) { change { ${CHANGE} } userErrors { field message code } } }`,
    { id, r: reason },
  );
  expect(r.errors).toBeUndefined();
  return r.data![op];
};
const STEPS = `totalCount edges { cursor node { number actor operation status changes reason changeId } } pageInfo { hasNextPage endCursor }`;
const levelsOf = async (slug: string, token?: string) => {
  const q = `{ classificationSchemes { slug levels { code name rank description sources { document { slug } locator } history(first: 20) { ${STEPS} } } } }`;
  const r = token ? await t.gqlAs<Schemes>(token, q) : await t.gql<Schemes>(q);
  expect(r.errors).toBeUndefined();
  return r.data!.classificationSchemes.find((s) => s.slug === slug)!.levels;
};
type Schemes = {
  classificationSchemes: {
    slug: string;
    levels: {
      code: string;
      name: string;
      rank: number;
      description: string | null;
      sources: { document: { slug: string } | null; locator: string }[];
      history: History;
    }[];
  }[];
};
const userGlobalId = (id: string) => Buffer.from(`User:${id}`).toString("base64url");
const written = async () => ({
  changes: await t.models.SchemeLevelChange.countDocuments({}),
  steps: await t.models.CurationRevision.countDocuments({}),
  schemes: JSON.stringify(await t.models.ClassificationScheme.find({}).sort({ slug: 1 }).lean()),
});

const ADD = {
  scheme: "copine-scale",
  action: "ADD",
  code: "0",
  name: "Level 0 (test)",
  description: "A level proposed by the test suite.",
  rank: 0,
  sources: [{ document: "misp-taxonomy-copine-scale", locator: "predicate level-0 (test)" }],
};

describe("levels curated through the API", () => {
  it("an added level waits for another reviewer, then joins the scheme with its history", async () => {
    const p = await propose(reviewer.token, ADD);
    expect(p.userErrors).toEqual([]);
    expect(p.change).toMatchObject({ action: "ADD", status: "PENDING", fromCode: null, viewerCanReview: false });
    expect((await levelsOf("copine-scale")).map((l) => l.code)).not.toContain("0");

    // Pending changes are the reviewers' business.
    const anon = await t.gql<{ schemeLevelChanges: { id: string }[] }>(`{ schemeLevelChanges { id } }`);
    expect(anon.data!.schemeLevelChanges).toEqual([]);
    const queue = await t.gqlAs<{ schemeLevelChanges: { id: string; viewerCanReview: boolean }[] }>(
      otherReviewer.token,
      `{ schemeLevelChanges(scheme: "copine-scale") { id viewerCanReview } }`,
    );
    expect(queue.data!.schemeLevelChanges).toContainEqual({ id: p.change!.id, viewerCanReview: true });

    const own = await decide(reviewer.token, "approveSchemeLevelChange", p.change!.id);
    expect(own.userErrors.map((e) => e.code)).toEqual(["FORBIDDEN"]);
    const ok = await decide(otherReviewer.token, "approveSchemeLevelChange", p.change!.id);
    expect(ok.userErrors).toEqual([]);
    expect(ok.change!.status).toBe("APPROVED");
    expect((await decide(admin, "approveSchemeLevelChange", p.change!.id)).userErrors.map((e) => e.code)).toEqual([
      "CONFLICT",
    ]);

    const levels = await levelsOf("copine-scale", reviewer.token);
    expect(levels.map((l) => l.code)).toEqual(["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"]);
    const added = levels[0];
    expect(added).toMatchObject({ name: "Level 0 (test)", rank: 0 });
    expect(added.sources).toEqual([
      { document: { slug: "misp-taxonomy-copine-scale" }, locator: "predicate level-0 (test)" },
    ]);
    // The level's history: who proposed it, who approved it, what each step changed.
    const steps = added.history!.edges.map((e) => e.node);
    expect(steps.map((s) => [s.number, s.operation, s.status, s.actor])).toEqual([
      [2, "approveSchemeLevelChange", "APPROVED", userGlobalId(otherReviewer.id)],
      [1, "proposeSchemeLevelChange", "PENDING", userGlobalId(reviewer.id)],
    ]);
    expect(JSON.parse(steps[1].changes)).toMatchObject({
      action: [null, "ADD"],
      code: [null, "0"],
      rank: [null, 0],
      sources: [null, ["misp-taxonomy-copine-scale: predicate level-0 (test)"]],
      status: [null, "PENDING"],
    });
    expect(new Set(steps.map((s) => s.changeId))).toEqual(new Set([p.change!.id]));
    // History is for reviewers and admins.
    expect((await levelsOf("copine-scale")).every((l) => l.history === null)).toBe(true);
    // It translates like any level: it simply has no mappings yet.
    const tr = await t.gql(
      `{ translateCategory(scheme: "copine-scale", level: "0", to: "oliver-scale") { relation } }`,
    );
    expect(tr).toMatchObject({ data: { translateCategory: [] } });

    const key = Buffer.from(p.change!.id, "base64url").toString().split(":")[1];
    const events = await t.models.AuditEvent.find({ target: `schemeLevelChange:${key}` })
      .sort({ at: 1 })
      .lean();
    expect(events.map((e) => [e.operation, e.outcome])).toEqual([
      ["proposeSchemeLevelChange", "ACCEPTED"],
      ["approveSchemeLevelChange", "INVALID"],
      ["approveSchemeLevelChange", "ACCEPTED"],
      ["approveSchemeLevelChange", "INVALID"],
    ]);
  });

  it("a changed level keeps its history when its code changes, and the seed no longer overwrites the scheme", async () => {
    const p = await propose(admin, {
      scheme: "copine-scale",
      action: "CHANGE",
      level: "0",
      code: "0A",
      description: null,
      note: "Renamed by the test suite.",
    });
    expect(p.userErrors).toEqual([]);
    expect(p.change).toMatchObject({ action: "CHANGE", fromCode: "0", level: { code: "0A", name: "Level 0 (test)" } });
    expect((await decide(reviewer.token, "approveSchemeLevelChange", p.change!.id)).userErrors).toEqual([]);
    const levels = await levelsOf("copine-scale", admin);
    const renamed = levels.find((l) => l.code === "0A")!;
    expect(renamed.description).toBeNull();
    expect(renamed.history!.edges.map((e) => e.node.operation)).toEqual([
      "approveSchemeLevelChange",
      "proposeSchemeLevelChange",
      "approveSchemeLevelChange",
      "proposeSchemeLevelChange",
    ]);
    expect(JSON.parse(renamed.history!.edges[0].node.changes)).toEqual({
      code: ["0", "0A"],
      description: ["A level proposed by the test suite.", null],
      status: ["PENDING", "APPROVED"],
    });

    // Paged: two steps, then the rest after the cursor.
    const page = async (after: string | null) =>
      (
        await t.gqlAs<{ classificationSchemes: { slug: string; levels: { code: string; history: History }[] }[] }>(
          admin,
          `query($a: String) { classificationSchemes { slug levels { code history(first: 2, after: $a) { ${STEPS} } } } }`,
          { a: after },
        )
      )
        .data!.classificationSchemes.find((s) => s.slug === "copine-scale")!
        .levels.find((l) => l.code === "0A")!.history!;
    const one = await page(null);
    expect(one.edges.map((e) => e.node.number)).toEqual([4, 3]);
    expect(one).toMatchObject({ totalCount: 4, pageInfo: { hasNextPage: true } });
    const two = await page(one.pageInfo.endCursor);
    expect(two.edges.map((e) => e.node.number)).toEqual([2, 1]);
    expect(two.pageInfo.hasNextPage).toBe(false);
    const tooMany = await t.gqlAs(admin, `{ classificationSchemes { levels { history(first: 101) { totalCount } } } }`);
    expect(codes(tooMany)).toContain("BAD_USER_INPUT");

    // A scheme curated through the API belongs to its reviewers: loading the seed again leaves it as it is.
    const seeded = await applySeed(t.models, createLogger("silent"));
    expect(seeded.report.classificationSchemes.kept).toBe(1);
    expect((await levelsOf("copine-scale")).map((l) => l.code)).toContain("0A");
  });

  it("refuses to retire or recode a level that mappings use, naming them, and retires one that none uses", async () => {
    const before = await written();
    const used = await propose(reviewer.token, {
      scheme: "oliver-scale",
      action: "RETIRE",
      level: "4",
      note: "Test: should be refused.",
    });
    expect(used.change).toBeNull();
    expect(used.userErrors.map((e) => [e.field, e.code])).toEqual([[["input", "level"], "CONFLICT"]]);
    expect(used.userErrors[0].message).toContain("copine-scale/9 RELATED oliver-scale/4 (approved)");
    expect(used.userErrors[0].message).toContain("oliver-scale/4 BROADER uk-sentencing-council-image-categories/A");
    const recode = await propose(reviewer.token, { scheme: "oliver-scale", action: "CHANGE", level: "4", code: "IV" });
    expect(recode.userErrors.map((e) => [e.field, e.code])).toEqual([[["input", "code"], "CONFLICT"]]);
    expect(await written()).toEqual(before);

    const retire = await propose(reviewer.token, {
      scheme: "copine-scale",
      action: "RETIRE",
      level: "0A",
      note: "Test level no longer needed.",
    });
    expect(retire.userErrors).toEqual([]);
    expect(retire.change).toMatchObject({ action: "RETIRE", fromCode: "0A", level: null });
    // One pending change per level at a time.
    const second = await propose(admin, { scheme: "copine-scale", action: "CHANGE", level: "0A", name: "Other" });
    expect(second.userErrors.map((e) => [e.field, e.code])).toEqual([[["input", "level"], "CONFLICT"]]);
    expect((await decide(admin, "approveSchemeLevelChange", retire.change!.id)).userErrors).toEqual([]);
    expect((await levelsOf("copine-scale")).map((l) => l.code)).toEqual([
      "1",
      "2",
      "3",
      "4",
      "5",
      "6",
      "7",
      "8",
      "9",
      "10",
    ]);
    // Its history outlives it, under the change that retired it.
    const retiredKey = Buffer.from(retire.change!.id, "base64url").toString().split(":")[1];
    const steps = await t.models.CurationRevision.find({ subject: /^SchemeLevel:/ })
      .sort({ number: 1 })
      .lean();
    expect(steps.filter((s) => s.change?.toHexString() === retiredKey).map((s) => [s.number, s.operation])).toEqual([
      [5, "proposeSchemeLevelChange"],
      [6, "approveSchemeLevelChange"],
    ]);
  });

  it("checks a change again when it is approved, and keeps a rejection's reason", async () => {
    // Two proposals that each fit the scheme as it is, but not together: both take rank 20.
    const a = await propose(reviewer.token, { ...ADD, code: "X1", rank: 20 });
    const b = await propose(admin, { scheme: "copine-scale", action: "CHANGE", level: "1", rank: 20 });
    expect([a.userErrors, b.userErrors]).toEqual([[], []]);
    expect((await decide(otherReviewer.token, "approveSchemeLevelChange", a.change!.id)).userErrors).toEqual([]);
    const before = await written();
    const late = await decide(otherReviewer.token, "approveSchemeLevelChange", b.change!.id);
    expect(late.change).toBeNull();
    expect(late.userErrors.map((e) => [e.field, e.code])).toEqual([[["id"], "CONFLICT"]]);
    expect(late.userErrors[0].message).toMatch(/duplicate rank 20/);
    expect(await written()).toEqual(before);

    const blank = await decide(otherReviewer.token, "rejectSchemeLevelChange", b.change!.id, "  ");
    expect(blank.userErrors.map((e) => [e.field, e.code])).toEqual([[["reason"], "INVALID"]]);
    const no = await decide(otherReviewer.token, "rejectSchemeLevelChange", b.change!.id, "Rank 20 is taken.");
    expect(no.change).toMatchObject({ status: "REJECTED", reason: "Rank 20 is taken." });
    const level1 = (await levelsOf("copine-scale", admin)).find((l) => l.code === "1")!;
    expect(level1.rank).toBe(1);
    expect(level1.history!.edges.map((e) => [e.node.operation, e.node.status, e.node.reason])).toEqual([
      ["rejectSchemeLevelChange", "REJECTED", "Rank 20 is taken."],
      ["proposeSchemeLevelChange", "PENDING", null],
    ]);
  });

  it("refuses to approve a change proposed before another change to the level was approved", async () => {
    // Two reviewers proposing at the same moment can both get past "one pending change per level";
    // the later proposal must not silently undo the earlier one once that is approved.
    const stale = new Types.ObjectId();
    const proposedAt = new Date(Date.now() - 60_000);
    await t.models.SchemeLevelChange.collection.insertOne({
      _id: stale,
      scheme: "copine-scale",
      action: "CHANGE",
      levelKey: "copine-scale/2",
      fromCode: "2",
      level: { code: "2", name: "Stale name", description: null, rank: 2, sources: [] },
      note: null,
      status: "PENDING",
      proposedBy: null,
      reviewedBy: null,
      reviewedAt: null,
      reason: null,
      createdAt: proposedAt,
      updatedAt: proposedAt,
    });
    await t.models.SchemeLevelChange.updateOne({ _id: stale }, { $set: { status: "REJECTED" } }, { timestamps: false });
    const fresh = await propose(reviewer.token, {
      scheme: "copine-scale",
      action: "CHANGE",
      level: "2",
      name: "Fresh name",
    });
    expect(fresh.userErrors).toEqual([]);
    expect((await decide(admin, "approveSchemeLevelChange", fresh.change!.id)).userErrors).toEqual([]);
    await t.models.SchemeLevelChange.updateOne({ _id: stale }, { $set: { status: "PENDING" } }, { timestamps: false });
    const before = await written();
    const late = await decide(admin, "approveSchemeLevelChange", globalId("SchemeLevelChange", stale.toHexString()));
    expect(late.userErrors.map((e) => [e.field, e.code])).toEqual([[["id"], "CONFLICT"]]);
    expect(late.userErrors[0].message).toMatch(/changed after this was proposed/);
    expect(await written()).toEqual(before);
    expect((await levelsOf("copine-scale")).find((l) => l.code === "2")!.name).toBe("Fresh name");
  });

  it("refuses bad input with coded user errors naming the field, and writes nothing", async () => {
    const before = await written();
    const cases: [Record<string, unknown>, (string[] | null)[], string][] = [
      [{ scheme: "no-such-scheme" }, [["input", "scheme"]], "NOT_FOUND"],
      [{ action: "CHANGE", level: "99", name: "x" }, [["input", "level"]], "NOT_FOUND"],
      [{ action: "CHANGE", name: "x" }, [["input", "level"]], "INVALID"],
      [{ level: "1" }, [["input", "level"]], "INVALID"],
      [{ code: "5" }, [["input", "code"]], "DUPLICATE"],
      [{ rank: 5 }, [["input", "rank"]], "DUPLICATE"],
      [{ rank: 101 }, [["input", "rank"]], "INVALID"],
      [{ name: "  " }, [["input", "name"]], "INVALID"],
      [{ sources: [] }, [["input", "sources"]], "INVALID"],
      [
        { sources: [{ document: "no-such-doc", locator: "p. 1" }] },
        [["input", "sources", "0", "document"]],
        "NOT_FOUND",
      ],
      [
        { sources: [{ document: "misp-taxonomy-copine-scale", locator: "  " }] },
        [["input", "sources", "0", "locator"]],
        "INVALID",
      ],
      [
        { sources: [{ url: "https://example.org", locator: "p. 1", unverified: true }] },
        [
          ["input", "sources", "0", "document"],
          ["input", "sources", "0", "url"],
        ],
        "INVALID",
      ],
      [{ name: null }, [["input", "name"]], "INVALID"],
      [
        {
          action: "RETIRE",
          level: "1",
          code: null,
          name: null,
          rank: null,
          sources: null,
          description: null,
          note: null,
        },
        [["input", "note"]],
        "INVALID",
      ],
      [
        { action: "RETIRE", level: "1", code: null, rank: null, sources: null, description: null, note: "why" },
        [["input", "name"]],
        "INVALID",
      ],
      [
        { action: "CHANGE", level: "2", code: null, name: null, rank: null, sources: null, description: undefined },
        [["input"]],
        "INVALID",
      ],
    ];
    for (const [over, fields, code] of cases) {
      const p = await propose(reviewer.token, { ...ADD, code: "X2", rank: 30, ...over });
      expect({ over, change: p.change }).toEqual({ over, change: null });
      for (const field of fields)
        expect({ over, errors: p.userErrors.map((e) => [e.field, e.code]) }).toEqual({
          over,
          errors: expect.arrayContaining([[field, code]]),
        });
    }
    expect(await written()).toEqual(before);
  });

  it("is for reviewers and admins only", async () => {
    const before = await written();
    expect(codes(await t.gql(PROPOSE, { i: ADD }))).toEqual(["UNAUTHENTICATED"]);
    expect(codes(await t.gqlAs(vendor, PROPOSE, { i: ADD }))).toEqual(["FORBIDDEN"]);
    expect(await written()).toEqual(before);
  });
});

describe("mapping history", () => {
  it("records each step of a mapping's review, paged, for reviewers and admins", async () => {
    const proposed = await t.gqlAs<{ proposeSchemeMapping: { mapping: { id: string } | null; userErrors: unknown[] } }>(
      reviewer.token,
      `mutation($i: ProposeSchemeMappingInput!) { proposeSchemeMapping(input: $i) { mapping { id } userErrors { message } } }`,
      {
        i: {
          fromScheme: "copine-scale",
          fromLevel: "8",
          toScheme: "oliver-scale",
          toLevel: "3",
          relation: "CLOSE",
          note: "Both cover non-penetrative sexual contact between an adult and a child.",
          sources: [{ document: "misp-taxonomy-copine-scale", locator: "predicate level-8" }],
        },
      },
    );
    expect(proposed.data!.proposeSchemeMapping.userErrors).toEqual([]);
    const id = proposed.data!.proposeSchemeMapping.mapping!.id;
    const run = async (token: string, q: string) =>
      (await t.gqlAs<Record<string, { mapping: unknown; userErrors: unknown[] }>>(token, q, { id })).data!;
    expect(
      Object.values(
        await run(
          otherReviewer.token,
          `mutation($id: ID!) { approveSchemeMapping(id: $id) { userErrors { message } } }`,
        ),
      )[0].userErrors,
    ).toEqual([]);
    expect(
      Object.values(
        await run(
          admin,
          `mutation($id: ID!) { retireSchemeMapping(id: $id, reason: "Superseded.") { userErrors { message } } }`,
        ),
      )[0].userErrors,
    ).toEqual([]);

    const HISTORY = `query($id: ID!, $a: String) { node(id: $id) { ... on SchemeMapping { history(first: 2, after: $a) { ${STEPS} } } } }`;
    const page = async (token: string | null, a: string | null) => {
      const r = token
        ? await t.gqlAs<{ node: { history: History } }>(token, HISTORY, { id, a })
        : await t.gql<{ node: { history: History } }>(HISTORY, { id, a });
      expect(r.errors).toBeUndefined();
      return r.data!.node.history;
    };
    const one = (await page(reviewer.token, null))!;
    expect(one.totalCount).toBe(3);
    expect(one.edges.map((e) => [e.node.number, e.node.operation, e.node.status, e.node.reason, e.node.actor])).toEqual(
      [
        [3, "retireSchemeMapping", "RETIRED", "Superseded.", expect.any(String)],
        [2, "approveSchemeMapping", "APPROVED", null, userGlobalId(otherReviewer.id)],
      ],
    );
    expect(JSON.parse(one.edges[0].node.changes)).toEqual({ status: ["APPROVED", "RETIRED"] });
    const two = (await page(reviewer.token, one.pageInfo.endCursor))!;
    expect(two.edges.map((e) => [e.node.number, e.node.operation, e.node.actor])).toEqual([
      [1, "proposeSchemeMapping", userGlobalId(reviewer.id)],
    ]);
    expect(JSON.parse(two.edges[0].node.changes)).toMatchObject({
      mapping: [null, "copine-scale/8 CLOSE oliver-scale/3"],
      sources: [null, ["misp-taxonomy-copine-scale: predicate level-8"]],
      status: [null, "PENDING"],
    });
    // A retired mapping is public; who reviewed it is not.
    expect(await page(null, null)).toBeNull();
  });
});
