import { GraphQLInputObjectType, getNamedType } from "graphql";
import { Role } from "../../src/accounts/roles";
import { CatalogueSnapshots } from "../../src/catalog/snapshot";
import { createContext, SYSTEM } from "../../src/context";
import { ListingService, slugify } from "../../src/listings/listing.service";
import { createLogger } from "../../src/logger";
import { createSchema } from "../../src/schema";
import { startTestApp, TestApp } from "../helpers/app";
import { userWithToken } from "../helpers/accounts";

/**
 * A caller who may not see a listing must not learn that its slug or name is
 * taken: every mutation taking a slug or a name answers a hidden listing's
 * slug or name exactly as it answers a free one (same codes, same shape, the
 * probed value aside), and the hidden listing stays as it was.
 */

type Caller = "vendor" | "police" | "anonymous";
const VENDOR_ORG = "internet-watch-foundation-iwf";
const HIDDEN_ORG = "thorn";

let t: TestApp;
const tokens: Partial<Record<Caller, string>> = {};
let n = 0;

const system = () =>
  new ListingService(
    createContext(t.models, new CatalogueSnapshots(t.models), createLogger("silent"), `slug-leaks-${++n}`, SYSTEM),
  );

const listingContent = (slug: string, name: string, organisation: string, visibility = "PUBLIC") => ({
  slug,
  name,
  kind: "TOOL" as never,
  organisation,
  summary: "A listing for the slug probes.",
  capabilities: ["triage"],
  visibility: visibility as never,
  sources: [{ url: "https://example.org/probe", locator: "p", unverified: true }],
});

async function make(slug: string, name: string, organisation: string, visibility = "PUBLIC"): Promise<string> {
  const r = await system().create(listingContent(slug, name, organisation, visibility), null);
  if (!r.listing) throw new Error(JSON.stringify(r.userErrors));
  return r.listing.slug;
}

/**
 * The hidden listings probed, each as a slug and as a name, with the callers
 * who may not see them (law enforcement sees published LAW_ENFORCEMENT
 * listings; an anonymous caller, refused every mutation, is probed with one).
 */
const hidden: { what: string; slug: string; name: string; from: Caller[] }[] = [];

beforeAll(async () => {
  t = await startTestApp({ seed: true });
  tokens.vendor = (await userWithToken(t, Role.VENDOR, VENDOR_ORG)).token;
  tokens.police = (await userWithToken(t, Role.LAW_ENFORCEMENT)).token;
  const owner = (await userWithToken(t, Role.VENDOR, HIDDEN_ORG)).token;

  const le = await make("zzhidden-le-only", "Zzhidden law enforcement tool", HIDDEN_ORG, "LAW_ENFORCEMENT");
  await system().submit(le);
  await system().approve(le, 1);
  hidden.push({
    what: "a published LAW_ENFORCEMENT listing",
    slug: le,
    name: "Zzhidden law enforcement tool",
    from: ["vendor", "anonymous"],
  });

  const byOwner = await t.gqlAs<{ createListing: { listing: { slug: string } } }>(
    owner,
    `mutation($input: ListingInput!) { createListing(input: $input) { listing { slug } } }`,
    {
      input: { ...listingContent("zzhidden-owner-draft", "Zzhidden owner draft", HIDDEN_ORG), organisation: undefined },
    },
  );
  hidden.push({
    what: "another organisation's vendor's draft",
    slug: byOwner.data!.createListing.listing.slug,
    name: "Zzhidden owner draft",
    from: ["vendor", "police"],
  });

  const draft = await make("zzhidden-reviewer-draft", "Zzhidden reviewer draft", HIDDEN_ORG);
  hidden.push({
    what: "another organisation's draft made by a reviewer",
    slug: draft,
    name: "Zzhidden reviewer draft",
    from: ["vendor", "police"],
  });

  const archived = await make("zzhidden-archived", "Zzhidden archived listing", HIDDEN_ORG);
  await system().submit(archived);
  await system().approve(archived, 1);
  await system().archive(archived);
  hidden.push({
    what: "an archived listing",
    slug: archived,
    name: "Zzhidden archived listing",
    from: ["vendor", "police"],
  });
});
afterAll(async () => {
  await t.close();
});

const PL = `{ listing { slug name revision latestRevision visibility organisation { slug } viewerCanEdit } userErrors { field message code } }`;
const SOURCES = [{ url: "https://example.org/probe", locator: "p", unverified: true }];

