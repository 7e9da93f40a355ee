import { Node } from "../node/node.type";
import { Field, Float, Int, ObjectType, registerEnumType } from "type-graphql";
import { User, UserError } from "../accounts/account.type";
import { ConnectionType } from "../common/connection.type";
import { ReportParameters } from "./report.type";
import { ReportKind } from "./saved-report.model";

registerEnumType(ReportKind, { name: "ReportKind" });

@ObjectType({ description: "A report saved as computed, with its input and catalogue revision.", implements: Node })
export class SavedReport implements Node {
  id!: string;

  @Field(() => ReportKind)
  kind!: ReportKind;

  @Field(() => String)
  name!: string;

  @Field(() => ReportParameters)
  input!: ReportParameters;

  @Field(() => String, {
    description:
      "The catalogue revision it was computed on, with full visibility: two saved reports with the same revision saw the same catalogue.",
  })
  catalogueRevision!: string;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => User, { nullable: true, description: "Null when saved by the system." })
  createdBy!: User | null;

  @Field(() => Float, { nullable: true, description: "Gap reports: the overall coverage." })
  coverage!: number | null;

  @Field(() => Int)
  gapCount!: number;

  @Field(() => Int)
  singlePointOfFailureCount!: number;

  @Field(() => String, { description: "The report as its JSON export (see /reports/gaps.json)." })
  body!: string;
}

@ObjectType()
export class SavedReportPayload {
  @Field(() => SavedReport, { nullable: true })
  savedReport!: SavedReport | null;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

@ObjectType()
export class SavedReportConnection extends ConnectionType("SavedReport", SavedReport) {}

@ObjectType({ description: "A cell named by capability slug and jurisdiction code." })
export class CellRef {
  @Field(() => String)
  capability!: string;

  @Field(() => String)
  jurisdiction!: string;
}

@ObjectType({ description: "What changed between two saved gap reports." })
export class GapReportComparison {
  @Field(() => SavedReport)
  before!: SavedReport;

  @Field(() => SavedReport)
  after!: SavedReport;

  @Field(() => Boolean, {
    description: "Whether both were computed with the same input; if not, read the change with care.",
  })
  sameInput!: boolean;

  @Field(() => Float)
  coverageChange!: number;

  @Field(() => [CellRef], { description: "Gaps in `before` that `after` no longer has." })
  closed!: CellRef[];

  @Field(() => [CellRef], { description: "Gaps in `after` that `before` did not have." })
  opened!: CellRef[];

  @Field(() => [CellRef])
  singlePointsResolved!: CellRef[];

  @Field(() => [CellRef])
  singlePointsNew!: CellRef[];
}
