import { BadUserInputError } from "../../common/errors";
import { compareKeys, Page, paginate, queryFingerprint } from "../../common/pagination";
import { foldText } from "../../common/text";
import type { Context } from "../../context";
import type { OrganisationDoc } from "./organisation.model";

export const MAX_ORGANISATION_SEARCH = 200;

/** Reads organisations from the catalogue snapshot: one by slug, or a page ordered by name with literal name or alias search. */
export class OrganisationService {
  constructor(private readonly ctx: Context) {}

  async bySlug(slug: string): Promise<OrganisationDoc | null> {
    return (await this.ctx.catalogue()).organisationBySlug.get(String(slug)) ?? null;
  }

  async list(
    search: string | null | undefined,
    first: number,
    after: string | null | undefined,
  ): Promise<Page<OrganisationDoc>> {
    const folded = foldText(search ?? "");
    if (folded.length > MAX_ORGANISATION_SEARCH) {
      throw new BadUserInputError("search", `must be at most ${MAX_ORGANISATION_SEARCH} characters`);
    }
    const { organisationById } = await this.ctx.catalogue();
    const key = (o: OrganisationDoc) => [o.sortName, o.slug];
    const matching = [...organisationById.values()]
      .filter((o) => !folded || o.sortName.includes(folded) || o.aliases.some((a) => foldText(a).includes(folded)))
      .sort((a, b) => compareKeys(key(a), key(b)));
    return paginate(matching, key, queryFingerprint({ s: folded }), first, after);
  }
}
