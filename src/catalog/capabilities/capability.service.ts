import { BadUserInputError } from "../../common/errors";
import type { Context } from "../../context";
import { ancestorIds, TaxonomyNode } from "../../search/taxonomy";
import { visibleListings } from "../visibility";
import type { CapabilityDoc } from "./capability.model";

const toolCounts = new WeakMap<Context, Promise<Map<string, number>>>();

/** Reads the capability taxonomy and answers subtree questions over its materialised paths. */
export class CapabilityService {
  constructor(private readonly ctx: Context) {}

  async roots(): Promise<CapabilityDoc[]> {
    const { all } = await this.ctx.loaders.capabilityIndex();
    return all.filter((c) => c.parent === null);
  }

  async bySlug(slug: string): Promise<CapabilityDoc | null> {
    const { bySlug } = await this.ctx.loaders.capabilityIndex();
    return bySlug.get(slug) ?? null;
  }

  async byId(id: string): Promise<CapabilityDoc | null> {
    const { byId } = await this.ctx.loaders.capabilityIndex();
    return byId.get(id) ?? null;
  }

  async children(node: CapabilityDoc): Promise<CapabilityDoc[]> {
    const { all } = await this.ctx.loaders.capabilityIndex();
    return all.filter((c) => c.parent?.equals(node._id));
  }

  /** Ids of the nodes in the subtrees of the given slugs; an unknown slug is BAD_USER_INPUT on `argument`. */
  async subtreeIds(slugs: string[], argument: string): Promise<Set<string>> {
    const { all, bySlug } = await this.ctx.loaders.capabilityIndex();
    const unknown = slugs.filter((s) => !bySlug.has(s));
    if (unknown.length) {
      throw new BadUserInputError(
        argument,
        `unknown capability slug(s): ${unknown.map((s) => JSON.stringify(s)).join(", ")}`,
      );
    }
    const prefixes = slugs.map((s) => bySlug.get(s)?.path ?? "");
    return new Set(all.filter((c) => prefixes.some((p) => c.path.startsWith(p))).map((c) => c._id.toHexString()));
  }

  /** Capability id → its id and the ids of all its ancestors, for counting a listing under every node above it. */
  async ancestorMap(): Promise<Map<string, string[]>> {
    return ancestorIds(await this.taxonomy());
  }

  /** The taxonomy as plain nodes, for the pure search and report functions. */
  async taxonomy(): Promise<TaxonomyNode[]> {
    const { all } = await this.ctx.loaders.capabilityIndex();
    return all.map((c) => ({ id: c._id.toHexString(), slug: c.slug, path: c.path, depth: c.depth }));
  }

  /** How many listings the viewer may see have a capability in this node's subtree. */
  async toolCount(node: CapabilityDoc): Promise<number> {
    let counts = toolCounts.get(this.ctx);
    if (!counts) {
      counts = this.countAll();
      toolCounts.set(this.ctx, counts);
    }
    return (await counts).get(node._id.toHexString()) ?? 0;
  }

  private async countAll(): Promise<Map<string, number>> {
    const [catalogue, ancestors] = await Promise.all([this.ctx.catalogue(), this.ancestorMap()]);
    const tools = visibleListings(this.ctx.viewer, catalogue.listings);
    const counts = new Map<string, number>();
    for (const t of tools) {
      const nodes = new Set(t.capabilities.flatMap((c) => ancestors.get(c.toHexString()) ?? []));
      nodes.forEach((n) => counts.set(n, (counts.get(n) ?? 0) + 1));
    }
    return counts;
  }
}
