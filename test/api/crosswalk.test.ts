import { Role } from "../../src/accounts/roles";
import { CROSSWALK_CSV_COLUMNS } from "../../src/crosswalk/crosswalk.export";
import { SchemeMappingStatus } from "../../src/crosswalk/scheme-mapping.model";
import { codes, startTestApp, TestApp } from "../helpers/app";
import { userWithToken } from "../helpers/accounts";
import { parseCsv } from "../helpers/csv";
import { publicListings } from "../helpers/seed-facts";

let t: TestApp;
let base: string;
let reviewer: string;
let otherReviewer: string;
let admin: string;
let vendor: string;

beforeAll(async () => {
  t = await startTestApp({ seed: true });
  base = t.runtime.url.replace(/\/graphql$/, "");
  reviewer = (await userWithToken(t, Role.REVIEWER)).token;
  otherReviewer = (await userWithToken(t, Role.REVIEWER)).token;
  admin = (await userWithToken(t, Role.ADMIN)).token;
  vendor = (await userWithToken(t, Role.VENDOR, "thorn")).token;
});
afterAll(async () => {
  await t.close();
});

const SC = "uk-sentencing-council-image-categories";

const TRANSLATE = `query($s: String!, $l: String!, $to: String!, $h: Int) {
  translateCategory(scheme: $s, level: $l, to: $to, maxHops: $h) {
    scheme { slug } level { code name } relation note
    sources { document { slug url } locator }
    path { from { scheme { slug } level { code } } to { scheme { slug } level { code } } relation mapping { id status } }
  }
}`;

type Translation = {
  scheme: { slug: string };
  level: { code: string; name: string };
  relation: string;
  note: string;
  sources: { document: { slug: string; url: string | null } | null; locator: string }[];
  path: {
    from: { level: { code: string } };
    to: { level: { code: string } };
    relation: string;
    mapping: { id: string };
  }[];
};
const translate = async (s: string, l: string, to: string, h?: number) => {
  const r = await t.gql<{ translateCategory: Translation[] }>(TRANSLATE, { s, l, to, h });
  expect(r.errors).toBeUndefined();
  return r.data!.translateCategory;
};

const PROPOSE = `mutation($i: ProposeSchemeMappingInput!) {
  proposeSchemeMapping(input: $i) { mapping { id status relation viewerCanReview } userErrors { field message code } }
}`;
type Payload = {
  mapping: { id: string; status: string; relation: string; viewerCanReview: boolean } | null;
  userErrors: { field: string[]; message: string; code: string }[];
};
const proposal = (over: Record<string, unknown> = {}) => ({
  fromScheme: "copine-scale",
  fromLevel: "8",
  toScheme: "oliver-scale",
  toLevel: "3",
  relation: "CLOSE",
  note: "Both cover non-penetrative sexual contact between an adult and a child.",
  sources: [{ document: "misp-taxonomy-copine-scale", locator: "predicate level-8" }],
  ...over,
});
const propose = async (token: string, over: Record<string, unknown> = {}) =>
  (await t.gqlAs<{ proposeSchemeMapping: Payload }>(token, PROPOSE, { i: proposal(over) })).data!.proposeSchemeMapping;
const decide = async (token: string, op: string, id: string, extra = "") => {
  const r = await t.gqlAs<Record<string, Payload>>(
    token,
    `mutation($id: ID!) { ${op}(id: $id${extra}) { mapping { id status reason } userErrors { field message code } } }`,
    { id },
  );
  expect(r.errors).toBeUndefined();
  return r.data![op];
};

