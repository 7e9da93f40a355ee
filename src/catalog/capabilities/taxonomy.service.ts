import mongoose, { Types } from "mongoose";
import type { UserErrorData } from "../../accounts/account.service";
import { AuditOutcome } from "../../audit/audit.model";
import { AuditService } from "../../audit/audit.service";
import type { Context } from "../../context";
import { SLUG } from "../../seed/seed.schema";
import { isPlainText } from "../../common/validation";
import type { CapabilityDoc, CapabilitySynonymDoc } from "./capability.model";
import { SynonymContent, synonymProblems } from "./synonyms";
import { bumpCatalogueRevision } from "../snapshot";

const MAX_DEPTH = 2;

export interface TaxonomyResult {
  capability: CapabilityDoc | null;
  userErrors: UserErrorData[];
}

/**
 * Taxonomy maintenance (ADMIN). The parent link is the truth; materialised
 * paths and depths are derived from it and rewritten after every change, so
 * an interrupted move is repaired by the next change (there are no
 * transactions to make a subtree rewrite atomic).
 */
export class TaxonomyService {
  private readonly audit: AuditService;

  constructor(private readonly ctx: Context) {
    this.audit = new AuditService(ctx);
  }

  async add(input: {
    slug: string;
    name: string;
    parent?: string | null;
    description?: string | null;
  }): Promise<TaxonomyResult> {
    const all = await this.all();
    const errors: UserErrorData[] = [];
    if (!SLUG.test(input.slug) || input.slug.length > 80)
      errors.push({ field: ["input", "slug"], message: "must be lowercase words joined by hyphens", code: "INVALID" });
    if (all.some((c) => c.slug === input.slug))
      errors.push({ field: ["input", "slug"], message: "a capability with this slug exists", code: "DUPLICATE" });
    const parent = input.parent ? all.find((c) => c.slug === input.parent && !c.retired) : null;
    if (input.parent && !parent)
      errors.push({ field: ["input", "parent"], message: `no capability "${input.parent}"`, code: "NOT_FOUND" });
    if (parent && parent.depth + 1 > MAX_DEPTH)
      errors.push({
        field: ["input", "parent"],
        message: "the taxonomy is three levels deep: function, capability, technique",
        code: "INVALID",
      });
    if (!input.name.trim() || input.name.length > 100)
      errors.push({ field: ["input", "name"], message: "must be 1 to 100 characters", code: "INVALID" });
    if (errors.length) return this.invalid("addCapability", input.slug, errors);
    const _id = new Types.ObjectId();
    await this.ctx.models.Capability.create([
      {
        _id,
        slug: input.slug,
        name: input.name.trim(),
        description: input.description ?? null,
        parent: parent?._id ?? null,
        path: `${parent?.path ?? "/"}${input.slug}/`,
        depth: parent ? parent.depth + 1 : 0,
        order: Math.max(0, ...all.map((c) => c.order)) + 1,
      },
    ]);
    await this.audit.recordOrUndo(
      {
        operation: "addCapability",
        target: `capability:${input.slug}`,
        outcome: AuditOutcome.ACCEPTED,
        changes: { slug: [null, input.slug], parent: [null, input.parent ?? null] },
      },
      () => this.ctx.models.Capability.deleteOne({ _id }),
    );
    await bumpCatalogueRevision(this.ctx.models);
    return { capability: await this.ctx.models.Capability.findOne({ _id }).lean<CapabilityDoc>(), userErrors: [] };
  }