interface Case {
  mutation: string;
  label: string;
  /** The operation with the probed value `v` (a slug or a name) in every slug- or name-like place. */
  build: (v: string, caller: Caller, kind: "slug" | "name") => Promise<[string, Record<string, unknown>]>;
}
const fixed = (mutation: string, query: string, vars: (v: string) => Record<string, unknown>): Case => ({
  mutation,
  label: mutation,
  build: async (v) => [query, vars(v)],
});

/** A fresh listing of the vendor's organisation for each probe, so that both runs start from the same state. */
const ownListing = (v: string, caller: Caller, kind: string) =>
  make(`${slugify(v)}-own-${caller}-${kind}`, "Zzown probe target", VENDOR_ORG);

/** A fresh shortlist or saved search of the caller's for each probe (none for an anonymous caller, who is refused). */
const mine = async (caller: Caller, kind: "Shortlist" | "SavedSearch"): Promise<string> => {
  if (caller === "anonymous") return Buffer.from(`${kind}:${"0".repeat(24)}`).toString("base64url");
  const query =
    kind === "Shortlist"
      ? `mutation { out: createShortlist(name: "Zzprobe list") { shortlist { id } } }`
      : `mutation { out: saveSearch(name: "Zzprobe search") { savedSearch { id } } }`;
  const r = (await call(caller, query, {})) as { data?: { out: Record<string, { id: string }> } };
  return Object.values(r.data!.out)[0].id;
};
const SL = `{ shortlist { name items { available note } } userErrors { field message code } }`;
const onShortlist = (mutation: string, args: string): Case => ({
  mutation,
  label: mutation,
  build: async (v, caller) => [
    `mutation($s: ID!, $v: String!) { ${mutation}(shortlist: $s, ${args}) ${SL} }`,
    { s: await mine(caller, "Shortlist"), v },
  ],
});

