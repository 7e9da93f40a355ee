import { Types } from "mongoose";
import { Role } from "../../src/accounts/roles";
import { globalId } from "../../src/node/global-id";
import { MappingRelation } from "../../src/crosswalk/crosswalk";
import { SchemeMappingStatus } from "../../src/crosswalk/scheme-mapping.model";
import { SchemeLevelAction, SchemeLevelChangeStatus } from "../../src/crosswalk/curation.model";
import { CatalogueSnapshots } from "../../src/catalog/snapshot";
import { createContext, SYSTEM } from "../../src/context";
import { ListingService } from "../../src/listings/listing.service";
import { createLogger } from "../../src/logger";
import { GqlResponse, startTestApp, TestApp } from "../helpers/app";
import { userWithToken } from "../helpers/accounts";

/**
 * Every query and mutation, called as each kind of caller, each result
 * asserted: ok, a user error with its code, null (a listing the caller may
 * not see answers as a missing one), UNAUTHENTICATED or FORBIDDEN.
 */

type Who = "anonymous" | "owner" | "otherVendor" | "police" | "reviewer" | "admin";
const WHO: Who[] = ["anonymous", "owner", "otherVendor", "police", "reviewer", "admin"];
const OWNER_ORG = "internet-watch-foundation-iwf";

let t: TestApp;
const tokens: Partial<Record<Who, string>> = {};
let otherUserToken: { id: string };
let spareUserId: string;
/** Another user's token, whose shortlists and saved searches the matrix tries to reach. */
let spareToken: string;
let n = 0;

beforeAll(async () => {
  t = await startTestApp({ seed: true });
  tokens.owner = (await userWithToken(t, Role.VENDOR, OWNER_ORG)).token;
  tokens.otherVendor = (await userWithToken(t, Role.VENDOR, "thorn")).token;
  tokens.police = (await userWithToken(t, Role.LAW_ENFORCEMENT)).token;
  tokens.reviewer = (await userWithToken(t, Role.REVIEWER)).token;
  tokens.admin = (await userWithToken(t, Role.ADMIN)).token;
  const spare = await userWithToken(t, Role.LAW_ENFORCEMENT);
  const tok = await t.models.ApiToken.findOne({ user: spare.userId }).lean();
  otherUserToken = { id: tok!.tokenId };
  spareUserId = spare.userId;
  // Not the spare user's: the revokeApiToken case revokes that token.
  spareToken = (await userWithToken(t, Role.LAW_ENFORCEMENT)).token;
});
afterAll(async () => {
  await t.close();
});

const system = () =>
  new ListingService(
    createContext(t.models, new CatalogueSnapshots(t.models), createLogger("silent"), `matrix-${++n}`, SYSTEM),
  );

/** A listing of the owner's organisation in the given state, made through the product's own service. */
async function listing(state: "DRAFT" | "PENDING" | "PUBLISHED"): Promise<string> {
  const slug = `matrix-listing-${++n}`;
  const r = await system().create(
    {
      slug,
      name: `Matrix listing ${n}`,
      kind: "TOOL" as never,
      organisation: OWNER_ORG,
      summary: "A listing made for the role matrix.",
      capabilities: ["triage"],
      sources: [{ url: "https://example.org/m", locator: "m", unverified: true }],
    },
    null,
  );
  if (r.userErrors.length) throw new Error(JSON.stringify(r.userErrors));
  if (state !== "DRAFT") await system().submit(slug);
  if (state === "PUBLISHED") await system().approve(slug, 1);
  return slug;
}

function outcome(r: GqlResponse, field: string): string {
  if (r.errors?.length) return String(r.errors[0].extensions?.code);
  const value = (r.data as Record<string, unknown> | undefined)?.[field];
  if (value === null) return "null";
  const errs = (value as { userErrors?: { code: string }[] }).userErrors;
  return errs?.length ? `userError:${errs[0].code}` : "ok";
}

const call = (who: Who, query: string, variables?: Record<string, unknown>) =>
  who === "anonymous" ? t.gql(query, variables) : t.gqlAs(tokens[who] as string, query, variables);

