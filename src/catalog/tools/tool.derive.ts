import { foldText } from "../../common/text";
import { SERVING_AVAILABILITY } from "../enums";
import { isoCountries } from "../jurisdictions/countries";
import type { AvailabilityDoc } from "./tool.model";

export interface DerivableTool {
  name: string;
  aliases: string[];
  summary: string;
  availability: AvailabilityDoc[];
  availableWorldwide?: boolean;
}

const COUNTRY_CODES = isoCountries().map((c) => c.code);

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
    servedJurisdictions: servedBy(tool),
  };
}

/**
 * The countries a listing is known to serve: those it states it is available
 * or in use in; for a listing stated available worldwide, every country but
 * those it states it is unavailable or restricted in.
 */
export function servedBy(tool: Pick<DerivableTool, "availability" | "availableWorldwide">): string[] {
  if (tool.availableWorldwide) {
    const excepted = new Set(
      tool.availability.filter((a) => !SERVING_AVAILABILITY.includes(a.status)).map((a) => a.jurisdiction),
    );
    return COUNTRY_CODES.filter((c) => !excepted.has(c));
  }
  return [
    ...new Set(tool.availability.filter((a) => SERVING_AVAILABILITY.includes(a.status)).map((a) => a.jurisdiction)),
  ].sort();
}
