import { ArrayMaxSize, IsEnum, IsInt, IsOptional, Matches, Max, MaxLength, Min, ValidateNested } from "class-validator";
import { ArgsType, Field, Float, InputType, Int, registerEnumType } from "type-graphql";
import { PageArgs } from "../catalog/tools/tool.input";
import { Eligibility, LicenseModel, ListingKind, MediaType } from "../catalog/enums";

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

/** The scope fields the gap and duplication reports share. */
@InputType()
export abstract class ReportScopeInput {
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

  @Field(() => [Eligibility], {
    nullable: true,
    description: "Some offer must be open to one of these (PUBLIC offers are open to all).",
  })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsEnum(Eligibility, { each: true })
  eligibleFor?: Eligibility[];

  @Field(() => [LicenseModel], {
    nullable: true,
    description: "Some offer must use one of these; with eligibleFor, the same offer must satisfy both.",
  })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsEnum(LicenseModel, { each: true })
  licenseModels?: LicenseModel[];

  @Field(() => [MediaType], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsEnum(MediaType, { each: true })
  mediaTypes?: MediaType[];

  @Field(() => [String], { nullable: true, description: "ISO 639-1 codes." })
  @IsOptional()
  @ArrayMaxSize(50)
  @Matches(/^[A-Za-z]{2}$/, { each: true, message: "each value must be an ISO 639-1 code" })
  languages?: string[];

  @Field(() => [ListingKind], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsEnum(ListingKind, { each: true })
  kinds?: ListingKind[];
}

@InputType({
  description:
    "The scope of a gap report. A cell (capability c, jurisdiction j) counts the distinct published listings you may see with a capability in c's subtree, available or in use in j, that satisfy every other field; and their distinct organisations.",
})
export class GapReportInput extends ReportScopeInput {
  @Field(() => GapDepth, { nullable: true, defaultValue: GapDepth.CAPABILITY })
  @IsOptional()
  @IsEnum(GapDepth)
  depth?: GapDepth | null;

  @Field(() => Int, {
    nullable: true,
    defaultValue: 1,
    description: "A cell with fewer listings than this is a gap (1 to 1000).",
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  minTools?: number | null;
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
  @Field(() => GapReportInput)
  @ValidateNested()
  input!: GapReportInput;
}

@ArgsType()
export class DuplicationReportArgs {
  @Field(() => DuplicationReportInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  input?: DuplicationReportInput | null;
}
