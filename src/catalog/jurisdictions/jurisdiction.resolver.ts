import { NODE_ID } from "../../node/node.type";
import { globalId } from "../../node/global-id";
import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../context";
import { JurisdictionKind } from "../enums";
import type { JurisdictionDoc } from "./jurisdiction.model";
import { JurisdictionService } from "./jurisdiction.service";
import { Jurisdiction } from "./jurisdiction.type";

@Resolver(() => Jurisdiction)
export class JurisdictionResolver {
  @Query(() => [Jurisdiction], { description: "Countries and groups, by code." })
  jurisdictions(
    @Arg("kind", () => JurisdictionKind, {
      nullable: true,
      description: "Only countries, or only groups; default both.",
    })
    kind: JurisdictionKind | null,
    @Ctx() ctx: Context,
  ): Promise<JurisdictionDoc[]> {
    return new JurisdictionService(ctx).list(kind);
  }

  @Query(() => Jurisdiction, { nullable: true, description: "A country or group by code (case-insensitive)." })
  jurisdiction(
    @Arg("code", () => String, { description: "A country or group code, in any case." }) code: string,
    @Ctx() ctx: Context,
  ): Promise<JurisdictionDoc | null> {
    return new JurisdictionService(ctx).get(code.slice(0, 40));
  }

  /** Keyed by code: codes are unique and never change, and an availability may name a code the catalogue lacks. */
  @FieldResolver(() => ID, NODE_ID)
  id(@Root() j: Pick<JurisdictionDoc, "code">): string {
    return globalId("Jurisdiction", j.code);
  }

  @FieldResolver(() => [Jurisdiction])
  async members(@Root() j: JurisdictionDoc, @Ctx() ctx: Context): Promise<JurisdictionDoc[]> {
    const { byCode } = await ctx.loaders.jurisdictionIndex();
    return j.members.flatMap((m) => byCode.get(m) ?? []);
  }

  @FieldResolver(() => [Jurisdiction])
  groups(@Root() j: JurisdictionDoc, @Ctx() ctx: Context): Promise<JurisdictionDoc[]> {
    return j.kind === JurisdictionKind.GROUP ? Promise.resolve([]) : new JurisdictionService(ctx).groupsOf(j.code);
  }
}
