import { Types } from "mongoose";
import { Role } from "../../src/accounts/roles";
import { Visibility } from "../../src/catalog/enums";
import { bumpCatalogueRevision } from "../../src/catalog/snapshot";
import { userWithToken } from "../helpers/accounts";
import { startTestApp, TestApp } from "../helpers/app";

/** A procurement officer's shortlists: notes, order, read-only sharing, and nobody else's. */

let t: TestApp;
let owner: { auth: string; email: string };
let colleague: { auth: string; email: string };
let stranger: { auth: string; email: string };
let slugs: string[];

const FIELDS = `id name ownedByYou sharedWith items { available note listing { slug } }`;
type Item = { available: boolean; note: string | null; listing: { slug: string } | null };
type List = { id: string; name: string; ownedByYou: boolean; sharedWith: string[]; items: Item[] };
type Payload = { shortlist: List | null; userErrors: { field: string[]; code: string }[] };

async function op(auth: string, field: string, args: string, variables: Record<string, unknown>): Promise<Payload> {
  const r = await t.gqlAs<Record<string, Payload>>(
    auth,
    `mutation(${args}) { out: ${field} { shortlist { ${FIELDS} } userErrors { field code } } }`,
    variables,
  );
  expect(r.errors).toBeUndefined();
  return r.data!.out;
}
const create = (auth: string, name: string) => op(auth, `createShortlist(name: $n)`, "$n: String!", { n: name });
const add = (auth: string, id: string, slug: string, note: string | null = null) =>
  op(auth, `addToShortlist(shortlist: $id, slug: $s, note: $note)`, "$id: ID!, $s: String!, $note: String", {
    id,
    s: slug,
    note,
  });
const read = async (auth: string, id: string): Promise<List | null> => {
  const r = await t.gqlAs<{ shortlist: List | null }>(auth, `query($id: ID!) { shortlist(id: $id) { ${FIELDS} } }`, {
    id,
  });
  expect(r.errors).toBeUndefined();
  return r.data!.shortlist;
};

beforeAll(async () => {
  t = await startTestApp({ seed: true });
  const user = async (role: Role) => {
    const u = await userWithToken(t, role);
    return { auth: `Bearer ${u.token}`, email: u.email };
  };
  owner = await user(Role.LAW_ENFORCEMENT);
  colleague = await user(Role.REVIEWER);
  stranger = await user(Role.LAW_ENFORCEMENT);
  const r = await t.gql<{ listings: { edges: { node: { slug: string } }[] } }>(
    `{ listings(first: 4) { edges { node { slug } } } }`,
  );
  slugs = r.data!.listings.edges.map((e) => e.node.slug);
});
afterAll(async () => {
  await t.close();
});

