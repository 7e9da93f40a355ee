import { Node } from "../node/node.type";
import { Field, Float, Int, ObjectType, registerEnumType } from "type-graphql";
import { User, UserError } from "../accounts/account.type";
import { ConnectionType } from "../common/connection.type";
import { ReportParameters } from "./report.type";
import { ReportKind } from "./saved-report.model";

registerEnumType(ReportKind, {
  name: "ReportKind",
  description: "Which report a saved report is.",
  valuesConfig: {
    GAP: { description: "A gap report, as gapReport computes it." },
    DUPLICATION: { description: "A duplication report, as duplicationReport computes it." },
  },
});

@ObjectType({ description: "A report saved as computed, with its input and catalogue revision.", implements: Node })
export class SavedReport implements Node {
  id!: string;

  @Field(() => ReportKind, { description: "Which report it is." })
  kind!: ReportKind;

  @Field(() => String, { description: "The name it was saved under." })
  name!: string;

  @Field(() => ReportParameters, { description: "The inputs it was computed with, defaults applied." })
  input!: ReportParameters;

  @Field(() => String, {
    description:
      "The catalogue revision it was computed on, with full visibility: two saved reports with the same revision saw the same catalogue.",
  })
  catalogueRevision!: string;

  @Field(() => Date, { description: "When it was saved." })
  createdAt!: Date;

  @Field(() => User, { nullable: true, description: "Null when saved by the system." })
  createdBy!: User | null;

  @Field(() => Float, {
    nullable: true,
    description: "Gap reports: the overall coverage (0 to 1); null for a duplication report.",
  })
  coverage!: number | null;

  @Field(() => Float, {
    nullable: true,
    description:
      "Gap reports: the overall possible coverage, counting listings with unknown availability or offers as if they served (0 to 1); null for a duplication report, and for gap reports saved before it was recorded.",
  })
  possibleCoverage!: number | null;

  @Field(() => Int, { description: "Gap reports: how many cells were gaps; 0 for a duplication report." })
  gapCount!: number;

  @Field(() => Int, {
    description: "Gap reports: how many cells were single points of failure; 0 for a duplication report.",
  })
  singlePointOfFailureCount!: number;

  @Field(() => String, {
    description: "The report as its JSON export would give it (/reports/gaps.json or /reports/duplication.json).",
  })
  body!: string;
}

@ObjectType({ description: "The outcome of saving a report." })
export class SavedReportPayload {
  @Field(() => SavedReport, { nullable: true, description: "The saved report; null when refused." })
  savedReport!: SavedReport | null;

  @Field(() => [UserError], {
    description: "Why it was not saved (a bad name, or a report too large to store); empty when saved.",
  })
  userErrors!: UserError[];
}

@ObjectType({ description: "A page of saved reports, newest first." })
export class SavedReportConnection extends ConnectionType("SavedReport", SavedReport) {}

@ObjectType({ description: "A cell named by capability slug and jurisdiction code." })
export class CellRef {
  @Field(() => String, { description: "The row's capability slug." })
  capability!: string;

  @Field(() => String, { description: "The column's country code." })
  jurisdiction!: string;
}

@ObjectType({ description: "What changed between two saved gap reports." })
export class GapReportComparison {
  @Field(() => SavedReport, { description: "The report compared from." })
  before!: SavedReport;

  @Field(() => SavedReport, { description: "The report compared to." })
  after!: SavedReport;

  @Field(() => Boolean, {
    description: "Whether both were computed with the same input; if not, read the change with care.",
  })
  sameInput!: boolean;

  @Field(() => Float, { description: "The coverage of `after` minus that of `before` (-1 to 1)." })
  coverageChange!: number;

  @Field(() => [CellRef], { description: "Gaps in `before` that `after` no longer has." })
  closed!: CellRef[];

  @Field(() => [CellRef], { description: "Gaps in `after` that `before` did not have." })
  opened!: CellRef[];

  @Field(() => [CellRef], { description: "Single points of failure in `before` that `after` no longer has." })
  singlePointsResolved!: CellRef[];

  @Field(() => [CellRef], { description: "Single points of failure in `after` that `before` did not have." })
  singlePointsNew!: CellRef[];
}
