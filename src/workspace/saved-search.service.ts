import { Types } from "mongoose";
import type { UserErrorData } from "../accounts/account.service";
import { AuditOutcome } from "../audit/audit.model";
import { AuditService } from "../audit/audit.service";
import { byNameThenId, nameProblem, workspaceOwner } from "./common";
import type { Context } from "../context";
import type { ToolDoc } from "../catalog/tools/tool.model";
import { ToolFilterArgs, ToolOrder, ToolService } from "../catalog/tools/tool.service";
import { MAX_SAVED_SEARCHES, SavedSearchDoc } from "./saved-search.model";

export interface SavedSearchResult {
  savedSearch: SavedSearchDoc | null;
  userErrors: UserErrorData[];
}

const OBJECT_ID = /^[0-9a-f]{24}$/;
const seenKey = (l: ToolDoc) => `${l._id.toHexString()}:${l.revision}`;
/** Per saved search as read in one request (each read is a fresh object): what is new since last seen. */
const newSince = new WeakMap<SavedSearchDoc, Promise<ToolDoc[]>>();
const notFound: UserErrorData = { field: ["id"], message: "you have no saved search with this id", code: "NOT_FOUND" };

/**
 * A signed-in user's saved searches. Each is private to its owner: another
 * user's (an admin's included) is answered as one that does not exist, by id
 * or by guess. What a saved search matches is always worked out as its owner
 * may see the catalogue now.
 */
export class SavedSearchService {
  private readonly audit: AuditService;

  constructor(private readonly ctx: Context) {
    this.audit = new AuditService(ctx);
  }

  private get owner(): Types.ObjectId {
    return workspaceOwner(this.ctx);
  }

  /** The caller's saved searches, by name. */
  async list(): Promise<SavedSearchDoc[]> {
    const all = await this.ctx.models.SavedSearch.find({ owner: this.owner }, { seen: 0 }).lean<SavedSearchDoc[]>();
    return all.sort(byNameThenId);
  }

  /** One of the caller's saved searches; null for any other id. */
  async get(id: string): Promise<SavedSearchDoc | null> {
    if (!OBJECT_ID.test(id)) return null;
    return this.ctx.models.SavedSearch.findOne({ _id: new Types.ObjectId(id), owner: this.owner }).lean();
  }

  /** What the saved search matches now, as its owner sees the catalogue. */
  matches(s: SavedSearchDoc): Promise<ToolDoc[]> {
    return new ToolService(this.ctx).matchAll(s.search, JSON.parse(s.filter) as ToolFilterArgs | null);
  }

  /**
   * Listings that match now and did not when the owner last looked, or whose
   * published revision moved since; by name. Worked out once per saved search
   * read (its `newSinceLastSeen` and `newCount` share it).
   */
  newSinceLastSeen(s: SavedSearchDoc): Promise<ToolDoc[]> {
    let found = newSince.get(s);
    if (!found) {
      found = this.computeNewSince(s);
      newSince.set(s, found);
    }
    return found;
  }

  private async computeNewSince(s: SavedSearchDoc): Promise<ToolDoc[]> {
    const seen = new Set(
      s.seen ?? (await this.ctx.models.SavedSearch.findOne({ _id: s._id }, { seen: 1 }).lean())?.seen ?? [],
    );
    return (await this.matches(s))
      .filter((l) => !seen.has(seenKey(l)))
      .sort((a, b) => a.sortName.localeCompare(b.sortName));
  }

