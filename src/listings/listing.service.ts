import mongoose, { Types } from "mongoose";
import type { UserErrorData } from "../accounts/account.service";
import { Role } from "../accounts/roles";
import { AuditOutcome } from "../audit/audit.model";
import { AuditService } from "../audit/audit.service";
import { PublicationState, Visibility } from "../catalog/enums";
import { bumpCatalogueRevision } from "../catalog/snapshot";
import type { ToolDoc } from "../catalog/tools/tool.model";
import { foldText } from "../common/text";
import type { Context } from "../context";
import { listingReferenceProblems } from "../seed/integrity";
import { listingSchema, SLUG, vendorListingSlug } from "../seed/seed.schema";
import { contentToToolFields, diffContent, IdLookups, ListingContent, SlugLookups, toolToContent } from "./content";
import { ListingRevisionDoc, RevisionState } from "./revision.model";
import { canCreate, canEdit, canReview, isAdmin, vendorFieldProblems } from "./rights";

export interface ListingResult {
  listing: ToolDoc | null;
  userErrors: UserErrorData[];
}

/**
 * A listing as its editors see it now: the newest revision's content when
 * that revision is unpublished (with its number and state), else the
 * published listing's (state null).
 */
export interface CurrentListing {
  listing: ToolDoc;
  content: ListingContent;
  revision: number;
  state: RevisionState | null;
}

const OPEN_STATES = [RevisionState.DRAFT, RevisionState.PENDING, RevisionState.REJECTED];
const NOT_FOUND: UserErrorData = { field: ["slug"], message: "no such listing", code: "NOT_FOUND" };

const fail = (...userErrors: UserErrorData[]): ListingResult => ({ listing: null, userErrors });

/**
 * The listing editor and review workflow. Rights are checked at the top of
 * every operation in one way: a caller who may not act on a listing is told
 * it does not exist. Every operation writes one audit event; every write to a
 * listing is one document write guarded by its latest revision.
 */
export class ListingService {
  private readonly audit: AuditService;

  constructor(private readonly ctx: Context) {
    this.audit = new AuditService(ctx);
  }

  // ---- reading ----------------------------------------------------------

  /** The listing in any state, if the caller may edit or review it; otherwise null, as if it did not exist. */
  async editable(slug: string): Promise<ToolDoc | null> {
    const t = await this.ctx.models.Tool.findOne({ slug: String(slug) }).lean<ToolDoc>();
    if (!t || !(canEdit(this.ctx.viewer, t.organisation?.toHexString() ?? null) || canReview(this.ctx.viewer)))
      return null;
    return t;
  }

  async history(slug: string): Promise<ListingRevisionDoc[] | null> {
    const t = await this.editable(slug);
    if (!t) return null;
    return this.ctx.models.ListingRevision.find({ listing: t._id }).sort({ number: -1 }).lean<ListingRevisionDoc[]>();
  }

  /**
   * The newest unpublished revision, for those who may edit or review the
   * listing. Read from the revisions, not the catalogue snapshot, which moves
   * only when published content changes.
   */
  async pendingRevision(t: ToolDoc): Promise<ListingRevisionDoc | null> {
    if (!(canEdit(this.ctx.viewer, t.organisation?.toHexString() ?? null) || canReview(this.ctx.viewer))) return null;
    const newest = await this.newestRevision(t);
    return newest && newest.number > t.revision && OPEN_STATES.includes(newest.state) ? newest : null;
  }

  /** The number to pass as baseRevision: current for editors and reviewers, the published one for others. */
  async latestRevision(t: ToolDoc): Promise<number> {
    if (!(canEdit(this.ctx.viewer, t.organisation?.toHexString() ?? null) || canReview(this.ctx.viewer)))
      return t.revision;
    return Math.max(t.revision, (await this.newestRevision(t))?.number ?? 0);
  }

  private newestRevision(t: ToolDoc): Promise<ListingRevisionDoc | null> {
    return this.ctx.models.ListingRevision.findOne({ listing: t._id }).sort({ number: -1 }).lean<ListingRevisionDoc>();
  }

