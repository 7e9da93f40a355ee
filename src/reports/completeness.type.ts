import { Field, Float, Int, ObjectType, registerEnumType } from "type-graphql";
import { Capability } from "../catalog/capabilities/capability.type";
import { Jurisdiction } from "../catalog/jurisdictions/jurisdiction.type";
import { Organisation } from "../catalog/organisations/organisation.type";
import { Tool } from "../catalog/tools/tool.type";
import { CompletenessField } from "./completeness";
import { GapCellState, ReportParameters } from "./report.type";

registerEnumType(CompletenessField, {
  name: "CompletenessField",
  description: "A field of a listing that the reports rely on and that the sources often leave unstated.",
  valuesConfig: {
    AVAILABILITY: {
      description:
        "Unknown when the listing is not stated available worldwide and states availability nowhere; in a report scoped to countries, when it states nothing about any of them.",
    },
    OFFERS: { description: "Unknown when the listing states no offer, or an offer that names nobody eligible." },
    LICENSE_MODEL: { description: "Unknown when the listing states no offer, or an offer whose model is UNKNOWN." },
    MEDIA_TYPES: { description: "Unknown when the listing names no media type." },
    DEPLOYMENT: { description: "Unknown when the listing names no deployment form." },
    ORGANISATION: { description: "Unknown when the listing has no owning organisation." },
    LAST_VERIFIED: { description: "Unknown when the listing was never verified." },
  },
});

@ObjectType({ description: "How many of the listings counted leave one field unknown." })
export class FieldCompleteness {
  @Field(() => CompletenessField, { description: "The field." })
  field!: CompletenessField;

  @Field(() => Int, { description: "Listings where it is unknown." })
  unknownCount!: number;

  @Field(() => Float, { description: "Their share of the listings counted (0 to 1; 0 when none are counted)." })
  share!: number;
}

/** The counts the report gives for the whole scope and for each organisation. */
@ObjectType()
abstract class CompletenessCounts {
  @Field(() => Int, {
    description:
      "Listings counted: published listings you may see, with a capability in the scope's subtrees, that pass every other input (a listing whose offers are not stated is kept, as the gap report keeps it as unknown).",
  })
  listingCount!: number;

  @Field(() => Int, { description: "Of those, the listings with at least one unknown field." })
  incompleteListingCount!: number;

  @Field(() => Float, {
    description:
      "The share of listings with an unknown field: incompleteListingCount / listingCount (0 to 1; 0 for none).",
  })
  incompleteShare!: number;

  @Field(() => [FieldCompleteness], { description: "Each field, in enum order, over the listings counted." })
  fields!: FieldCompleteness[];
}

@ObjectType({ description: "A POSSIBLE_GAP cell of the chosen gap report that a listing's unknowns leave open." })
export class AffectedGapCell {
  @Field(() => Capability, { description: "The cell's row." })
  capability!: Capability;

  @Field(() => Jurisdiction, { description: "The cell's column." })
  jurisdiction!: Jurisdiction;

  @Field(() => Int, { description: "Listings known to serve the cell, as in the gap report." })
  listingCount!: number;

  @Field(() => Int, { description: "Listings whose availability there or whose offers are not stated." })
  unknownCount!: number;

  @Field(() => GapCellState, { description: "The cell's state: POSSIBLE_GAP." })
  state!: GapCellState;
}

@ObjectType({ description: "Which of the fields the reports rely on one listing leaves unknown." })
export class ListingCompleteness {
  @Field(() => Tool, { description: "The listing." })
  listing!: Tool;

  @Field(() => [CompletenessField], { description: "Its unknown fields, in the order of the CompletenessField enum." })
  unknownFields!: CompletenessField[];

  @Field(() => Int, {
    description:
      "POSSIBLE_GAP cells of the chosen gap report where this listing is among the unknowns: cells whose state may change once its availability and offers are stated.",
  })
  affectedCellCount!: number;

  /** The cells themselves, worked out only when asked for (see CompletenessFields.affectedCells). */
  affectedCells!: () => AffectedGapCell[];
}

@ObjectType({
  description:
    "One organisation's listings in scope, what they leave unknown, and how many cells of the chosen gap report hang on them.",
})
export class OrganisationCompleteness extends CompletenessCounts {
  @Field(() => Organisation, {
    nullable: true,
    description: "The organisation; null for the listings whose owner is not known.",
  })
  organisation!: Organisation | null;

  @Field(() => Int, {
    description:
      "POSSIBLE_GAP cells of the chosen gap report where at least one of its listings is among the unknowns: cells whose state may change once it states what it has not.",
  })
  affectedCellCount!: number;

  @Field(() => Float, {
    description:
      "The share of the gap report's gaps that hang on its unknowns: affectedCellCount / gapCount (0 to 1; 0 when the report has no gap).",
  })
  affectedShare!: number;

  @Field(() => Int, {
    description:
      "Of those cells, the ones its unknown listings alone could make COVERED: the cell's known listings plus its unknown ones there reach minListings.",
  })
  couldCoverCellCount!: number;

  @Field(() => Float, {
    description:
      "The share of the gap report's gaps its unknowns alone could cover: couldCoverCellCount / gapCount (0 to 1; 0 when the report has no gap).",
  })
  couldCoverShare!: number;
}

@ObjectType({
  description:
    "What the catalogue does not know about the listings in a scope, per listing, per organisation and overall, and who to ask first: the organisations whose unknown listings the most POSSIBLE_GAP cells of a gap report hang on.",
})
export class CompletenessReport extends CompletenessCounts {
  @Field(() => String, {
    description: "The catalogue revision the report was computed on, as you see it (see GapReport.catalogueRevision).",
  })
  catalogueRevision!: string;

  @Field(() => ReportParameters, { description: "The scope the listings were taken from, defaults applied." })
  input!: ReportParameters;

  @Field(() => ReportParameters, {
    description: "The inputs of the gap report the cells are counted in, defaults applied.",
  })
  gapReportInput!: ReportParameters;

  @Field(() => [ListingCompleteness], {
    description: "Every listing in scope, the most unknown fields first, then by name.",
  })
  listings!: ListingCompleteness[];

  @Field(() => [OrganisationCompleteness], {
    description:
      "Who to ask first: every organisation with a listing in scope or an unknown listing in a POSSIBLE_GAP cell, ranked by affectedCellCount, then couldCoverCellCount, then incompleteListingCount (the entry for listings without a known owner last among equals), then by name.",
  })
  organisations!: OrganisationCompleteness[];

  @Field(() => Int, { description: "Cells in the chosen gap report." })
  gapCellCount!: number;

  @Field(() => Int, { description: "Of those, the gaps (POSSIBLE_GAP and GAP): the denominator of the shares." })
  gapCount!: number;

  @Field(() => Int, {
    description: "Of those, the POSSIBLE_GAP cells: the only ones whose state an organisation's unknowns decide.",
  })
  possibleGapCount!: number;
}
