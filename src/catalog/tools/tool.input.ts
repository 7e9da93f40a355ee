import { ArrayMaxSize, IsEnum, IsOptional, Matches, Max, MaxLength, Min, ValidateNested } from "class-validator";
import { ArgsType, Field, InputType, Int } from "type-graphql";
import { MAX_PAGE } from "../../common/pagination";
import { Deployment, Eligibility, LicenseModel, ListingKind, MediaType, OrganisationType, ToolStatus } from "../enums";
import { MAX_SEARCH_LENGTH, ToolOrder } from "./tool.service";
import { MAX_SUGGESTIONS } from "../../search/ranked";

const MAX_VALUES = 50;

/**
 * What a listing is, offers and who owns it: the filters search and reports
 * share (a search's filter scopes a report as it is). Values within one field
 * are alternatives; different fields must all match. Enum values are checked
 * here as well as by GraphQL: the report exports read them from a query string.
 */
@InputType()
export abstract class ListingScope {
  @Field(() => [MediaType], { nullable: true, description: "Media types; the listing handles one of them." })
  @IsOptional()
  @ArrayMaxSize(MAX_VALUES)
  @IsEnum(MediaType, { each: true })
  mediaTypes?: MediaType[];

  @Field(() => [Eligibility], {
    nullable: true,
    description: "Some offer is open to one of these (an offer open to PUBLIC is open to all).",
  })
  @IsOptional()
  @ArrayMaxSize(MAX_VALUES)
  @IsEnum(Eligibility, { each: true })
  eligibleFor?: Eligibility[];

  @Field(() => [LicenseModel], {
    nullable: true,
    description: "Some offer uses one of these models; with eligibleFor, the same offer must satisfy both.",
  })
  @IsOptional()
  @ArrayMaxSize(MAX_VALUES)
  @IsEnum(LicenseModel, { each: true })
  licenseModels?: LicenseModel[];

  @Field(() => [Deployment], { nullable: true, description: "Ways of deploying it; the listing offers one of them." })
  @IsOptional()
  @ArrayMaxSize(MAX_VALUES)
  @IsEnum(Deployment, { each: true })
  deployment?: Deployment[];

  @Field(() => [String], { nullable: true, description: "ISO 639-1 language codes." })
  @IsOptional()
  @ArrayMaxSize(MAX_VALUES)
  @Matches(/^[A-Za-z]{2}$/, { each: true, message: "each value must be an ISO 639-1 code" })
  languages?: string[];

  @Field(() => [String], { nullable: true, description: "Standards or hash formats, matched case-insensitively." })
  @IsOptional()
  @ArrayMaxSize(MAX_VALUES)
  @MaxLength(100, { each: true })
  standards?: string[];

  @Field(() => [String], { nullable: true, description: "Organisation slugs." })
  @IsOptional()
  @ArrayMaxSize(MAX_VALUES)
  @MaxLength(80, { each: true })
  organisations?: string[];

  @Field(() => [OrganisationType], { nullable: true, description: "Types of the owning organisation." })
  @IsOptional()
  @ArrayMaxSize(MAX_VALUES)
  @IsEnum(OrganisationType, { each: true })
  organisationTypes?: OrganisationType[];

  @Field(() => [ListingKind], { nullable: true, description: "What sort of thing the listing is." })
  @IsOptional()
  @ArrayMaxSize(MAX_VALUES)
  @IsEnum(ListingKind, { each: true })
  kinds?: ListingKind[];

  @Field(() => [ToolStatus], { nullable: true, description: "Its status, where the sources state one." })
  @IsOptional()
  @ArrayMaxSize(MAX_VALUES)
  @IsEnum(ToolStatus, { each: true })
  status?: ToolStatus[];
}

/** The ListingScope fields, by name: what a report passes on to the search filter. */
export const LISTING_SCOPE_FIELDS = [
  "mediaTypes",
  "eligibleFor",
  "licenseModels",
  "deployment",
  "languages",
  "standards",
  "organisations",
  "organisationTypes",
  "kinds",
  "status",
] as const;

@InputType("ListingFilter", {
  description:
    "Filters on listings. Values within one field are alternatives (any may match); different fields must all match.",
})
export class ToolFilter extends ListingScope {
  @Field(() => [String], { nullable: true, description: "Capability slugs; each matches its whole subtree." })
  @IsOptional()
  @ArrayMaxSize(MAX_VALUES)
  @MaxLength(80, { each: true })
  capabilities?: string[];

  @Field(() => [String], {
    nullable: true,
    description: "Country or group codes (groups expand to their members); the listing is available or in use there.",
  })
  @IsOptional()
  @ArrayMaxSize(MAX_VALUES)
  @MaxLength(40, { each: true })
  jurisdictions?: string[];

  @Field(() => [String], {
    nullable: true,
    description:
      "Classification scheme slugs; the listing reads or writes one of them (`Listing.classificationSchemes`).",
  })
  @IsOptional()
  @ArrayMaxSize(MAX_VALUES)
  @MaxLength(80, { each: true })
  classificationSchemes?: string[];
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, { defaultValue: 20, description: `Page size, 1 to ${MAX_PAGE}.` })
  @Min(1)
  @Max(MAX_PAGE)
  first!: number;

  @Field(() => String, {
    nullable: true,
    description: "The endCursor of the previous page of this same query; any other cursor is BAD_USER_INPUT.",
  })
  @IsOptional()
  @MaxLength(1000)
  after?: string;
}

@ArgsType()
export class ToolsArgs extends PageArgs {
  @Field(() => String, {
    nullable: true,
    description: `Words to search for, ranked by relevance: every word must match a listing's name, aliases, capabilities (names and synonyms), organisation (name and aliases), summary or kind, by its English stem, with typos forgiven (1 from 4 letters, 2 from 8) and the last word also as a prefix; at most ${MAX_SEARCH_LENGTH} characters.`,
  })
  @IsOptional()
  @MaxLength(MAX_SEARCH_LENGTH)
  search?: string;

  @Field(() => ToolFilter, {
    nullable: true,
    description:
      "Which listings to keep. An unknown capability, organisation or jurisdiction is BAD_USER_INPUT naming the field.",
  })
  @IsOptional()
  @ValidateNested()
  filter?: ToolFilter;

  @Field(() => ToolOrder, {
    nullable: true,
    description: "Result order. Default: RELEVANCE with `search`, NAME without.",
  })
  @IsOptional()
  orderBy?: ToolOrder;
}

@ArgsType()
export class SuggestArgs {
  @Field(() => String, { description: `What has been typed so far; at most ${MAX_SEARCH_LENGTH} characters.` })
  @MaxLength(MAX_SEARCH_LENGTH)
  prefix!: string;

  @Field(() => Int, { defaultValue: 8, description: `Suggestions wanted, 1 to ${MAX_SUGGESTIONS}.` })
  @Min(1)
  @Max(MAX_SUGGESTIONS)
  first!: number;
}
