import type { CompareLookups } from "./compare";
import type { Types } from "mongoose";
import { BadUserInputError } from "../../common/errors";
import {
  KeyedOrder,
  keyedOrder,
  Page,
  paginateKeyed,
  paginateUnsorted,
  queryFingerprint,
  SortKey,
} from "../../common/pagination";
import { foldText } from "../../common/text";
import type { Context } from "../../context";
import {
  EMPTY_FILTER,
  FacetContext,
  FacetCounts,
  filterAndFacet,
  filterOnly,
  ResolvedFilter,
} from "../../search/tool-search";
import { listingIndexFor, rememberedResult } from "../../search/indexes";
import type { ListingIndex, RankedHit, Suggestion } from "../../search/ranked";
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
  classificationSchemes?: string[] | null;
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
  /** With search text: how each matched listing matched, and the index it was found in (for snippets). */
  hits: Map<ToolDoc, RankedHit> | null;
  index: ListingIndex | null;
  /** With search text that matched nothing: a corrected text that does match, if there is one. */
  didYouMean: string | null;
}

export const MAX_SEARCH_LENGTH = 200;

/** What a search's text and filter match, before ordering and paging: shared by requests (see `matching`). */
interface MatchingListings {
  folded: string;
  matches: ToolDoc[];
  /**
   * The facets over them, counted the first time a request asks (null until then): results and facets asked
   * in separate requests share the one match, and a request without facets does not pay for them.
   */
  facets: FacetCounts | null;
  /** What the filter was applied to (the text's matches, or every visible listing), for counting facets later. */
  candidates: ToolDoc[];
  filter: ResolvedFilter;
  facetContext: FacetContext;
  hits: Map<ToolDoc, RankedHit> | null;
  index: ListingIndex | null;
  didYouMean: string | null;
  /**
   * The matches in each order paged through: a result read again for a later
   * page is sorted once, and its pages are then cut by binary search. Until
   * then (one reading, or the first page read again, as a page's facets or a
   * saved search are), it is paged by top-k selection instead.
   */
  orders: Map<ToolOrder, KeyedOrder<ToolDoc> | "asked once">;
}

/** A resolved filter as a string, the same whatever order its values came in. */
function filterKey(f: ResolvedFilter): string {
  return JSON.stringify(Object.entries(f).map(([k, v]: [string, Set<string> | null]) => [k, v ? [...v].sort() : null]));
}

const organisationCounts = new WeakMap<Context, Promise<Map<string, number>>>();

const setOf = <T extends string>(values: T[] | null | undefined, map: (v: T) => string = (v) => v) =>
  values && values.length ? new Set(values.map(map)) : null;

/** Search and reads of listings, always within what the viewer may see. */
export class ToolService {
  constructor(private readonly ctx: Context) {}

  async bySlug(slug: string): Promise<ToolDoc | null> {
    return this.visible((await this.ctx.catalogue()).listingBySlug.get(String(slug)));
  }

  /** A listing by id (hex), if the viewer may see it. */
  async byId(id: string): Promise<ToolDoc | null> {
    return this.visible((await this.ctx.catalogue()).listingById.get(id));
  }

  /** The records a comparison of listings names, by id or code. */
  async compareLookups(): Promise<CompareLookups> {
    const [snapshot, capabilities, jurisdictions] = await Promise.all([
      this.ctx.catalogue(),
      this.ctx.loaders.capabilityIndex(),
      this.ctx.loaders.jurisdictionIndex(),
    ]);
    return {
      organisation: (id) => snapshot.organisationById.get(id) ?? null,
      capability: (id) => capabilities.byId.get(id) ?? null,
      scheme: (id) => snapshot.classificationSchemeById.get(id) ?? null,
      document: (id) => snapshot.documentById.get(id) ?? null,
      jurisdiction: (code) => jurisdictions.byCode.get(code) ?? null,
    };
  }