  async save(
    name: string,
    search: string | null,
    filter: ToolFilterArgs | null,
    orderBy: ToolOrder | null,
  ): Promise<SavedSearchResult> {
    const problem = nameProblem(name);
    if (problem) return this.refuse("saveSearch", null, problem);
    if ((await this.ctx.models.SavedSearch.countDocuments({ owner: this.owner })) >= MAX_SAVED_SEARCHES) {
      return this.refuse("saveSearch", null, {
        field: ["name"],
        message: `you already keep ${MAX_SAVED_SEARCHES} saved searches; delete one first`,
        code: "INVALID",
      });
    }
    // An unknown slug or code in the filter, or text too long, is BAD_USER_INPUT naming it, as in a search.
    const now = await new ToolService(this.ctx).matchAll(search, filter);
    const _id = new Types.ObjectId();
    const doc = {
      _id,
      owner: this.owner,
      name,
      search: search || null,
      filter: JSON.stringify(filter ?? null),
      orderBy,
      lastSeenAt: new Date(),
      seen: now.map(seenKey),
    };
    await this.ctx.models.SavedSearch.create([doc]);
    await this.audit.recordOrUndo(
      {
        operation: "saveSearch",
        target: `savedSearch:${_id.toHexString()}`,
        outcome: AuditOutcome.ACCEPTED,
        changes: {
          name: [null, name],
          search: [null, doc.search],
          filter: [null, doc.filter],
          orderBy: [null, orderBy],
        },
      },
      () => this.ctx.models.SavedSearch.deleteOne({ _id }),
    );
    return { savedSearch: await this.get(_id.toHexString()), userErrors: [] };
  }

  async rename(id: string, name: string): Promise<SavedSearchResult> {
    const s = await this.get(id);
    if (!s) return this.refuse("renameSavedSearch", id, notFound);
    const problem = nameProblem(name);
    if (problem) return this.refuse("renameSavedSearch", id, problem);
    await this.ctx.models.SavedSearch.updateOne({ _id: s._id }, { $set: { name } });
    await this.audit.recordOrUndo(
      {
        operation: "renameSavedSearch",
        target: `savedSearch:${id}`,
        outcome: AuditOutcome.ACCEPTED,
        changes: { name: [s.name, name] },
      },
      () => this.ctx.models.SavedSearch.updateOne({ _id: s._id }, { $set: { name: s.name } }),
    );
    return { savedSearch: await this.get(id), userErrors: [] };
  }

  /** Moves the "last seen" mark to now: what it matches now is no longer new. */
  async markSeen(id: string): Promise<SavedSearchResult> {
    const s = await this.get(id);
    if (!s) return this.refuse("markSavedSearchSeen", id, notFound);
    const now = await this.matches(s);
    const lastSeenAt = new Date();
    await this.ctx.models.SavedSearch.updateOne({ _id: s._id }, { $set: { lastSeenAt, seen: now.map(seenKey) } });
    await this.audit.recordOrUndo(
      {
        operation: "markSavedSearchSeen",
        target: `savedSearch:${id}`,
        outcome: AuditOutcome.ACCEPTED,
        changes: { lastSeenAt: [s.lastSeenAt.toISOString(), lastSeenAt.toISOString()] },
      },
      () => this.ctx.models.SavedSearch.updateOne({ _id: s._id }, { $set: { lastSeenAt: s.lastSeenAt, seen: s.seen } }),
    );
    return { savedSearch: await this.get(id), userErrors: [] };
  }

  async delete(id: string): Promise<SavedSearchResult> {
    const s = await this.get(id);
    if (!s) return this.refuse("deleteSavedSearch", id, notFound);
    await this.ctx.models.SavedSearch.deleteOne({ _id: s._id });
    await this.audit.recordOrUndo(
      {
        operation: "deleteSavedSearch",
        target: `savedSearch:${id}`,
        outcome: AuditOutcome.ACCEPTED,
        changes: { name: [s.name, null] },
      },
      () => this.ctx.models.SavedSearch.create([s]),
    );
    return { savedSearch: s, userErrors: [] };
  }

  private async refuse(operation: string, id: string | null, e: UserErrorData): Promise<SavedSearchResult> {
    await this.audit.record({
      operation,
      target: id ? `savedSearch:${id.slice(0, 100)}` : null,
      outcome: AuditOutcome.INVALID,
      reason: e.message,
    });
    return { savedSearch: null, userErrors: [e] };
  }
}
