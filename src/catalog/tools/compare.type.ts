import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { Jurisdiction } from "../jurisdictions/jurisdiction.type";
import { ComparedField, COMPARE_MAX } from "./compare";
import { Tool } from "./tool.type";

registerEnumType(ComparedField, {
  name: "ComparedField",
  description: "A field that a comparison of listings sets side by side.",
  valuesConfig: {
    ORGANISATION: { description: "The owner (values: organisation slugs)." },
    KIND: { description: "What sort of thing the listing is (values: ListingKind)." },
    STATUS: { description: "Where it is in its life (values: ListingStatus); empty when the sources do not say." },
    CAPABILITIES: { description: "What it does (values: capability slugs)." },
    MEDIA_TYPES: { description: "The kinds of material it works on (values: MediaType)." },
    DEPLOYMENT: { description: "How it is deployed or delivered (values: Deployment)." },
    OFFERS: {
      description: "Terms and who may obtain it, one value per offer: `model|eligibility+…|vetting|licence`.",
    },
    AVAILABILITY: {
      description:
        "Its standing in one country (values: AvailabilityStatus); one row per country any of the listings states something about, after a row `Availability: worldwide` (value `WORLDWIDE`) when any of them is stated available worldwide.",
    },
    CLASSIFICATION_SCHEMES: { description: "Severity or categorisation schemes it supports (values: scheme slugs)." },
    STANDARDS: { description: "Standards it implements, as the sources name them." },
    LANGUAGES: { description: "Languages it supports (ISO 639-1 codes)." },
    LAST_VERIFIED: { description: "The day it was last confirmed current (YYYY-MM-DD); empty if never." },
    SOURCES: { description: "Its citations, one value per source: `document-or-URL#locator`." },
  },
});

@ObjectType({ description: "One listing's value for one row of a comparison." })
export class ComparisonCell {
  @Field(() => [String], {
    description: "Machine values (slugs, codes, enum names, dates), sorted; empty when the listing states nothing.",
  })
  values!: string[];

  @Field(() => [String], { description: "The same values as a reader would see them, in the same order." })
  labels!: string[];
}

@ObjectType({ description: "One field of a comparison: a cell per listing, in the order the listings were asked." })
export class ComparisonRow {
  @Field(() => ComparedField, { description: "Which field the row compares." })
  field!: ComparedField;

  @Field(() => String, { description: 'The row\'s heading for a reader ("Media types", "Availability: Canada").' })
  label!: string;

  @Field(() => Jurisdiction, { nullable: true, description: "For an AVAILABILITY row, its country; else null." })
  jurisdiction!: Jurisdiction | null;

  @Field(() => Boolean, { description: "Whether every listing has the same values in this row." })
  same!: boolean;

  @Field(() => [ComparisonCell], { description: "One per listing, in the order of `listings`." })
  cells!: ComparisonCell[];
}

@ObjectType({ description: `Listings side by side (2 to ${COMPARE_MAX}), field by field.` })
export class ListingComparison {
  @Field(() => [Tool], { description: "The listings compared, in the order asked." })
  listings!: Tool[];

  @Field(() => [ComparisonRow], { description: "The fields, in a fixed order; availability a row per country." })
  rows!: ComparisonRow[];

  @Field(() => Int, { description: "How many rows differ between the listings." })
  differenceCount!: number;
}
