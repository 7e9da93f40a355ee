import { NODE_ID } from "../../node/node.type";
import { globalId } from "../../node/global-id";
import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../context";
import type { CapabilityDoc, CapabilitySynonymDoc } from "./capability.model";
import { CapabilityService } from "./capability.service";
import { Capability, CapabilitySynonym } from "./capability.type";

@Resolver(() => Capability)
export class CapabilityResolver {
  @Query(() => [Capability], { description: "The roots of the capability taxonomy (the functions)." })
  capabilities(@Ctx() ctx: Context): Promise<CapabilityDoc[]> {
    return new CapabilityService(ctx).roots();
  }

  @Query(() => Capability, {
    nullable: true,
    description: "A node of the capability taxonomy by slug; null when there is none or it is retired.",
  })
  capability(
    @Arg("slug", () => String, { description: "The capability's slug." }) slug: string,
    @Ctx() ctx: Context,
  ): Promise<CapabilityDoc | null> {
    return new CapabilityService(ctx).bySlug(slug);
  }

  @FieldResolver(() => ID, NODE_ID)
  id(@Root() c: CapabilityDoc): string {
    return globalId("Capability", c._id.toHexString());
  }

  @FieldResolver(() => Capability, { nullable: true })
  parent(@Root() c: CapabilityDoc, @Ctx() ctx: Context): Promise<CapabilityDoc | null> {
    return c.parent ? new CapabilityService(ctx).byId(c.parent.toHexString()) : Promise.resolve(null);
  }

  @FieldResolver(() => [Capability])
  children(@Root() c: CapabilityDoc, @Ctx() ctx: Context): Promise<CapabilityDoc[]> {
    return new CapabilityService(ctx).children(c);
  }

  /** A capability read straight from the database (a mutation's answer) may predate the field. */
  @FieldResolver(() => [CapabilitySynonym])
  synonyms(@Root() c: CapabilityDoc): CapabilitySynonymDoc[] {
    return c.synonyms ?? [];
  }

  @FieldResolver(() => Int)
  listingCount(@Root() c: CapabilityDoc, @Ctx() ctx: Context): Promise<number> {
    return new CapabilityService(ctx).toolCount(c);
  }

  @FieldResolver(() => Int, {
    description: "The same as `listingCount`, under its old name.",
    deprecationReason: "Use `listingCount`: the API says listing for every kind of entry.",
  })
  toolCount(@Root() c: CapabilityDoc, @Ctx() ctx: Context): Promise<number> {
    return this.listingCount(c, ctx);
  }
}
