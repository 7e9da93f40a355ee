import { Field, ObjectType, registerEnumType } from "type-graphql";
import { UserError } from "../accounts/account.type";
import { Organisation } from "../catalog/organisations/organisation.type";
import { Node } from "../node/node.type";
import { CompletenessField } from "../reports/completeness";
import { ListingCompleteness, OrganisationCompleteness } from "../reports/completeness.type";
import { ReportParameters } from "../reports/report.type";
import { CompletenessRequestState } from "./completeness-request.service";

registerEnumType(CompletenessRequestState, {
  name: "CompletenessRequestState",
  description: "Where a completeness request stands.",
  valuesConfig: {
    OPEN: { description: "Some field asked for is still unknown in the published listing." },
    FULFILLED: {
      description:
        "The published listing states every field asked for (whichever published revision did it); it re-opens if a later one leaves a field unknown again.",
    },
    WITHDRAWN: { description: "A reviewer or admin withdrew it." },
  },
});

@ObjectType({
  description:
    "A reviewer's request that a listing's organisation state fields the catalogue does not know. Shown to that organisation's vendors while it is OPEN.",
  implements: Node,
})
export class CompletenessRequest implements Node {
  id!: string;

  @Field(() => [CompletenessField], { description: "The fields asked for, in enum order." })
  fields!: CompletenessField[];

  @Field(() => String, { nullable: true, description: "What the reviewer added for the organisation; null for none." })
  note!: string | null;

  @Field(() => Date, { description: "When it was made." })
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: "When it was withdrawn; null while it is not." })
  withdrawnAt!: Date | null;
}

@ObjectType({ description: "The outcome of making or withdrawing a completeness request." })
export class CompletenessRequestPayload {
  @Field(() => CompletenessRequest, {
    nullable: true,
    description: "The request as the change left it; null when refused.",
  })
  request!: CompletenessRequest | null;

  @Field(() => [UserError], { description: "Why the change was refused; empty when it was made." })
  userErrors!: UserError[];
}

@ObjectType({
  description:
    "A vendor's view of the completeness report: their own organisation's listings in scope, what they leave unknown, the gap cells that hang on them, and the open requests to fill them in.",
})
export class VendorCompleteness {
  @Field(() => String, { description: "The catalogue revision the report was computed on, as you see it." })
  catalogueRevision!: string;

  @Field(() => ReportParameters, { description: "The inputs of the gap report the cells are counted in." })
  gapReportInput!: ReportParameters;

  @Field(() => Organisation, { description: "Your organisation." })
  organisation!: Organisation;

  @Field(() => OrganisationCompleteness, {
    description: "Your organisation's entry in the completeness report (zero counts when it has no listing in scope).",
  })
  summary!: OrganisationCompleteness;

  @Field(() => [ListingCompleteness], {
    description: "Your organisation's published listings in scope, the most unknown fields first, then by name.",
  })
  listings!: ListingCompleteness[];

  @Field(() => [CompletenessRequest], {
    description:
      "Open requests on any of your organisation's published listings (in scope or not), newest first, at most 200.",
  })
  openRequests!: CompletenessRequest[];
}
