import { Ctx, FieldResolver, ID, Resolver, Root } from "type-graphql";
import { NODE_ID } from "../../node/node.type";
import { globalId } from "../../node/global-id";
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

@Resolver(() => Document)
export class DocumentResolver {
  @FieldResolver(() => ID, NODE_ID)
  id(@Root() d: DocumentDoc): string {
    return globalId("Document", d._id.toHexString());
  }
}
