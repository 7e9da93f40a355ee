import { ArrayMaxSize, IsOptional, ValidateNested } from "class-validator";
import { PlainText } from "../common/validation";
import { MAX_LISTING_SLUG } from "../seed/seed.schema";
import { Field, InputType, Int } from "type-graphql";
import {
  AvailabilityStatus,
  Deployment,
  Eligibility,
  LicenseModel,
  ListingKind,
  MediaType,
  ToolStatus,
  Visibility,
} from "../catalog/enums";

@InputType()
export class OfferInput {
  @Field(() => LicenseModel)
  model!: LicenseModel;

  @Field(() => [Eligibility])
  @ArrayMaxSize(7)
  eligibility!: Eligibility[];

  @Field(() => String, { nullable: true })
  @IsOptional()
  @PlainText(100)
  spdxLicense?: string | null;

  @Field(() => Boolean, { nullable: true })
  requiresVetting?: boolean | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @PlainText(1000)
  notes?: string | null;
}

@InputType()
export class AvailabilityInput {
  @Field(() => String, { description: "ISO 3166-1 alpha-2 country code." })
  @PlainText(2)
  jurisdiction!: string;

  @Field(() => AvailabilityStatus)
  status!: AvailabilityStatus;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @PlainText(500)
  notes?: string | null;
}

@InputType({ description: "A citation: a document slug and a locator, or a URL (marked unverified) and a locator." })
export class SourceInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @PlainText(80)
  document?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @PlainText(500)
  url?: string;

  @Field(() => String)
  @PlainText(200)
  locator!: string;

  @Field(() => Boolean, { nullable: true })
  unverified?: boolean;
}

@InputType({
  description:
    "A listing's fields, other records by slug or code. On create, name, kind, summary and sources are required; on update every field is optional and only given fields change.",
})
export class ListingInput {
  @Field(() => String, {
    nullable: true,
    description:
      "On create only; made from the name when omitted. A vendor's listing gets it in its organisation's namespace: `<slug>--<organisation slug>`.",
  })
  @IsOptional()
  @PlainText(MAX_LISTING_SLUG)
  slug?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @PlainText(200)
  name?: string;

  @Field(() => ListingKind, { nullable: true })
  kind?: ListingKind;

  @Field(() => String, {
    nullable: true,
    description: "Organisation slug; vendors' listings always belong to their organisation.",
  })
  @IsOptional()
  @PlainText(80)
  organisation?: string | null;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(20)
  @PlainText(200, { each: true })
  aliases?: string[];

  @Field(() => String, { nullable: true })
  @IsOptional()
  @PlainText(2000)
  summary?: string;

  @Field(() => ToolStatus, { nullable: true })
  status?: ToolStatus | null;

  @Field(() => Int, { nullable: true })
  year?: number | null;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(30)
  @PlainText(80, { each: true })
  capabilities?: string[];

  @Field(() => [MediaType], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(7)
  mediaTypes?: MediaType[];

  @Field(() => [Deployment], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(7)
  deployment?: Deployment[];

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(50)
  @PlainText(2, { each: true })
  languages?: string[];

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(30)
  @PlainText(100, { each: true })
  standards?: string[];

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(20)
  @PlainText(80, { each: true })
  classificationSchemes?: string[];

  @Field(() => [OfferInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  offers?: OfferInput[];

  @Field(() => [AvailabilityInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(300)
  @ValidateNested({ each: true })
  availability?: AvailabilityInput[];

  @Field(() => [SourceInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  sources?: SourceInput[];

  @Field(() => Visibility, { nullable: true })
  visibility?: Visibility;
}
