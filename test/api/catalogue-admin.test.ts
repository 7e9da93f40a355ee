import { AuditOutcome } from "../../src/audit/audit.model";
import { Role } from "../../src/accounts/roles";
import { codes, startTestApp, TestApp } from "../helpers/app";
import { userWithToken } from "../helpers/accounts";
import { publicListings, servedIn, subtree } from "../helpers/seed-facts";

let t: TestApp;
let admin: string;
let reviewer: string;
beforeAll(async () => {
  t = await startTestApp({ seed: true });
  admin = (await userWithToken(t, Role.ADMIN)).token;
  reviewer = (await userWithToken(t, Role.REVIEWER)).token;
});
afterAll(async () => {
  await t.close();
});

type Cap = {
  capability: { slug: string; path: string; depth: number } | null;
  userErrors: { field: string[]; code: string }[];
};
const count = async (capability: string) =>
  (
    await t.gql<{ tools: { totalCount: number } }>(
      `query($c: String!) { tools(filter: { capabilities: [$c] }) { totalCount } }`,
      { c: capability },
    )
  ).data!.tools.totalCount;

describe("taxonomy maintenance", () => {
  it("adds, renames, moves (subtree paths follow) and retires capabilities", async () => {
    const add = await t.gqlAs<{ addCapability: Cap }>(
      admin,
      `mutation { addCapability(input: { slug: "csam-classifier-ml", name: "Machine-learning classifiers", parent: "image-classification" }) { capability { slug path depth } userErrors { field code } } }`,
    );
    expect(add.data!.addCapability.capability).toEqual({
      slug: "csam-classifier-ml",
      path: "/detection/image-classification/csam-classifier-ml/",
      depth: 2,
    });

    const tooDeep = await t.gqlAs<{ addCapability: Cap }>(
      admin,
      `mutation { addCapability(input: { slug: "x-deeper", name: "x", parent: "csam-classifier-ml" }) { capability { slug } userErrors { field code } } }`,
    );
    expect(tooDeep.data!.addCapability.userErrors[0]).toMatchObject({ field: ["input", "parent"], code: "INVALID" });

    const ren = await t.gqlAs<{ renameCapability: { capability: { name: string } } }>(
      admin,
      `mutation { renameCapability(slug: "triage", name: "Triage and prioritisation") { capability { name } userErrors { code } } }`,
    );
    expect(ren.data!.renameCapability.capability.name).toBe("Triage and prioritisation");

    const ageBefore = await count("age-estimation");
    const victimBefore = await count("victim-identification");
    const moved = await t.gqlAs<{ moveCapability: Cap }>(
      admin,
      `mutation { moveCapability(slug: "image-classification", parent: "victim-identification") { capability { slug path depth } userErrors { code } } }`,
    );
    expect(moved.data!.moveCapability.capability?.path).toBe("/victim-identification/image-classification/");
    const child = await t.gql<{ capability: { path: string } }>(`{ capability(slug: "csam-classifier-ml") { path } }`);
    expect(child.data!.capability.path).toBe("/victim-identification/image-classification/csam-classifier-ml/");
    const victimNodes = new Set([...subtree("victim-identification"), "image-classification"]);
    expect(await count("victim-identification")).toBe(
      publicListings.filter((l) => l.capabilities.some((c) => victimNodes.has(c))).length,
    );
    expect(await count("victim-identification")).toBeGreaterThanOrEqual(victimBefore);
    expect(await count("age-estimation")).toBe(ageBefore);

    const underItself = await t.gqlAs<{ moveCapability: Cap }>(
      admin,
      `mutation { moveCapability(slug: "image-classification", parent: "csam-classifier-ml") { capability { slug } userErrors { code } } }`,
    );
    expect(underItself.data!.moveCapability.userErrors[0].code).toBe("INVALID");

    const busy = await t.gqlAs<{ retireCapability: Cap }>(
      admin,
      `mutation { retireCapability(slug: "image-classification") { capability { slug } userErrors { code } } }`,
    );
    expect(busy.data!.retireCapability.userErrors[0].code).toBe("CONFLICT");
    const retired = await t.gqlAs<{ retireCapability: Cap }>(
      admin,
      `mutation { retireCapability(slug: "csam-classifier-ml") { capability { slug } userErrors { code } } }`,
    );
    expect(retired.data!.retireCapability.userErrors).toEqual([]);
    expect((await t.gql(`{ capability(slug: "csam-classifier-ml") { slug } }`)).data).toEqual({ capability: null });

    const ops = await t.models.AuditEvent.find({ target: /^capability:/ } as never)
      .sort({ _id: 1 })
      .lean();
    expect(ops.map((e) => `${e.operation}:${e.outcome}`)).toEqual([
      "addCapability:ACCEPTED",
      "addCapability:INVALID",
      "renameCapability:ACCEPTED",
      "moveCapability:ACCEPTED",
      "moveCapability:INVALID",
      "retireCapability:INVALID",
      "retireCapability:ACCEPTED",
    ]);
  });

  it("is for admins only", async () => {
    expect(
      codes(
        await t.gqlAs(reviewer, `mutation { renameCapability(slug: "triage", name: "x") { userErrors { code } } }`),
      ),
    ).toEqual(["FORBIDDEN"]);
    expect(codes(await t.gql(`mutation { retireCapability(slug: "triage") { userErrors { code } } }`))).toEqual([
      "UNAUTHENTICATED",
    ]);
  });
});