  private visible(tool: ToolDoc | undefined): ToolDoc | null {
    return tool && isVisibleTo(this.ctx.viewer, tool) ? tool : null;
  }

  /** Turns slugs and codes into id and country sets; unknown ones are BAD_USER_INPUT naming the argument. */
  async resolveFilter(f: ToolFilterArgs | null | undefined, argument = "filter"): Promise<ResolvedFilter> {
    if (!f) return EMPTY_FILTER;
    // "filter.organisations" in a search; "input.organisations" in a report; "organisations" in an export's query.
    const named = (field: string) => (argument ? `${argument}.${field}` : field);
    const caps = new CapabilityService(this.ctx);
    const jur = new JurisdictionService(this.ctx);
    let organisations: Set<string> | null = null;
    if (f.organisations?.length) {
      const { organisationBySlug } = await this.ctx.catalogue();
      const unknown = f.organisations.filter((s) => !organisationBySlug.has(s));
      if (unknown.length) {
        throw new BadUserInputError(
          named("organisations"),
          `unknown organisation slug(s): ${unknown.map((s) => JSON.stringify(s)).join(", ")}`,
        );
      }
      organisations = new Set(f.organisations.flatMap((s) => organisationBySlug.get(s)?._id.toHexString() ?? []));
    }
    let classificationSchemes: Set<string> | null = null;
    if (f.classificationSchemes?.length) {
      const { classificationSchemeById } = await this.ctx.catalogue();
      const bySlug = new Map([...classificationSchemeById.values()].map((c) => [c.slug, c._id.toHexString()]));
      const unknown = f.classificationSchemes.filter((s) => !bySlug.has(s));
      if (unknown.length) {
        throw new BadUserInputError(
          named("classificationSchemes"),
          `unknown classification scheme slug(s): ${unknown.map((s) => JSON.stringify(s)).join(", ")}`,
        );
      }
      classificationSchemes = new Set(f.classificationSchemes.flatMap((s) => bySlug.get(s) ?? []));
    }
    return {
      capabilities: f.capabilities?.length ? await caps.subtreeIds(f.capabilities, named("capabilities")) : null,
      jurisdictions: f.jurisdictions?.length ? await jur.expand(f.jurisdictions, named("jurisdictions")) : null,
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
      classificationSchemes,
    };
  }

  /**
   * Every listing the viewer may see that the search text and the filter
   * match, in no particular order; with the facets over them when asked for.
   * Worked out once per catalogue snapshot, audience, text and filter (see
   * `rememberedResult`), so paging through a result, reading it again or
   * asking for its facets in another request does not search the catalogue
   * again; facets are counted once, by the first request that wants them.
   */
  private async matching(
    search: string | null | undefined,
    f: ToolFilterArgs | null | undefined,
    wantFacets: boolean,
  ): Promise<MatchingListings> {
    const text = search ?? "";
    const folded = foldText(text);
    if (folded.length > MAX_SEARCH_LENGTH) {
      throw new BadUserInputError("search", `must be at most ${MAX_SEARCH_LENGTH} characters`);
    }
    const [snapshot, filter, ancestors] = await Promise.all([
      this.ctx.catalogue(),
      this.resolveFilter(f),
      new CapabilityService(this.ctx).ancestorMap(),
    ]);
    // The text as typed (capitals tell an acronym; see typoBound) and the filter as resolved.
    const request = JSON.stringify([folded ? text : "", filterKey(filter)]);
    const result = rememberedResult(
      snapshot,
      this.ctx.viewer,
      request,
      (): MatchingListings => {
        const facetContext: FacetContext = {
          capabilityAncestors: ancestors,
          organisationType: (id: string) => snapshot.organisationById.get(id)?.type,
        };
        let docs: ToolDoc[];
        let hits: Map<ToolDoc, RankedHit> | null = null;
        let index: ListingIndex | null = null;
        if (folded) {
          index = listingIndexFor(snapshot, this.ctx.viewer);
          const ranked = index.match(text);
          docs = ranked.map((h) => h.listing);
          hits = new Map(ranked.map((h) => [h.listing, h]));
        } else {
          docs = visibleListings(this.ctx.viewer, snapshot.listings);
        }
        // One pass filters and counts when facets are wanted now; otherwise they wait for a request that wants them.
        const { matches, facets } = wantFacets
          ? filterAndFacet(docs, filter, facetContext)
          : { matches: filterOnly(docs, filter, facetContext), facets: null };
        const didYouMean = index && docs.length === 0 ? index.didYouMean(text) : null;
        // Shared by every request that asks the same: nobody may reorder or change it (facets are filled in once).
        return {
          folded,
          matches: Object.freeze(matches) as ToolDoc[],
          facets,
          candidates: docs,
          filter,
          facetContext,
          hits,
          index,
          didYouMean,
          orders: new Map(),
        };
      },
      (r) => r.matches.length + (r.hits?.size ?? 0),
    );
    if (wantFacets && !result.facets) {
      result.facets = filterAndFacet(result.candidates, result.filter, result.facetContext).facets;
    }
    return result;
  }

