import type { Types } from "mongoose";
import { BadUserInputError } from "../../common/errors";
import { compareKeys, Page, paginate, queryFingerprint, SortKey } from "../../common/pagination";
import { foldText } from "../../common/text";
import type { Context } from "../../context";
import {
  EMPTY_FILTER,
  FacetCounts,
  filterAndFacet,
  filterOnly,
  relevance,
  ResolvedFilter,
  SearchDoc,
} from "../../search/tool-search";
import { CapabilityService } from "../capabilities/capability.service";
import { Eligibility, LicenseModel } from "../enums";
import { JurisdictionService } from "../jurisdictions/jurisdiction.service";
import { isVisibleTo, visibleListings } from "../visibility";
import type { ToolDoc } from "./tool.model";

export enum ToolOrder {
  NAME = "NAME",
  LAST_VERIFIED = "LAST_VERIFIED",
  RELEVANCE = "RELEVANCE",
}

/** A filter as the caller wrote it: slugs and codes, not yet resolved. */
export interface ToolFilterArgs {
  capabilities?: string[] | null;
  mediaTypes?: string[] | null;
  jurisdictions?: string[] | null;
  eligibleFor?: Eligibility[] | null;
  licenseModels?: LicenseModel[] | null;
  deployment?: string[] | null;
  languages?: string[] | null;
  standards?: string[] | null;
  organisations?: string[] | null;
  kinds?: string[] | null;
  status?: string[] | null;
  organisationTypes?: string[] | null;
}

export interface ToolSearchArgs {
  search?: string | null;
  filter?: ToolFilterArgs | null;
  orderBy?: ToolOrder | null;
  first: number;
  after?: string | null;
}

export interface ToolSearchResult {
  page: Page<ToolDoc>;
  /** Null when the caller did not ask for facets. */
  facets: FacetCounts | null;
}

export const MAX_SEARCH_LENGTH = 200;

const organisationCounts = new WeakMap<Context, Promise<Map<string, number>>>();

const setOf = <T extends string>(values: T[] | null | undefined, map: (v: T) => string = (v) => v) =>
  values && values.length ? new Set(values.map(map)) : null;

/** Search and reads of listings, always within what the viewer may see. */
export class ToolService {
  constructor(private readonly ctx: Context) {}

  async bySlug(slug: string): Promise<ToolDoc | null> {
    const tool = (await this.ctx.catalogue()).listingBySlug.get(String(slug));
    return tool && isVisibleTo(this.ctx.viewer, tool) ? tool : null;
  }

  /** Turns slugs and codes into id and country sets; unknown ones are BAD_USER_INPUT naming the argument. */
  async resolveFilter(f: ToolFilterArgs | null | undefined, argument = "filter"): Promise<ResolvedFilter> {
    if (!f) return EMPTY_FILTER;
    const caps = new CapabilityService(this.ctx);
    const jur = new JurisdictionService(this.ctx);
    let organisations: Set<string> | null = null;
    if (f.organisations?.length) {
      const { organisationBySlug } = await this.ctx.catalogue();
      const unknown = f.organisations.filter((s) => !organisationBySlug.has(s));
      if (unknown.length) {
        throw new BadUserInputError(
          `${argument}.organisations`,
          `unknown organisation slug(s): ${unknown.map((s) => JSON.stringify(s)).join(", ")}`,
        );
      }
      organisations = new Set(f.organisations.flatMap((s) => organisationBySlug.get(s)?._id.toHexString() ?? []));
    }
    return {
      capabilities: f.capabilities?.length ? await caps.subtreeIds(f.capabilities, `${argument}.capabilities`) : null,
      jurisdictions: f.jurisdictions?.length ? await jur.expand(f.jurisdictions, `${argument}.jurisdictions`) : null,
      mediaTypes: setOf(f.mediaTypes),
      eligibleFor: setOf(f.eligibleFor) as Set<Eligibility> | null,
      licenseModels: setOf(f.licenseModels) as Set<LicenseModel> | null,
      deployment: setOf(f.deployment),
      languages: setOf(f.languages, (l) => l.toLowerCase()),
      standards: setOf(f.standards, foldText),
      organisations,
      kinds: setOf(f.kinds),
      status: setOf(f.status),
      organisationTypes: setOf(f.organisationTypes),
    };
  }

  /** The visible listings whose searchable text contains `search` literally (case- and accent-folded). */
  async candidates(search: string | null | undefined): Promise<{ docs: ToolDoc[]; folded: string }> {
    const folded = foldText(search ?? "");
    if (folded.length > MAX_SEARCH_LENGTH) {
      throw new BadUserInputError("search", `must be at most ${MAX_SEARCH_LENGTH} characters`);
    }
    const visible = visibleListings(this.ctx.viewer, (await this.ctx.catalogue()).listings);
    return { docs: folded ? visible.filter((t) => t.searchText.includes(folded)) : visible, folded };
  }

  async search(args: ToolSearchArgs, wantFacets = true): Promise<ToolSearchResult> {
    const [filter, { docs, folded }, ancestors] = await Promise.all([
      this.resolveFilter(args.filter),
      this.candidates(args.search),
      new CapabilityService(this.ctx).ancestorMap(),
    ]);
    const { organisationById } = await this.ctx.catalogue();
    const facetContext = {
      capabilityAncestors: ancestors,
      organisationType: (id: string) => organisationById.get(id)?.type,
    };
    const { matches, facets } = wantFacets
      ? filterAndFacet(docs, filter, facetContext)
      : { matches: filterOnly(docs, filter, facetContext), facets: null };

    const order = args.orderBy ?? (folded ? ToolOrder.RELEVANCE : ToolOrder.NAME);
    const keyOf = sortKey(order, folded, (d) =>
      d.organisation ? (organisationById.get(d.organisation.toHexString())?.name ?? null) : null,
    );
    const keyed = matches.map((d) => ({ d, k: keyOf(d) }));
    keyed.sort((a, b) => compareKeys(a.k, b.k));
    const fingerprint = queryFingerprint({ s: folded, f: args.filter ?? null, o: order });
    const page = paginate(keyed, (x) => x.k, fingerprint, args.first, args.after);

    const items = page.items.map((i) => ({ item: i.item.d, cursor: i.cursor }));
    return { page: { ...page, items }, facets };
  }

  /** Visible listings per organisation, counted once per request however many organisations are shown. */
  async countByOrganisation(orgId: Types.ObjectId): Promise<number> {
    let counts = organisationCounts.get(this.ctx);
    if (!counts) {
      counts = this.ctx.catalogue().then(({ listings }) => {
        const m = new Map<string, number>();
        for (const t of visibleListings(this.ctx.viewer, listings)) {
          if (t.organisation) m.set(t.organisation.toHexString(), (m.get(t.organisation.toHexString()) ?? 0) + 1);
        }
        return m;
      });
      organisationCounts.set(this.ctx, counts);
    }
    return (await counts).get(orgId.toHexString()) ?? 0;
  }
}

/** The total order of each ToolOrder; the slug, unique, breaks every tie so pages never overlap. */
function sortKey(
  order: ToolOrder,
  folded: string,
  orgName: (d: SearchDoc) => string | null,
): (d: SearchDoc) => SortKey {
  switch (order) {
    case ToolOrder.NAME:
      return (d) => [d.sortName, d.slug];
    case ToolOrder.LAST_VERIFIED:
      return (d) => [d.lastVerifiedAt ? -d.lastVerifiedAt.getTime() : null, d.sortName, d.slug];
    case ToolOrder.RELEVANCE:
      return (d) => [-relevance(d, folded, orgName(d)), d.sortName, d.slug];
  }
}
