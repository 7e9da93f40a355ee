import { FieldResolver, Int, Resolver, Root } from "type-graphql";
import { Tool } from "../catalog/tools/tool.type";
import { AffectedGapCell, ListingCompleteness } from "./completeness.type";
import {
  CapabilityCrowding,
  DuplicateGroup,
  GapCell,
  OverlapCluster,
  ReportParameters,
  StaleListingGroup,
} from "./report.type";

/**
 * The report types' fields named in the API's one vocabulary ("listing"),
 * read from the report results, which the exports and saved reports share.
 */
@Resolver(() => GapCell)
export class GapCellFields {
  @FieldResolver(() => Int, {
    description: "Distinct listings in scope with a capability in this subtree, available or in use here.",
  })
  listingCount(@Root() c: GapCell): number {
    return c.toolCount;
  }

  @FieldResolver(() => [String], { description: "Their slugs, by name." })
  listingSlugs(@Root() c: GapCell): string[] {
    return c.toolSlugs;
  }

  @FieldResolver(() => [Tool], { description: "The listings themselves, by name." })
  listings(@Root() c: GapCell): Tool[] {
    return c.tools;
  }

  @FieldResolver(() => [Tool], {
    description: "The listings counted in unknownCount, by name: whether they serve this cell is not stated.",
  })
  unknownListings(@Root() c: GapCell): Tool[] {
    return c.unknownTools();
  }

  @FieldResolver(() => [Tool], {
    description: "The same as `unknownListings`, under the name first announced for it.",
    deprecationReason: "Use `unknownListings`: the API says listing for every kind of entry.",
  })
  unknownTools(@Root() c: GapCell): Tool[] {
    return c.unknownTools();
  }
}

@Resolver(() => CapabilityCrowding)
export class CapabilityCrowdingFields {
  @FieldResolver(() => Int, { description: "Distinct listings in scope with a capability in this subtree." })
  listingCount(@Root() c: CapabilityCrowding): number {
    return c.toolCount;
  }
}

@Resolver(() => OverlapCluster)
export class OverlapClusterFields {
  @FieldResolver(() => [Tool], { description: "The listings in the cluster." })
  listings(@Root() c: OverlapCluster): Tool[] {
    return c.tools;
  }
}

@Resolver(() => DuplicateGroup)
export class DuplicateGroupFields {
  @FieldResolver(() => [Tool], { description: "The listings that are probably one and the same." })
  listings(@Root() g: DuplicateGroup): Tool[] {
    return g.tools;
  }
}

@Resolver(() => StaleListingGroup)
export class StaleListingGroupFields {
  @FieldResolver(() => [Tool], { description: "Never verified first, then oldest verification first." })
  listings(@Root() g: StaleListingGroup): Tool[] {
    return g.tools;
  }
}

@Resolver(() => ReportParameters)
export class ReportParametersFields {
  @FieldResolver(() => Int, {
    nullable: true,
    description: "The same as `minListings`, under its old name.",
    deprecationReason: "Use `minListings`: the API says listing for every kind of entry.",
  })
  minTools(@Root() p: ReportParameters): number | null {
    return p.minListings;
  }
}

@Resolver(() => ListingCompleteness)
export class ListingCompletenessFields {
  @FieldResolver(() => [AffectedGapCell], {
    description: "The cells counted in affectedCellCount, row by row.",
  })
  affectedCells(@Root() c: ListingCompleteness): AffectedGapCell[] {
    return c.affectedCells();
  }
}
