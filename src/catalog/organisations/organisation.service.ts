import { BadUserInputError } from "../../common/errors";
import { Page, paginate, queryFingerprint } from "../../common/pagination";
import { escapeRegExp, foldText } from "../../common/text";
import type { Context } from "../../context";
import type { OrganisationDoc } from "./organisation.model";

export const MAX_ORGANISATION_SEARCH = 200;

/** Reads organisations: one by slug, or a page ordered by name with literal name search. */
export class OrganisationService {
  constructor(private readonly ctx: Context) {}

  async bySlug(slug: string): Promise<OrganisationDoc | null> {
    return this.ctx.models.Organisation.findOne({ slug: String(slug) }).lean<OrganisationDoc>();
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
    const query = folded ? { sortName: new RegExp(escapeRegExp(folded)) } : {};
    const all = await this.ctx.models.Organisation.find(query).sort({ sortName: 1, slug: 1 }).lean<OrganisationDoc[]>();
    all.forEach((o) => this.ctx.loaders.organisation.prime(o._id.toHexString(), o));
    return paginate(all, (o) => [o.sortName, o.slug], queryFingerprint({ s: folded }), first, after);
  }
}
