import { Types } from "mongoose";
import { Role } from "../../src/accounts/roles";
import { AvailabilityStatus, ListingKind, PublicationState, Visibility } from "../../src/catalog/enums";
import { derivedToolFields } from "../../src/catalog/tools/tool.derive";
import { bumpCatalogueRevision } from "../../src/catalog/snapshot";
import { userWithToken } from "../helpers/accounts";
import { startTestApp, TestApp } from "../helpers/app";

/**
 * "Tell me when something new can do X in my country": saved searches that
 * remember what they matched, private to their owner.
 */

let t: TestApp;
let officer: string;
let other: string;

const FILTER = { capabilities: ["detection"], jurisdictions: ["US"] };
const FIELDS = `id name search filter orderBy lastSeenAt newCount newSinceLastSeen { slug } results(first: 100) { totalCount }`;
const SAVE = `mutation($n: String!, $s: String, $f: ListingFilter) { saveSearch(name: $n, search: $s, filter: $f) {
  savedSearch { ${FIELDS} } userErrors { field code message } } }`;
type Saved = {
  id: string;
  name: string;
  filter: unknown;
  lastSeenAt: string;
  newCount: number;
  newSinceLastSeen: { slug: string }[];
  results: { totalCount: number };
};
type Payload = { savedSearch: Saved | null; userErrors: { field: string[]; code: string; message: string }[] };

async function addListing(slug: string, capability: string, country: string, visibility = Visibility.PUBLIC) {
  const cap = await t.models.Capability.findOne({ slug: capability }).lean();
  const doc = {
    slug,
    name: `Saved search test ${slug}`,
    kind: ListingKind.TOOL,
    aliases: [],
    organisation: null,
    summary: "A listing added for the saved-search test.",
    capabilities: [cap!._id],
    availability: [{ jurisdiction: country, status: AvailabilityStatus.AVAILABLE, notes: null }],
    offers: [],
    sources: [{ document: null, url: "https://example.org/s", locator: "s", unverified: true }],
    visibility,
    publicationState: PublicationState.PUBLISHED,
  };
  await t.models.Tool.create({ _id: new Types.ObjectId(), ...doc, ...derivedToolFields(doc, null) });
  await bumpCatalogueRevision(t.models);
}

async function save(auth: string, name: string, filter: unknown = FILTER, search: string | null = null) {
  const r = await t.gqlAs<{ saveSearch: Payload }>(auth, SAVE, { n: name, f: filter, s: search });
  expect(r.errors).toBeUndefined();
  return r.data!.saveSearch;
}

async function read(auth: string, id: string): Promise<Saved | null> {
  const r = await t.gqlAs<{ savedSearch: Saved | null }>(
    auth,
    `query($id: ID!) { savedSearch(id: $id) { ${FIELDS} } }`,
    {
      id,
    },
  );
  expect(r.errors).toBeUndefined();
  return r.data!.savedSearch;
}

beforeAll(async () => {
  t = await startTestApp({ seed: true });
  officer = `Bearer ${(await userWithToken(t, Role.LAW_ENFORCEMENT)).token}`;
  other = `Bearer ${(await userWithToken(t, Role.LAW_ENFORCEMENT)).token}`;
});
afterAll(async () => {
  await t.close();
});

