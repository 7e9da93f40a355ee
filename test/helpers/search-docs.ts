import { Types } from "mongoose";
import { ListingKind } from "../../src/catalog/enums";
import { foldText } from "../../src/common/text";
import type { SearchDoc } from "../../src/search/tool-search";

/** A listing as the pure search and report functions see it, with every field empty unless given. */
export function searchDoc(slug: string, over: Partial<SearchDoc> = {}): SearchDoc {
  return {
    _id: new Types.ObjectId(),
    slug,
    name: slug,
    sortName: foldText(slug),
    aliases: [],
    kind: ListingKind.TOOL,
    status: null,
    organisation: null,
    capabilities: [],
    mediaTypes: [],
    deployment: [],
    languages: [],
    standards: [],
    offers: [],
    servedJurisdictions: [],
    lastVerifiedAt: null,
    ...over,
  };
}
