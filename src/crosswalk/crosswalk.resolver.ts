import { ArrayMaxSize, Matches, MaxLength, ValidateNested } from "class-validator";
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
import { PlainText } from "../common/validation";
import type { Context } from "../context";
import { SourceInput } from "../listings/listing.input";
import { globalId } from "../node/global-id";
import { NODE_ID } from "../node/node.type";
import { LEVEL_CODE } from "../seed/seed.schema";
import { MappingRelation, MAX_HOPS } from "./crosswalk";
import {
  CrosswalkService,
  LevelView,
  MAX_CROSSWALK_SCHEMES,
  MAX_GAP_JURISDICTIONS,
  MAX_MAPPINGS_LISTED,
} from "./crosswalk.service";
import {
  CategoryTranslation,
  Crosswalk,
  CrosswalkCell,
  CrosswalkGaps,
  CrosswalkLevel,
  CurationRevisionConnection,
  SchemeMapping,
  SchemeMappingPayload,
} from "./crosswalk.type";
import { SCHEME_MAPPING_LIMITS, SchemeMappingDoc, SchemeMappingStatus } from "./scheme-mapping.model";
import { HISTORY_AFTER, HISTORY_FIELD, HISTORY_FIRST, historyConnection } from "./scheme-level.resolver";

@InputType({ description: "A proposed mapping from a level of one scheme to a level of another." })
class ProposeSchemeMappingInput {
  @Field(() => String, { description: "The slug of the scheme mapped from." })
  @MaxLength(80)
  fromScheme!: string;

  @Field(() => String, { description: "The code of the level mapped from (`4`, `A`)." })
  @MaxLength(20)
  @Matches(LEVEL_CODE, { message: "must be a level code: letters or digits, optionally joined by single hyphens" })
  fromLevel!: string;

  @Field(() => String, { description: "The slug of the scheme mapped to; another scheme than `fromScheme`." })
  @MaxLength(80)
  toScheme!: string;

  @Field(() => String, { description: "The code of the level mapped to." })
  @MaxLength(20)
  @Matches(LEVEL_CODE, { message: "must be a level code: letters or digits, optionally joined by single hyphens" })
  toLevel!: string;

  @Field(() => MappingRelation, {
    description: 'How the `from` level relates to the `to` level ("from has R match to").',
  })
  relation!: MappingRelation;

  @Field(() => String, {
    description: `What the source states, or which two cited definitions the mapping follows from; 1 to ${SCHEME_MAPPING_LIMITS.note} characters.`,
  })
  @PlainText(SCHEME_MAPPING_LIMITS.note)
  note!: string;

  @Field(() => [SourceInput], {
    description: `1 to ${SCHEME_MAPPING_LIMITS.sources} citations, each a document (by slug) and a locator: no source, no mapping.`,
  })
  @ArrayMaxSize(SCHEME_MAPPING_LIMITS.sources)
  @ValidateNested({ each: true })
  sources!: SourceInput[];
}

const mappingId = (m: SchemeMappingDoc) => globalId("SchemeMapping", m._id.toHexString());

/** Translation between schemes (anyone), and the review of mappings (reviewers and admins; every call audited). */
@Resolver()
export class CrosswalkResolver {
  @Query(() => [CategoryTranslation], {
    description:
      "The levels of scheme `to` that a level of `scheme` translates to through approved mappings, in the target's order. Unknown schemes or levels are BAD_USER_INPUT naming the argument.",
  })
  translateCategory(
    @Arg("scheme", () => String, { description: "The slug of the scheme translated from." }) scheme: string,
    @Arg("level", () => String, { description: "The code of its level (`SchemeLevel.code`: `4`, `A`)." })
    level: string,
    @Arg("to", () => String, { description: "The slug of the scheme translated to." }) to: string,
    @Arg("maxHops", () => Int, {
      defaultValue: 1,
      description: `How many mappings a path may follow, 1 to ${MAX_HOPS}; above 1 it goes through other schemes, and the relation reported is the path's weakest.`,
    })
    maxHops: number,
    @Ctx() ctx: Context,
  ) {
    return new CrosswalkService(ctx).translate(scheme, level, to, maxHops);
  }

  @Query(() => Crosswalk, {
    description: `The level × level matrix of 2 to ${MAX_CROSSWALK_SCHEMES} schemes from their approved direct mappings; also as CSV and SVG at /reports/crosswalk.csv and .svg?schemes=a,b.`,
  })
  crosswalk(
    @Arg("schemes", () => [String], { description: "Scheme slugs, each once, in the order rows and columns take." })
    schemes: string[],
    @Ctx() ctx: Context,
  ) {
    return new CrosswalkService(ctx).crosswalk(schemes);
  }

  @Query(() => CrosswalkGaps, {
    description:
      "Where translation fails: scheme pairs without a mapping, levels without one, schemes without levels, and per jurisdiction the schemes in use there that cannot be translated into each other.",
  })
  crosswalkGaps(
    @Arg("jurisdictions", () => [String], {
      nullable: true,
      description: `Country or group codes (FIVE_EYES counts its members), at most ${MAX_GAP_JURISDICTIONS}; none for the global gaps only.`,
    })
    jurisdictions: string[] | null,
    @Ctx() ctx: Context,
  ) {
    return new CrosswalkService(ctx).gaps(jurisdictions);
  }

