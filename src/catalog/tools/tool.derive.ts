import { foldText } from "../../common/text";
import { SERVING_AVAILABILITY } from "../enums";
import type { AvailabilityDoc } from "./tool.model";

export interface DerivableTool {
  name: string;
  aliases: string[];
  summary: string;
  availability: AvailabilityDoc[];
}

/**
 * The flat, derived fields stored beside a listing so that search and filters
 * are simple queries. Every write of a listing goes through here. The search
 * text folds each field on its own and joins them with line breaks, which
 * folding turns into spaces in any search text: a search cannot match across
 * two fields, whatever characters it contains.
 */
export function derivedToolFields(tool: DerivableTool, organisationName: string | null) {
  return {
    sortName: foldText(tool.name),
    searchText: [tool.name, ...tool.aliases, organisationName ?? "", tool.summary].map(foldText).join("\n"),
    servedJurisdictions: [
      ...new Set(tool.availability.filter((a) => SERVING_AVAILABILITY.includes(a.status)).map((a) => a.jurisdiction)),
    ].sort(),
  };
}
