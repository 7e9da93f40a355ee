import { Role } from "../../src/accounts/roles";
import { SHORTLIST_CSV_COLUMNS } from "../../src/workspace/shortlist.export";
import { parseCsv } from "../helpers/csv";
import { userWithToken } from "../helpers/accounts";
import { startTestApp, TestApp } from "../helpers/app";

/**
 * A locked shortlist is a purchasing record: it keeps each listing as it was
 * when locked, whatever is later edited, archived or hidden, says what has
 * changed since, and cannot shift until its owner unlocks it (audited).
 */

let t: TestApp;
let admin: string;
let reviewer: string;
let owner: { auth: string; email: string };
let vendor: { auth: string; email: string };

const LOCKED_VIEW = `name locked lockedAt items {
  available note
  locked { revision slug name kind summary rows { field label jurisdiction { code } same cells { values labels } } }
}`;
const CHANGES = `items {
  listing { slug revision }
  changedSinceLocked
  sinceLocked { differenceCount rows { field same cells { values } } }
}`;

interface Row {
  field: string;
  same: boolean;
  cells: { values: string[] }[];
}
interface LockedItem {
  available: boolean;
  note: string | null;
  locked: { revision: number; slug: string; summary: string; rows: Row[] } | null;
}
interface ChangeItem {
  listing: { slug: string; revision: number } | null;
  changedSinceLocked: boolean | null;
  sinceLocked: { differenceCount: number; rows: Row[] } | null;
}
type Payload = {
  shortlist: { id: string; locked: boolean; lockedAt: string | null; items: LockedItem[] } | null;
  userErrors: { field: string[]; code: string }[];
};

async function op(auth: string, field: string, args: string, variables: Record<string, unknown>): Promise<Payload> {
  const r = await t.gqlAs<Record<string, Payload>>(
    auth,
    `mutation${args ? `(${args})` : ""} { out: ${field} { shortlist { id ${LOCKED_VIEW} } userErrors { field code } } }`,
    variables,
  );
  expect(r.errors).toBeUndefined();
  return r.data!.out;
}
const onList = (field: string) => (auth: string, id: string) =>
  op(auth, `${field}(shortlist: $id)`, "$id: ID!", { id });
const lock = onList("lockShortlist");
const unlock = onList("unlockShortlist");

async function read<T>(auth: string, id: string, fields: string): Promise<T> {
  const r = await t.gqlAs<{ shortlist: T }>(auth, `query($id: ID!) { shortlist(id: $id) { ${fields} } }`, { id });
  expect(r.errors).toBeUndefined();
  return r.data!.shortlist;
}
const raw = async (auth: string, id: string) =>
  JSON.stringify((await t.gqlAs(auth, `query($id: ID!) { shortlist(id: $id) { ${LOCKED_VIEW} } }`, { id })).data);

const listing = (slug: string, extra: Record<string, unknown> = {}) => ({
  slug,
  name: `Locked-shortlist candidate ${slug}`,
  kind: "TOOL",
  summary: "Matches images against a hash list.",
  capabilities: ["hash-matching"],
  mediaTypes: ["IMAGE"],
  availability: [{ jurisdiction: "GB", status: "AVAILABLE" }],
  offers: [{ model: "FREE_FOR_ELIGIBLE", eligibility: ["LAW_ENFORCEMENT"] }],
  sources: [{ url: "https://example.org/candidate", locator: "product page", unverified: true }],
  ...extra,
});

async function mutate(auth: string, field: string, args: string, variables: Record<string, unknown>) {
  const r = await t.gqlAs<Record<string, { userErrors: unknown[]; listing: { latestRevision: number } | null }>>(
    auth,
    `mutation(${args}) { out: ${field} { listing { latestRevision } userErrors { field code } } }`,
    variables,
  );
  expect(r.errors).toBeUndefined();
  expect(r.data!.out.userErrors).toEqual([]);
  return r.data!.out.listing!;
}