  @Query(() => [SchemeMapping], {
    description:
      "Scheme mappings, newest first. Reviewers and admins see every status they ask for; others see APPROVED and RETIRED mappings only.",
  })
  schemeMappings(
    @Arg("status", () => [SchemeMappingStatus], {
      defaultValue: [SchemeMappingStatus.APPROVED],
      description: "The statuses wanted.",
    })
    status: SchemeMappingStatus[],
    @Arg("scheme", () => String, { nullable: true, description: "Only mappings from or to this scheme (slug)." })
    scheme: string | null,
    @Arg("first", () => Int, { defaultValue: 50, description: `How many, 1 to ${MAX_MAPPINGS_LISTED}.` })
    first: number,
    @Ctx() ctx: Context,
  ) {
    return new CrosswalkService(ctx).list(status, scheme, first);
  }

  @Authorized(Role.REVIEWER, Role.ADMIN)
  @Mutation(() => SchemeMappingPayload, {
    description:
      "Propose a mapping (REVIEWER, ADMIN); it is PENDING until another reviewer approves it. Unknown schemes or levels, a mapping within one scheme, a repeat and a contradiction with the mappings in force are user errors, and nothing is written.",
  })
  proposeSchemeMapping(
    @Arg("input", () => ProposeSchemeMappingInput, { description: "The mapping." }) input: ProposeSchemeMappingInput,
    @Ctx() ctx: Context,
  ) {
    return new CrosswalkService(ctx).propose(input);
  }

  @Authorized(Role.REVIEWER, Role.ADMIN)
  @Mutation(() => SchemeMappingPayload, {
    description:
      "Approve a pending mapping (REVIEWER, ADMIN; not its proposer). It is checked again against the mappings in force.",
  })
  approveSchemeMapping(@Arg("id", () => ID, { description: "The mapping's id." }) id: string, @Ctx() ctx: Context) {
    return new CrosswalkService(ctx).approve(id);
  }

  @Authorized(Role.REVIEWER, Role.ADMIN)
  @Mutation(() => SchemeMappingPayload, { description: "Reject a pending mapping, with the reason (REVIEWER, ADMIN)." })
  rejectSchemeMapping(
    @Arg("id", () => ID, { description: "The mapping's id." }) id: string,
    @Arg("reason", () => String, {
      description: `Why, 1 to ${SCHEME_MAPPING_LIMITS.reason} characters; the proposer reads it.`,
    })
    reason: string,
    @Ctx() ctx: Context,
  ) {
    return new CrosswalkService(ctx).reject(id, reason);
  }

  @Authorized(Role.REVIEWER, Role.ADMIN)
  @Mutation(() => SchemeMappingPayload, {
    description: "Withdraw an approved mapping from translation (REVIEWER, ADMIN); it stays on record as RETIRED.",
  })
  retireSchemeMapping(
    @Arg("id", () => ID, { description: "The mapping's id." }) id: string,
    @Arg("reason", () => String, {
      nullable: true,
      description: `Why, at most ${SCHEME_MAPPING_LIMITS.reason} characters.`,
    })
    reason: string | null,
    @Ctx() ctx: Context,
  ) {
    return new CrosswalkService(ctx).retire(id, reason);
  }
}

@Resolver(() => SchemeMapping)
export class SchemeMappingResolver {
  @FieldResolver(() => ID, NODE_ID)
  id(@Root() m: SchemeMappingDoc): string {
    return mappingId(m);
  }

  @FieldResolver(() => CrosswalkLevel, { nullable: true })
  from(@Root() m: SchemeMappingDoc, @Ctx() ctx: Context): Promise<LevelView | null> {
    return new CrosswalkService(ctx).levelView({ scheme: m.fromScheme, level: m.fromLevel });
  }

  @FieldResolver(() => CrosswalkLevel, { nullable: true })
  to(@Root() m: SchemeMappingDoc, @Ctx() ctx: Context): Promise<LevelView | null> {
    return new CrosswalkService(ctx).levelView({ scheme: m.toScheme, level: m.toLevel });
  }

  @FieldResolver(() => Boolean)
  seeded(@Root() m: SchemeMappingDoc): boolean {
    return m.seedKey !== null;
  }

  @FieldResolver(() => Boolean)
  viewerCanReview(@Root() m: SchemeMappingDoc, @Ctx() ctx: Context): boolean {
    return new CrosswalkService(ctx).canDecide(m);
  }

  @FieldResolver(() => CurationRevisionConnection, HISTORY_FIELD)
  async history(
    @Root() m: SchemeMappingDoc,
    @Arg("first", () => Int, HISTORY_FIRST) first: number,
    @Arg("after", () => String, HISTORY_AFTER) after: string | null,
    @Ctx() ctx: Context,
  ) {
    return historyConnection(await new CrosswalkService(ctx).history(m, first, after));
  }
}

@Resolver(() => CrosswalkCell)
export class CrosswalkCellResolver {
  @FieldResolver(() => [ID])
  mappingIds(@Root() c: { mappingIds: string[] }): string[] {
    return c.mappingIds.map((key) => globalId("SchemeMapping", key));
  }
}