  /** Unpublished revisions (drafts, pending, rejected) the caller may edit, newest first. */
  async openRevisions(): Promise<ListingRevisionDoc[]> {
    const v = this.ctx.viewer;
    let listingIds: Types.ObjectId[] | null = null;
    if (!canReview(v)) {
      if (!v.organisationId) return [];
      const own = await this.ctx.models.Tool.find(
        { organisation: new Types.ObjectId(v.organisationId) },
        { _id: 1 },
      ).lean();
      listingIds = own.map((t) => t._id);
    }
    const open = await this.ctx.models.ListingRevision.find({ state: mongoose.trusted({ $in: OPEN_STATES }) }).lean<
      ListingRevisionDoc[]
    >();
    const allowed = listingIds ? new Set(listingIds.map((id) => id.toHexString())) : null;
    return open
      .filter((r) => !allowed || allowed.has(r.listing.toHexString()))
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  }

  async reviewQueue(): Promise<ListingRevisionDoc[]> {
    if (!canReview(this.ctx.viewer)) return [];
    return this.ctx.models.ListingRevision.find({ state: RevisionState.PENDING })
      .sort({ createdAt: 1 })
      .lean<ListingRevisionDoc[]>();
  }

  async compare(slug: string, a: number, b: number) {
    const t = await this.editable(slug);
    if (!t) return null;
    const [ra, rb] = await Promise.all([
      this.ctx.models.ListingRevision.findOne({ listing: t._id, number: a }).lean<ListingRevisionDoc>(),
      this.ctx.models.ListingRevision.findOne({ listing: t._id, number: b }).lean<ListingRevisionDoc>(),
    ]);
    if (!ra || !rb) return null;
    return diffContent(JSON.parse(ra.content) as ListingContent, JSON.parse(rb.content) as ListingContent);
  }

  /**
   * The listings among `slugs` that the caller may edit or review, each as
   * its editors see it now (see CurrentListing), keyed by slug; the others
   * are absent, as if they did not exist. Two reads however many slugs: the
   * listings, then the open revisions of those that have one.
   */
  async currentMany(slugs: string[]): Promise<Map<string, CurrentListing>> {
    const v = this.ctx.viewer;
    const found = slugs.length
      ? await this.ctx.models.Tool.find({ slug: mongoose.trusted({ $in: slugs.map(String) }) }).lean<ToolDoc[]>()
      : [];
    const tools = found.filter((t) => canEdit(v, t.organisation?.toHexString() ?? null) || canReview(v));
    const ahead = tools.filter((t) => (t.latestRevision ?? t.revision) > t.revision);
    const open = ahead.length
      ? await this.ctx.models.ListingRevision.find({
          listing: mongoose.trusted({ $in: ahead.map((t) => t._id) }),
          state: mongoose.trusted({ $in: OPEN_STATES }),
        }).lean<ListingRevisionDoc[]>()
      : [];
    const newest = new Map(open.map((r) => [`${r.listing.toHexString()}:${r.number}`, r]));
    const refs = await this.references();
    const out = new Map<string, CurrentListing>();
    for (const t of tools) {
      const latest = t.latestRevision ?? t.revision;
      const rev =
        latest > t.revision
          ? (newest.get(`${t._id.toHexString()}:${latest}`) ??
            (await this.ctx.models.ListingRevision.findOne({
              listing: t._id,
              number: latest,
            }).lean<ListingRevisionDoc>()))
          : null;
      out.set(
        t.slug,
        rev
          ? { listing: t, content: JSON.parse(rev.content) as ListingContent, revision: latest, state: rev.state }
          : { listing: t, content: toolToContent(t, refs.slugs), revision: t.revision, state: null },
      );
    }
    return out;
  }

