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
 * are simple queries. Every write of a listing goes through here.
 */
export function derivedToolFields(tool: DerivableTool, organisationName: string | null) {
  return {
    sortName: foldText(tool.name),
    searchText: foldText([tool.name, ...tool.aliases, organisationName ?? "", tool.summary].join(" \u0001 ")),
    servedJurisdictions: [
      ...new Set(tool.availability.filter((a) => SERVING_AVAILABILITY.includes(a.status)).map((a) => a.jurisdiction)),
    ].sort(),
  };
}