describe("saved searches that watch", () => {
  it("saves a search whose results are the search's own, with nothing new at first", async () => {
    const p = await save(officer, "Detection in the US");
    expect(p.userErrors).toEqual([]);
    const s = p.savedSearch!;
    const direct = await t.gql<{ listings: { totalCount: number } }>(
      `query($f: ListingFilter) { listings(filter: $f) { totalCount } }`,
      { f: FILTER },
    );
    expect(direct.data!.listings.totalCount).toBeGreaterThan(0);
    expect(s.results.totalCount).toBe(direct.data!.listings.totalCount);
    expect(s.filter).toEqual(expect.objectContaining(FILTER));
    expect(s.newCount).toBe(0);
    expect(s.newSinceLastSeen).toEqual([]);
  });

  it("shows listings that match since, and listings changed since, until marked seen", async () => {
    const { savedSearch } = await save(officer, "Watch: detection in the US");
    const id = savedSearch!.id;
    await addListing("watch-new-match", "hash-matching", "US");
    await addListing("watch-elsewhere", "hash-matching", "FR");
    await addListing("watch-restricted", "hash-matching", "US", Visibility.LAW_ENFORCEMENT);
    // An existing match gets a new published revision.
    const changed = (
      await t.gqlAs<{ listings: { edges: { node: { slug: string } }[] } }>(
        officer,
        `query($f: ListingFilter) { listings(filter: $f, first: 1) { edges { node { slug } } } }`,
        { f: FILTER },
      )
    ).data!.listings.edges[0].node.slug;
    await t.models.Tool.updateOne({ slug: changed }, { $inc: { revision: 1 } });
    await bumpCatalogueRevision(t.models);

    const now = await read(officer, id);
    expect(now!.newSinceLastSeen.map((l) => l.slug).sort()).toEqual(
      [changed, "watch-new-match", "watch-restricted"].sort(),
    );
    expect(now!.newCount).toBe(3);

    const seen = await t.gqlAs<{ markSavedSearchSeen: Payload }>(
      officer,
      `mutation($id: ID!) { markSavedSearchSeen(id: $id) { savedSearch { ${FIELDS} } userErrors { code } } }`,
      { id },
    );
    expect(seen.data!.markSavedSearchSeen.userErrors).toEqual([]);
    expect(seen.data!.markSavedSearchSeen.savedSearch!.newSinceLastSeen).toEqual([]);
    expect(Date.parse(seen.data!.markSavedSearchSeen.savedSearch!.lastSeenAt)).toBeGreaterThan(
      Date.parse(savedSearch!.lastSeenAt),
    );
  });

  it("works out what is new as its owner may see the catalogue", async () => {
    const vendorOrg = await t.models.Organisation.findOne({}).lean();
    const vendor = `Bearer ${(await userWithToken(t, Role.VENDOR, vendorOrg!.slug)).token}`;
    const { savedSearch } = await save(vendor, "Crawlers in Canada", {
      capabilities: ["web-crawling"],
      jurisdictions: ["CA"],
    });
    await addListing("watch-crawler-public", "web-crawling", "CA");
    await addListing("watch-crawler-le", "web-crawling", "CA", Visibility.LAW_ENFORCEMENT);
    expect((await read(vendor, savedSearch!.id))!.newSinceLastSeen.map((l) => l.slug)).toEqual([
      "watch-crawler-public",
    ]);
  });

  it("lists, renames and deletes the caller's own, by name, and audits each change", async () => {
    const mine = await save(other, "Zeta");
    await save(other, "Alpha");
    const list = await t.gqlAs<{ savedSearches: { name: string }[] }>(other, `{ savedSearches { name } }`);
    expect(list.data!.savedSearches.map((s) => s.name)).toEqual(["Alpha", "Zeta"]);
    const id = mine.savedSearch!.id;
    const renamed = await t.gqlAs<{ renameSavedSearch: Payload }>(
      other,
      `mutation($id: ID!) { renameSavedSearch(id: $id, name: "Beta") { savedSearch { name } userErrors { code } } }`,
      { id },
    );
    expect(renamed.data!.renameSavedSearch.savedSearch).toEqual({ name: "Beta" });
    const deleted = await t.gqlAs<{ deleteSavedSearch: Payload }>(
      other,
      `mutation($id: ID!) { deleteSavedSearch(id: $id) { savedSearch { name } userErrors { code } } }`,
      { id },
    );
    expect(deleted.data!.deleteSavedSearch.savedSearch).toEqual({ name: "Beta" });
    expect(await read(other, id)).toBeNull();
    const key = Buffer.from(id, "base64url").toString().split(":")[1];
    const events = await t.models.AuditEvent.find({ target: `savedSearch:${key}` }).lean();
    expect(events.map((e) => `${e.operation}:${e.outcome}`).sort()).toEqual(
      ["deleteSavedSearch:ACCEPTED", "renameSavedSearch:ACCEPTED", "saveSearch:ACCEPTED"].sort(),
    );
  });
});

describe("another user's saved searches", () => {
  it("are neither readable nor writable, by id or by guess", async () => {
    const { savedSearch } = await save(officer, "Private");
    const id = savedSearch!.id;
    const guess = Buffer.from(`SavedSearch:${new Types.ObjectId().toHexString()}`).toString("base64url");
    for (const target of [id, guess]) {
      expect(await read(other, target)).toBeNull();
      const node = await t.gqlAs<{ node: unknown }>(other, `query($id: ID!) { node(id: $id) { id } }`, { id: target });
      expect(node.data!.node).toBeNull();
      for (const op of [
        `renameSavedSearch(id: $id, name: "Mine now")`,
        `markSavedSearchSeen(id: $id)`,
        `deleteSavedSearch(id: $id)`,
      ]) {
        const r = await t.gqlAs<Record<string, Payload>>(
          other,
          `mutation($id: ID!) { op: ${op} { savedSearch { id } userErrors { field code } } }`,
          { id: target },
        );
        expect(r.data!.op).toEqual({ savedSearch: null, userErrors: [{ field: ["id"], code: "NOT_FOUND" }] });
      }
    }
    const still = await read(officer, id);
    expect(still!.name).toBe("Private");
    const list = await t.gqlAs<{ savedSearches: { id: string }[] }>(other, `{ savedSearches { id } }`);
    expect(list.data!.savedSearches.map((s) => s.id)).not.toContain(id);
  });

  it("need a signed-in user", async () => {
    const r = await t.gql(`{ savedSearches { id } }`);
    expect(r.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
    const m = await t.gql(SAVE, { n: "x", f: FILTER });
    expect(m.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
  });
});

describe("bad input", () => {
  it("an unknown capability is BAD_USER_INPUT naming it, and nothing is saved", async () => {
    const before = await t.models.SavedSearch.countDocuments({});
    const r = await t.gqlAs(officer, SAVE, { n: "Bad", f: { capabilities: ["no-such-capability"] } });
    expect(r.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "filter.capabilities" });
    expect(await t.models.SavedSearch.countDocuments({})).toBe(before);
  });

  it("a name empty once trimmed, too long, or with control characters is an INVALID user error", async () => {
    const before = await t.models.SavedSearch.countDocuments({});
    for (const name of ["  ", "x".repeat(201), "bad\u0000name"]) {
      const r = await t.gqlAs<{ saveSearch: Payload }>(officer, SAVE, { n: name, f: FILTER });
      expect(r.data!.saveSearch).toMatchObject({
        savedSearch: null,
        userErrors: [{ field: ["name"], code: "INVALID" }],
      });
    }
    expect(await t.models.SavedSearch.countDocuments({})).toBe(before);
  });
});