  /**
   * What the editor would make of a listing's content, without writing: the
   * content as the schema reads it (trimmed, fields in the schema's order,
   * so two readings of the same listing compare equal) and its problems,
   * schema first, then references, as `create` and `update` report them.
   */
  async check(raw: unknown): Promise<{ content: ListingContent | null; problems: UserErrorData[] }> {
    const refs = await this.references();
    const parsed = listingSchema.safeParse(raw);
    const content = parsed.success ? parsed.data : null;
    return { content, problems: this.validate((content ?? raw) as ListingContent, refs) };
  }

  // ---- writing ----------------------------------------------------------

  async create(input: Partial<ListingContent>, idempotencyKey: string | null | undefined): Promise<ListingResult> {
    const op = "createListing";
    const v = this.ctx.viewer;
    if (!canCreate(v)) {
      await this.audit.record({
        operation: op,
        target: null,
        outcome: AuditOutcome.REFUSED,
        reason: "may not create listings",
      });
      return fail({ field: null, message: "you may not create listings", code: "FORBIDDEN" });
    }
    let keyId: string | null = null;
    if (idempotencyKey) {
      keyId = `${v.userId ?? "system"}:${idempotencyKey}`;
      const earlier = await this.claimKey(keyId);
      if (earlier !== "claimed") {
        const listing = earlier ? await this.ctx.models.Tool.findOne({ _id: earlier }).lean<ToolDoc>() : null;
        await this.audit.record({
          operation: op,
          target: listing ? `listing:${listing.slug}` : null,
          outcome: AuditOutcome.ACCEPTED,
          reason: "repeated request: idempotency key already used",
        });
        return listing
          ? { listing, userErrors: [] }
          : fail({
              field: ["idempotencyKey"],
              message: "an earlier request with this key did not finish",
              code: "CONFLICT",
            });
      }
    }
    const refs = await this.references();
    const vendorOrg =
      v.role === Role.VENDOR && v.organisationId ? (refs.slugs.organisation(v.organisationId) ?? null) : null;
    const requested = input.slug ?? slugify(input.name ?? "");
    const content: ListingContent = {
      // Reviewers see every listing, so a collision tells them nothing; a vendor's slug goes in its namespace.
      slug: canReview(v) ? requested : vendorListingSlug(requested, vendorOrg ?? ""),
      name: input.name ?? "",
      kind: input.kind as ListingContent["kind"],
      aliases: input.aliases ?? [],
      organisation: input.organisation !== undefined ? input.organisation : vendorOrg,
      summary: input.summary ?? "",
      status: input.status ?? null,
      year: input.year ?? null,
      capabilities: input.capabilities ?? [],
      mediaTypes: input.mediaTypes ?? [],
      deployment: input.deployment ?? [],
      languages: input.languages ?? [],
      standards: input.standards ?? [],
      classificationSchemes: input.classificationSchemes ?? [],
      offers: input.offers ?? [],
      availability: input.availability ?? [],
      ...(input.availableWorldwide ? { availableWorldwide: true } : {}),
      visibility: input.visibility ?? Visibility.PUBLIC,
      sources: input.sources ?? [],
    };
    const problems = [
      ...this.validate(content, refs),
      ...(v.role === Role.VENDOR ? vendorFieldProblems(null, content, vendorOrg).map(toError) : []),
    ];
    // For a vendor this can only be a listing of its own organisation (see LISTING_SLUG), which it may see.
    if (!problems.length && (await this.ctx.models.Tool.exists({ slug: content.slug }))) {
      problems.push({ field: ["input", "slug"], message: `a listing "${content.slug}" exists`, code: "DUPLICATE" });
    }
    if (problems.length) {
      if (keyId) await this.ctx.models.Idempotency.deleteOne({ _id: keyId });
      await this.audit.record({
        operation: op,
        target: `listing:${content.slug}`,
        outcome: AuditOutcome.INVALID,
        reason: problems.map((p) => p.message).join("; "),
      });
      return fail(...problems);
    }
    const _id = new Types.ObjectId();
    await this.ctx.models.Tool.create([
      {
        _id,
        ...contentToToolFields(content, refs.ids),
        publicationState: PublicationState.DRAFT,
        revision: 0,
        latestRevision: 1,
      },
    ]);
    await this.ctx.models.ListingRevision.create([
      {
        listing: _id,
        slug: content.slug,
        number: 1,
        state: RevisionState.DRAFT,
        content: JSON.stringify(content),
        createdBy: v.userId ?? "system",
      },
    ]);
    if (keyId) await this.ctx.models.Idempotency.updateOne({ _id: keyId }, { $set: { listing: _id } });
    await this.audit.recordOrUndo(
      {
        operation: op,
        target: `listing:${content.slug}`,
        outcome: AuditOutcome.ACCEPTED,
        changes: changesOf(null, content),
      },
      async () => {
        await this.ctx.models.Tool.deleteOne({ _id });
        await this.ctx.models.ListingRevision.deleteMany({ listing: _id });
      },
    );
    return { listing: await this.ctx.models.Tool.findOne({ _id }).lean<ToolDoc>(), userErrors: [] };
  }

