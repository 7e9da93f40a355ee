import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { UserError } from "../accounts/account.type";
import { ClassificationScheme, SchemeLevel } from "../catalog/classification-schemes/classification-scheme.type";
import { Source } from "../catalog/documents/document.type";
import { Jurisdiction } from "../catalog/jurisdictions/jurisdiction.type";
import { Node } from "../node/node.type";
import { MappingRelation } from "./crosswalk";
import { SchemeMappingStatus } from "./scheme-mapping.model";
import { SchemeLevelAction, SchemeLevelChangeStatus } from "./curation.model";
import { ConnectionType } from "../common/connection.type";

registerEnumType(MappingRelation, {
  name: "MappingRelation",
  description:
    'How a level relates to another, read "from has R match to" as in SKOS. Strength: EXACT > CLOSE > BROADER = NARROWER > RELATED.',
  valuesConfig: {
    EXACT: { description: "The two levels cover the same material." },
    CLOSE: { description: "The two levels cover nearly the same material; not interchangeable in every use." },
    BROADER: { description: "The target level is broader: it covers all of the source level and more." },
    NARROWER: { description: "The target level is narrower: the source level covers all of it and more." },
    RELATED: { description: "The levels overlap or are linked, without either containing the other." },
  },
});

registerEnumType(SchemeMappingStatus, {
  name: "SchemeMappingStatus",
  description: "Where a mapping stands in its review; only APPROVED mappings translate.",
  valuesConfig: {
    PENDING: { description: "Proposed, waiting for another reviewer." },
    APPROVED: { description: "In force: used by translateCategory, crosswalk and crosswalkGaps." },
    REJECTED: { description: "Refused by a reviewer, with the reason." },
    RETIRED: { description: "Was in force, withdrawn by a reviewer." },
  },
});

@ObjectType({ description: "A level together with the scheme it belongs to." })
export class CrosswalkLevel {
  @Field(() => ClassificationScheme, { description: "The scheme." })
  scheme!: ClassificationScheme;

  @Field(() => SchemeLevel, { description: "The level of that scheme." })
  level!: SchemeLevel;
}

@ObjectType({
  description: "A link from a level of one scheme to a level of another, with its relation and citations.",
  implements: Node,
})
export class SchemeMapping implements Node {
  id!: string;

  @Field(() => CrosswalkLevel, {
    nullable: true,
    description: "The level mapped from; null when its scheme no longer has that level.",
  })
  from!: CrosswalkLevel | null;

  @Field(() => CrosswalkLevel, {
    nullable: true,
    description: "The level mapped to; null when its scheme no longer has that level.",
  })
  to!: CrosswalkLevel | null;

  @Field(() => MappingRelation, { description: "How `from` relates to `to`." })
  relation!: MappingRelation;

  @Field(() => String, {
    description: "Why the mapping holds: what the source states, or which two cited definitions it follows from.",
  })
  note!: string;

  @Field(() => [Source], { description: "The citations the mapping rests on; at least one document." })
  sources!: Source[];

  @Field(() => SchemeMappingStatus, { description: "Where the mapping stands in its review." })
  status!: SchemeMappingStatus;

  @Field(() => String, { nullable: true, description: "Why it was rejected or retired; null otherwise." })
  reason!: string | null;

  @Field(() => Boolean, { description: "True for a mapping loaded from the seed inventory rather than proposed." })
  seeded!: boolean;

  @Field(() => Boolean, {
    description: "Whether you may approve or reject it now: a pending mapping, you a reviewer, and not its proposer.",
  })
  viewerCanReview!: boolean;

  @Field(() => Date, { description: "When it was proposed or loaded." })
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: "When a reviewer last decided on it; null before that." })
  reviewedAt!: Date | null;
}

@ObjectType({ description: "One mapping followed on a translation's path, in the direction travelled." })
export class TranslationStep {
  @Field(() => CrosswalkLevel, { description: "Where the step starts." })
  from!: CrosswalkLevel;

  @Field(() => CrosswalkLevel, { description: "Where the step ends." })
  to!: CrosswalkLevel;

  @Field(() => MappingRelation, {
    description: "The relation read in the direction travelled (a mapping followed backwards reads inverted).",
  })
  relation!: MappingRelation;

  @Field(() => SchemeMapping, { description: "The mapping followed." })
  mapping!: SchemeMapping;
}

