import { useLocation } from "preact-iso";
import { useMemo, useRef, useState, useEffect } from "preact/hooks";
import { useQuery } from "@urql/preact";
import type { ListingOrder } from "../../graphql/graphql";
import { ProblemNotice } from "../../components/Problem";
import { useTitle } from "../../components/useTitle";
import { Chip, Chips } from "./Chips";
import { FacetOption, FacetPanel, Facets } from "./Facets";
import { Pager } from "./Pager";
import { SearchFacets, SearchListings } from "./queries";
import { Results } from "./Results";
import { SearchBox, Suggestion } from "./SearchBox";
import { useListingNames, useOrganisationNames } from "./useNames";
import { usePageStart } from "./usePageStart";
import { SaveSearch } from "../workspace/SaveSearch";
import {
  compareHref,
  compareToggled,
  FILTER_FIELDS,
  FilterField,
  filterOf,
  PAGE_SIZE,
  parseState,
  SearchState,
  stateQuery,
  toggled,
} from "./url-state";

export const FIELD_TITLES: Record<FilterField, string> = {
  capabilities: "Capability",
  mediaTypes: "Media type",
  eligibleFor: "Who may obtain it",
  licenseModels: "Licence model",
  deployment: "Deployment",
  kinds: "Kind",
  organisationTypes: "Organisation type",
  jurisdictions: "Jurisdiction",
  organisations: "Organisation",
};

/** Whether a query hook's answer was asked with `variables`: until its next request starts, it holds the last one's. */
function answeredWith(operation: { variables: unknown } | undefined, variables: object): boolean {
  return JSON.stringify(operation?.variables ?? null) === JSON.stringify(variables);
}