  async update(slug: string, baseRevision: number, input: Partial<ListingContent>): Promise<ListingResult> {
    const op = "updateListing";
    const t = await this.guard(op, slug, (tool) => canEdit(this.ctx.viewer, tool.organisation?.toHexString() ?? null));
    if (!t) return fail(NOT_FOUND);
    const latest = t.latestRevision ?? t.revision;
    if (baseRevision !== latest) {
      return this.invalid(op, t.slug, `stale base revision ${baseRevision} (latest ${latest})`, {
        field: ["baseRevision"],
        message: `the listing has changed: revision ${latest} is the latest`,
        code: "CONFLICT",
      });
    }
    const refs = await this.references();
    const current = await this.currentContent(t, refs.slugs);
    const published = t.revision > 0 ? toolToContent(t, refs.slugs) : null;
    const defined = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
    const next: ListingContent = { ...current, ...defined, slug: t.slug };
    // Not stated worldwide is written by leaving the field out, as on every other listing.
    if (next.availableWorldwide === false) delete next.availableWorldwide;
    const v = this.ctx.viewer;
    const problems = this.validate(next, refs);
    if (!canReview(v)) {
      const vendorOrg = v.organisationId ? (refs.slugs.organisation(v.organisationId) ?? null) : null;
      problems.push(...vendorFieldProblems(published ?? current, next, vendorOrg).map(toError));
    }
    if (problems.length) {
      return this.invalid(op, t.slug, problems.map((p) => p.message).join("; "), ...problems);
    }
    if (!diffContent(current, next).length) {
      // A revision identical to the latest would only lengthen the history (confirmListingCurrent says "still true").
      return this.invalid(op, t.slug, "no change", {
        field: ["input"],
        message: "nothing would change: the input matches the latest revision",
        code: "INVALID",
      });
    }
    const number = latest + 1;
    const inserted = await this.insertRevision({
      listing: t._id,
      slug: t.slug,
      number,
      state: RevisionState.DRAFT,
      content: JSON.stringify(next),
      createdBy: v.userId ?? "system",
    });
    if (!inserted) {
      // Revision `number` exists: a concurrent update won, or an earlier one stopped (the database went
      // away) after writing it. The revision is the change; make sure the listing points at it.
      const existing = await this.ctx.models.ListingRevision.findOne({ listing: t._id, number }).lean();
      if (existing) await this.advanceTo(t, number, JSON.parse(existing.content) as ListingContent, refs.ids);
      return this.invalid(op, t.slug, "lost a concurrent update", {
        field: ["baseRevision"],
        message: "the listing has just changed; reload it and try again",
        code: "CONFLICT",
      });
    }
    await this.advanceTo(t, number, next, refs.ids);
    await this.audit.record({
      operation: op,
      target: `listing:${t.slug}`,
      outcome: AuditOutcome.ACCEPTED,
      changes: changesOf(current, next),
    });
    return { listing: await this.ctx.models.Tool.findOne({ _id: t._id }).lean<ToolDoc>(), userErrors: [] };
  }