  async rename(slug: string, name: string, description: string | null | undefined): Promise<TaxonomyResult> {
    const c = (await this.all()).find((x) => x.slug === slug);
    if (!c)
      return this.invalid("renameCapability", slug, [
        { field: ["slug"], message: "no such capability", code: "NOT_FOUND" },
      ]);
    const problems: UserErrorData[] = [];
    if (!name.trim() || name.length > 100 || !isPlainText(name)) {
      problems.push({
        field: ["name"],
        message: "must be 1 to 100 characters, without control characters",
        code: "INVALID",
      });
    }
    if (description != null && (description.length > 500 || !isPlainText(description))) {
      problems.push({
        field: ["description"],
        message: "must be at most 500 characters, without control characters",
        code: "INVALID",
      });
    }
    if (problems.length) return this.invalid("renameCapability", slug, problems);
    const set = { name: name.trim(), ...(description != null && { description }) };
    await this.ctx.models.Capability.updateOne({ _id: c._id }, { $set: set }, { runValidators: true });
    const changes: Record<string, [unknown, unknown]> = { name: [c.name, set.name] };
    if (set.description !== undefined && set.description !== c.description) {
      changes.description = [c.description, set.description];
    }
    await this.audit.record({
      operation: "renameCapability",
      target: `capability:${slug}`,
      outcome: AuditOutcome.ACCEPTED,
      changes,
    });
    await bumpCatalogueRevision(this.ctx.models);
    return {
      capability: await this.ctx.models.Capability.findOne({ _id: c._id }).lean<CapabilityDoc>(),
      userErrors: [],
    };
  }

  async move(slug: string, newParent: string | null): Promise<TaxonomyResult> {
    const all = await this.all();
    const c = all.find((x) => x.slug === slug);
    if (!c)
      return this.invalid("moveCapability", slug, [
        { field: ["slug"], message: "no such capability", code: "NOT_FOUND" },
      ]);
    const parent = newParent ? all.find((x) => x.slug === newParent && !x.retired) : null;
    if (newParent && !parent)
      return this.invalid("moveCapability", slug, [
        { field: ["parent"], message: `no capability "${newParent}"`, code: "NOT_FOUND" },
      ]);
    if (parent && parent.path.startsWith(c.path)) {
      return this.invalid("moveCapability", slug, [
        { field: ["parent"], message: "a capability cannot move under itself", code: "INVALID" },
      ]);
    }
    const subtreeDepth = Math.max(...all.filter((x) => x.path.startsWith(c.path)).map((x) => x.depth - c.depth));
    if ((parent ? parent.depth + 1 : 0) + subtreeDepth > MAX_DEPTH) {
      return this.invalid("moveCapability", slug, [
        { field: ["parent"], message: "the move would make the taxonomy deeper than three levels", code: "INVALID" },
      ]);
    }
    await this.ctx.models.Capability.updateOne({ _id: c._id }, { $set: { parent: parent?._id ?? null } });
    await this.repairPaths();
    await this.audit.record({
      operation: "moveCapability",
      target: `capability:${slug}`,
      outcome: AuditOutcome.ACCEPTED,
      changes: { parent: [all.find((x) => c.parent?.equals(x._id))?.slug ?? null, newParent] },
    });
    await bumpCatalogueRevision(this.ctx.models);
    return {
      capability: await this.ctx.models.Capability.findOne({ _id: c._id }).lean<CapabilityDoc>(),
      userErrors: [],
    };
  }

  async retire(slug: string): Promise<TaxonomyResult> {
    const all = await this.all();
    const c = all.find((x) => x.slug === slug && !x.retired);
    if (!c)
      return this.invalid("retireCapability", slug, [
        { field: ["slug"], message: "no such capability", code: "NOT_FOUND" },
      ]);
    if (all.some((x) => !x.retired && x.parent?.equals(c._id))) {
      return this.invalid("retireCapability", slug, [
        { field: ["slug"], message: "retire or move its children first", code: "CONFLICT" },
      ]);
    }
    await this.ctx.models.Capability.updateOne({ _id: c._id }, { $set: { retired: true } });
    await this.audit.record({
      operation: "retireCapability",
      target: `capability:${slug}`,
      outcome: AuditOutcome.ACCEPTED,
      changes: { retired: [false, true] },
    });
    await bumpCatalogueRevision(this.ctx.models);
    return {
      capability: await this.ctx.models.Capability.findOne({ _id: c._id }).lean<CapabilityDoc>(),
      userErrors: [],
    };
  }