type Expect = Record<Who, string>;
const all = (v: string): Expect => ({ anonymous: v, owner: v, otherVendor: v, police: v, reviewer: v, admin: v });
const adminOnly: Expect = {
  anonymous: "UNAUTHENTICATED",
  owner: "FORBIDDEN",
  otherVendor: "FORBIDDEN",
  police: "FORBIDDEN",
  reviewer: "FORBIDDEN",
  admin: "ok",
};
const reviewers: Expect = { ...adminOnly, reviewer: "ok" };
const editors: Expect = {
  anonymous: "UNAUTHENTICATED",
  owner: "ok",
  otherVendor: "userError:NOT_FOUND",
  police: "userError:NOT_FOUND",
  reviewer: "ok",
  admin: "ok",
};
const editorsRead: Expect = { ...editors, otherVendor: "null", police: "null" };

interface Case {
  field: string;
  /** What the case is called, when one field has several (its own target, someone else's). */
  name?: string;
  expect: Expect;
  /** Builds the operation for one caller (fresh targets where the call changes state). */
  op: (who: Who) => Promise<[string, Record<string, unknown>?]>;
}

const PL = `{ listing { slug } userErrors { code } }`;
const fixed = (q: string, v?: Record<string, unknown>) => async (): Promise<[string, Record<string, unknown>?]> => [
  q,
  v,
];

const signedIn: Expect = { ...all("ok"), anonymous: "UNAUTHENTICATED" };
/** Someone else's shortlist or saved search: every signed-in caller is told it does not exist. */
const notTheirs: Expect = { ...all("userError:NOT_FOUND"), anonymous: "UNAUTHENTICATED" };

async function gqlOk<T>(token: string, query: string, variables?: Record<string, unknown>): Promise<T> {
  const r = await t.gqlAs<T>(token, query, variables);
  if (r.errors?.length || !r.data) throw new Error(JSON.stringify(r.errors));
  return r.data;
}

/** A shortlist of the caller's (the spare user's for anonymous callers, who are refused first), holding PhotoDNA. */
async function shortlistOf(who: Who | "spare", locked = false): Promise<string> {
  const token = who === "anonymous" || who === "spare" ? spareToken : (tokens[who] as string);
  const made = await gqlOk<{ createShortlist: { shortlist: { id: string } } }>(
    token,
    `mutation($n: String!) { createShortlist(name: $n) { shortlist { id } } }`,
    { n: `matrix ${++n}` },
  );
  const id = made.createShortlist.shortlist.id;
  await gqlOk(
    token,
    `mutation($id: ID!) { addToShortlist(shortlist: $id, slug: "photodna") { userErrors { code } } }`,
    {
      id,
    },
  );
  if (locked)
    await gqlOk(token, `mutation($id: ID!) { lockShortlist(shortlist: $id) { userErrors { code } } }`, { id });
  return id;
}

async function savedSearchOf(who: Who | "spare"): Promise<string> {
  const token = who === "anonymous" || who === "spare" ? spareToken : (tokens[who] as string);
  const made = await gqlOk<{ saveSearch: { savedSearch: { id: string } } }>(
    token,
    `mutation($n: String!) { saveSearch(name: $n, search: "hash") { savedSearch { id } } }`,
    { n: `matrix ${++n}` },
  );
  return made.saveSearch.savedSearch.id;
}

const SP = `{ shortlist { id } userErrors { code } }`;
const SSP = `{ savedSearch { id } userErrors { code } }`;

/** The workspace mutations on one shortlist: each called on the caller's own, and on someone else's. */
const SHORTLIST_MUTATIONS: [field: string, args: string, locked: boolean][] = [
  ["addToShortlist", `slug: "photodna", note: "matrix"`, false],
  ["removeFromShortlist", `slug: "photodna"`, false],
  ["moveShortlistItem", `slug: "photodna", position: 0`, false],
  ["renameShortlist", `name: "Renamed in the matrix"`, false],
  ["shareShortlist", `withEmails: []`, false],
  ["lockShortlist", ``, false],
  ["unlockShortlist", ``, true],
  ["deleteShortlist", ``, false],
];
const SAVED_SEARCH_MUTATIONS: [field: string, args: string][] = [
  ["renameSavedSearch", `name: "Renamed in the matrix"`],
  ["markSavedSearchSeen", ``],
  ["deleteSavedSearch", ``],
];
const argsOf = (key: string, extra: string) => (extra ? `${key}: $id, ${extra}` : `${key}: $id`);