  submit(slug: string) {
    return this.transition(
      "submitListingForReview",
      slug,
      null,
      [RevisionState.DRAFT, RevisionState.REJECTED],
      RevisionState.PENDING,
      false,
    );
  }

  withdraw(slug: string) {
    return this.transition("withdrawSubmission", slug, null, [RevisionState.PENDING], RevisionState.DRAFT, false);
  }

  async reject(slug: string, revision: number, reason: string): Promise<ListingResult> {
    if (!reason.trim() || reason.length > 1000) {
      await this.audit.record({
        operation: "rejectRevision",
        target: `listing:${slug}`,
        outcome: AuditOutcome.INVALID,
        reason: "reason must be 1 to 1000 characters",
      });
      return fail({ field: ["reason"], message: "must be 1 to 1000 characters", code: "INVALID" });
    }
    return this.transition(
      "rejectRevision",
      slug,
      revision,
      [RevisionState.PENDING],
      RevisionState.REJECTED,
      true,
      reason.trim(),
    );
  }

  async approve(slug: string, revision: number): Promise<ListingResult> {
    const op = "approveRevision";
    const t = await this.guard(op, slug, () => canReview(this.ctx.viewer));
    if (!t) return fail(NOT_FOUND);
    const rev = await this.ctx.models.ListingRevision.findOne({
      listing: t._id,
      number: revision,
    }).lean<ListingRevisionDoc>();
    if (!rev || rev.state !== RevisionState.PENDING || revision !== (t.latestRevision ?? t.revision)) {
      return this.invalid(op, t.slug, `revision ${revision} is not the pending latest revision`, {
        field: ["revision"],
        message: "only the latest revision, submitted for review, can be approved",
        code: "CONFLICT",
      });
    }
    const refs = await this.references();
    const before = t.revision > 0 ? toolToContent(t, refs.slugs) : null;
    const content = JSON.parse(rev.content) as ListingContent;
    const problems = this.validate(content, refs);
    if (problems.length) {
      return this.invalid(op, t.slug, problems.map((p) => p.message).join("; "), ...problems);
    }
    const published = await this.ctx.models.Tool.updateOne(
      { _id: t._id, latestRevision: revision },
      { $set: { ...contentToToolFields(content, refs.ids), revision, publicationState: PublicationState.PUBLISHED } },
    );
    if (published.matchedCount !== 1) {
      return this.invalid(op, t.slug, "the listing changed during approval", {
        field: ["revision"],
        message: "the listing has just changed; reload it",
        code: "CONFLICT",
      });
    }
    await this.ctx.models.ListingRevision.updateOne(
      { _id: rev._id },
      { $set: { state: RevisionState.APPROVED, decidedBy: this.ctx.viewer.userId ?? "system", decidedAt: new Date() } },
    );
    await bumpCatalogueRevision(this.ctx.models);
    await this.audit.record({
      operation: op,
      target: `listing:${t.slug}`,
      outcome: AuditOutcome.ACCEPTED,
      changes: changesOf(before, content),
    });
    return { listing: await this.ctx.models.Tool.findOne({ _id: t._id }).lean<ToolDoc>(), userErrors: [] };
  }

