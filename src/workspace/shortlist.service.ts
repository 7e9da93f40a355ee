import mongoose, { Types } from "mongoose";
import type { UserErrorData } from "../accounts/account.service";
import { AuditOutcome } from "../audit/audit.model";
import { AuditService } from "../audit/audit.service";
import { isPlainText } from "../common/validation";
import { byNameThenId, nameProblem, workspaceOwner } from "./common";
import type { Context } from "../context";
import { ToolService } from "../catalog/tools/tool.service";
import { compareListings, type ComparisonRow } from "../catalog/tools/compare";
import type { ToolDoc } from "../catalog/tools/tool.model";
import { isVisibleTo } from "../catalog/visibility";
import { freeze, FrozenListing, thaw } from "./listing-snapshot";
import { SHORTLIST_LIMITS, ShortlistDoc } from "./shortlist.model";

/** One item as a reader may see it: what ShortlistItem's fields and the exports are made from. */
export interface ShortlistItemData {
  listing: ToolDoc | null;
  available: boolean;
  note: string | null;
  addedAt: Date;
  locked: (FrozenListing & { rows: ComparisonRow[] }) | null;
  changedSinceLocked: boolean | null;
  sinceLocked: { rows: ComparisonRow[]; differenceCount: number } | null;
}

/** Availability in one row, so that 200 items' comparisons stay within the query budget. */
export const ONE_AVAILABILITY_ROW = { availabilityByCountry: false };

export interface ShortlistResult {
  shortlist: ShortlistDoc | null;
  userErrors: UserErrorData[];
}

const OBJECT_ID = /^[0-9a-f]{24}$/;
const notFound: UserErrorData = {
  field: ["shortlist"],
  message: "you have no shortlist with this id",
  code: "NOT_FOUND",
};

/**
 * Shortlists: a user's own, which only they may change, and those shared
 * with them, which they may read. Any other shortlist answers as one that
 * does not exist, by id or by guess. Listings are resolved as the reader may
 * see them now: an item whose listing they may not see stays, unavailable.
 */
export class ShortlistService {
  private readonly audit: AuditService;

  constructor(private readonly ctx: Context) {
    this.audit = new AuditService(ctx);
  }

  private get me(): Types.ObjectId {
    return workspaceOwner(this.ctx);
  }

  /** The caller's own shortlists and (the 200 changed last of) those shared with them, by name. */
  async list(): Promise<ShortlistDoc[]> {
    const me = this.me;
    const [own, shared] = await Promise.all([
      this.ctx.models.Shortlist.find({ owner: me }).lean<ShortlistDoc[]>(),
      this.ctx.models.Shortlist.find({ sharedWith: me })
        .sort({ updatedAt: -1, _id: -1 })
        .limit(SHORTLIST_LIMITS.sharedListed)
        .lean<ShortlistDoc[]>(),
    ]);
    return [...own, ...shared].sort(byNameThenId);
  }

  /** A shortlist the caller owns or that is shared with them; null for any other id. */
  async readable(id: string): Promise<ShortlistDoc | null> {
    if (!OBJECT_ID.test(id)) return null;
    const s = await this.ctx.models.Shortlist.findOne({ _id: new Types.ObjectId(id) }).lean<ShortlistDoc>();
    const me = this.me;
    return s && (s.owner.equals(me) || s.sharedWith.some((u) => u.equals(me))) ? s : null;
  }

  /**
   * Its items as the caller may see them. Unlocked: each listing now, if
   * visible. Locked: each listing as locked, to those whose rights now admit
   * the visibility it had then, beside the listing now.
   */
  async items(s: ShortlistDoc): Promise<ShortlistItemData[]> {
    const listings = new ToolService(this.ctx);
    const look = s.lockedAt ? await listings.compareLookups() : null;
    const nothing = { locked: null, changedSinceLocked: null, sinceLocked: null };
    return Promise.all(
      s.items.map(async (i) => {
        const now = await listings.byId(i.listing.toHexString());
        const item = { listing: now, note: i.note, addedAt: i.addedAt };
        if (!look) return { ...item, available: now !== null, ...nothing };
        const then = i.snapshot ? thaw(i.snapshot) : null;
        if (!then || !isVisibleTo(this.ctx.viewer, then)) return { ...item, available: false, ...nothing };
        const locked = { ...then, rows: compareListings([then], look, ONE_AVAILABILITY_ROW) };
        if (!now) return { ...item, available: true, locked, changedSinceLocked: true, sinceLocked: null };
        const rows = compareListings([then, now], look, ONE_AVAILABILITY_ROW);
        const differenceCount = rows.filter((r) => !r.same).length;
        const changed =
          differenceCount > 0 ||
          now.revision !== then.revision ||
          (["slug", "name", "kind", "summary"] as const).some((k) => now[k] !== then[k]);
        return {
          ...item,
          available: true,
          locked,
          changedSinceLocked: changed,
          sinceLocked: { rows, differenceCount },
        };
      }),
    );
  }