const WORKSPACE_CASES: Case[] = [
  { field: "shortlists", expect: signedIn, op: fixed(`{ shortlists { id } }`) },
  { field: "savedSearches", expect: signedIn, op: fixed(`{ savedSearches { id } }`) },
  {
    field: "compareListings",
    expect: all("ok"),
    op: fixed(`{ compareListings(slugs: ["photodna", "project-vic"]) { differenceCount } }`),
  },
  { field: "createShortlist", expect: signedIn, op: fixed(`mutation { createShortlist(name: "matrix") ${SP} }`) },
  {
    field: "saveSearch",
    expect: signedIn,
    op: fixed(`mutation { saveSearch(name: "matrix", search: "hash") ${SSP} }`),
  },
  {
    field: "shortlist",
    name: "shortlist (own)",
    expect: signedIn,
    op: async (who) => [`query($id: ID!) { shortlist(id: $id) { id } }`, { id: await shortlistOf(who) }],
  },
  {
    field: "shortlist",
    name: "shortlist (someone else's)",
    expect: { ...all("null"), anonymous: "UNAUTHENTICATED" },
    op: async () => [`query($id: ID!) { shortlist(id: $id) { id } }`, { id: await shortlistOf("spare") }],
  },
  {
    field: "savedSearch",
    name: "savedSearch (own)",
    expect: signedIn,
    op: async (who) => [`query($id: ID!) { savedSearch(id: $id) { id } }`, { id: await savedSearchOf(who) }],
  },
  {
    field: "savedSearch",
    name: "savedSearch (someone else's)",
    expect: { ...all("null"), anonymous: "UNAUTHENTICATED" },
    op: async () => [`query($id: ID!) { savedSearch(id: $id) { id } }`, { id: await savedSearchOf("spare") }],
  },
  ...SHORTLIST_MUTATIONS.flatMap(([field, extra, locked]): Case[] => [
    {
      field,
      name: `${field} (own)`,
      expect: signedIn,
      op: async (who) => [
        `mutation($id: ID!) { ${field}(${argsOf("shortlist", extra)}) ${SP} }`,
        { id: await shortlistOf(who, locked) },
      ],
    },
    {
      field,
      name: `${field} (someone else's)`,
      expect: notTheirs,
      op: async () => [
        `mutation($id: ID!) { ${field}(${argsOf("shortlist", extra)}) ${SP} }`,
        { id: await shortlistOf("spare", locked) },
      ],
    },
  ]),
  ...SAVED_SEARCH_MUTATIONS.flatMap(([field, extra]): Case[] => [
    {
      field,
      name: `${field} (own)`,
      expect: signedIn,
      op: async (who) => [
        `mutation($id: ID!) { ${field}(${argsOf("id", extra)}) ${SSP} }`,
        { id: await savedSearchOf(who) },
      ],
    },
    {
      field,
      name: `${field} (someone else's)`,
      expect: notTheirs,
      op: async () => [
        `mutation($id: ID!) { ${field}(${argsOf("id", extra)}) ${SSP} }`,
        { id: await savedSearchOf("spare") },
      ],
    },
  ]),
];