  /** Publishes an earlier approved revision again, as a new revision (ADMIN). */
  async restore(slug: string, revision: number): Promise<ListingResult> {
    const op = "restoreRevision";
    const t = await this.guard(op, slug, () => isAdmin(this.ctx.viewer));
    if (!t) return fail(NOT_FOUND);
    const old = await this.ctx.models.ListingRevision.findOne({
      listing: t._id,
      number: revision,
    }).lean<ListingRevisionDoc>();
    if (!old || old.state !== RevisionState.APPROVED) {
      return this.invalid(op, t.slug, `revision ${revision} was never published`, {
        field: ["revision"],
        message: "only a revision that was published can be restored",
        code: "INVALID",
      });
    }
    const refs = await this.references();
    const content = JSON.parse(old.content) as ListingContent;
    const problems = this.validate(content, refs);
    if (problems.length) return this.invalid(op, t.slug, problems.map((p) => p.message).join("; "), ...problems);
    const number = Math.max(t.revision, (await this.newestRevision(t))?.number ?? 0) + 1;
    const inserted = await this.insertRevision({
      listing: t._id,
      slug: t.slug,
      number,
      state: RevisionState.APPROVED,
      content: old.content,
      createdBy: this.ctx.viewer.userId ?? "system",
      decidedBy: this.ctx.viewer.userId ?? "system",
      decidedAt: new Date(),
      reason: `restored from revision ${revision}`,
    });
    if (!inserted) {
      return this.invalid(op, t.slug, "lost a concurrent update", {
        field: ["revision"],
        message: "the listing has just changed; try again",
        code: "CONFLICT",
      });
    }
    const before = t.revision > 0 ? toolToContent(t, refs.slugs) : null;
    await this.ctx.models.Tool.updateOne(
      { _id: t._id },
      {
        $set: {
          ...contentToToolFields(content, refs.ids),
          revision: number,
          latestRevision: number,
          publicationState: PublicationState.PUBLISHED,
        },
      },
    );
    await this.ctx.models.ListingRevision.updateMany(
      { listing: t._id, number: mongoose.trusted({ $lt: number }), state: mongoose.trusted({ $in: OPEN_STATES }) },
      { $set: { state: RevisionState.SUPERSEDED } },
    );
    await bumpCatalogueRevision(this.ctx.models);
    await this.audit.record({
      operation: op,
      target: `listing:${t.slug}`,
      outcome: AuditOutcome.ACCEPTED,
      reason: `restored revision ${revision} as ${number}`,
      changes: changesOf(before, content),
    });
    return { listing: await this.ctx.models.Tool.findOne({ _id: t._id }).lean<ToolDoc>(), userErrors: [] };
  }

  async confirmCurrent(slug: string): Promise<ListingResult> {
    const op = "confirmListingCurrent";
    const t = await this.guard(op, slug, (tool) => canEdit(this.ctx.viewer, tool.organisation?.toHexString() ?? null));
    if (!t) return fail(NOT_FOUND);
    if (t.publicationState !== PublicationState.PUBLISHED) {
      return this.invalid(op, t.slug, "not published", {
        field: ["slug"],
        message: "only a published listing can be confirmed current",
        code: "INVALID",
      });
    }
    const now = new Date();
    await this.ctx.models.Tool.updateOne({ _id: t._id }, { $set: { lastVerifiedAt: now } });
    await bumpCatalogueRevision(this.ctx.models);
    await this.audit.record({
      operation: op,
      target: `listing:${t.slug}`,
      outcome: AuditOutcome.ACCEPTED,
      changes: { lastVerifiedAt: [t.lastVerifiedAt?.toISOString() ?? null, now.toISOString()] },
    });
    return { listing: await this.ctx.models.Tool.findOne({ _id: t._id }).lean<ToolDoc>(), userErrors: [] };
  }

  async archive(slug: string): Promise<ListingResult> {
    const op = "archiveListing";
    const t = await this.guard(op, slug, () => isAdmin(this.ctx.viewer));
    if (!t) return fail(NOT_FOUND);
    await this.ctx.models.Tool.updateOne({ _id: t._id }, { $set: { publicationState: PublicationState.ARCHIVED } });
    await bumpCatalogueRevision(this.ctx.models);
    await this.audit.record({
      operation: op,
      target: `listing:${t.slug}`,
      outcome: AuditOutcome.ACCEPTED,
      changes: { publicationState: [t.publicationState, PublicationState.ARCHIVED] },
    });
    return { listing: await this.ctx.models.Tool.findOne({ _id: t._id }).lean<ToolDoc>(), userErrors: [] };
  }

  // ---- helpers ----------------------------------------------------------

