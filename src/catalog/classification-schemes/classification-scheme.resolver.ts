import { NODE_ID } from "../../node/node.type";
import { globalId } from "../../node/global-id";
import { Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../context";
import type { JurisdictionDoc } from "../jurisdictions/jurisdiction.model";
import { Jurisdiction } from "../jurisdictions/jurisdiction.type";
import type { ToolDoc } from "../tools/tool.model";
import { Tool } from "../tools/tool.type";
import type { ClassificationSchemeDoc } from "./classification-scheme.model";
import { ClassificationSchemeService } from "./classification-scheme.service";
import { ClassificationScheme } from "./classification-scheme.type";

@Resolver(() => ClassificationScheme)
export class ClassificationSchemeResolver {
  @Query(() => [ClassificationScheme], { description: "Severity and categorisation schemes, by name." })
  classificationSchemes(@Ctx() ctx: Context): Promise<ClassificationSchemeDoc[]> {
    return new ClassificationSchemeService(ctx).list();
  }

  @FieldResolver(() => ID, NODE_ID)
  id(@Root() s: ClassificationSchemeDoc): string {
    return globalId("ClassificationScheme", s._id.toHexString());
  }

  @FieldResolver(() => [Jurisdiction])
  async jurisdictions(@Root() s: ClassificationSchemeDoc, @Ctx() ctx: Context): Promise<JurisdictionDoc[]> {
    const { byCode } = await ctx.loaders.jurisdictionIndex();
    return s.jurisdictions.flatMap((c) => byCode.get(c) ?? []);
  }

  @FieldResolver(() => [Tool], { description: "Listings you may see that support this scheme." })
  listings(@Root() s: ClassificationSchemeDoc, @Ctx() ctx: Context): Promise<ToolDoc[]> {
    return new ClassificationSchemeService(ctx).supportingTools(s);
  }

  @FieldResolver(() => [Tool], {
    description: "The same as `listings`, under its old name.",
    deprecationReason: "Use `listings`: the API says listing for every kind of entry.",
  })
  tools(@Root() s: ClassificationSchemeDoc, @Ctx() ctx: Context): Promise<ToolDoc[]> {
    return this.listings(s, ctx);
  }
}