const CASES: Case[] = [
  { field: "tool", expect: all("ok"), op: fixed(`{ tool(slug: "photodna") { slug } }`) },
  { field: "tools", expect: all("ok"), op: fixed(`{ tools(first: 1) { totalCount } }`) },
  { field: "organisation", expect: all("ok"), op: fixed(`{ organisation(slug: "thorn") { slug } }`) },
  { field: "organisations", expect: all("ok"), op: fixed(`{ organisations(first: 1) { totalCount } }`) },
  { field: "capabilities", expect: all("ok"), op: fixed(`{ capabilities { slug } }`) },
  { field: "capability", expect: all("ok"), op: fixed(`{ capability(slug: "triage") { slug } }`) },
  { field: "jurisdictions", expect: all("ok"), op: fixed(`{ jurisdictions(kind: GROUP) { code } }`) },
  { field: "jurisdiction", expect: all("ok"), op: fixed(`{ jurisdiction(code: "EU") { code } }`) },
  { field: "classificationSchemes", expect: all("ok"), op: fixed(`{ classificationSchemes { slug } }`) },
  { field: "documents", expect: all("ok"), op: fixed(`{ documents(slugs: ["ga-2015-report"]) { slug } }`) },
  { field: "gapReport", expect: all("ok"), op: fixed(`{ gapReport(input: { jurisdictions: ["GB"] }) { coverage } }`) },
  { field: "duplicationReport", expect: all("ok"), op: fixed(`{ duplicationReport { catalogueRevision } }`) },
  { field: "staleListings", expect: all("ok"), op: fixed(`{ staleListings(olderThanDays: 30) { totalCount } }`) },
  { field: "me", expect: all("ok"), op: fixed(`{ me { authenticated } }`) },
  { field: "users", expect: adminOnly, op: fixed(`{ users { totalCount } }`) },
  { field: "auditEvents", expect: adminOnly, op: fixed(`{ auditEvents { totalCount } }`) },
  {
    field: "apiTokens",
    expect: adminOnly,
    op: async () => [`query($u: ID!) { apiTokens(userId: $u) { totalCount } }`, { u: spareUserId }],
  },
  { field: "savedReports", expect: reviewers, op: fixed(`{ savedReports { totalCount } }`) },
  { field: "reviewQueue", expect: reviewers, op: fixed(`{ reviewQueue { slug } }`) },
  {
    field: "openRevisions",
    expect: { ...all("ok"), anonymous: "UNAUTHENTICATED" },
    op: fixed(`{ openRevisions { slug } }`),
  },
  {
    field: "listingHistory",
    expect: editorsRead,
    op: async () => [`query($s: String!) { listingHistory(slug: $s) { revision } }`, { s: await listing("DRAFT") }],
  },
  {
    field: "compareRevisions",
    expect: editorsRead,
    op: async () => [
      `query($s: String!) { compareRevisions(slug: $s, a: 1, b: 1) { field } }`,
      { s: await listing("DRAFT") },
    ],
  },
  {
    field: "createListing",
    expect: {
      anonymous: "UNAUTHENTICATED",
      owner: "ok",
      otherVendor: "ok",
      police: "userError:FORBIDDEN",
      reviewer: "ok",
      admin: "ok",
    },
    op: async (who) => [
      `mutation($i: ListingInput!) { createListing(input: $i) ${PL} }`,
      {
        i: {
          slug: `created-by-${who.toLowerCase()}-${++n}`,
          name: `Created by ${who} ${n}`,
          kind: "TOOL",
          summary: "Made in the role matrix.",
          sources: [{ url: "https://example.org/c", locator: "c", unverified: true }],
          ...(who === "reviewer" || who === "admin" ? { organisation: OWNER_ORG } : {}),
        },
      },
    ],
  },
  {
    field: "updateListing",
    expect: editors,
    op: async () => [
      `mutation($s: String!) { updateListing(slug: $s, baseRevision: 1, input: { summary: "Changed in the matrix." }) ${PL} }`,
      { s: await listing("DRAFT") },
    ],
  },
  {
    field: "submitListingForReview",
    expect: editors,
    op: async () => [`mutation($s: String!) { submitListingForReview(slug: $s) ${PL} }`, { s: await listing("DRAFT") }],
  },
  {
    field: "withdrawSubmission",
    expect: editors,
    op: async () => [`mutation($s: String!) { withdrawSubmission(slug: $s) ${PL} }`, { s: await listing("PENDING") }],
  },
  {
    field: "confirmListingCurrent",
    expect: editors,
    op: async () => [
      `mutation($s: String!) { confirmListingCurrent(slug: $s) ${PL} }`,
      { s: await listing("PUBLISHED") },
    ],
  },
  {
    field: "approveRevision",
    expect: reviewers,
    op: async () => [
      `mutation($s: String!) { approveRevision(slug: $s, revision: 1) ${PL} }`,
      { s: await listing("PENDING") },
    ],
  },
  {
    field: "rejectRevision",
    expect: reviewers,
    op: async () => [
      `mutation($s: String!) { rejectRevision(slug: $s, revision: 1, reason: "No source.") ${PL} }`,
      { s: await listing("PENDING") },
    ],
  },
  {
    field: "archiveListing",
    expect: adminOnly,
    op: async () => [`mutation($s: String!) { archiveListing(slug: $s) ${PL} }`, { s: await listing("PUBLISHED") }],
  },
  {
    field: "restoreRevision",
    expect: adminOnly,
    op: async () => [
      `mutation($s: String!) { restoreRevision(slug: $s, revision: 1) ${PL} }`,
      { s: await listing("PUBLISHED") },
    ],
  },
  {
    field: "createUser",
    expect: adminOnly,
    op: async (who) => [
      `mutation($e: String!) { createUser(input: { email: $e, role: REVIEWER }) { user { email } userErrors { code } } }`,
      { e: `m-${who}-${++n}@example.org` },
    ],
  },
  {
    field: "createApiToken",
    expect: adminOnly,
    op: fixed(
      `mutation { createApiToken(input: { email: "nobody-at-all@example.org" }) { token userErrors { code } } }`,
    ),
  },
  {
    field: "revokeApiToken",
    expect: {
      anonymous: "UNAUTHENTICATED",
      owner: "userError:NOT_FOUND",
      otherVendor: "userError:NOT_FOUND",
      police: "userError:NOT_FOUND",
      reviewer: "userError:NOT_FOUND",
      admin: "ok",
    },
    op: async () => [
      `mutation($id: ID!) { revokeApiToken(tokenId: $id) { apiToken { id } userErrors { code } } }`,
      { id: otherUserToken.id },
    ],
  },
  {
    field: "disableUser",
    expect: adminOnly,
    op: async () => [
      `mutation($u: ID!) { disableUser(userId: $u) { user { disabled } userErrors { code } } }`,
      { u: (await userWithToken(t, Role.LAW_ENFORCEMENT)).userId },
    ],
  },
  {
    field: "enableUser",
    expect: adminOnly,
    op: async () => {
      const u = (await userWithToken(t, Role.LAW_ENFORCEMENT)).userId;
      await t.models.User.updateOne({ _id: u }, { $set: { disabled: true } });
      return [`mutation($u: ID!) { enableUser(userId: $u) { user { disabled } userErrors { code } } }`, { u }];
    },
  },
  {
    field: "saveGapReport",
    expect: reviewers,
    op: fixed(
      `mutation { saveGapReport(input: { jurisdictions: ["GB"] }, name: "matrix") { savedReport { id } userErrors { code } } }`,
    ),
  },
  {
    field: "completenessReport",
    expect: all("ok"),
    op: fixed(`{ completenessReport(input: { jurisdictions: ["GB"] }) { listingCount } }`),
  },
  {
    field: "myCompleteness",
    expect: { ...adminOnly, admin: "FORBIDDEN", owner: "ok", otherVendor: "ok" },
    op: fixed(`{ myCompleteness(input: { jurisdictions: ["GB"] }) { summary { listingCount } } }`),
  },
  { field: "completenessRequests", expect: reviewers, op: fixed(`{ completenessRequests { id } }`) },
  {
    field: "requestCompleteness",
    expect: reviewers,
    // A fresh published listing each time: it states no media types, and nobody has asked yet.
    op: async () => [
      `mutation($s: String!) { requestCompleteness(slug: $s, fields: [MEDIA_TYPES]) { request { id } userErrors { code } } }`,
      { s: await listing("PUBLISHED") },
    ],
  },
  {
    field: "withdrawCompletenessRequest",
    expect: reviewers,
    op: async () => {
      const asked = await call(
        "admin",
        `mutation($s: String!) { requestCompleteness(slug: $s, fields: [MEDIA_TYPES]) { request { id } } }`,
        { s: await listing("PUBLISHED") },
      );
      const id = (asked.data as { requestCompleteness: { request: { id: string } } }).requestCompleteness.request.id;
      return [
        `mutation($id: ID!) { withdrawCompletenessRequest(id: $id) { request { id } userErrors { code } } }`,
        { id },
      ];
    },
  },
  {
    field: "renameCapability",
    expect: adminOnly,
    op: fixed(
      `mutation { renameCapability(slug: "triage", name: "Triage") { capability { slug } userErrors { code } } }`,
    ),
  },
  {
    field: "updateJurisdictionGroup",
    expect: adminOnly,
    op: fixed(
      `mutation { updateJurisdictionGroup(code: "FIVE_EYES", name: "Five Eyes") { jurisdiction { code } userErrors { code } } }`,
    ),
  },
];