/** Edits a listing through the review workflow: a new revision, submitted and approved. */
async function publish(slug: string, input: Record<string, unknown>, base: number | null) {
  const made =
    base === null
      ? await mutate(admin, "createListing(input: $input)", "$input: ListingInput!", { input })
      : await mutate(
          admin,
          "updateListing(slug: $slug, baseRevision: $base, input: $input)",
          "$slug: String!, $base: Int!, $input: ListingInput!",
          { slug, base, input },
        );
  await mutate(admin, "submitListingForReview(slug: $slug)", "$slug: String!", { slug });
  await mutate(reviewer, "approveRevision(slug: $slug, revision: $rev)", "$slug: String!, $rev: Int!", {
    slug,
    rev: made.latestRevision,
  });
}

beforeAll(async () => {
  t = await startTestApp({ seed: true });
  admin = `Bearer ${(await userWithToken(t, Role.ADMIN)).token}`;
  reviewer = `Bearer ${(await userWithToken(t, Role.REVIEWER)).token}`;
  const user = async (role: Role, org?: string) => {
    const u = await userWithToken(t, role, org);
    return { auth: `Bearer ${u.token}`, email: u.email };
  };
  owner = await user(Role.LAW_ENFORCEMENT);
  vendor = await user(Role.VENDOR, "thorn");
});
afterAll(async () => {
  await t.close();
});

