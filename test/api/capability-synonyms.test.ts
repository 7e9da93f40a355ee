import { Role } from "../../src/accounts/roles";
import { AuditOutcome } from "../../src/audit/audit.model";
import { CATALOGUE_STATE_ID } from "../../src/catalog/catalogue.model";
import { createLogger } from "../../src/logger";
import { applySeed } from "../../src/seed/apply";
import { codes, startTestApp, TestApp } from "../helpers/app";
import { userWithToken } from "../helpers/accounts";

let t: TestApp;
let admin: string;
let reviewer: string;
let vendor: string;
beforeAll(async () => {
  t = await startTestApp({ seed: true });
  admin = (await userWithToken(t, Role.ADMIN)).token;
  reviewer = (await userWithToken(t, Role.REVIEWER)).token;
  vendor = (await userWithToken(t, Role.VENDOR, "internet-watch-foundation-iwf")).token;
});
afterAll(async () => {
  await t.close();
});

interface Synonym {
  term: string;
  sources: { document: { slug: string } | null; locator: string }[];
}
interface Payload {
  setCapabilitySynonyms: {
    capability: { slug: string; synonyms: Synonym[] } | null;
    userErrors: { field: string[]; message: string; code: string }[];
  };
}

const SET = `mutation($slug: String!, $synonyms: [CapabilitySynonymInput!]!) {
  setCapabilitySynonyms(slug: $slug, synonyms: $synonyms) {
    capability { slug synonyms { term sources { document { slug } locator } } }
    userErrors { field message code }
  }
}`;
const READ = `query($slug: String!) { capability(slug: $slug) { synonyms { term sources { document { slug } locator } } } }`;

const cite = (locator = "Industry, line 486") => [{ document: "cda-twg-2018", locator }];
const synonymsOf = async (slug: string) =>
  (await t.gql<{ capability: { synonyms: Synonym[] } }>(READ, { slug })).data!.capability.synonyms;
const revision = async () => (await t.models.CatalogueState.findOne({ _id: CATALOGUE_STATE_ID }).lean())?.revision ?? 0;

describe("capability synonyms", () => {
  it("are read with their citations from the seed", async () => {
    expect(await synonymsOf("web-crawling")).toEqual([
      {
        term: "webcrawler",
        sources: [
          { document: { slug: "cda-twg-2018" }, locator: "Barriers to optimal global response, line 81" },
          { document: { slug: "cda-twg-2018" }, locator: "Industry, line 486" },
        ],
      },
    ]);
    expect(await synonymsOf("triage")).toEqual([]);
  });

  it("leave the seeded capabilities unchanged when the seed is loaded again", async () => {
    const { report } = await applySeed(t.models, createLogger("silent"));
    expect(report.capabilities).toMatchObject({ created: 0, updated: 0 });
  });

  it("are set by an admin as a whole list, audited, and move the catalogue revision", async () => {
    const before = await revision();
    const r = await t.gqlAs<Payload>(admin, SET, {
      slug: "hash-matching",
      synonyms: [
        { term: "  hash comparison ", sources: cite("Industry, line 486") },
        { term: "Hash-set matching", sources: cite("Industry, line 291") },
      ],
    });
    expect(r.data!.setCapabilitySynonyms.userErrors).toEqual([]);
    expect(r.data!.setCapabilitySynonyms.capability?.synonyms.map((s) => s.term)).toEqual([
      "hash comparison",
      "Hash-set matching",
    ]);
    expect(await revision()).toBeGreaterThan(before);
    expect((await synonymsOf("hash-matching"))[1]).toEqual({
      term: "Hash-set matching",
      sources: [{ document: { slug: "cda-twg-2018" }, locator: "Industry, line 291" }],
    });

    const event = await t.models.AuditEvent.findOne({
      operation: "setCapabilitySynonyms",
      outcome: AuditOutcome.ACCEPTED,
    })
      .sort({ _id: -1 })
      .lean();
    expect(event?.target).toBe("capability:hash-matching");
    expect(JSON.parse(event?.changes ?? "null")).toEqual({
      synonyms: [[], ["hash comparison", "Hash-set matching"]],
    });

    const cleared = await t.gqlAs<Payload>(admin, SET, { slug: "hash-matching", synonyms: [] });
    expect(cleared.data!.setCapabilitySynonyms.capability?.synonyms).toEqual([]);
    expect(await synonymsOf("hash-matching")).toEqual([]);
  });

  it("are refused to reviewers, vendors and anonymous callers", async () => {
    const vars = { slug: "triage", synonyms: [{ term: "prioritisation", sources: cite() }] };
    expect(codes(await t.gqlAs(reviewer, SET, vars))).toEqual(["FORBIDDEN"]);
    expect(codes(await t.gqlAs(vendor, SET, vars))).toEqual(["FORBIDDEN"]);
    expect(codes(await t.gql(SET, vars))).toEqual(["UNAUTHENTICATED"]);
    expect(await synonymsOf("triage")).toEqual([]);
  });

  const refusals: [string, unknown[], string[], string][] = [
    ["an empty term", [{ term: "   ", sources: cite() }], ["synonyms", "0", "term"], "INVALID"],
    ["a term over 80 characters", [{ term: "x".repeat(81), sources: cite() }], ["synonyms", "0", "term"], "INVALID"],
    ["the capability's own name", [{ term: "WEB CRAWLING", sources: cite() }], ["synonyms", "0", "term"], "DUPLICATE"],
    [
      "a term repeated after case and accent folding",
      [
        { term: "spidering", sources: cite() },
        { term: "Spíderíng", sources: cite() },
      ],
      ["synonyms", "1", "term"],
      "DUPLICATE",
    ],
    ["a term with no source", [{ term: "spidering", sources: [] }], ["synonyms", "0", "sources"], "INVALID"],
    [
      "a source whose document does not exist",
      [{ term: "spidering", sources: [{ document: "no-such-report", locator: "p. 1" }] }],
      ["synonyms", "0", "sources", "0", "document"],
      "NOT_FOUND",
    ],
    [
      "a source with a URL and no document",
      [{ term: "spidering", sources: [{ url: "https://example.org/", locator: "p. 1", unverified: true }] }],
      ["synonyms", "0", "sources", "0", "document"],
      "INVALID",
    ],
  ];

  it.each(refusals)("refuse %s, naming the field and writing nothing", async (_what, synonyms, field, code) => {
    const before = await revision();
    const stored = await t.models.Capability.findOne({ slug: "web-crawling" }).lean();
    const r = await t.gqlAs<Payload>(admin, SET, { slug: "web-crawling", synonyms });
    expect(r.errors).toBeUndefined();
    expect(r.data!.setCapabilitySynonyms.capability).toBeNull();
    expect(r.data!.setCapabilitySynonyms.userErrors).toContainEqual(expect.objectContaining({ field, code }));
    expect(await t.models.Capability.findOne({ slug: "web-crawling" }).lean()).toEqual(stored);
    expect(await revision()).toBe(before);
    const event = await t.models.AuditEvent.findOne({ operation: "setCapabilitySynonyms" }).sort({ _id: -1 }).lean();
    expect(event?.outcome).toBe("INVALID");
  });

  it("refuse an unknown capability", async () => {
    const r = await t.gqlAs<Payload>(admin, SET, { slug: "no-such-capability", synonyms: [] });
    expect(r.data!.setCapabilitySynonyms.userErrors).toEqual([
      { field: ["slug"], message: "no such capability", code: "NOT_FOUND" },
    ]);
  });
});