/** A saved gap report's id, saved by an admin (once). */
let savedGap: string | null = null;
async function savedGapReport(): Promise<string> {
  savedGap ??= (
    await gqlOk<{ saveGapReport: { savedReport: { id: string } } }>(
      tokens.admin as string,
      `mutation { saveGapReport(input: { jurisdictions: ["GB"] }, name: "matrix") { savedReport { id } } }`,
    )
  ).saveGapReport.savedReport.id;
  return savedGap;
}

/** A fresh capability, added by an admin, for the cases that change or retire one. */
async function freshCapability(): Promise<string> {
  const slug = `matrix-capability-${++n}`;
  await gqlOk(
    tokens.admin as string,
    `mutation($s: String!) { addCapability(input: { slug: $s, name: $s, parent: "triage" }) { userErrors { code } } }`,
    { s: slug },
  );
  return slug;
}

const CP = `{ capability { slug } userErrors { code } }`;
const photodnaId = () => Buffer.from(`Listing:${"0".repeat(24)}`).toString("base64url");

const MORE_CASES: Case[] = [
  { field: "listing", expect: all("ok"), op: fixed(`{ listing(slug: "photodna") { slug } }`) },
  { field: "listings", expect: all("ok"), op: fixed(`{ listings(first: 1) { totalCount } }`) },
  { field: "suggest", expect: all("ok"), op: fixed(`{ suggest(prefix: "photo") { label } }`) },
  // An id that was never issued: null for everyone, as for a listing the caller may not see.
  {
    field: "node",
    expect: all("null"),
    op: async () => [`query($id: ID!) { node(id: $id) { id } }`, { id: photodnaId() }],
  },
  {
    field: "nodes",
    expect: all("ok"),
    op: async () => [`query($id: ID!) { nodes(ids: [$id]) { id } }`, { id: photodnaId() }],
  },
  {
    field: "savedReport",
    expect: reviewers,
    op: async () => [`query($id: ID!) { savedReport(id: $id) { id } }`, { id: await savedGapReport() }],
  },
  {
    field: "compareGapReports",
    expect: reviewers,
    op: async () => {
      const id = await savedGapReport();
      return [`query($a: ID!) { compareGapReports(earlier: $a, later: $a) { coverageChange } }`, { a: id }];
    },
  },
  {
    field: "saveDuplicationReport",
    expect: reviewers,
    op: fixed(`mutation { saveDuplicationReport(name: "matrix") { savedReport { id } userErrors { code } } }`),
  },
  {
    field: "addCapability",
    expect: adminOnly,
    op: async () => [
      `mutation($s: String!) { addCapability(input: { slug: $s, name: $s, parent: "triage" }) ${CP} }`,
      { s: `matrix-added-${++n}` },
    ],
  },
  {
    field: "moveCapability",
    expect: adminOnly,
    op: async () => [
      `mutation($s: String!) { moveCapability(slug: $s, parent: null) ${CP} }`,
      { s: await freshCapability() },
    ],
  },
  {
    field: "retireCapability",
    expect: adminOnly,
    op: async () => [`mutation($s: String!) { retireCapability(slug: $s) ${CP} }`, { s: await freshCapability() }],
  },
  {
    field: "setCapabilitySynonyms",
    expect: adminOnly,
    op: async () => [
      `mutation($s: String!) { setCapabilitySynonyms(slug: $s, synonyms: []) ${CP} }`,
      { s: await freshCapability() },
    ],
  },
  {
    field: "createJurisdictionGroup",
    expect: adminOnly,
    op: async () => [
      `mutation($c: String!) { createJurisdictionGroup(code: $c, name: "Matrix group", members: ["GB", "IE"]) { jurisdiction { code } userErrors { code } } }`,
      { c: `MATRIX_${++n}` },
    ],
  },
];

