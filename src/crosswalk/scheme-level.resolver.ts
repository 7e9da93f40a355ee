import { ArrayMaxSize, IsOptional, Matches, MaxLength, ValidateNested } from "class-validator";
import {
  Arg,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  ID,
  InputType,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from "type-graphql";
import { Role } from "../accounts/roles";
import type {
  ClassificationSchemeDoc,
  SchemeLevelDoc,
} from "../catalog/classification-schemes/classification-scheme.model";
import { ClassificationScheme, SchemeLevel } from "../catalog/classification-schemes/classification-scheme.type";
import { toConnection } from "../common/connection.type";
import type { Page } from "../common/pagination";
import { PlainText } from "../common/validation";
import type { Context } from "../context";
import { SourceInput } from "../listings/listing.input";
import { globalId } from "../node/global-id";
import { NODE_ID } from "../node/node.type";
import { LEVEL_CODE } from "../seed/seed.schema";
import { MAX_HISTORY_PAGE } from "./curation";
import {
  CurationRevisionDoc,
  SCHEME_LEVEL_LIMITS,
  SchemeLevelAction,
  SchemeLevelChangeDoc,
  SchemeLevelChangeStatus,
} from "./curation.model";
import { CurationRevisionConnection, SchemeLevelChange, SchemeLevelChangePayload } from "./crosswalk.type";
import { MAX_LEVEL_CHANGES_LISTED, SchemeLevelService } from "./scheme-level.service";

@InputType({
  description:
    "A proposed change to a scheme's levels. ADD gives code, name, rank and sources (description optional); CHANGE names the level and gives only the fields that change; RETIRE names the level and says why in `note`.",
})
class ProposeSchemeLevelChangeInput {
  @Field(() => String, { description: "The scheme's slug." })
  @MaxLength(80)
  scheme!: string;

  @Field(() => SchemeLevelAction, { description: "Add, change or retire." })
  action!: SchemeLevelAction;

  @Field(() => String, { nullable: true, description: "The code of the level to change or retire; none for ADD." })
  @IsOptional()
  @MaxLength(20)
  level?: string | null;

  @Field(() => String, { nullable: true, description: "The level's code (`A`, `4`), unique within the scheme." })
  @IsOptional()
  @MaxLength(20)
  @Matches(LEVEL_CODE, { message: "must be a level code: letters or digits, optionally joined by single hyphens" })
  code?: string | null;

  @Field(() => String, {
    nullable: true,
    description: `Its name as the scheme writes it, 1 to ${SCHEME_LEVEL_LIMITS.name} characters.`,
  })
  @IsOptional()
  @PlainText(SCHEME_LEVEL_LIMITS.name)
  name?: string | null;

  @Field(() => String, {
    nullable: true,
    description: `What material it covers, in the catalogue's own words, at most ${SCHEME_LEVEL_LIMITS.description} characters; null on CHANGE clears it.`,
  })
  @IsOptional()
  @PlainText(SCHEME_LEVEL_LIMITS.description)
  description?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: `Its position in the scheme's order, 0 to ${SCHEME_LEVEL_LIMITS.rank}, unique within the scheme.`,
  })
  rank?: number | null;

  @Field(() => [SourceInput], {
    nullable: true,
    description: `1 to ${SCHEME_LEVEL_LIMITS.sources} citations, each a document (by slug) and a locator; on CHANGE they replace the level's.`,
  })
  @IsOptional()
  @ArrayMaxSize(SCHEME_LEVEL_LIMITS.sources)
  @ValidateNested({ each: true })
  sources?: SourceInput[] | null;

  @Field(() => String, {
    nullable: true,
    description: `Why, at most ${SCHEME_LEVEL_LIMITS.note} characters; required for RETIRE.`,
  })
  @IsOptional()
  @PlainText(SCHEME_LEVEL_LIMITS.note)
  note?: string | null;
}

/** A history page as the connection type gives it: user and change ids global. */
export function historyConnection(page: Page<CurationRevisionDoc> | null) {
  if (!page) return null;
  return toConnection({
    ...page,
    items: page.items.map(({ item: r, cursor }) => ({
      cursor,
      item: {
        number: r.number,
        at: r.at,
        actor: r.actor && /^[0-9a-f]{24}$/.test(r.actor) ? globalId("User", r.actor) : null,
        operation: r.operation,
        status: r.status,
        changes: r.changes,
        reason: r.reason,
        changeId: r.change ? globalId("SchemeLevelChange", r.change.toHexString()) : null,
      },
    })),
  });
}

