import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { Context } from "../../context";
import type { DocumentDoc, SourceDoc } from "./document.model";
import { Document, Source } from "./document.type";

@Resolver(() => Source)
export class SourceResolver {
  @FieldResolver(() => Document, { nullable: true })
  async document(@Root() s: SourceDoc, @Ctx() ctx: Context): Promise<DocumentDoc | null> {
    return s.document ? ctx.loaders.document.load(s.document.toHexString()) : null;
  }
}
