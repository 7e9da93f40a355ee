import mongoose, { Types } from "mongoose";
import type { UserErrorData } from "../accounts/account.service";
import { AuditOutcome } from "../audit/audit.model";
import { AuditService } from "../audit/audit.service";
import type { ToolDoc } from "../catalog/tools/tool.model";
import { ToolService } from "../catalog/tools/tool.service";
import { isOwner } from "../catalog/visibility";
import { ForbiddenError } from "../common/errors";
import { isPlainText } from "../common/validation";
import type { Context } from "../context";
import { canReview } from "../listings/rights";
import { COMPLETENESS_FIELDS, CompletenessField, unknownFields } from "../reports/completeness";
import { COMPLETENESS_REQUEST_LIMITS, CompletenessRequestDoc } from "./completeness-request.model";

export enum CompletenessRequestState {
  OPEN = "OPEN",
  FULFILLED = "FULFILLED",
  WITHDRAWN = "WITHDRAWN",
}

export interface CompletenessRequestResult {
  request: CompletenessRequestDoc | null;
  userErrors: UserErrorData[];
}

const OBJECT_ID = /^[0-9a-f]{24}$/;

/**
 * Completeness requests: a reviewer asks a listing's organisation to state
 * fields the catalogue does not know; the organisation's vendors see the
 * request until the published listing states every field asked for, or a
 * reviewer withdraws it. Reviewers and admins make, list and withdraw them;
 * a vendor reads those on its own organisation's listings; nobody else
 * learns that they exist.
 */
export class CompletenessRequestService {
  private readonly audit: AuditService;

  constructor(private readonly ctx: Context) {
    this.audit = new AuditService(ctx);
  }

  /**
   * OPEN while a field asked for is still unknown in the published listing,
   * FULFILLED once none is, WITHDRAWN once a reviewer withdrew it. A listing
   * no longer published states nothing: its requests stay open.
   */
  stateOf(r: CompletenessRequestDoc, listing: ToolDoc | undefined): CompletenessRequestState {
    if (r.withdrawnAt) return CompletenessRequestState.WITHDRAWN;
    return this.stillUnknown(r, listing).length ? CompletenessRequestState.OPEN : CompletenessRequestState.FULFILLED;
  }

  /** The fields asked for that the published listing still leaves unknown. */
  stillUnknown(r: CompletenessRequestDoc, listing: ToolDoc | undefined): CompletenessField[] {
    if (!listing) return r.fields;
    const unknown = new Set(unknownFields(listing));
    return r.fields.filter((f) => unknown.has(f));
  }

  /** The published listing a request is about, as of this request's catalogue (whoever may see it). */
  async listingOf(r: CompletenessRequestDoc): Promise<ToolDoc | undefined> {
    return (await this.ctx.catalogue()).listingById.get(r.listing.toHexString());
  }

  /** Whether the caller may read the request: a reviewer or admin, or a vendor of the listing's organisation. */
  async readable(r: CompletenessRequestDoc): Promise<boolean> {
    if (canReview(this.ctx.viewer)) return true;
    const listing = await this.listingOf(r);
    return listing !== undefined && isOwner(this.ctx.viewer, listing.organisation?.toHexString() ?? null);
  }

  /** A request by id (hex), if the caller may read it; null otherwise, as for an unknown id. */
  async byId(id: string): Promise<CompletenessRequestDoc | null> {
    if (!OBJECT_ID.test(id)) return null;
    const r = await this.ctx.models.CompletenessRequest.findOne({
      _id: new Types.ObjectId(id),
    }).lean<CompletenessRequestDoc>();
    return r && (await this.readable(r)) ? r : null;
  }

  /** Requests in a state, newest first, at most COMPLETENESS_REQUEST_LIMITS.listed (reviewers and admins). */
  async list(state: CompletenessRequestState): Promise<CompletenessRequestDoc[]> {
    const withdrawn = state === CompletenessRequestState.WITHDRAWN;
    const docs = await this.ctx.models.CompletenessRequest.find({
      withdrawnAt: withdrawn ? mongoose.trusted({ $ne: null }) : null,
    })
      .sort({ createdAt: -1, _id: -1 })
      .limit(withdrawn ? COMPLETENESS_REQUEST_LIMITS.listed : COMPLETENESS_REQUEST_LIMITS.scanned)
      .lean<CompletenessRequestDoc[]>();
    const byId = (await this.ctx.catalogue()).listingById;
    return docs
      .filter((r) => this.stateOf(r, byId.get(r.listing.toHexString())) === state)
      .slice(0, COMPLETENESS_REQUEST_LIMITS.listed);
  }

  /** The open requests on the listings of the caller's organisation (a vendor), newest first. */
  async openForMyOrganisation(): Promise<CompletenessRequestDoc[]> {
    const org = this.ctx.viewer.organisationId;
    if (!org) return [];
    const catalogue = await this.ctx.catalogue();
    const own = catalogue.listings.filter((l) => l.organisation?.toHexString() === org).map((l) => l._id);
    if (!own.length) return [];
    const docs = await this.ctx.models.CompletenessRequest.find({
      listing: mongoose.trusted({ $in: own }),
      withdrawnAt: null,
    })
      .sort({ createdAt: -1, _id: -1 })
      .limit(COMPLETENESS_REQUEST_LIMITS.scanned)
      .lean<CompletenessRequestDoc[]>();
    return docs
      .filter(
        (r) => this.stateOf(r, catalogue.listingById.get(r.listing.toHexString())) === CompletenessRequestState.OPEN,
      )
      .slice(0, COMPLETENESS_REQUEST_LIMITS.listed);
  }