describe("jurisdiction groups", () => {
  it("can be created and changed, and expand in filters at once", async () => {
    const created = await t.gqlAs<{
      createJurisdictionGroup: { jurisdiction: { code: string; members: { code: string }[] }; userErrors: unknown[] };
    }>(
      admin,
      `mutation { createJurisdictionGroup(code: "NORDIC", name: "Nordic countries", members: ["SE", "NO", "DK", "FI", "IS"]) { jurisdiction { code members { code } } userErrors { field code } } }`,
    );
    expect(created.data!.createJurisdictionGroup.jurisdiction.members.map((m) => m.code)).toEqual([
      "DK",
      "FI",
      "IS",
      "NO",
      "SE",
    ]);
    const inNordic = (codes: string[]) => publicListings.filter((l) => servedIn(l, codes)).length;
    const q = `{ tools(filter: { jurisdictions: ["NORDIC"] }) { totalCount } }`;
    expect((await t.gql<{ tools: { totalCount: number } }>(q)).data!.tools.totalCount).toBe(
      inNordic(["DK", "FI", "IS", "NO", "SE"]),
    );

    await t.gqlAs(
      admin,
      `mutation { updateJurisdictionGroup(code: "NORDIC", members: ["SE"]) { userErrors { code } } }`,
    );
    expect((await t.gql<{ tools: { totalCount: number } }>(q)).data!.tools.totalCount).toBe(inNordic(["SE"]));

    const bad = await t.gqlAs<{ createJurisdictionGroup: { userErrors: { field: string[]; code: string }[] } }>(
      admin,
      `mutation { createJurisdictionGroup(code: "GB", name: "x", members: ["ZZ"]) { userErrors { field code } } }`,
    );
    expect(bad.data!.createJurisdictionGroup.userErrors.map((e) => e.field[0]).sort()).toEqual(["code", "members"]);
    expect(
      codes(
        await t.gqlAs(
          reviewer,
          `mutation { updateJurisdictionGroup(code: "NORDIC", members: ["NO"]) { userErrors { code } } }`,
        ),
      ),
    ).toEqual(["FORBIDDEN"]);
  });
});

describe("renaming a capability", () => {
  const RENAME = `mutation($n: String!, $d: String) { renameCapability(slug: "age-estimation", name: $n, description: $d) {
    capability { name description } userErrors { field code } } }`;
  type Renamed = {
    renameCapability: {
      capability: { name: string; description: string | null } | null;
      userErrors: { field: string[]; code: string }[];
    };
  };

  it("refuses a description that is too long or holds control characters, and writes nothing", async () => {
    const before = await t.models.Capability.findOne({ slug: "age-estimation" }).lean();
    for (const [n, d, field] of [
      ["Age estimation", "x".repeat(501), "description"],
      ["Age estimation", "bad\u0000text", "description"],
      ["Age\u0007estimation", null, "name"],
    ] as const) {
      const r = await t.gqlAs<Renamed>(admin, RENAME, {
        n,
        d,
      });
      expect(r.data!.renameCapability).toEqual({ capability: null, userErrors: [{ field: [field], code: "INVALID" }] });
    }
    const after = await t.models.Capability.findOne({ slug: "age-estimation" }).lean();
    expect({ name: after!.name, description: after!.description }).toEqual({
      name: before!.name,
      description: before!.description,
    });
  });

  it("records the description's change in the audit log, not only the name's", async () => {
    const before = await t.models.Capability.findOne({ slug: "age-estimation" }).lean();
    const r = await t.gqlAs<Renamed>(admin, RENAME, { n: before!.name, d: "Estimates a person's age from an image." });
    expect(r.data!.renameCapability.userErrors).toEqual([]);
    const event = await t.models.AuditEvent.findOne({
      operation: "renameCapability",
      target: "capability:age-estimation",
      outcome: AuditOutcome.ACCEPTED,
    }).lean();
    expect(JSON.parse(event!.changes!)).toEqual({
      name: [before!.name, before!.name],
      description: [before!.description, "Estimates a person's age from an image."],
    });
  });
});