/** Distinct level pairs no seeded mapping joins, one per fixture, so no fixture repeats or contradicts another. */
const FREE_PAIRS = ["1", "2", "3", "4", "6", "7", "8", "9", "10"].flatMap((c) =>
  ["A", "B", "C"].map((l) => [c, l] as const),
);
/** A mapping in the given status, written straight to the database (proposed by nobody, so anyone may decide). */
async function freshMapping(status: "PENDING" | "APPROVED"): Promise<string> {
  const [fromLevel, toLevel] = FREE_PAIRS[++n % FREE_PAIRS.length];
  const _id = new Types.ObjectId();
  await t.models.SchemeMapping.deleteMany({ fromScheme: "copine-scale", fromLevel, toLevel });
  await t.models.SchemeMapping.create([
    {
      _id,
      fromScheme: "copine-scale",
      fromLevel,
      toScheme: "uk-sentencing-council-image-categories",
      toLevel,
      relation: MappingRelation.RELATED,
      note: "A fixture for the role matrix.",
      sources: [],
      status: SchemeMappingStatus[status],
    },
  ]);
  return _id.toHexString();
}
const MP = `{ mapping { id } userErrors { code } }`;

const CROSSWALK_CASES: Case[] = [
  {
    field: "translateCategory",
    expect: all("ok"),
    op: fixed(
      `{ translateCategory(scheme: "oliver-scale", level: "4", to: "uk-sentencing-council-image-categories") { relation } }`,
    ),
  },
  {
    field: "crosswalk",
    expect: all("ok"),
    op: fixed(`{ crosswalk(schemes: ["copine-scale", "oliver-scale"]) { cells { relation } } }`),
  },
  {
    field: "crosswalkGaps",
    expect: all("ok"),
    op: fixed(`{ crosswalkGaps(jurisdictions: ["FIVE_EYES"]) { unmappedPairs { mappingCount } } }`),
  },
  { field: "schemeMappings", expect: all("ok"), op: fixed(`{ schemeMappings(status: [PENDING, APPROVED]) { id } }`) },
  {
    field: "proposeSchemeMapping",
    expect: reviewers,
    op: async () => {
      const [fromLevel, toLevel] = FREE_PAIRS[++n % FREE_PAIRS.length];
      await t.models.SchemeMapping.deleteMany({ fromScheme: "copine-scale", fromLevel, toLevel });
      return [
        `mutation($i: ProposeSchemeMappingInput!) { proposeSchemeMapping(input: $i) ${MP} }`,
        {
          i: {
            fromScheme: "copine-scale",
            fromLevel,
            toScheme: "uk-sentencing-council-image-categories",
            toLevel,
            relation: "RELATED",
            note: "A proposal for the role matrix.",
            sources: [{ document: "misp-taxonomy-copine-scale", locator: `predicate level-${fromLevel}` }],
          },
        },
      ];
    },
  },
  {
    field: "approveSchemeMapping",
    expect: reviewers,
    op: async () => [
      `mutation($id: ID!) { approveSchemeMapping(id: $id) ${MP} }`,
      { id: globalId("SchemeMapping", await freshMapping("PENDING")) },
    ],
  },
  {
    field: "rejectSchemeMapping",
    expect: reviewers,
    op: async () => [
      `mutation($id: ID!) { rejectSchemeMapping(id: $id, reason: "matrix") ${MP} }`,
      { id: globalId("SchemeMapping", await freshMapping("PENDING")) },
    ],
  },
  {
    field: "retireSchemeMapping",
    expect: reviewers,
    op: async () => [
      `mutation($id: ID!) { retireSchemeMapping(id: $id) ${MP} }`,
      { id: globalId("SchemeMapping", await freshMapping("APPROVED")) },
    ],
  },
];