/** The arguments of every history field. */
export const HISTORY_FIRST = {
  defaultValue: 20,
  description: `How many steps, 1 to ${MAX_HISTORY_PAGE}.`,
} as const;
export const HISTORY_AFTER = {
  nullable: true,
  description: "A cursor from an earlier page: the steps after it.",
} as const;
export const HISTORY_FIELD = {
  nullable: true,
  description:
    "Its history, newest first: each proposal and decision, who made it, what it changed (REVIEWER, ADMIN; null for others).",
} as const;

/** Proposing, approving and rejecting changes to schemes' levels (reviewers and admins; every call audited). */
@Resolver(() => SchemeLevelChange)
export class SchemeLevelChangeResolver {
  @Query(() => [SchemeLevelChange], {
    description:
      "Proposed level changes, newest first. Reviewers and admins see every status they ask for; others see APPROVED changes only.",
  })
  schemeLevelChanges(
    @Arg("status", () => [SchemeLevelChangeStatus], {
      defaultValue: [SchemeLevelChangeStatus.PENDING],
      description: "The statuses wanted.",
    })
    status: SchemeLevelChangeStatus[],
    @Arg("scheme", () => String, { nullable: true, description: "Only changes to this scheme (slug)." })
    scheme: string | null,
    @Arg("first", () => Int, { defaultValue: 50, description: `How many, 1 to ${MAX_LEVEL_CHANGES_LISTED}.` })
    first: number,
    @Ctx() ctx: Context,
  ) {
    return new SchemeLevelService(ctx).list(status, scheme, first);
  }

  @Authorized(Role.REVIEWER, Role.ADMIN)
  @Mutation(() => SchemeLevelChangePayload, {
    description:
      "Propose adding, changing or retiring a level of a scheme (REVIEWER, ADMIN); it is PENDING until another reviewer approves it. An unknown scheme or level, a repeated code or rank, a source that is not a known document, an empty locator, and retiring or recoding a level that mappings use are user errors, and nothing is written.",
  })
  proposeSchemeLevelChange(
    @Arg("input", () => ProposeSchemeLevelChangeInput, { description: "The change." })
    input: ProposeSchemeLevelChangeInput,
    @Ctx() ctx: Context,
  ) {
    return new SchemeLevelService(ctx).propose(input);
  }

  @Authorized(Role.REVIEWER, Role.ADMIN)
  @Mutation(() => SchemeLevelChangePayload, {
    description:
      "Approve a pending level change and write it into its scheme (REVIEWER, ADMIN; not its proposer). It is checked again against the scheme and the mappings as they are now.",
  })
  approveSchemeLevelChange(@Arg("id", () => ID, { description: "The change's id." }) id: string, @Ctx() ctx: Context) {
    return new SchemeLevelService(ctx).approve(id);
  }

  @Authorized(Role.REVIEWER, Role.ADMIN)
  @Mutation(() => SchemeLevelChangePayload, {
    description: "Reject a pending level change, with the reason (REVIEWER, ADMIN); the scheme stays as it is.",
  })
  rejectSchemeLevelChange(
    @Arg("id", () => ID, { description: "The change's id." }) id: string,
    @Arg("reason", () => String, { description: "Why, 1 to 1000 characters; the proposer reads it." }) reason: string,
    @Ctx() ctx: Context,
  ) {
    return new SchemeLevelService(ctx).reject(id, reason);
  }

  @FieldResolver(() => ID, NODE_ID)
  id(@Root() c: SchemeLevelChangeDoc): string {
    return globalId("SchemeLevelChange", c._id.toHexString());
  }

  @FieldResolver(() => ClassificationScheme, { nullable: true })
  async scheme(@Root() c: SchemeLevelChangeDoc, @Ctx() ctx: Context): Promise<ClassificationSchemeDoc | null> {
    const { classificationSchemeById } = await ctx.catalogue();
    return [...classificationSchemeById.values()].find((s) => s.slug === c.scheme) ?? null;
  }

  @FieldResolver(() => SchemeLevel, { nullable: true })
  level(@Root() c: SchemeLevelChangeDoc): SchemeLevelDoc | null {
    return c.level ? { ...c.level, key: c.levelKey } : null;
  }

  @FieldResolver(() => Boolean)
  viewerCanReview(@Root() c: SchemeLevelChangeDoc, @Ctx() ctx: Context): boolean {
    return new SchemeLevelService(ctx).canDecide(c);
  }
}

@Resolver(() => SchemeLevel)
export class SchemeLevelResolver {
  @FieldResolver(() => CurationRevisionConnection, HISTORY_FIELD)
  async history(
    @Root() l: SchemeLevelDoc,
    @Arg("first", () => Int, HISTORY_FIRST) first: number,
    @Arg("after", () => String, HISTORY_AFTER) after: string | null,
    @Ctx() ctx: Context,
  ) {
    return l.key ? historyConnection(await new SchemeLevelService(ctx).history(l.key, first, after)) : null;
  }
}