/** The search page: everything it shows follows from the URL's query string. */
export function SearchPage() {
  const location = useLocation();
  const search = location.url.includes("?") ? location.url.slice(location.url.indexOf("?")) : "";
  const state = useMemo(() => parseState(search), [search]);
  useTitle(state.q ? `“${state.q}” — Search` : "Search");

  // Typing changes the URL as it goes: the first change of a burst adds a history entry, the rest replace it.
  const [text, setText] = useState(state.q);
  const typing = useRef(false);
  const lastPushed = useRef(state.q);
  useEffect(() => {
    if (state.q !== lastPushed.current) {
      setText(state.q);
      lastPushed.current = state.q;
      typing.current = false;
    }
  }, [state.q]);
  const go = (next: SearchState, replace = false) => {
    lastPushed.current = next.q;
    location.route(`/${stateQuery(next)}`, replace);
  };
  // The search typed so far, asked for once typing pauses; cancelled at once by a pick or a submit, which
  // must not be overtaken by it before the page redraws (it would put back the words a pick cleared).
  const typed = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const cancelTyped = () => clearTimeout(typed.current);
  useEffect(() => {
    if (text === state.q) return;
    typed.current = setTimeout(() => {
      go({ ...state, q: text, page: 1 }, typing.current);
      typing.current = true;
    }, 120);
    return cancelTyped;
  }, [text]);

  const vars = {
    search: state.q.trim() || undefined,
    filter: filterOf(state),
    orderBy: state.order ?? undefined,
  };
  const key = JSON.stringify(vars);
  const start = usePageStart(vars, state.page, key);
  const variables = { ...vars, first: PAGE_SIZE, after: start.state === "ready" ? start.after : null };
  const [{ data, fetching, error, operation }, reexecute] = useQuery({
    query: SearchListings,
    variables,
    pause: start.state !== "ready",
    // Shown from the cache at once, then asked again: listings published since (a saved search opened) appear.
    requestPolicy: "cache-and-network",
  });
  // Shown until the next answer arrives, so the page does not jump while typing; with the page it belongs to.
  const shown = useRef<{ data: typeof data; page: number; q: string }>({ data, page: state.page, q: state.q });
  // An answer is taken as this page's only when it was asked with this page's variables: while the next page's
  // cursor is worked out, or its request has yet to start, the hook still holds the previous page's answer.
  const answersThisPage = start.state === "ready" && answeredWith(operation, variables);
  if (data && answersThisPage) shown.current = { data, page: state.page, q: state.q };
  const waiting = start.state === "loading" || (start.state === "ready" && !answersThisPage && !error);
  const listings = shown.current.data?.listings;

  // The facets, asked beside the page (not with it): the same search and filter, whatever the order and page.
  const facetVariables = { search: vars.search, filter: vars.filter };
  const [facetResult, reexecuteFacets] = useQuery({
    query: SearchFacets,
    variables: facetVariables,
    requestPolicy: "cache-and-network",
  });
  const facetsAnswerThis = answeredWith(facetResult.operation, facetVariables);
  const shownFacets = useRef(facetResult.data);
  if (facetResult.data && facetsAnswerThis) shownFacets.current = facetResult.data;
  const facetsWaiting = facetResult.fetching || (!facetsAnswerThis && !facetResult.error);

  const toggle = (field: FilterField, value: string) => go(toggled(state, field, value));
  const pick = (s: Suggestion) => {
    cancelTyped();
    typing.current = false;
    if (s.kind === "LISTING") return location.route(`/listings/${encodeURIComponent(s.slug)}`);
    const field: FilterField = s.kind === "CAPABILITY" ? "capabilities" : "organisations";
    setText("");
    const base = { ...state, q: "", page: 1 };
    go(base.filters[field].includes(s.slug) ? base : toggled(base, field, s.slug));
  };

  const panels: FacetPanel[] = useMemo(() => {
    const f = shownFacets.current?.listings.facets;
    if (!f) return [];
    const plain = (values: { value: string; label: string; count: number }[]): FacetOption[] => values;
    // Groups have no count of their own: offered while some country in them could give results.
    const anyCountry = f.jurisdictions.some((j) => j.count > 0);
    const groups: FacetOption[] = (anyCountry ? (shownFacets.current?.groups ?? []) : []).map((g) => ({
      value: g.code,
      label: g.name,
      count: null,
    }));
    return [
      { field: "capabilities", title: FIELD_TITLES.capabilities, options: f.capabilities, tree: true },
      { field: "mediaTypes", title: FIELD_TITLES.mediaTypes, options: plain(f.mediaTypes) },
      { field: "eligibleFor", title: FIELD_TITLES.eligibleFor, options: plain(f.eligibility) },
      { field: "licenseModels", title: FIELD_TITLES.licenseModels, options: plain(f.licenseModels) },
      { field: "kinds", title: FIELD_TITLES.kinds, options: plain(f.kinds) },
      { field: "deployment", title: FIELD_TITLES.deployment, options: plain(f.deployment) },
      { field: "organisationTypes", title: FIELD_TITLES.organisationTypes, options: plain(f.organisationTypes) },
      {
        field: "jurisdictions",
        title: FIELD_TITLES.jurisdictions,
        options: [...groups, ...plain(f.jurisdictions)],
        initial: 12,
      },
    ];
  }, [shownFacets.current?.listings.facets]);

  const organisationNames = useOrganisationNames(state.filters.organisations);
  const comparingNames = useListingNames(state.compare);
  const chips: Chip[] = FILTER_FIELDS.flatMap((field) =>
    state.filters[field].map((value) => ({
      field,
      value,
      fieldLabel: FIELD_TITLES[field],
      label:
        (field === "organisations" ? organisationNames[value] : undefined) ??
        panels.find((p) => p.field === field)?.options.find((o) => o.value === value)?.label ??
        value,
    })),
  );
  const clear = () => go({ ...state, filters: parseState("").filters, page: 1 });

  const problem = start.state === "failed" ? start.error : (error ?? facetResult.error);
  const retry = () => {
    reexecute({ requestPolicy: "network-only" });
    reexecuteFacets({ requestPolicy: "network-only" });
  };
  const edges = listings?.edges ?? [];
  const first = (shown.current.page - 1) * PAGE_SIZE + 1;

  return (
    <div class="search-page">
      <h1 class="visually-hidden">Search the inventory</h1>
      <SearchBox
        text={text}
        onType={setText}
        onSubmit={(t) => {
          cancelTyped();
          typing.current = false;
          go({ ...state, q: t, page: 1 }, text !== state.q ? false : true);
        }}
        onPick={pick}
      />
      <Chips chips={chips} onRemove={toggle} onClear={clear} />
      <SaveSearch state={state} />
      {state.compare.length ? (
        <section class="compare-tray" aria-labelledby="compare-tray-heading">
          <h2 id="compare-tray-heading">Comparison</h2>
          <p>
            {state.compare.length} chosen: {state.compare.map((slug) => comparingNames[slug] ?? slug).join(", ")}.{" "}
            {state.compare.length < 2 ? "Choose at least one more." : ""}
          </p>
          {state.compare.length >= 2 ? (
            <a class="button" href={compareHref(state.compare)}>
              Compare {state.compare.length} listings
            </a>
          ) : null}{" "}
          <button type="button" class="button link" onClick={() => go({ ...state, compare: [] }, true)}>
            Clear the comparison
          </button>
        </section>
      ) : null}
      <div class="search-layout">
        <aside class="facet-column" aria-label="Filters" aria-busy={facetsWaiting ? "true" : "false"}>
          {panels.length && !problem ? <Facets panels={panels} state={state} onToggle={toggle} /> : null}
        </aside>
        <section
          class="results-column"
          aria-labelledby="results-heading"
          aria-busy={fetching || waiting ? "true" : "false"}
        >
          <h2 id="results-heading" class="results-heading">
            Results
          </h2>
          <ProblemNotice error={problem} retry={retry} />
          <div class="results-bar">
            <div class="results-summary" role="status">
              {listings && !problem ? (
                <p>
                  {listings.totalCount === 0
                    ? "No listings match."
                    : `${listings.totalCount} listing${listings.totalCount === 1 ? "" : "s"}${shown.current.q ? ` for “${shown.current.q}”` : ""}`}
                </p>
              ) : null}
            </div>
            {listings && listings.totalCount > 1 && !problem ? (
              <p class="order">
                <label for="order">Sort by</label>{" "}
                <select
                  id="order"
                  value={state.order ?? (shown.current.q ? "RELEVANCE" : "NAME")}
                  onChange={(e) => go({ ...state, order: e.currentTarget.value as ListingOrder, page: 1 })}
                >
                  {shown.current.q ? <option value="RELEVANCE">Best match</option> : null}
                  <option value="NAME">Name</option>
                  <option value="LAST_VERIFIED">Last verified</option>
                </select>
              </p>
            ) : null}
          </div>
          {listings?.didYouMean ? (
            <p class="did-you-mean">
              Did you mean{" "}
              <a href={`/${stateQuery({ ...state, q: listings.didYouMean, page: 1 })}`}>{listings.didYouMean}</a>?
            </p>
          ) : null}
          {start.state === "past-end" || (listings && listings.totalCount > 0 && edges.length === 0) ? (
            <p>
              This page is past the last one. <a href={`/${stateQuery({ ...state, page: 1 })}`}>Go to the first page</a>
              .
            </p>
          ) : null}
          {listings && listings.totalCount === 0 && !problem ? (
            <div class="empty">
              <p>
                Nothing in the inventory matches {state.q ? "these words" : "this search"}
                {chips.length ? " with these filters" : ""}.
              </p>
              <ul>
                {chips.length ? <li>Remove a filter above, or clear them all.</li> : null}
                {state.q ? <li>Try fewer or more general words, or a capability such as “hash matching”.</li> : null}
                <li>Some listings are shown only to signed-in members or to law enforcement.</li>
              </ul>
            </div>
          ) : null}
          {edges.length && !problem ? (
            <Results
              edges={edges}
              first={first}
              comparing={{ slugs: state.compare, toggle: (slug) => go(compareToggled(state, slug), true) }}
            />
          ) : null}
          {listings && !problem ? (
            <Pager state={state} total={listings.totalCount} hasNext={listings.pageInfo.hasNextPage} />
          ) : null}
        </section>
      </div>
    </div>
  );
}