const CASES: Case[] = [
  fixed("createShortlist", `mutation($v: String!) { createShortlist(name: $v) ${SL} }`, (v) => ({ v })),
  onShortlist("renameShortlist", "name: $v"),
  onShortlist("addToShortlist", "slug: $v, note: $v"),
  onShortlist("removeFromShortlist", "slug: $v"),
  onShortlist("moveShortlistItem", "slug: $v, position: 0"),
  fixed(
    "saveSearch",
    `mutation($v: String!) { saveSearch(name: $v, search: $v) { savedSearch { name search newCount results { totalCount } } userErrors { field message code } } }`,
    (v) => ({ v }),
  ),
  {
    mutation: "renameSavedSearch",
    label: "renameSavedSearch",
    build: async (v, caller) => [
      `mutation($s: ID!, $v: String!) { renameSavedSearch(id: $s, name: $v) { savedSearch { name } userErrors { field message code } } }`,
      { s: await mine(caller, "SavedSearch"), v },
    ],
  },
  fixed("createListing", `mutation($input: ListingInput!) { createListing(input: $input) ${PL} }`, (v) => ({
    input: { slug: v, name: `Zzprobe ${v}`, kind: "TOOL", summary: "Probe.", sources: SOURCES },
  })),
  {
    ...fixed("createListing", `mutation($input: ListingInput!) { createListing(input: $input) ${PL} }`, (v) => ({
      input: { name: v, kind: "TOOL", summary: "Probe.", sources: SOURCES },
    })),
    label: "createListing by name",
  },
  fixed(
    "updateListing",
    `mutation($v: String!) { updateListing(slug: $v, baseRevision: 1, input: { summary: "Probe." }) ${PL} }`,
    (v) => ({ v }),
  ),
  {
    mutation: "updateListing",
    label: "updateListing renaming",
    build: async (v, caller, kind) => [
      `mutation($own: String!, $v: String!) { updateListing(slug: $own, baseRevision: 1, input: { slug: $v, name: $v }) ${PL} }`,
      { own: await ownListing(v, caller, kind), v },
    ],
  },
  fixed("submitListingForReview", `mutation($v: String!) { submitListingForReview(slug: $v) ${PL} }`, (v) => ({ v })),
  fixed("withdrawSubmission", `mutation($v: String!) { withdrawSubmission(slug: $v) ${PL} }`, (v) => ({ v })),
  fixed("confirmListingCurrent", `mutation($v: String!) { confirmListingCurrent(slug: $v) ${PL} }`, (v) => ({ v })),
  fixed("approveRevision", `mutation($v: String!) { approveRevision(slug: $v, revision: 1) ${PL} }`, (v) => ({ v })),
  fixed(
    "rejectRevision",
    `mutation($v: String!) { rejectRevision(slug: $v, revision: 1, reason: "Probe.") ${PL} }`,
    (v) => ({ v }),
  ),
  fixed("restoreRevision", `mutation($v: String!) { restoreRevision(slug: $v, revision: 1) ${PL} }`, (v) => ({ v })),
  fixed("archiveListing", `mutation($v: String!) { archiveListing(slug: $v) ${PL} }`, (v) => ({ v })),
  fixed(
    "addCapability",
    `mutation($v: String!) { addCapability(input: { slug: $v, name: $v, parent: $v }) { capability { slug } userErrors { field message code } } }`,
    (v) => ({ v }),
  ),
  fixed(
    "renameCapability",
    `mutation($v: String!) { renameCapability(slug: $v, name: $v) { capability { slug } userErrors { field message code } } }`,
    (v) => ({ v }),
  ),
  fixed(
    "moveCapability",
    `mutation($v: String!) { moveCapability(slug: $v, parent: $v) { capability { slug } userErrors { field message code } } }`,
    (v) => ({ v }),
  ),
  fixed(
    "setCapabilitySynonyms",
    `mutation($v: String!) { setCapabilitySynonyms(slug: $v, synonyms: [{ term: $v, sources: [{ document: $v, locator: $v }] }]) { capability { slug } userErrors { field message code } } }`,
    (v) => ({ v }),
  ),
  fixed(
    "retireCapability",
    `mutation($v: String!) { retireCapability(slug: $v) { capability { slug } userErrors { field message code } } }`,
    (v) => ({ v }),
  ),
  fixed(
    "proposeSchemeLevelChange",
    `mutation($v: String!) { proposeSchemeLevelChange(input: { scheme: "copine-scale", action: CHANGE, level: "1", name: $v }) { change { id } userErrors { field message code } } }`,
    (v) => ({ v }),
  ),
  fixed(
    "createJurisdictionGroup",
    `mutation($v: String!) { createJurisdictionGroup(code: "ZZ_PROBE", name: $v, members: ["GB"]) { jurisdiction { code } userErrors { field message code } } }`,
    (v) => ({ v }),
  ),
  fixed(
    "updateJurisdictionGroup",
    `mutation($v: String!) { updateJurisdictionGroup(code: "EU", name: $v) { jurisdiction { code } userErrors { field message code } } }`,
    (v) => ({ v }),
  ),
  fixed(
    "createUser",
    `mutation($v: String!) { createUser(input: { email: "probe@example.org", role: VENDOR, organisation: $v, name: $v }) { user { email } userErrors { field message code } } }`,
    (v) => ({ v }),
  ),
  fixed(
    "createApiToken",
    `mutation($v: String!) { createApiToken(input: { email: "probe@example.org", name: $v }) { token userErrors { field message code } } }`,
    (v) => ({ v }),
  ),
  fixed(
    "saveGapReport",
    `mutation($v: String!) { saveGapReport(input: { jurisdictions: ["IS"] }, name: $v) { savedReport { name } userErrors { field message code } } }`,
    (v) => ({ v }),
  ),
  fixed(
    "requestCompleteness",
    `mutation($v: String!) { requestCompleteness(slug: $v, fields: [MEDIA_TYPES], note: $v) { request { fields state listing { slug } } userErrors { field message code } } }`,
    (v) => ({ v }),
  ),
  fixed(
    "saveDuplicationReport",
    `mutation($v: String!) { saveDuplicationReport(name: $v) { savedReport { name } userErrors { field message code } } }`,
    (v) => ({ v }),
  ),
];

/** What the caller reads about the value afterwards: the listing and history under it and under its vendor slug. */
const AFTER = `query($v: String!, $mine: String!) {
  tool(slug: $v) { slug }
  history: listingHistory(slug: $v) { revision state }
  mine: listingHistory(slug: $mine) { revision state }
}`;

const call = (caller: Caller, query: string, variables: Record<string, unknown>) =>
  caller === "anonymous" ? t.gql(query, variables) : t.gqlAs(tokens[caller] as string, query, variables);

/** The answers with the probed value, and the slugs made from it, written as `<v>`. */
function normalised(answers: unknown[], v: string): string {
  const text = JSON.stringify(answers);
  return [v, slugify(v)]
    .filter(Boolean)
    .sort((a, b) => b.length - a.length)
    .reduce((s, x) => s.split(x).join("<v>"), text);
}

async function probe(c: Case, caller: Caller, kind: "slug" | "name", v: string): Promise<string> {
  const [query, variables] = await c.build(v, caller, kind);
  return normalised([await call(caller, query, variables)], v);
}

/** Reads about the value after every mutation has been tried with it. */
async function readBack(caller: Caller, v: string): Promise<string> {
  const base = slugify(v) || v;
  return normalised([await call(caller, AFTER, { v, mine: `${base}--${VENDOR_ORG}` })], v);
}