@ObjectType({ description: "A level of the target scheme that a level translates to." })
export class CategoryTranslation {
  @Field(() => ClassificationScheme, { description: "The target scheme." })
  scheme!: ClassificationScheme;

  @Field(() => SchemeLevel, { description: "The target level." })
  level!: SchemeLevel;

  @Field(() => MappingRelation, {
    description:
      "The relation from the asked level to this one. Over several hops, the weakest on the path; a BROADER and a NARROWER step together give RELATED.",
  })
  relation!: MappingRelation;

  @Field(() => String, {
    description: "The mapping's note; over several hops, each step's note in order, separated by ' / '.",
  })
  note!: string;

  @Field(() => [Source], { description: "The citations of every mapping on the path, each once." })
  sources!: Source[];

  @Field(() => [TranslationStep], { description: "The mappings followed, one per hop." })
  path!: TranslationStep[];
}

@ObjectType({ description: "A cell of the crosswalk matrix: a direct mapping between a row level and a column level." })
export class CrosswalkCell {
  @Field(() => CrosswalkLevel, { description: "The row's level." })
  row!: CrosswalkLevel;

  @Field(() => CrosswalkLevel, { description: "The column's level." })
  column!: CrosswalkLevel;

  @Field(() => MappingRelation, { description: "The relation read from the row's level to the column's." })
  relation!: MappingRelation;

  @Field(() => [ID], { description: "The global ids of the mappings behind the cell." })
  mappingIds!: string[];
}

@ObjectType({ description: "Two schemes and what links them." })
export class SchemePair {
  @Field(() => ClassificationScheme, { description: "One scheme." })
  from!: ClassificationScheme;

  @Field(() => ClassificationScheme, { description: "The other scheme." })
  to!: ClassificationScheme;

  @Field(() => Int, { description: "Approved mappings directly between the two." })
  mappingCount!: number;

  @Field(() => Boolean, {
    description:
      "Whether some level of one reaches some level of the other through approved mappings, in any number of hops.",
  })
  translatable!: boolean;
}

@ObjectType({ description: "The level × level matrix of two or more schemes, from their approved direct mappings." })
export class Crosswalk {
  @Field(() => [ClassificationScheme], { description: "The schemes, in the order asked." })
  schemes!: ClassificationScheme[];

  @Field(() => [CrosswalkLevel], {
    description: "Rows and columns alike: every level of the schemes, scheme by scheme.",
  })
  levels!: CrosswalkLevel[];

  @Field(() => [CrosswalkCell], {
    description: "The cells that hold a mapping, each mapping giving two (one each way); other cells are empty.",
  })
  cells!: CrosswalkCell[];

  @Field(() => [SchemePair], { description: "Every pair of the schemes asked for; a mappingCount of 0 is a gap." })
  pairs!: SchemePair[];

  @Field(() => [CrosswalkLevel], { description: "Levels with no mapping to any other scheme asked for." })
  unmappedLevels!: CrosswalkLevel[];
}

@ObjectType({ description: "The schemes in use in one jurisdiction, and which of them cannot be translated." })
export class JurisdictionSchemes {
  @Field(() => Jurisdiction, { description: "The country or group asked for." })
  jurisdiction!: Jurisdiction;

  @Field(() => [ClassificationScheme], {
    description:
      "Schemes said to be used there (a member country, for a group) or supported by a listing you may see that is available or in use there.",
  })
  schemes!: ClassificationScheme[];

  @Field(() => [SchemePair], { description: "Pairs of those schemes that no chain of approved mappings links." })
  untranslatablePairs!: SchemePair[];
}

@ObjectType({ description: "Where translation between schemes is impossible today." })
export class CrosswalkGaps {
  @Field(() => [SchemePair], { description: "Pairs of schemes with no approved mapping directly between them." })
  unmappedPairs!: SchemePair[];

  @Field(() => [CrosswalkLevel], { description: "Levels with no approved mapping at all." })
  unmappedLevels!: CrosswalkLevel[];

  @Field(() => [ClassificationScheme], {
    description: "Schemes whose levels no source read gives: nothing can be mapped to or from them.",
  })
  schemesWithoutLevels!: ClassificationScheme[];

  @Field(() => [JurisdictionSchemes], { description: "For each jurisdiction asked for, in the order asked." })
  jurisdictions!: JurisdictionSchemes[];
}