describe("locked shortlists", () => {
  it("show each listing as it was when locked, byte for byte, after edits, archiving and a change of visibility", async () => {
    const [edited, archived, hidden, verified, restricted] = [
      "lk-edited",
      "lk-archived",
      "lk-hidden",
      "lk-verified",
      "lk-restricted",
    ];
    for (const slug of [edited, archived, hidden, verified]) await publish(slug, listing(slug), null);
    await publish(restricted, listing(restricted, { visibility: "LAW_ENFORCEMENT" }), null);

    const id = (await op(owner.auth, `createShortlist(name: "Tender 2026-14")`, "", {})).shortlist!.id;
    for (const slug of [edited, archived, hidden, verified, restricted]) {
      const added = await op(
        owner.auth,
        `addToShortlist(shortlist: $id, slug: $s, note: $n)`,
        "$id: ID!, $s: String!, $n: String",
        {
          id,
          s: slug,
          n: `why ${slug}`,
        },
      );
      expect(added.userErrors).toEqual([]);
    }
    await op(owner.auth, `shareShortlist(shortlist: $id, withEmails: $e)`, "$id: ID!, $e: [String!]!", {
      id,
      e: [vendor.email],
    });

    const locked = await lock(owner.auth, id);
    expect(locked.userErrors).toEqual([]);
    expect(locked.shortlist).toMatchObject({ locked: true });
    expect(Date.parse(locked.shortlist!.lockedAt!)).toBeGreaterThan(Date.now() - 60_000);
    const items = locked.shortlist!.items;
    expect(items.map((i) => [i.locked?.slug, i.locked?.revision, i.note])).toEqual(
      [edited, archived, hidden, verified, restricted].map((s) => [s, 1, `why ${s}`]),
    );
    const media = items[0].locked!.rows.find((r) => r.field === "MEDIA_TYPES")!;
    expect(media.cells).toEqual([{ values: ["IMAGE"], labels: ["Image"] }]);
    const unchanged = await read<{ items: ChangeItem[] }>(owner.auth, id, CHANGES);
    expect(unchanged.items.map((i) => [i.changedSinceLocked, i.sinceLocked!.differenceCount])).toEqual(
      Array(5).fill([false, 0]),
    );

    // The vendor it is shared with may not see the law-enforcement-only listing: that item says nothing.
    const vendorView = await read<{ items: LockedItem[] }>(vendor.auth, id, LOCKED_VIEW);
    expect(vendorView.items.map((i) => i.available)).toEqual([true, true, true, true, false]);
    expect(vendorView.items[4]).toEqual({ available: false, note: "why lk-restricted", locked: null });

    const ownerBefore = await raw(owner.auth, id);
    const vendorBefore = await raw(vendor.auth, id);

    // Afterwards: an edit published, an archive, a listing made law-enforcement-only, a re-verification.
    await publish(
      edited,
      listing(edited, { summary: "Matches images and videos.", mediaTypes: ["IMAGE", "VIDEO"] }),
      1,
    );
    await mutate(admin, "archiveListing(slug: $slug)", "$slug: String!", { slug: archived });
    await publish(hidden, listing(hidden, { visibility: "LAW_ENFORCEMENT" }), 1);
    await mutate(admin, "confirmListingCurrent(slug: $slug)", "$slug: String!", { slug: verified });

    expect(await raw(owner.auth, id)).toBe(ownerBefore);
    expect(await raw(vendor.auth, id)).toBe(vendorBefore);

    const changes = await read<{ items: ChangeItem[] }>(owner.auth, id, CHANGES);
    const [e, a, h, v, r] = changes.items;
    expect(e.listing).toEqual({ slug: edited, revision: 2 });
    expect(e.changedSinceLocked).toBe(true);
    expect(e.sinceLocked!.rows.filter((x) => !x.same)).toEqual([
      { field: "MEDIA_TYPES", same: false, cells: [{ values: ["IMAGE"] }, { values: ["IMAGE", "VIDEO"] }] },
    ]);
    expect(e.sinceLocked!.differenceCount).toBe(1);
    // Archived: gone from the catalogue, so nothing to compare with now; the locked copy stays.
    expect([a.listing, a.changedSinceLocked, a.sinceLocked]).toEqual([null, true, null]);
    // A new revision that only changed visibility: changed, though no compared field differs.
    expect([h.changedSinceLocked, h.sinceLocked!.differenceCount]).toEqual([true, 0]);
    expect(v.sinceLocked!.rows.filter((x) => !x.same).map((x) => x.field)).toEqual(["LAST_VERIFIED"]);
    expect(r.changedSinceLocked).toBe(false);

    // The vendor still reads the listing as it was shortlisted (public then), but not as it is now.
    const vendorChanges = await read<{ items: ChangeItem[] }>(vendor.auth, id, CHANGES);
    expect(vendorChanges.items[2]).toEqual({ listing: null, changedSinceLocked: true, sinceLocked: null });
    expect(vendorChanges.items[4]).toEqual({ listing: null, changedSinceLocked: null, sinceLocked: null });
  });

  it("cannot shift while locked; unlocking is the owner's, audited with what it had kept", async () => {
    const slugs = ["lk-one", "lk-two"];
    for (const slug of slugs) await publish(slug, listing(slug), null);
    const id = (await op(owner.auth, `createShortlist(name: "Frozen")`, "", {})).shortlist!.id;
    for (const s of slugs)
      await op(owner.auth, `addToShortlist(shortlist: $id, slug: $s)`, "$id: ID!, $s: String!", { id, s });
    expect((await lock(owner.auth, id)).userErrors).toEqual([]);
    expect((await lock(owner.auth, id)).userErrors).toEqual([{ field: ["shortlist"], code: "CONFLICT" }]);

    const refused = { shortlist: null, userErrors: [{ field: ["shortlist"], code: "CONFLICT" }] };
    expect(await op(owner.auth, `addToShortlist(shortlist: $id, slug: "lk-edited")`, "$id: ID!", { id })).toEqual(
      refused,
    );
    expect(await op(owner.auth, `removeFromShortlist(shortlist: $id, slug: "lk-one")`, "$id: ID!", { id })).toEqual(
      refused,
    );
    expect(
      await op(owner.auth, `moveShortlistItem(shortlist: $id, slug: "lk-two", position: 0)`, "$id: ID!", { id }),
    ).toEqual(refused);
    expect(await op(owner.auth, `deleteShortlist(shortlist: $id)`, "$id: ID!", { id })).toEqual(refused);
    const renamed = await op(owner.auth, `renameShortlist(shortlist: $id, name: "Frozen (signed off)")`, "$id: ID!", {
      id,
    });
    expect(renamed.shortlist).toMatchObject({ name: "Frozen (signed off)", locked: true });

    // Someone else (the vendor, even once it is shared with them) can neither lock nor unlock it.
    await op(owner.auth, `shareShortlist(shortlist: $id, withEmails: $e)`, "$id: ID!, $e: [String!]!", {
      id,
      e: [vendor.email],
    });
    const notTheirs = { shortlist: null, userErrors: [{ field: ["shortlist"], code: "NOT_FOUND" }] };
    expect(await unlock(vendor.auth, id)).toEqual(notTheirs);
    expect(await lock(vendor.auth, id)).toEqual(notTheirs);

    const unlocked = await unlock(owner.auth, id);
    expect(unlocked.userErrors).toEqual([]);
    expect(unlocked.shortlist).toMatchObject({ locked: false, lockedAt: null });
    expect(unlocked.shortlist!.items.map((i) => [i.available, i.locked])).toEqual([
      [true, null],
      [true, null],
    ]);
    expect((await unlock(owner.auth, id)).userErrors).toEqual([{ field: ["shortlist"], code: "CONFLICT" }]);
    expect(
      (await op(owner.auth, `moveShortlistItem(shortlist: $id, slug: "lk-two", position: 0)`, "$id: ID!", { id }))
        .userErrors,
    ).toEqual([]);

    const key = Buffer.from(id, "base64url").toString().split(":")[1];
    const events = await t.models.AuditEvent.find({ target: `shortlist:${key}` })
      .sort({ _id: 1 })
      .lean();
    const accepted = events.filter((ev) => ev.outcome === "ACCEPTED").map((ev) => ev.operation);
    expect(accepted.filter((o) => /lock/i.test(o))).toEqual(["lockShortlist", "unlockShortlist"]);
    const unlockEvent = events.find((ev) => ev.operation === "unlockShortlist" && ev.outcome === "ACCEPTED")!;
    expect(Object.keys(JSON.parse(unlockEvent.changes!) as object).sort()).toEqual(["lockedAt", "revisions"]);
    expect(events.filter((ev) => ev.outcome !== "ACCEPTED").length).toBeGreaterThanOrEqual(7);
  });

  it("exports as CSV and JSON what the reader sees: locked values, formulas neutralised, nobody else's", async () => {
    const slug = "lk-exported";
    await publish(slug, listing(slug, { availability: [{ jurisdiction: "CA", status: "AVAILABLE" }] }), null);
    await publish("lk-gone", listing("lk-gone"), null);
    await publish("lk-police", listing("lk-police", { visibility: "LAW_ENFORCEMENT" }), null);
    const id = (await op(owner.auth, `createShortlist(name: $n)`, "$n: String!", { n: 'Export, "quoted"' })).shortlist!
      .id;
    const put = async (s: string, n: string) => {
      const added = await op(
        owner.auth,
        `addToShortlist(shortlist: $id, slug: $s, note: $n)`,
        "$id: ID!, $s: String!, $n: String",
        { id, s, n },
      );
      expect(added.userErrors).toEqual([]);
    };
    await put(slug, '=HYPERLINK("https://example.org","click")');
    await put("lk-gone", " +cmd|' /C calc'!A0");
    await put("lk-police", "for the police only");
    await op(owner.auth, `shareShortlist(shortlist: $id, withEmails: $e)`, "$id: ID!, $e: [String!]!", {
      id,
      e: [vendor.email],
    });
    await lock(owner.auth, id);
    await publish(slug, listing(slug, { mediaTypes: ["VIDEO"], availability: [] }), 1);
    await mutate(admin, "archiveListing(slug: $slug)", "$slug: String!", { slug: "lk-gone" });

    const base = t.runtime.url.replace(/\/graphql$/, "");
    const get = (auth: string | null, path: string) =>
      fetch(`${base}/shortlists/${path}`, { headers: auth ? { authorization: auth } : {} });

    const csvRes = await get(owner.auth, `${id}.csv`);
    expect(csvRes.status).toBe(200);
    expect(csvRes.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csvRes.headers.get("content-disposition")).toMatch(
      /^attachment; filename="shortlist-[0-9a-f]{24}-locked\.csv"$/,
    );
    const rows = parseCsv(await csvRes.text());
    expect(rows[0]).toEqual(SHORTLIST_CSV_COLUMNS);
    const col = (r: string[], name: string) => r[SHORTLIST_CSV_COLUMNS.indexOf(name)];
    const [first, second, third] = rows.slice(1);
    expect(rows).toHaveLength(4);
    // As locked: an image tool available in Canada, though it is now a video tool available nowhere.
    expect([col(first, "slug"), col(first, "media_types"), col(first, "availability")]).toEqual([
      slug,
      "Image",
      "Canada: available",
    ]);
    expect([col(first, "revision"), col(first, "changed_since_locked")]).toEqual(["1", "true"]);
    expect(col(first, "note")).toBe(`'=HYPERLINK("https://example.org","click")`);
    // Stored trimmed; neutralised all the same.
    expect(col(second, "note")).toBe(`'+cmd|' /C calc'!A0`);
    expect([col(second, "slug"), col(second, "available")]).toEqual(["lk-gone", "true"]);
    expect([col(third, "slug"), col(third, "available"), col(third, "note")]).toEqual([
      "lk-police",
      "true",
      "for the police only",
    ]);

    const json = (await (await get(owner.auth, `${id}.json`)).json()) as {
      shortlist: { id: string; name: string; locked: boolean };
      items: {
        available: boolean;
        note: string;
        listing: { slug: string; fields: Record<string, { values: string[] }> } | null;
      }[];
    };
    expect(json.shortlist).toMatchObject({ id, name: 'Export, "quoted"', locked: true });
    expect(json.items[0].listing!.fields.media_types.values).toEqual(["IMAGE"]);
    expect(json.items[0].listing!.fields.availability.values).toEqual(["CA=AVAILABLE"]);
    expect(json.items[0].note).toBe(`=HYPERLINK("https://example.org","click")`);

    // The vendor it is shared with exports it too, without the listing it may not see.
    const vendorJson = (await (await get(vendor.auth, `${id}.json`)).json()) as typeof json;
    expect(vendorJson.items[2]).toMatchObject({ available: false, listing: null });
    const vendorCsv = parseCsv(await (await get(vendor.auth, `${id}.csv`)).text());
    expect(vendorCsv[3].filter((v) => v !== "")).toEqual(["3", "false", "for the police only", expect.any(String)]);

    // Anyone else: the same 404 as for an id that was never issued; no caller: 401; the id of something else: 400.
    const stranger = `Bearer ${(await userWithToken(t, Role.LAW_ENFORCEMENT)).token}`;
    const never = Buffer.from(`Shortlist:${"0".repeat(24)}`).toString("base64url");
    const theirs = await get(stranger, `${id}.csv`);
    const unknown = await get(stranger, `${never}.csv`);
    expect([theirs.status, unknown.status]).toEqual([404, 404]);
    expect(await theirs.text()).toBe(await unknown.text());
    expect((await get(null, `${id}.json`)).status).toBe(401);
    const bad = await get(owner.auth, `${Buffer.from(`Listing:${"0".repeat(24)}`).toString("base64url")}.json`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe(
      "BAD_USER_INPUT",
    );
    expect((await get(owner.auth, `${id}.xlsx`)).status).toBe(404);
  });
});