const snapshotOfHidden = async () =>
  JSON.stringify(
    await Promise.all(
      hidden.map(async (h) => [
        await t.models.Tool.findOne({ slug: h.slug }).lean(),
        await t.models.ListingRevision.find({ slug: h.slug }).sort({ number: 1 }).lean(),
      ]),
    ),
  );

describe("a mutation given the slug or name of a listing the caller may not see", () => {
  it("has a case here for every mutation that takes a slug or a name", async () => {
    const schema = await createSchema();
    const named = /^(slug|name|parent|organisation|code)$/;
    const mutations = Object.values(schema.getMutationType()!.getFields())
      .filter((f) =>
        f.args.some((a) => {
          const type = getNamedType(a.type);
          const fields = type instanceof GraphQLInputObjectType ? Object.keys(type.getFields()) : [];
          return named.test(a.name) || fields.some((k) => named.test(k));
        }),
      )
      .map((f) => f.name)
      .sort();
    expect([...new Set(CASES.map((c) => c.mutation))].sort()).toEqual(mutations);
  });

  it("answers exactly as for a free slug or name, and leaves the hidden listing as it was", async () => {
    const before = await snapshotOfHidden();
    let k = 0;
    const mismatches: unknown[] = [];
    for (const h of hidden) {
      // Free values of the same form (a slug in the same namespace, a name making the same kind of slug), put
      // through the same mutations in the same order, so that both start every call from the same state.
      k++;
      const free = { slug: h.slug.replace(/^zzhidden/, `zzfree${k}`), name: h.name.replace(/^Zzhidden/, `Zzfree${k}`) };
      for (const kind of ["slug", "name"] as const) {
        const value = h[kind];
        expect(free[kind]).not.toBe(value);
        for (const caller of h.from) {
          const compare = (what: string, withHidden: string, withFree: string) => {
            if (withHidden !== withFree) mismatches.push({ hidden: h.what, kind, caller, what, withHidden, withFree });
          };
          for (const c of CASES) {
            compare(c.label, await probe(c, caller, kind, value), await probe(c, caller, kind, free[kind]));
          }
          compare("reading back", await readBack(caller, value), await readBack(caller, free[kind]));
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(await snapshotOfHidden()).toBe(before);
  }, 600_000);

  it("still lets the vendor create under the requested slug or name, in its organisation's namespace", async () => {
    for (const h of hidden) {
      const r = await t.gqlAs<{ createListing: { listing: { slug: string } | null; userErrors: unknown[] } }>(
        tokens.vendor as string,
        `mutation($input: ListingInput!) { createListing(input: $input) { listing { slug } userErrors { code } } }`,
        { input: { name: `${h.name} again`, kind: "TOOL", summary: "Probe.", sources: SOURCES } },
      );
      expect(r.data!.createListing).toEqual({
        listing: { slug: `${slugify(`${h.name} again`)}--${VENDOR_ORG}` },
        userErrors: [],
      });
    }
  });
});

describe("a collision with a listing the vendor may see", () => {
  it("is DUPLICATE: the vendor's own organisation's listing, even when restricted", async () => {
    const own = await make(`zzown-restricted--${VENDOR_ORG}`, "Zzown restricted", VENDOR_ORG, "LAW_ENFORCEMENT");
    const r = await t.gqlAs<{ createListing: { listing: unknown; userErrors: { field: string[]; code: string }[] } }>(
      tokens.vendor as string,
      `mutation($input: ListingInput!) { createListing(input: $input) { listing { slug } userErrors { field code } } }`,
      { input: { slug: "zzown-restricted", name: "Zzown again", kind: "TOOL", summary: "Probe.", sources: SOURCES } },
    );
    expect(r.data!.createListing).toEqual({
      listing: null,
      userErrors: [{ field: ["input", "slug"], code: "DUPLICATE" }],
    });
    expect((await t.gqlAs(tokens.vendor as string, `{ listingHistory(slug: "${own}") { revision } }`)).data).toEqual({
      listingHistory: [{ revision: 1 }],
    });
  });

  it("cannot happen with another organisation's listing: its namespace is refused to anyone else", async () => {
    const r = await system().create(listingContent(`zzclaim--${HIDDEN_ORG}`, "Zzclaim", VENDOR_ORG), null);
    expect(r.userErrors).toEqual([expect.objectContaining({ field: ["input", "slug"], code: "INVALID" })]);
    const thorns = await make(`zzmoved--${HIDDEN_ORG}`, "Zzmoved", HIDDEN_ORG);
    const moved = await system().update(thorns, 1, { organisation: VENDOR_ORG });
    expect(moved.userErrors).toEqual([expect.objectContaining({ field: ["input", "slug"], code: "INVALID" })]);
  });
});