/** Codes and ranks no level of the fixture scheme has, one pair per fixture (the scheme has no levels in the seed). */
let levelN = 0;
const freshLevel = () => ({ code: `M${++levelN}`, rank: levelN });
/** A pending level change adding a level, written straight to the database (proposed by nobody, so anyone may decide). */
async function freshLevelChange(): Promise<string> {
  const _id = new Types.ObjectId();
  const { code, rank } = freshLevel();
  await t.models.SchemeLevelChange.create([
    {
      _id,
      scheme: "cets-classification",
      action: SchemeLevelAction.ADD,
      levelKey: new Types.ObjectId().toHexString(),
      fromCode: null,
      level: { code, name: `Matrix level ${code}`, description: null, rank, sources: [] },
      status: SchemeLevelChangeStatus.PENDING,
    },
  ]);
  return globalId("SchemeLevelChange", _id.toHexString());
}
const LP = `{ change { id } userErrors { code } }`;

const LEVEL_CASES: Case[] = [
  {
    field: "schemeLevelChanges",
    expect: all("ok"),
    op: fixed(`{ schemeLevelChanges(status: [PENDING, APPROVED]) { id } }`),
  },
  {
    field: "proposeSchemeLevelChange",
    expect: reviewers,
    op: async () => {
      const { code, rank } = freshLevel();
      return [
        `mutation($i: ProposeSchemeLevelChangeInput!) { proposeSchemeLevelChange(input: $i) ${LP} }`,
        {
          i: {
            scheme: "cets-classification",
            action: "ADD",
            code,
            name: `Matrix level ${code}`,
            rank,
            sources: [{ document: "cda-twg-2018", locator: "a fixture for the role matrix" }],
          },
        },
      ];
    },
  },
  {
    field: "approveSchemeLevelChange",
    expect: reviewers,
    op: async () => [
      `mutation($id: ID!) { approveSchemeLevelChange(id: $id) ${LP} }`,
      { id: await freshLevelChange() },
    ],
  },
  {
    field: "rejectSchemeLevelChange",
    expect: reviewers,
    op: async () => [
      `mutation($id: ID!) { rejectSchemeLevelChange(id: $id, reason: "matrix") ${LP} }`,
      { id: await freshLevelChange() },
    ],
  },
];