describe("scheme levels", () => {
  it("carry codes and citations to documents with a URL", async () => {
    const r = await t.gql<{
      classificationSchemes: {
        slug: string;
        levels: {
          code: string;
          rank: number;
          sources: { document: { url: string | null } | null; locator: string }[];
        }[];
      }[];
    }>(`{ classificationSchemes { slug levels { code rank sources { document { url } locator } } } }`);
    const by = new Map(r.data!.classificationSchemes.map((s) => [s.slug, s]));
    expect(by.get("copine-scale")!.levels.map((l) => l.code)).toEqual([
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
    expect(by.get("oliver-scale")!.levels.map((l) => l.code)).toEqual(["1", "2", "3", "4", "5"]);
    expect(by.get(SC)!.levels.map((l) => l.code)).toEqual(["A", "B", "C"]);
    for (const slug of ["copine-scale", "oliver-scale", SC])
      for (const l of by.get(slug)!.levels)
        expect(l.sources.some((s) => s.document?.url?.startsWith("http") && s.locator)).toBe(true);
    // No source read gives the CETS levels: none are kept.
    expect(by.get("cets-classification")!.levels).toEqual([]);
  });
});

describe("translateCategory", () => {
  it("translates an Oliver level to the Sentencing Council category the consultation states", async () => {
    const [a, ...rest] = await translate("oliver-scale", "4", SC);
    expect(rest).toEqual([]);
    expect(a.scheme.slug).toBe(SC);
    expect(a.level.code).toBe("A");
    expect(a.relation).toBe("BROADER");
    expect(a.note).toMatch(/previously levels 4 and 5/);
    expect(a.sources[0].document?.slug).toBe("sentencing-council-sexual-offences-consultation");
    expect(a.path).toHaveLength(1);
  });

  it("follows a mapping backwards with the inverse relation", async () => {
    const found = await translate(SC, "A", "oliver-scale");
    expect(found.map((f) => [f.level.code, f.relation])).toEqual([
      ["4", "NARROWER"],
      ["5", "NARROWER"],
    ]);
  });

  it("goes through other schemes only when asked, reporting the weakest relation on the path", async () => {
    expect(await translate("copine-scale", "10", SC)).toEqual([]);
    const [a] = await translate("copine-scale", "10", SC, 2);
    expect(a.level.code).toBe("A");
    // CLOSE to Oliver 5, then BROADER to A: the weaker is BROADER.
    expect(a.relation).toBe("BROADER");
    expect(a.path.map((p) => p.relation)).toEqual(["CLOSE", "BROADER"]);
    expect(a.sources.map((s) => s.document?.slug)).toEqual([
      "misp-taxonomy-copine-scale",
      "r-v-oliver-2002-times-law-report",
      "sentencing-council-sexual-offences-consultation",
    ]);
    // COPINE 9 is RELATED to Oliver 4: RELATED whatever follows.
    expect((await translate("copine-scale", "9", SC, 3)).map((x) => x.relation)).toEqual(["RELATED"]);
  });

  it("refuses unknown schemes and levels, naming the argument", async () => {
    const ask = (v: Record<string, unknown>) =>
      t
        .gql(TRANSLATE, { s: "oliver-scale", l: "4", to: SC, ...v })
        .then((r) => [codes(r)[0], r.errors?.[0].extensions?.argument]);
    expect(await ask({ s: "no-such-scheme" })).toEqual(["BAD_USER_INPUT", "scheme"]);
    expect(await ask({ l: "9" })).toEqual(["BAD_USER_INPUT", "level"]);
    expect(await ask({ to: "nope" })).toEqual(["BAD_USER_INPUT", "to"]);
    expect(await ask({ to: "oliver-scale" })).toEqual(["BAD_USER_INPUT", "to"]);
    expect(await ask({ h: 0 })).toEqual(["BAD_USER_INPUT", "maxHops"]);
    expect(await ask({ h: 4 })).toEqual(["BAD_USER_INPUT", "maxHops"]);
  });
});

describe("crosswalk", () => {
  it("gives the level × level matrix with relations and mapping ids", async () => {
    const r = await t.gql<{
      crosswalk: {
        levels: { level: { code: string } }[];
        cells: {
          row: { level: { code: string } };
          column: { level: { code: string } };
          relation: string;
          mappingIds: string[];
        }[];
        pairs: { from: { slug: string }; to: { slug: string }; mappingCount: number; translatable: boolean }[];
        unmappedLevels: { scheme: { slug: string }; level: { code: string } }[];
      };
    }>(
      `{ crosswalk(schemes: ["oliver-scale", "${SC}"]) {
        levels { level { code } }
        cells { row { level { code } } column { level { code } } relation mappingIds }
        pairs { from { slug } to { slug } mappingCount translatable }
        unmappedLevels { scheme { slug } level { code } }
      } }`,
    );
    const c = r.data!.crosswalk;
    expect(c.levels.map((l) => l.level.code)).toEqual(["1", "2", "3", "4", "5", "A", "B", "C"]);
    expect(c.cells).toHaveLength(10);
    expect(c.cells[0]).toMatchObject({
      row: { level: { code: "1" } },
      column: { level: { code: "C" } },
      relation: "BROADER",
    });
    expect(c.cells.find((x) => x.row.level.code === "B" && x.column.level.code === "3")?.relation).toBe("NARROWER");
    const node = await t.gql<{ node: { id: string; relation: string } }>(
      `query($id: ID!) { node(id: $id) { id ... on SchemeMapping { relation } } }`,
      {
        id: c.cells[0].mappingIds[0],
      },
    );
    expect(node.data!.node.relation).toBe("BROADER");
    expect(c.pairs).toEqual([
      { from: { slug: "oliver-scale" }, to: { slug: SC }, mappingCount: 5, translatable: true },
    ]);
    expect(c.unmappedLevels).toEqual([]);
  });

  it("refuses fewer than two schemes, repeats and unknown ones", async () => {
    for (const [schemes, argument] of [
      [["oliver-scale"], "schemes"],
      [["oliver-scale", "oliver-scale"], "schemes"],
      [["oliver-scale", "nope"], "schemes[1]"],
    ] as const) {
      const r = await t.gql(`query($s: [String!]!) { crosswalk(schemes: $s) { levels { level { code } } } }`, {
        s: schemes,
      });
      expect([codes(r)[0], r.errors?.[0].extensions?.argument]).toEqual(["BAD_USER_INPUT", argument]);
    }
  });

  it("exports CSV with neutralised text and an SVG grid with a legend in words", async () => {
    const csv = await fetch(`${base}/reports/crosswalk.csv?schemes=copine-scale,oliver-scale`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const [header, ...rows] = parseCsv(await csv.text());
    expect(header).toEqual(CROSSWALK_CSV_COLUMNS);
    expect(rows).toHaveLength(2 * 10 * 5);
    const row = rows.find((x) => x[0] === "copine-scale" && x[1] === "10" && x[4] === "5");
    expect(row?.[6]).toBe("CLOSE");
    expect(rows.find((x) => x[0] === "copine-scale" && x[1] === "1" && x[4] === "1")?.[6]).toBe("");

    const svg = await fetch(`${base}/reports/crosswalk.svg?schemes=copine-scale&schemes=oliver-scale`);
    expect(svg.headers.get("content-type")).toBe("image/svg+xml; charset=utf-8");
    const text = await svg.text();
    expect(text).toMatch(/^<svg /);
    expect(text.match(/class="mapped"/g)).toHaveLength(10);
    expect(text).toContain("broader: the column&apos;s level takes in all of the row&apos;s and more");
    expect(text).toContain("empty: no approved mapping (a gap)");

    const bad = await fetch(`${base}/reports/crosswalk.csv?schemes=copine-scale&x=1`);
    expect(bad.status).toBe(400);
  });
});

describe("crosswalkGaps", () => {
  it("names pairs without mappings, levels mapped nowhere, and per jurisdiction what cannot be translated", async () => {
    const r = await t.gql<{
      crosswalkGaps: {
        unmappedPairs: { from: { slug: string }; to: { slug: string } }[];
        unmappedLevels: { scheme: { slug: string }; level: { code: string } }[];
        schemesWithoutLevels: { slug: string }[];
        jurisdictions: {
          jurisdiction: { code: string };
          schemes: { slug: string }[];
          untranslatablePairs: { from: { slug: string }; to: { slug: string }; translatable: boolean }[];
        }[];
      };
    }>(`{ crosswalkGaps(jurisdictions: ["FIVE_EYES", "GB"]) {
      unmappedPairs { from { slug } to { slug } }
      unmappedLevels { scheme { slug } level { code } }
      schemesWithoutLevels { slug }
      jurisdictions { jurisdiction { code } schemes { slug } untranslatablePairs { from { slug } to { slug } translatable } }
    } }`);
    expect(r.errors).toBeUndefined();
    const g = r.data!.crosswalkGaps;
    const pair = (a: string, b: string) =>
      g.unmappedPairs.some((p) => (p.from.slug === a && p.to.slug === b) || (p.from.slug === b && p.to.slug === a));
    expect(pair("copine-scale", SC)).toBe(true);
    expect(pair("copine-scale", "oliver-scale")).toBe(false);
    expect(g.unmappedLevels.map((l) => `${l.scheme.slug}/${l.level.code}`)).toContain("copine-scale/1");
    expect(g.unmappedLevels.map((l) => `${l.scheme.slug}/${l.level.code}`)).toContain("ncmec-worst-of-the-worst/WOTW");
    expect(g.schemesWithoutLevels.map((s) => s.slug)).toContain("cets-classification");
    const [five, gb] = g.jurisdictions;
    expect(five.jurisdiction.code).toBe("FIVE_EYES");
    expect(gb.schemes.map((s) => s.slug)).toEqual(
      expect.arrayContaining(["oliver-scale", SC, "iwf-severity-assessment"]),
    );
    expect(five.schemes.length).toBeGreaterThanOrEqual(gb.schemes.length);
    // Oliver and the Sentencing Council categories are linked; the IWF grading is linked to nothing.
    const untranslatable = gb.untranslatablePairs.map((p) => [p.from.slug, p.to.slug].sort().join(" "));
    expect(untranslatable).not.toContain(["oliver-scale", SC].sort().join(" "));
    expect(untranslatable).toContain(["iwf-severity-assessment", "oliver-scale"].sort().join(" "));
    expect(gb.untranslatablePairs.every((p) => !p.translatable)).toBe(true);

    const bad = await t.gql(`{ crosswalkGaps(jurisdictions: ["XX_NOPE"]) { unmappedPairs { mappingCount } } }`);
    expect([codes(bad)[0], bad.errors?.[0].extensions?.argument]).toEqual(["BAD_USER_INPUT", "jurisdictions[0]"]);
  });
});

describe("the review of mappings", () => {
  const auditFor = (target: string) => t.models.AuditEvent.find({ target }).sort({ at: 1 }).lean();

  it("a proposal waits for another reviewer; only then does it translate", async () => {
    const p = await propose(reviewer);
    expect(p.userErrors).toEqual([]);
    expect(p.mapping).toMatchObject({ status: "PENDING", relation: "CLOSE", viewerCanReview: false });
    const id = p.mapping!.id;
    expect(await translate("copine-scale", "8", "oliver-scale")).toEqual([]);

    // Pending proposals are the reviewers' business.
    const anon = await t.gql<{ schemeMappings: { id: string }[] }>(`{ schemeMappings(status: [PENDING]) { id } }`);
    expect(anon.data!.schemeMappings).toEqual([]);
    const queue = await t.gqlAs<{ schemeMappings: { id: string; viewerCanReview: boolean }[] }>(
      otherReviewer,
      `{ schemeMappings(status: [PENDING], scheme: "copine-scale") { id viewerCanReview } }`,
    );
    expect(queue.data!.schemeMappings).toContainEqual({ id, viewerCanReview: true });

    // So is node(id): a pending mapping answers null to anyone else, as an unknown id does.
    const refetch = `query($id: ID!) { node(id: $id) { id } }`;
    expect((await t.gql(refetch, { id })).data).toEqual({ node: null });
    expect((await t.gqlAs(otherReviewer, refetch, { id })).data).toEqual({ node: { id } });

    const own = await decide(reviewer, "approveSchemeMapping", id);
    expect(own.userErrors.map((e) => e.code)).toEqual(["FORBIDDEN"]);
    const ok = await decide(otherReviewer, "approveSchemeMapping", id);
    expect(ok.userErrors).toEqual([]);
    expect(ok.mapping!.status).toBe("APPROVED");
    expect((await translate("copine-scale", "8", "oliver-scale")).map((x) => [x.level.code, x.relation])).toEqual([
      ["3", "CLOSE"],
    ]);
    expect((await decide(admin, "approveSchemeMapping", id)).userErrors.map((e) => e.code)).toEqual(["CONFLICT"]);

    const retired = await t.gqlAs<{ retireSchemeMapping: Payload & { mapping: { reason: string } } }>(
      admin,
      `mutation($id: ID!) { retireSchemeMapping(id: $id, reason: "Superseded.") { mapping { status reason } userErrors { code } } }`,
      { id },
    );
    expect(retired.data!.retireSchemeMapping.mapping).toEqual({ status: "RETIRED", reason: "Superseded." });
    expect(await translate("copine-scale", "8", "oliver-scale")).toEqual([]);

    const key = Buffer.from(id, "base64url").toString().split(":")[1];
    const events = await auditFor(`schemeMapping:${key}`);
    expect(events.map((e) => [e.operation, e.outcome])).toEqual([
      ["proposeSchemeMapping", "ACCEPTED"],
      ["approveSchemeMapping", "INVALID"],
      ["approveSchemeMapping", "ACCEPTED"],
      ["approveSchemeMapping", "INVALID"],
      ["retireSchemeMapping", "ACCEPTED"],
    ]);
  });

  it("a rejection keeps the reason, and the rejected mapping never translates", async () => {
    const p = await propose(admin, { fromLevel: "4", toLevel: "1", relation: "RELATED" });
    expect(p.userErrors).toEqual([]);
    const noReason = await decide(reviewer, "rejectSchemeMapping", p.mapping!.id, `, reason: " "`);
    expect(noReason.userErrors.map((e) => [e.field, e.code])).toEqual([[["reason"], "INVALID"]]);
    const r = await decide(reviewer, "rejectSchemeMapping", p.mapping!.id, `, reason: "Posing is not erotic posing."`);
    expect(r.mapping).toMatchObject({ status: "REJECTED", reason: "Posing is not erotic posing." });
    expect(await translate("copine-scale", "4", "oliver-scale")).toEqual([]);
  });

  it("refuses bad input with coded user errors and writes nothing", async () => {
    const before = await t.models.SchemeMapping.countDocuments({});
    const cases: [Record<string, unknown>, string[], string][] = [
      [{ fromScheme: "nope" }, ["input", "fromScheme"], "NOT_FOUND"],
      [{ toLevel: "9" }, ["input", "toLevel"], "NOT_FOUND"],
      [{ toScheme: "copine-scale", toLevel: "8" }, ["input", "toLevel"], "INVALID"],
      [{ toScheme: "copine-scale", toLevel: "9" }, ["input", "toLevel"], "INVALID"],
      [{ fromLevel: "10", toLevel: "5" }, ["input", "toLevel"], "DUPLICATE"],
      [{ sources: [] }, ["input", "sources"], "INVALID"],
      [{ sources: [{ document: "no-such-doc", locator: "p. 1" }] }, ["input", "sources", "0", "document"], "NOT_FOUND"],
      [{ note: "   " }, ["input", "note"], "INVALID"],
    ];
    for (const [over, field, code] of cases) {
      const p = await propose(reviewer, over);
      expect(p.mapping).toBeNull();
      expect(p.userErrors.map((e) => [e.field, e.code])).toContainEqual([field, code]);
    }
    expect(await t.models.SchemeMapping.countDocuments({})).toBe(before);
  });

  it("refuses a contradiction: an EXACT chain that would make a NARROWER mapping's levels equal", async () => {
    // Oliver 4 is NARROWER than Category A. An EXACT chain 4 = COPINE 9 = A would make them equal.
    const first = await propose(reviewer, {
      fromScheme: "uk-sentencing-council-image-categories",
      fromLevel: "A",
      toScheme: "interpol-worst-of-list-criteria",
      toLevel: "WORST-OF",
      relation: "EXACT",
      sources: [{ document: "hmicfrs-image-grading-glossary", locator: "category A" }],
    });
    expect(first.userErrors).toEqual([]);
    const before = await t.models.SchemeMapping.countDocuments({});
    const second = await propose(otherReviewer, {
      fromScheme: "interpol-worst-of-list-criteria",
      fromLevel: "WORST-OF",
      toScheme: "oliver-scale",
      toLevel: "4",
      relation: "EXACT",
      sources: [{ document: "interpol-blocking-and-categorizing-content", locator: "the criteria" }],
    });
    expect(second.mapping).toBeNull();
    expect(second.userErrors.map((e) => [e.field, e.code])).toEqual([[["input", "relation"], "CONFLICT"]]);
    expect(second.userErrors[0].message).toMatch(/contradiction/);
    expect(await t.models.SchemeMapping.countDocuments({})).toBe(before);
    await decide(otherReviewer, "rejectSchemeMapping", first.mapping!.id, `, reason: "Test proposal."`);
  });

  it("is for reviewers and admins only", async () => {
    const anon = await t.gql(PROPOSE, { i: proposal() });
    expect(codes(anon)).toEqual(["UNAUTHENTICATED"]);
    const v = await t.gqlAs(vendor, PROPOSE, { i: proposal() });
    expect(codes(v)).toEqual(["FORBIDDEN"]);
    expect(await t.models.SchemeMapping.countDocuments({ status: SchemeMappingStatus.PENDING, proposedBy: null })).toBe(
      0,
    );
  });
});

describe("listings by classification scheme", () => {
  it("filters on the schemes a listing reads or writes, and refuses an unknown slug", async () => {
    const slugs = ["interpol-icse-worst-of-baseline", "ncmec-worst-of-the-worst"];
    const r = await t.gql<{ listings: { totalCount: number; edges: { node: { slug: string } }[] } }>(
      `query($s: [String!]) { listings(first: 100, filter: { classificationSchemes: $s }) { totalCount edges { node { slug } } } }`,
      { s: slugs },
    );
    const expected = publicListings
      .filter((l) => l.classificationSchemes.some((c) => slugs.includes(c)))
      .map((l) => l.slug);
    expect(expected.length).toBeGreaterThan(1);
    expect(r.data!.listings.edges.map((e) => e.node.slug).sort()).toEqual(expected.sort());
    const bad = await t.gql(`{ listings(filter: { classificationSchemes: ["no-such-scheme"] }) { totalCount } }`);
    expect([codes(bad)[0], bad.errors?.[0].extensions?.argument]).toEqual([
      "BAD_USER_INPUT",
      "filter.classificationSchemes",
    ]);
  });
});