  /**
   * Asks the listing's organisation to state these fields. Refused, with a
   * user error naming the argument: a listing the caller may not see (as an
   * unknown slug), a listing without a known organisation to ask, no field,
   * a field the published listing already states, a field an open request
   * already asks for, a note too long or with control characters.
   */
  async request(slug: string, fields: CompletenessField[], note: string | null): Promise<CompletenessRequestResult> {
    if (!canReview(this.ctx.viewer)) throw new ForbiddenError();
    const listing = await new ToolService(this.ctx).bySlug(slug);
    const target = listing ? `listing:${listing.slug}` : null;
    if (!listing) {
      return this.refuse("requestCompleteness", target, [
        { field: ["slug"], message: "no published listing you may see has this slug", code: "NOT_FOUND" },
      ]);
    }
    const errors: UserErrorData[] = [];
    if (!listing.organisation) {
      errors.push({
        field: ["slug"],
        message: "the listing has no known organisation to ask; state its owner first",
        code: "INVALID",
      });
    }
    const wanted = [...new Set(fields)];
    if (!wanted.length) errors.push({ field: ["fields"], message: "name at least one field", code: "INVALID" });
    const unknown = new Set(unknownFields(listing));
    const open = await this.ctx.models.CompletenessRequest.find({
      listing: listing._id,
      withdrawnAt: null,
    }).lean<CompletenessRequestDoc[]>();
    const asked = new Set(open.flatMap((r) => this.stillUnknown(r, listing)));
    wanted.forEach((f) => {
      const at = ["fields", String(fields.indexOf(f))];
      if (!unknown.has(f)) {
        errors.push({ field: at, message: `${f} is already stated in the published listing`, code: "INVALID" });
      } else if (asked.has(f)) {
        errors.push({ field: at, message: `an open request already asks for ${f}`, code: "DUPLICATE" });
      }
    });
    if (note !== null && (note.length > COMPLETENESS_REQUEST_LIMITS.note || !isPlainText(note))) {
      errors.push({
        field: ["note"],
        message: `must be at most ${COMPLETENESS_REQUEST_LIMITS.note} characters, without control characters`,
        code: "INVALID",
      });
    }
    if (errors.length) return this.refuse("requestCompleteness", target, errors);

    const ordered = COMPLETENESS_FIELDS.filter((f) => wanted.includes(f));
    const _id = new Types.ObjectId();
    await this.ctx.models.CompletenessRequest.create([
      {
        _id,
        listing: listing._id,
        slug: listing.slug,
        fields: ordered,
        note,
        requestedBy: this.ctx.viewer.userId ?? "system",
        withdrawnAt: null,
        withdrawnBy: null,
      },
    ]);
    await this.audit.recordOrUndo(
      {
        operation: "requestCompleteness",
        target,
        outcome: AuditOutcome.ACCEPTED,
        changes: { request: [null, _id.toHexString()], fields: [null, ordered], note: [null, note] },
      },
      () => this.ctx.models.CompletenessRequest.deleteOne({ _id }),
    );
    return { request: await this.ctx.models.CompletenessRequest.findOne({ _id }).lean(), userErrors: [] };
  }

  /** Withdraws a request that is not withdrawn yet (any reviewer or admin may). */
  async withdraw(id: string): Promise<CompletenessRequestResult> {
    if (!canReview(this.ctx.viewer)) throw new ForbiddenError();
    const r = await this.byId(id);
    if (!r) {
      return this.refuse("withdrawCompletenessRequest", `completenessRequest:${id.slice(0, 100)}`, [
        { field: ["id"], message: "no completeness request has this id", code: "NOT_FOUND" },
      ]);
    }
    const target = `listing:${r.slug}`;
    if (r.withdrawnAt) {
      return this.refuse("withdrawCompletenessRequest", target, [
        { field: ["id"], message: "the request is already withdrawn", code: "INVALID" },
      ]);
    }
    const withdrawnAt = new Date();
    const withdrawnBy = this.ctx.viewer.userId ?? "system";
    const done = await this.ctx.models.CompletenessRequest.updateOne(
      { _id: r._id, withdrawnAt: null },
      { $set: { withdrawnAt, withdrawnBy } },
    );
    if (done.modifiedCount !== 1) {
      return this.refuse("withdrawCompletenessRequest", target, [
        { field: ["id"], message: "the request is already withdrawn", code: "INVALID" },
      ]);
    }
    await this.audit.recordOrUndo(
      {
        operation: "withdrawCompletenessRequest",
        target,
        outcome: AuditOutcome.ACCEPTED,
        changes: { request: [r._id.toHexString(), null], withdrawnAt: [null, withdrawnAt.toISOString()] },
      },
      () =>
        this.ctx.models.CompletenessRequest.updateOne(
          { _id: r._id },
          { $set: { withdrawnAt: null, withdrawnBy: null } },
        ),
    );
    return { request: { ...r, withdrawnAt, withdrawnBy }, userErrors: [] };
  }

  private async refuse(
    operation: string,
    target: string | null,
    errors: UserErrorData[],
  ): Promise<CompletenessRequestResult> {
    await this.audit.record({
      operation,
      target,
      outcome: AuditOutcome.INVALID,
      reason: errors.map((e) => `${(e.field ?? []).join(".")}: ${e.message}`).join("; "),
    });
    return { request: null, userErrors: errors };
  }
}