  /**
   * Replaces a capability's synonyms with the given list. Every term and
   * citation is checked before anything is written, so a refusal leaves the
   * capability as it was.
   */
  async setSynonyms(slug: string, synonyms: SynonymContent[]): Promise<TaxonomyResult> {
    const c = (await this.all()).find((x) => x.slug === slug && !x.retired);
    if (!c)
      return this.invalid("setCapabilitySynonyms", slug, [
        { field: ["slug"], message: "no such capability", code: "NOT_FOUND" },
      ]);
    const cited = [...new Set(synonyms.flatMap((y) => y.sources.flatMap((s) => (s.document ? [s.document] : []))))];
    const documents = await this.ctx.models.Document.find({ slug: mongoose.trusted({ $in: cited }) }, { slug: 1 }).lean<
      { _id: Types.ObjectId; slug: string }[]
    >();
    const idOf = new Map(documents.map((d) => [d.slug, d._id]));
    const problems = synonymProblems(c.name, synonyms, new Set(idOf.keys()));
    if (problems.length)
      return this.invalid(
        "setCapabilitySynonyms",
        slug,
        problems.map((p) => ({ field: ["synonyms", ...p.path], message: p.message, code: p.code })),
      );
    const stored: CapabilitySynonymDoc[] = synonyms.map((y) => ({
      term: y.term.trim(),
      sources: y.sources.map((s) => ({
        document: s.document ? (idOf.get(s.document) ?? null) : null,
        url: null,
        locator: s.locator.trim(),
        unverified: false,
      })),
    }));
    await this.ctx.models.Capability.updateOne({ _id: c._id }, { $set: { synonyms: stored } }, { runValidators: true });
    await this.audit.recordOrUndo(
      {
        operation: "setCapabilitySynonyms",
        target: `capability:${slug}`,
        outcome: AuditOutcome.ACCEPTED,
        changes: { synonyms: [(c.synonyms ?? []).map((y) => y.term), stored.map((y) => y.term)] },
      },
      () => this.ctx.models.Capability.updateOne({ _id: c._id }, { $set: { synonyms: c.synonyms ?? [] } }),
    );
    await bumpCatalogueRevision(this.ctx.models);
    return {
      capability: await this.ctx.models.Capability.findOne({ _id: c._id }).lean<CapabilityDoc>(),
      userErrors: [],
    };
  }

  /** Recomputes every path and depth from the parent links, writing only those that differ. */
  async repairPaths(): Promise<number> {
    const all = await this.all();
    const byId = new Map(all.map((c) => [c._id.toHexString(), c]));
    const pathOf = (c: CapabilityDoc, seen = new Set<string>()): string[] => {
      const id = c._id.toHexString();
      const p = c.parent ? byId.get(c.parent.toHexString()) : undefined;
      if (!p || seen.has(id)) return [c.slug];
      seen.add(id);
      return [...pathOf(p, seen), c.slug];
    };
    let written = 0;
    for (const c of all) {
      const parts = pathOf(c);
      const path = `/${parts.join("/")}/`;
      if (path !== c.path || parts.length - 1 !== c.depth) {
        await this.ctx.models.Capability.updateOne({ _id: c._id }, { $set: { path, depth: parts.length - 1 } });
        written++;
      }
    }
    return written;
  }

  private all(): Promise<CapabilityDoc[]> {
    return this.ctx.models.Capability.find({}).lean<CapabilityDoc[]>();
  }

  private async invalid(operation: string, slug: string, userErrors: UserErrorData[]): Promise<TaxonomyResult> {
    await this.audit.record({
      operation,
      target: `capability:${slug}`,
      outcome: AuditOutcome.INVALID,
      reason: userErrors.map((e) => e.message).join("; "),
    });
    return { capability: null, userErrors };
  }
}