  /**
   * Inserts a new revision; false when that number is already taken. This
   * insert is the one write that decides a race: (listing, number) is unique,
   * so of all edits based on the same revision exactly one gets in. FerretDB
   * v1 does not make updateOne's filter-then-write atomic under concurrency;
   * a unique index holds on both databases.
   */
  /**
   * Points the listing at its new latest revision (and, for a listing never
   * published, mirrors the draft into it) and supersedes older open
   * revisions. Idempotent: a later update completes one that stopped after
   * writing its revision.
   */
  private async advanceTo(t: ToolDoc, number: number, content: ListingContent, ids: IdLookups): Promise<void> {
    const draftFields = t.publicationState === PublicationState.DRAFT ? contentToToolFields(content, ids) : {};
    await this.ctx.models.Tool.updateOne({ _id: t._id }, { $set: draftFields, $max: { latestRevision: number } });
    await this.ctx.models.ListingRevision.updateMany(
      { listing: t._id, number: mongoose.trusted({ $lt: number }), state: mongoose.trusted({ $in: OPEN_STATES }) },
      { $set: { state: RevisionState.SUPERSEDED } },
    );
  }

  private async insertRevision(
    doc: Omit<ListingRevisionDoc, "_id" | "createdAt" | "decidedBy" | "decidedAt" | "reason"> &
      Partial<ListingRevisionDoc>,
  ): Promise<boolean> {
    try {
      await this.ctx.models.ListingRevision.create([doc]);
      return true;
    } catch (e) {
      if ((e as { code?: number }).code === 11000) return false;
      throw e;
    }
  }

  /** Audits a refusal for invalid input on a listing and returns it as user errors. */
  private async invalid(
    op: string,
    slug: string,
    reason: string,
    ...userErrors: UserErrorData[]
  ): Promise<ListingResult> {
    await this.audit.record({ operation: op, target: `listing:${slug}`, outcome: AuditOutcome.INVALID, reason });
    return fail(...userErrors);
  }

  /** Finds the listing and checks the right; a refusal is audited and answers as a missing listing. */
  private async guard(op: string, slug: string, allowed: (t: ToolDoc) => boolean): Promise<ToolDoc | null> {
    const t = await this.ctx.models.Tool.findOne({ slug: String(slug) }).lean<ToolDoc>();
    if (t && allowed(t)) return t;
    await this.audit.record({
      operation: op,
      target: `listing:${String(slug).slice(0, 200)}`,
      outcome: t ? AuditOutcome.REFUSED : AuditOutcome.INVALID,
      reason: t ? "not allowed on this listing" : "no such listing",
    });
    return null;
  }

  private async transition(
    op: string,
    slug: string,
    revision: number | null,
    from: RevisionState[],
    to: RevisionState,
    reviewerOnly: boolean,
    reason: string | null = null,
  ): Promise<ListingResult> {
    const t = await this.guard(op, slug, (tool) =>
      reviewerOnly ? canReview(this.ctx.viewer) : canEdit(this.ctx.viewer, tool.organisation?.toHexString() ?? null),
    );
    if (!t) return fail(NOT_FOUND);
    const number = revision ?? t.latestRevision ?? t.revision;
    const res = await this.ctx.models.ListingRevision.updateOne(
      { listing: t._id, number, state: mongoose.trusted({ $in: from }) },
      {
        $set: {
          state: to,
          ...(reviewerOnly ? { decidedBy: this.ctx.viewer.userId ?? "system", decidedAt: new Date(), reason } : {}),
        },
      },
    );
    if (res.modifiedCount !== 1) {
      return this.invalid(op, t.slug, `revision ${number} is not ${from.join(" or ")}`, {
        field: revision === null ? ["slug"] : ["revision"],
        message: `revision ${number} is not ${from.join(" or ").toLowerCase()}`,
        code: "CONFLICT",
      });
    }
    await this.audit.record({
      operation: op,
      target: `listing:${t.slug}`,
      outcome: AuditOutcome.ACCEPTED,
      reason,
      changes: { [`revision ${number}`]: [from.join("|"), to] },
    });
    return { listing: t, userErrors: [] };
  }