const ALL_CASES = [...CASES, ...WORKSPACE_CASES, ...MORE_CASES, ...CROSSWALK_CASES, ...LEVEL_CASES];

describe("role × operation matrix", () => {
  it.each(ALL_CASES.map((c) => [c.name ?? c.field, c] as const))("%s", async (_name, c) => {
    const got: Partial<Record<Who, string>> = {};
    for (const who of WHO) {
      const [query, variables] = await c.op(who);
      got[who] = outcome(await call(who, query, variables), c.field);
    }
    // createApiToken for a missing user is a correctable error even for an admin.
    const expected = c.field === "createApiToken" ? { ...c.expect, admin: "userError:NOT_FOUND" } : c.expect;
    expect(got).toEqual(expected);
  });
});

it("covers every query and mutation the schema has", async () => {
  const r = await t.gql<{
    __schema: { queryType: { fields: { name: string }[] }; mutationType: { fields: { name: string }[] } };
  }>(`{ __schema { queryType { fields { name } } mutationType { fields { name } } } }`);
  const schema = r.data!.__schema;
  const fields = [...schema.queryType.fields, ...schema.mutationType.fields].map((f) => f.name);
  // The deprecated aliases (tool, tools) answer exactly as listing and listings.
  const covered = new Set(ALL_CASES.map((c) => c.field));
  expect(fields.filter((f) => !covered.has(f)).sort()).toEqual([]);
});