@ObjectType({ description: "The outcome of a change to a scheme mapping." })
export class SchemeMappingPayload {
  @Field(() => SchemeMapping, { nullable: true, description: "The mapping as the change left it; null when refused." })
  mapping!: SchemeMapping | null;

  @Field(() => [UserError], { description: "Why the change was refused; empty when it was made." })
  userErrors!: UserError[];
}

registerEnumType(SchemeLevelAction, {
  name: "SchemeLevelAction",
  description: "What a proposed change does to a scheme's levels.",
  valuesConfig: {
    ADD: { description: "Adds a level to the scheme." },
    CHANGE: { description: "Changes a level's code, name, description, rank or sources." },
    RETIRE: { description: "Takes a level out of the scheme; refused while a mapping in force or pending uses it." },
  },
});

registerEnumType(SchemeLevelChangeStatus, {
  name: "SchemeLevelChangeStatus",
  description: "Where a proposed level change stands; only an APPROVED change has been written into its scheme.",
  valuesConfig: {
    PENDING: { description: "Proposed, waiting for another reviewer." },
    APPROVED: { description: "Approved and written into the scheme." },
    REJECTED: { description: "Refused by a reviewer, with the reason; the scheme is as it was." },
  },
});

@ObjectType({
  description:
    "One step in the history of a scheme mapping or level: who took it, when, the fields it changed and the status it left.",
})
export class CurationRevision {
  @Field(() => Int, { description: "The step's number, counting from 1 for each mapping or level." })
  number!: number;

  @Field(() => Date, { description: "When it was taken." })
  at!: Date;

  @Field(() => ID, { nullable: true, description: "The global id of the user who took it; null for the system." })
  actor!: string | null;

  @Field(() => String, { description: "The mutation that took it, such as `approveSchemeMapping`." })
  operation!: string;

  @Field(() => String, {
    description:
      "The status it left: a SchemeMappingStatus for a mapping, a SchemeLevelChangeStatus of the change for a level.",
  })
  status!: string;

  @Field(() => String, { description: "JSON: field → [before, after]; sources as `document: locator` lines." })
  changes!: string;

  @Field(() => String, { nullable: true, description: "The reason or note given with it; null when none." })
  reason!: string | null;

  @Field(() => ID, {
    nullable: true,
    description: "For a level: the global id of the SchemeLevelChange the step belongs to.",
  })
  changeId!: string | null;
}

@ObjectType({ description: "A page of a mapping's or level's history, newest first." })
export class CurationRevisionConnection extends ConnectionType("CurationRevision", CurationRevision) {}

@ObjectType({
  description: "A proposed addition, change or retirement of a level of a classification scheme.",
  implements: Node,
})
export class SchemeLevelChange implements Node {
  id!: string;

  @Field(() => ClassificationScheme, { nullable: true, description: "The scheme; null if it no longer exists." })
  scheme!: ClassificationScheme | null;

  @Field(() => SchemeLevelAction, { description: "What the change does." })
  action!: SchemeLevelAction;

  @Field(() => String, {
    nullable: true,
    description: "The level's code when the change was proposed; null for ADD.",
  })
  fromCode!: string | null;

  @Field(() => SchemeLevel, {
    nullable: true,
    description: "The level as the change leaves it (its `history` is the level's); null for RETIRE.",
  })
  level!: SchemeLevel | null;

  @Field(() => String, { nullable: true, description: "Why the change is proposed; always given for RETIRE." })
  note!: string | null;

  @Field(() => SchemeLevelChangeStatus, { description: "Where the change stands in its review." })
  status!: SchemeLevelChangeStatus;

  @Field(() => String, { nullable: true, description: "Why it was rejected; null otherwise." })
  reason!: string | null;

  @Field(() => Boolean, {
    description: "Whether you may approve or reject it now: a pending change, you a reviewer, and not its proposer.",
  })
  viewerCanReview!: boolean;

  @Field(() => Date, { description: "When it was proposed." })
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: "When a reviewer decided on it; null before that." })
  reviewedAt!: Date | null;
}

@ObjectType({ description: "The outcome of proposing or deciding a level change." })
export class SchemeLevelChangePayload {
  @Field(() => SchemeLevelChange, {
    nullable: true,
    description: "The change as the call left it; null when refused.",
  })
  change!: SchemeLevelChange | null;

  @Field(() => [UserError], { description: "Why the call was refused; empty when it was made." })
  userErrors!: UserError[];
}