  private async currentContent(t: ToolDoc, slugs: SlugLookups): Promise<ListingContent> {
    const latest = t.latestRevision ?? t.revision;
    if (latest > t.revision) {
      const rev = await this.ctx.models.ListingRevision.findOne({
        listing: t._id,
        number: latest,
      }).lean<ListingRevisionDoc>();
      if (rev) return JSON.parse(rev.content) as ListingContent;
    }
    return toolToContent(t, slugs);
  }

  private validate(content: ListingContent, refs: Awaited<ReturnType<ListingService["references"]>>): UserErrorData[] {
    const parsed = listingSchema.safeParse(content);
    const errors: UserErrorData[] = parsed.success
      ? []
      : parsed.error.issues.map((i) => ({
          field: ["input", ...i.path.map(String)],
          message: i.message,
          code: "INVALID" as const,
        }));
    if (!parsed.success) return errors;
    return listingReferenceProblems(parsed.data, refs.known).map((p) => ({
      field: ["input", ...p.path],
      message: p.message,
      code: p.code ?? ("NOT_FOUND" as const),
    }));
  }

  private async references() {
    const [catalogue, capabilities] = await Promise.all([this.ctx.catalogue(), this.ctx.loaders.capabilityIndex()]);
    const schemes = [...catalogue.classificationSchemeById.values()];
    const docs = [...catalogue.documentById.values()];
    const orgs = [...catalogue.organisationById.values()];
    const index = (xs: { _id: Types.ObjectId; slug: string }[]) => ({
      bySlug: new Map(xs.map((x) => [x.slug, x._id])),
      byId: new Map(xs.map((x) => [x._id.toHexString(), x.slug])),
    });
    const caps = index(capabilities.all);
    const sch = index(schemes);
    const doc = index(docs);
    const ids: IdLookups = {
      organisation: (s) => {
        const o = catalogue.organisationBySlug.get(s);
        return o ? { id: o._id, name: o.name } : undefined;
      },
      capability: (s) => caps.bySlug.get(s),
      scheme: (s) => sch.bySlug.get(s),
      document: (s) => doc.bySlug.get(s),
    };
    const slugs: SlugLookups = {
      organisation: (id) => catalogue.organisationById.get(id)?.slug,
      capability: (id) => caps.byId.get(id),
      scheme: (id) => sch.byId.get(id),
      document: (id) => doc.byId.get(id),
    };
    const known = {
      organisations: new Set(orgs.map((o) => o.slug)),
      capabilities: new Set(caps.bySlug.keys()),
      schemes: new Set(sch.bySlug.keys()),
      documents: new Set(doc.bySlug.keys()),
    };
    return { ids, slugs, known };
  }

  /** Claims an idempotency key; returns "claimed", or the listing an earlier request made (null if it did not finish). */
  private async claimKey(keyId: string): Promise<"claimed" | Types.ObjectId | null> {
    try {
      await this.ctx.models.Idempotency.create([{ _id: keyId, listing: null }]);
      return "claimed";
    } catch (e) {
      if ((e as { code?: number }).code !== 11000) throw e;
    }
    // Another request holds the key: wait (bounded) for it to finish.
    for (let i = 0; i < 50; i++) {
      const k = await this.ctx.models.Idempotency.findOne({ _id: keyId }).lean();
      if (!k) return this.claimKey(keyId);
      if (k.listing) return k.listing;
      await new Promise((r) => setTimeout(r, 100));
    }
    return null;
  }
}

function toError(p: { field: string; message: string }): UserErrorData {
  return { field: ["input", p.field], message: p.message, code: "FORBIDDEN" };
}

function changesOf(before: ListingContent | null, after: ListingContent): Record<string, [unknown, unknown]> {
  return Object.fromEntries(diffContent(before, after).map((d) => [d.field, [d.before, d.after]]));
}

export function slugify(name: string): string {
  const s = foldText(name)
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/, "");
  return SLUG.test(s) ? s : "";
}