describe("shortlists", () => {
  it("keeps listings in the owner's order with a note each; adding again changes the note, not the place", async () => {
    const { shortlist } = await create(owner.auth, "Hashing candidates");
    const id = shortlist!.id;
    await add(owner.auth, id, slugs[0], "fast");
    await add(owner.auth, id, slugs[1]);
    await add(owner.auth, id, slugs[2], "cheap");
    const again = await add(owner.auth, id, slugs[0], "fast, but costly");
    expect(again.shortlist!.items.map((i) => [i.listing?.slug, i.note])).toEqual([
      [slugs[0], "fast, but costly"],
      [slugs[1], null],
      [slugs[2], "cheap"],
    ]);
    const moved = await op(
      owner.auth,
      `moveShortlistItem(shortlist: $id, slug: $s, position: 0)`,
      "$id: ID!, $s: String!",
      {
        id,
        s: slugs[2],
      },
    );
    expect(moved.shortlist!.items.map((i) => i.listing?.slug)).toEqual([slugs[2], slugs[0], slugs[1]]);
    const removed = await op(owner.auth, `removeFromShortlist(shortlist: $id, slug: $s)`, "$id: ID!, $s: String!", {
      id,
      s: slugs[0],
    });
    expect(removed.shortlist!.items.map((i) => i.listing?.slug)).toEqual([slugs[2], slugs[1]]);
    const renamed = await op(owner.auth, `renameShortlist(shortlist: $id, name: "Final")`, "$id: ID!", { id });
    expect(renamed.shortlist!.name).toBe("Final");
    const key = Buffer.from(id, "base64url").toString().split(":")[1];
    const events = await t.models.AuditEvent.find({ target: `shortlist:${key}` }).lean();
    expect(events.map((e) => e.operation).sort()).toEqual(
      [
        "createShortlist",
        "addToShortlist",
        "addToShortlist",
        "addToShortlist",
        "addToShortlist",
        "moveShortlistItem",
        "removeFromShortlist",
        "renameShortlist",
      ].sort(),
    );
  });

  it("shares read-only with named users, and with nobody else", async () => {
    const { shortlist } = await create(owner.auth, "Shared");
    const id = shortlist!.id;
    await add(owner.auth, id, slugs[0], "ask procurement");
    const shared = await op(owner.auth, `shareShortlist(shortlist: $id, withEmails: $e)`, "$id: ID!, $e: [String!]!", {
      id,
      e: [colleague.email.toUpperCase()],
    });
    expect(shared.shortlist!.sharedWith).toEqual([colleague.email]);

    const seen = await read(colleague.auth, id);
    expect(seen).toMatchObject({ name: "Shared", ownedByYou: false, sharedWith: [] });
    expect(seen!.items.map((i) => i.note)).toEqual(["ask procurement"]);
    const lists = await t.gqlAs<{ shortlists: { id: string }[] }>(colleague.auth, `{ shortlists { id } }`);
    expect(lists.data!.shortlists.map((s) => s.id)).toContain(id);
    // Read-only: the colleague's changes are refused as for a shortlist that is not theirs.
    const tried = await add(colleague.auth, id, slugs[1]);
    expect(tried).toEqual({ shortlist: null, userErrors: [{ field: ["shortlist"], code: "NOT_FOUND" }] });

    // Someone it is not shared with: nothing, by id, by node(id), by guess, for reads and writes alike.
    const guess = Buffer.from(`Shortlist:${new Types.ObjectId().toHexString()}`).toString("base64url");
    for (const target of [id, guess]) {
      expect(await read(stranger.auth, target)).toBeNull();
      const node = await t.gqlAs<{ node: unknown }>(stranger.auth, `query($id: ID!) { node(id: $id) { id } }`, {
        id: target,
      });
      expect(node.data!.node).toBeNull();
      for (const [field, args, vars] of [
        [`renameShortlist(shortlist: $id, name: "x")`, "$id: ID!", {}],
        [`deleteShortlist(shortlist: $id)`, "$id: ID!", {}],
        [`shareShortlist(shortlist: $id, withEmails: $e)`, "$id: ID!, $e: [String!]!", { e: [stranger.email] }],
      ] as const) {
        expect(await op(stranger.auth, field, args, { id: target, ...vars })).toEqual({
          shortlist: null,
          userErrors: [{ field: ["shortlist"], code: "NOT_FOUND" }],
        });
      }
    }
    expect((await read(owner.auth, id))!.sharedWith).toEqual([colleague.email]);

    // Unsharing takes it away.
    await op(owner.auth, `shareShortlist(shortlist: $id, withEmails: [])`, "$id: ID!", { id });
    expect(await read(colleague.auth, id)).toBeNull();
  });

  it("keeps an item whose listing its reader may no longer see, marked unavailable and saying nothing of it", async () => {
    // A vendor (of an organisation that does not own the listing) sees what is public and for members only.
    const listing = await t.models.Tool.findOne({ slug: slugs[3] }).lean();
    const org = (await t.models.Organisation.find().lean()).find((o) => !o._id.equals(listing!.organisation));
    const vendor = `Bearer ${(await userWithToken(t, Role.VENDOR, org!.slug)).token}`;
    const { shortlist } = await create(vendor, "Visibility");
    const id = shortlist!.id;
    await add(vendor, id, slugs[3], "check licence");
    await t.models.Tool.updateOne({ slug: slugs[3] }, { $set: { visibility: Visibility.LAW_ENFORCEMENT } });
    await bumpCatalogueRevision(t.models);
    const after = await read(vendor, id);
    expect(after!.items).toEqual([{ available: false, note: "check licence", listing: null }]);
    await t.models.Tool.updateOne({ slug: slugs[3] }, { $set: { visibility: Visibility.PUBLIC } });
    await bumpCatalogueRevision(t.models);
    expect((await read(vendor, id))!.items[0]).toMatchObject({ available: true, listing: { slug: slugs[3] } });
  });

  it("refuses what cannot be done, naming the field, and writes nothing", async () => {
    const { shortlist } = await create(owner.auth, "Refusals");
    const id = shortlist!.id;
    expect((await add(owner.auth, id, "no-such-listing")).userErrors).toEqual([{ field: ["slug"], code: "NOT_FOUND" }]);
    expect((await add(owner.auth, id, slugs[0], "x".repeat(1001))).userErrors).toEqual([
      { field: ["note"], code: "INVALID" },
    ]);
    const unknownPerson = await op(
      owner.auth,
      `shareShortlist(shortlist: $id, withEmails: $e)`,
      "$id: ID!, $e: [String!]!",
      {
        id,
        e: [colleague.email, "nobody@example.org"],
      },
    );
    expect(unknownPerson.userErrors).toEqual([{ field: ["withEmails", "1"], code: "NOT_FOUND" }]);
    expect((await create(owner.auth, "bad\u0000name")).userErrors).toEqual([{ field: ["name"], code: "INVALID" }]);
    expect(await read(owner.auth, id)).toMatchObject({ items: [], sharedWith: [] });
    const anonymous = await t.gql(`{ shortlists { id } }`);
    expect(anonymous.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("deletes the owner's shortlist for everyone", async () => {
    const { shortlist } = await create(owner.auth, "Short-lived");
    const id = shortlist!.id;
    await op(owner.auth, `shareShortlist(shortlist: $id, withEmails: $e)`, "$id: ID!, $e: [String!]!", {
      id,
      e: [colleague.email],
    });
    const deleted = await op(owner.auth, `deleteShortlist(shortlist: $id)`, "$id: ID!", { id });
    expect(deleted.userErrors).toEqual([]);
    expect(await read(owner.auth, id)).toBeNull();
    expect(await read(colleague.auth, id)).toBeNull();
  });
});