  private async own(id: string): Promise<ShortlistDoc | null> {
    if (!OBJECT_ID.test(id)) return null;
    return this.ctx.models.Shortlist.findOne({ _id: new Types.ObjectId(id), owner: this.me }).lean<ShortlistDoc>();
  }

  async create(name: string): Promise<ShortlistResult> {
    const problem = nameProblem(name);
    if (problem) return this.refuse("createShortlist", null, problem);
    if ((await this.ctx.models.Shortlist.countDocuments({ owner: this.me })) >= SHORTLIST_LIMITS.perUser) {
      return this.refuse("createShortlist", null, {
        field: ["name"],
        message: `you already keep ${SHORTLIST_LIMITS.perUser} shortlists; delete one first`,
        code: "INVALID",
      });
    }
    const _id = new Types.ObjectId();
    await this.ctx.models.Shortlist.create([{ _id, owner: this.me, name, items: [], sharedWith: [] }]);
    await this.audit.recordOrUndo(
      {
        operation: "createShortlist",
        target: target(_id),
        outcome: AuditOutcome.ACCEPTED,
        changes: { name: [null, name] },
      },
      () => this.ctx.models.Shortlist.deleteOne({ _id }),
    );
    return this.answer(_id);
  }

  async rename(id: string, name: string): Promise<ShortlistResult> {
    return this.change("renameShortlist", id, (s) => {
      const problem = nameProblem(name);
      return problem ?? { set: { name }, changes: { name: [s.name, name] } };
    });
  }

  async add(id: string, slug: string, note: string | null): Promise<ShortlistResult> {
    const listing = await new ToolService(this.ctx).bySlug(slug);
    return this.change("addToShortlist", id, (s) => {
      if (s.lockedAt) return LOCKED;
      if (!listing) return { field: ["slug"], message: "no listing you may see has this slug", code: "NOT_FOUND" };
      if (note !== null && (note.length > SHORTLIST_LIMITS.note || !isPlainText(note))) {
        return {
          field: ["note"],
          message: `must be at most ${SHORTLIST_LIMITS.note} characters, without control characters`,
          code: "INVALID",
        };
      }
      const at = s.items.findIndex((i) => i.listing.equals(listing._id));
      if (at < 0 && s.items.length >= SHORTLIST_LIMITS.items) {
        return {
          field: ["slug"],
          message: `a shortlist holds at most ${SHORTLIST_LIMITS.items} listings`,
          code: "INVALID",
        };
      }
      // Adding a listing already there changes its note, and keeps its place.
      const items =
        at < 0
          ? [...s.items, { listing: listing._id, note, addedAt: new Date(), lockedRevision: null, snapshot: null }]
          : s.items.map((i, n) => (n === at ? { ...i, note } : i));
      return { set: { items }, changes: { [`item:${slug}`]: [at < 0 ? null : s.items[at].note, note] } };
    });
  }

  async remove(id: string, slug: string): Promise<ShortlistResult> {
    const listing = await new ToolService(this.ctx).bySlug(slug);
    return this.change("removeFromShortlist", id, (s) => {
      if (s.lockedAt) return LOCKED;
      const at = listing ? s.items.findIndex((i) => i.listing.equals(listing._id)) : -1;
      if (at < 0)
        return { field: ["slug"], message: "no listing with this slug is on the shortlist", code: "NOT_FOUND" };
      return {
        set: { items: s.items.filter((_, n) => n !== at) },
        changes: { [`item:${slug}`]: [s.items[at].note, null] },
      };
    });
  }

  /** Moves a listing to a place (0 first; past the end, last). */
  async move(id: string, slug: string, position: number): Promise<ShortlistResult> {
    const listing = await new ToolService(this.ctx).bySlug(slug);
    return this.change("moveShortlistItem", id, (s) => {
      if (s.lockedAt) return LOCKED;
      const at = listing ? s.items.findIndex((i) => i.listing.equals(listing._id)) : -1;
      if (at < 0)
        return { field: ["slug"], message: "no listing with this slug is on the shortlist", code: "NOT_FOUND" };
      if (!Number.isInteger(position) || position < 0) {
        return { field: ["position"], message: "must be 0 or more", code: "INVALID" };
      }
      const items = s.items.filter((_, n) => n !== at);
      const to = Math.min(position, items.length);
      items.splice(to, 0, s.items[at]);
      return { set: { items }, changes: { [`item:${slug}`]: [at, to] } };
    });
  }

  /** Sets who may read the shortlist (replacing the list; empty to share with nobody). */
  async share(id: string, emails: string[]): Promise<ShortlistResult> {
    const wanted = [...new Set(emails.map((e) => e.trim().toLowerCase()))];
    const users = await this.ctx.models.User.find({ email: mongoose.trusted({ $in: wanted }) }, { email: 1 }).lean();
    const byEmail = new Map(users.map((u) => [u.email, u._id]));
    return this.change("shareShortlist", id, (s) => {
      if (wanted.length > SHORTLIST_LIMITS.sharedWith) {
        return { field: ["withEmails"], message: `at most ${SHORTLIST_LIMITS.sharedWith} people`, code: "INVALID" };
      }
      const unknown = wanted.findIndex((e) => !byEmail.has(e));
      if (unknown >= 0) {
        return {
          field: ["withEmails", String(unknown)],
          message: "no user has this e-mail address",
          code: "NOT_FOUND",
        };
      }
      const sharedWith = wanted.map((e) => byEmail.get(e)!).filter((u) => !u.equals(s.owner));
      return {
        set: { sharedWith },
        changes: { sharedWith: [s.sharedWith.map(String), sharedWith.map(String)] },
      };
    });
  }