  /** Every listing the viewer may see that a search's text and filter match, in no particular order. */
  async matchAll(search: string | null | undefined, f: ToolFilterArgs | null | undefined): Promise<ToolDoc[]> {
    return (await this.matching(search, f, false)).matches;
  }

  async search(args: ToolSearchArgs, wantFacets = true): Promise<ToolSearchResult> {
    const { folded, matches, facets, hits, index, didYouMean, orders } = await this.matching(
      args.search,
      args.filter,
      wantFacets,
    );
    const order = args.orderBy ?? (folded ? ToolOrder.RELEVANCE : ToolOrder.NAME);
    const keyOf = sortKey(order, (d) => hits?.get(d));
    const fingerprint = queryFingerprint({ s: folded, f: args.filter ?? null, o: order });
    let sorted = orders.get(order);
    if (sorted === "asked once" && args.after) {
      sorted = keyedOrder(matches, keyOf);
      orders.set(order, sorted);
    } else if (!sorted) orders.set(order, "asked once");
    const page =
      sorted && sorted !== "asked once"
        ? paginateKeyed(sorted, fingerprint, args.first, args.after)
        : paginateUnsorted(matches, keyOf, fingerprint, args.first, args.after);
    return { page, facets, hits, index, didYouMean };
  }

  /** Type-ahead over what the viewer may see (see ListingIndex.suggest). */
  async suggest(prefix: string, first: number): Promise<Suggestion[]> {
    if (foldText(prefix).length > MAX_SEARCH_LENGTH) {
      throw new BadUserInputError("prefix", `must be at most ${MAX_SEARCH_LENGTH} characters`);
    }
    return listingIndexFor(await this.ctx.catalogue(), this.ctx.viewer).suggest(prefix, first);
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

/**
 * The total order of each ToolOrder; the slug, unique, breaks every tie so
 * pages never overlap. Relevance puts a match of the whole name first, then
 * the name's prefix, then fewer words matched only with a typo, then the
 * score; without search text every listing
 * scores alike and the order is by name.
 */
function sortKey(order: ToolOrder, hitOf: (d: ToolDoc) => RankedHit | undefined): (d: ToolDoc) => SortKey {
  switch (order) {
    case ToolOrder.NAME:
      return (d) => [d.sortName, d.slug];
    case ToolOrder.LAST_VERIFIED:
      return (d) => [d.lastVerifiedAt ? -d.lastVerifiedAt.getTime() : null, d.sortName, d.slug];
    case ToolOrder.RELEVANCE:
      return (d) => {
        const hit = hitOf(d);
        return [-(hit?.tier ?? 0), hit?.typos ?? 0, -(hit?.score ?? 0), d.sortName, d.slug];
      };
  }
}
