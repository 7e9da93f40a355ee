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

@InputType({ description: "Terms on which a listing is offered, and to whom." })
export class OfferInput {
  @Field(() => LicenseModel, { description: "On what terms." })
  model!: LicenseModel;

  @Field(() => [Eligibility], { description: "Who the offer is open to (PUBLIC: everyone), at most 7 values." })
  @ArrayMaxSize(7)
  eligibility!: Eligibility[];

  @Field(() => String, {
    nullable: true,
    description: "SPDX licence expression, such as `MIT` or `GPL-2.0 OR MIT`; only for an OPEN_SOURCE offer.",
  })
  @IsOptional()
  @PlainText(100)
  spdxLicense?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: "Whether the obtainer must be vetted; null or omitted when not stated.",
  })
  requiresVetting?: boolean | null;

  @Field(() => String, { nullable: true, description: "More on the terms, 1 to 1000 characters." })
  @IsOptional()
  @PlainText(1000)
  notes?: string | null;
}

@InputType({ description: "A listing's standing in one country." })
export class AvailabilityInput {
  @Field(() => String, {
    description: "ISO 3166-1 alpha-2 country code, in upper case; groups are not accepted, and each country once.",
  })
  @PlainText(2)
  jurisdiction!: string;

  @Field(() => AvailabilityStatus, { description: "The listing's standing there." })
  status!: AvailabilityStatus;

  @Field(() => String, { nullable: true, description: "More on its standing there, 1 to 500 characters." })
  @IsOptional()
  @PlainText(500)
  notes?: string | null;
}

@InputType({ description: "A citation: a document slug and a locator, or a URL (marked unverified) and a locator." })
export class SourceInput {
  @Field(() => String, { nullable: true, description: "The cited document's slug; give this or `url`, not both." })
  @IsOptional()
  @PlainText(80)
  document?: string;

  @Field(() => String, {
    nullable: true,
    description:
      "A URL, for a fact from outside the source documents (at most 500 characters); needs `unverified: true`.",
  })
  @IsOptional()
  @PlainText(500)
  url?: string;

  @Field(() => String, { description: "Where in the source: section or page, and line; 1 to 200 characters." })
  @PlainText(200)
  locator!: string;

  @Field(() => Boolean, {
    nullable: true,
    description: "True for a fact not yet checked against the source documents; required with `url`.",
  })
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

  @Field(() => String, { nullable: true, description: "The listing's name, 1 to 200 characters." })
  @IsOptional()
  @PlainText(200)
  name?: string;

  @Field(() => ListingKind, { nullable: true, description: "What sort of thing the listing is." })
  kind?: ListingKind;

  @Field(() => String, {
    nullable: true,
    description: "Organisation slug; vendors' listings always belong to their organisation.",
  })
  @IsOptional()
  @PlainText(80)
  organisation?: string | null;

  @Field(() => [String], { nullable: true, description: "Other names, at most 20, each 1 to 200 characters." })
  @IsOptional()
  @ArrayMaxSize(20)
  @PlainText(200, { each: true })
  aliases?: string[];

  @Field(() => String, {
    nullable: true,
    description: "What it is and does, in your own words, 1 to 2000 characters.",
  })
  @IsOptional()
  @PlainText(2000)
  summary?: string;

  @Field(() => ToolStatus, {
    nullable: true,
    description: "Its status; null when the sources do not say. Only a reviewer can bring a RETIRED listing back.",
  })
  status?: ToolStatus | null;

  @Field(() => Int, { nullable: true, description: "Year introduced, 1990 to 2100; null when not known." })
  year?: number | null;

  @Field(() => [String], { nullable: true, description: "Capability slugs, at most 30." })
  @IsOptional()
  @ArrayMaxSize(30)
  @PlainText(80, { each: true })
  capabilities?: string[];

  @Field(() => [MediaType], { nullable: true, description: "The kinds of material it works on." })
  @IsOptional()
  @ArrayMaxSize(7)
  mediaTypes?: MediaType[];

  @Field(() => [Deployment], { nullable: true, description: "How it is deployed or delivered." })
  @IsOptional()
  @ArrayMaxSize(7)
  deployment?: Deployment[];

  @Field(() => [String], {
    nullable: true,
    description: "Languages it supports, as lower-case ISO 639-1 codes; at most 50.",
  })
  @IsOptional()
  @ArrayMaxSize(50)
  @PlainText(2, { each: true })
  languages?: string[];

  @Field(() => [String], {
    nullable: true,
    description:
      "Interoperability standards and hash formats it reads or writes; at most 30, each 1 to 100 characters.",
  })
  @IsOptional()
  @ArrayMaxSize(30)
  @PlainText(100, { each: true })
  standards?: string[];

  @Field(() => [String], {
    nullable: true,
    description: "Slugs of the classification schemes it supports, at most 20.",
  })
  @IsOptional()
  @ArrayMaxSize(20)
  @PlainText(80, { each: true })
  classificationSchemes?: string[];

  @Field(() => [OfferInput], {
    nullable: true,
    description: "The terms on which it is offered, at most 20; empty when the sources state none.",
  })
  @IsOptional()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  offers?: OfferInput[];

  @Field(() => [AvailabilityInput], { nullable: true, description: "Its standing country by country, at most 300." })
  @IsOptional()
  @ArrayMaxSize(300)
  @ValidateNested({ each: true })
  availability?: AvailabilityInput[];

  @Field(() => Boolean, {
    nullable: true,
    description:
      "Whether a source states it available in every country; `availability` then lists the exceptions (UNAVAILABLE, RESTRICTED). Cite the source.",
  })
  @IsOptional()
  availableWorldwide?: boolean;

  @Field(() => [SourceInput], { nullable: true, description: "Citations for what the listing says, 1 to 50." })
  @IsOptional()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  sources?: SourceInput[];

  @Field(() => Visibility, {
    nullable: true,
    description:
      "Who may see it; PUBLIC when omitted on create. A vendor cannot open it wider than its published revision (before the first publication, its latest).",
  })
  visibility?: Visibility;
}
