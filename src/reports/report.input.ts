import { renamed } from "../common/validation";
import { ArrayMaxSize, IsEnum, IsInt, IsOptional, Max, MaxLength, Min, ValidateNested } from "class-validator";
import { ArgsType, Field, Float, InputType, Int, registerEnumType } from "type-graphql";
import { ListingScope, PageArgs } from "../catalog/tools/tool.input";

export const DEFAULT_THRESHOLD = 0.8;

export enum GapDepth {
  FUNCTION = "FUNCTION",
  CAPABILITY = "CAPABILITY",
}

registerEnumType(GapDepth, {
  name: "GapDepth",
  description: "The level of the taxonomy the report's rows are drawn at.",
  valuesConfig: {
    FUNCTION: { description: "One row per function (detection, investigation, …)." },
    CAPABILITY: { description: "One row per capability (hash-matching, triage, …)." },
  },
});

/**
 * The scope fields the gap and duplication reports share: where and which
 * part of the taxonomy, and every listing filter search has (ListingScope),
 * so any search's filter can scope a report.
 */
@InputType()
export abstract class ReportScopeInput extends ListingScope {
  @Field(() => [String], {
    nullable: true,
    description: "Country or group codes; groups expand to their members. Default: every country.",
  })
  @IsOptional()
  @ArrayMaxSize(300)
  @MaxLength(40, { each: true })
  jurisdictions?: string[];

  @Field(() => [String], {
    nullable: true,
    description: "Capability slugs; each brings its subtree. Default: the whole taxonomy.",
  })
  @IsOptional()
  @ArrayMaxSize(100)
  @MaxLength(80, { each: true })
  capabilities?: string[];
}

@InputType({
  description:
    "The scope of a gap report. A cell (capability c, jurisdiction j) counts the distinct published listings you may see with a capability in c's subtree, available or in use in j, that satisfy every other field; and their distinct organisations.",
})
export class GapReportInput extends ReportScopeInput {
  @Field(() => GapDepth, {
    nullable: true,
    defaultValue: GapDepth.CAPABILITY,
    description: "The level of the taxonomy the rows are drawn at.",
  })
  @IsOptional()
  @IsEnum(GapDepth)
  depth?: GapDepth | null;

  @Field(() => Int, {
    nullable: true,
    description: "A cell with fewer listings than this is a gap (1 to 1000); 1 when not given.",
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  minListings?: number | null;

  @Field(() => Int, {
    nullable: true,
    description: "The same as `minListings`, under its old name.",
    deprecationReason: "Use `minListings`: the API says listing for every kind of entry.",
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  minTools?: number | null;
}

/**
 * The gap threshold from `minListings`, or from its deprecated name
 * `minTools`; both given with different values is a mistake worth naming.
 */
export function minListingsOf(input: Pick<GapReportInput, "minListings" | "minTools">, argument = "input"): number {
  const at = (field: string) => (argument ? `${argument}.${field}` : field);
  return renamed(at("minListings"), input.minListings, at("minTools"), input.minTools) ?? 1;
}

@InputType({ description: "The scope of a duplication report, with the clustering threshold." })
export class DuplicationReportInput extends ReportScopeInput {
  @Field(() => Float, {
    nullable: true,
    defaultValue: DEFAULT_THRESHOLD,
    description:
      "Listings join a cluster when the Jaccard similarity of their capability and media-type sets is at least this (0.05 to 1).",
  })
  @IsOptional()
  @Min(0.05)
  @Max(1)
  threshold?: number | null;

  @Field(() => Int, { nullable: true, defaultValue: 2, description: "Smallest cluster to report (2 to 1000)." })
  @IsOptional()
  @IsInt()
  @Min(2)
  @Max(1000)
  minClusterSize?: number | null;
}

@ArgsType()
export class StaleListingsArgs extends PageArgs {
  @Field(() => Int, { description: "Listings last verified more than this many days ago, or never (0 to 36500)." })
  @Min(0)
  @Max(36500)
  olderThanDays!: number;
}

@ArgsType()
export class GapReportArgs {
  @Field(() => GapReportInput, {
    description:
      "The report's scope. An unknown capability, organisation or jurisdiction is BAD_USER_INPUT naming the field.",
  })
  @ValidateNested()
  input!: GapReportInput;
}

@ArgsType()
export class DuplicationReportArgs {
  @Field(() => DuplicationReportInput, {
    nullable: true,
    description:
      "The report's scope; omitted, the whole catalogue you may see, with the default threshold and cluster size. An unknown capability, organisation or jurisdiction is BAD_USER_INPUT naming the field.",
  })
  @IsOptional()
  @ValidateNested()
  input?: DuplicationReportInput | null;
}

@InputType({
  description:
    "The scope of a completeness report: the same fields as a gap report's scope, and the gap report whose cells it weighs the unknowns against.",
})
export class CompletenessReportInput extends ReportScopeInput {
  @Field(() => GapReportInput, {
    nullable: true,
    description:
      "The gap report whose POSSIBLE_GAP cells the organisations are ranked by (who to ask first). Omitted, the gap report of this same scope, at CAPABILITY depth with minListings 1.",
  })
  @IsOptional()
  @ValidateNested()
  gapReport?: GapReportInput | null;
}

@ArgsType()
export class CompletenessReportArgs {
  @Field(() => CompletenessReportInput, {
    nullable: true,
    description:
      "The report's scope; omitted, every published listing you may see with a capability, against the gap report over every country. An unknown capability, organisation or jurisdiction is BAD_USER_INPUT naming the field.",
  })
  @IsOptional()
  @ValidateNested()
  input?: CompletenessReportInput | null;
}
