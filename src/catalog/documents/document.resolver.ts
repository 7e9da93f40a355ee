import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import { BadUserInputError } from "../../common/errors";
import { NODE_ID } from "../../node/node.type";
import { globalId } from "../../node/global-id";
import type { Context } from "../../context";
import { DocumentDoc, MAX_DOCUMENTS, SourceDoc } from "./document.model";
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

  @Query(() => [Document], {
    nullable: "items",
    description: `Source documents by slug, in the order asked (at most ${MAX_DOCUMENTS}); null for each slug that names none. For naming, in one request, the documents a listing's sources or a revision's content cite by slug.`,
  })
  async documents(
    @Arg("slugs", () => [String], {
      description: `Document slugs, as \`SourceInput.document\` takes them; at most ${MAX_DOCUMENTS}.`,
    })
    slugs: string[],
    @Ctx() ctx: Context,
  ): Promise<(DocumentDoc | null)[]> {
    if (slugs.length > MAX_DOCUMENTS)
      throw new BadUserInputError("slugs", `at most ${MAX_DOCUMENTS} slugs, not ${slugs.length}`);
    const { documentById } = await ctx.catalogue();
    const bySlug = new Map([...documentById.values()].map((d) => [d.slug, d]));
    return slugs.map((slug) => bySlug.get(slug) ?? null);
  }
}