  /**
   * Freezes each listing as the owner may see it now: its published revision
   * and fields. Items whose listing the owner may not see stay, unavailable.
   */
  async lock(id: string): Promise<ShortlistResult> {
    const listings = new ToolService(this.ctx);
    return this.change("lockShortlist", id, async (s) => {
      if (s.lockedAt) return { field: ["shortlist"], message: "is already locked", code: "CONFLICT" };
      const lockedAt = new Date();
      const revisions: Record<string, number> = {};
      const items = await Promise.all(
        s.items.map(async (i) => {
          const now = await listings.byId(i.listing.toHexString());
          if (now) revisions[now.slug] = now.revision;
          return { ...i, lockedRevision: now?.revision ?? null, snapshot: now ? freeze(now) : null };
        }),
      );
      return {
        set: { items, lockedAt },
        changes: { lockedAt: [null, lockedAt.toISOString()], revisions: [null, revisions] },
      };
    });
  }

  /** Lets the shortlist change again; what it kept while locked is dropped (the audit keeps the revisions). */
  async unlock(id: string): Promise<ShortlistResult> {
    return this.change("unlockShortlist", id, (s) => {
      if (!s.lockedAt) return { field: ["shortlist"], message: "is not locked", code: "CONFLICT" };
      const revisions = Object.fromEntries(s.items.map((i) => [i.listing.toHexString(), i.lockedRevision]));
      return {
        set: { items: s.items.map((i) => ({ ...i, lockedRevision: null, snapshot: null })), lockedAt: null },
        changes: { lockedAt: [s.lockedAt.toISOString(), null], revisions: [revisions, null] },
      };
    });
  }

  async delete(id: string): Promise<ShortlistResult> {
    const s = await this.own(id);
    if (!s) return this.refuse("deleteShortlist", id, notFound);
    if (s.lockedAt) return this.refuse("deleteShortlist", id, LOCKED);
    await this.ctx.models.Shortlist.deleteOne({ _id: s._id });
    await this.audit.recordOrUndo(
      {
        operation: "deleteShortlist",
        target: target(s._id),
        outcome: AuditOutcome.ACCEPTED,
        changes: { name: [s.name, null] },
      },
      () => this.ctx.models.Shortlist.create([s]),
    );
    return { shortlist: s, userErrors: [] };
  }

  /**
   * One change to one of the caller's own shortlists: `decide` answers the
   * fields to set and the audit's changes, or the user error. The change is
   * undone if its audit event cannot be written.
   */
  private async change(
    operation: string,
    id: string,
    decide: (s: ShortlistDoc) => Decision | Promise<Decision>,
  ): Promise<ShortlistResult> {
    const s = await this.own(id);
    if (!s) return this.refuse(operation, id, notFound);
    const d = await decide(s);
    if ("code" in d) return this.refuse(operation, id, d);
    const before = Object.fromEntries(Object.keys(d.set).map((k) => [k, s[k as keyof ShortlistDoc]]));
    // Only if nothing else changed it since it was read (a lock must not be lost to an add that read before it).
    const done = await this.ctx.models.Shortlist.updateOne(
      { _id: s._id, updatedAt: s.updatedAt },
      { $set: d.set },
      { runValidators: true },
    );
    if (done.matchedCount === 0) {
      return this.refuse(operation, id, {
        field: ["shortlist"],
        message: "changed while this change was being made; read it again and retry",
        code: "CONFLICT",
      });
    }
    await this.audit.recordOrUndo(
      { operation, target: target(s._id), outcome: AuditOutcome.ACCEPTED, changes: d.changes },
      () => this.ctx.models.Shortlist.updateOne({ _id: s._id }, { $set: before }),
    );
    return this.answer(s._id);
  }

  private async answer(_id: Types.ObjectId): Promise<ShortlistResult> {
    return { shortlist: await this.ctx.models.Shortlist.findOne({ _id }).lean<ShortlistDoc>(), userErrors: [] };
  }

  private async refuse(operation: string, id: string | null, e: UserErrorData): Promise<ShortlistResult> {
    await this.audit.record({
      operation,
      target: id ? `shortlist:${id.slice(0, 100)}` : null,
      outcome: AuditOutcome.INVALID,
      reason: e.message,
    });
    return { shortlist: null, userErrors: [e] };
  }
}

type Decision = UserErrorData | { set: Partial<ShortlistDoc>; changes: Record<string, [unknown, unknown]> };

const LOCKED: UserErrorData = {
  field: ["shortlist"],
  message: "is locked: unlock it to change its listings or delete it",
  code: "CONFLICT",
};

const target = (id: Types.ObjectId) => `shortlist:${id.toHexString()}`;
