import { useMutation, useQuery } from "@urql/preact";
import { useState } from "preact/hooks";
import { graphql } from "../../graphql";
import type { ListingOrder, SavedSearchesQuery } from "../../graphql/graphql";
import { Notice } from "../../components/Notice";
import { ProblemNotice } from "../../components/Problem";
import { SignInFirst } from "../../components/SignInFirst";
import { useTitle } from "../../components/useTitle";
import {
  DEPLOYMENT_LABELS,
  ELIGIBILITY_LABELS,
  KIND_LABELS,
  LICENSE_LABELS,
  MEDIA_LABELS,
} from "../../components/labels";
import { useSession } from "../../session/session";
import { FIELD_TITLES } from "../search/SearchPage";
import { FILTER_FIELDS, FilterField, parseState, SearchState, stateQuery } from "../search/url-state";
import { useAction } from "./action";
import { ActionMessage, NameForm } from "./NameForm";

const SavedSearchesQueryDoc = graphql(`
  query SavedSearches {
    savedSearches {
      id
      name
      search
      filter
      orderBy
      createdAt
      lastSeenAt
      newCount
      newSinceLastSeen {
        id
        slug
        name
      }
    }
  }
`);

const SavedSearchChange = graphql(`
  fragment SavedSearchChange on SavedSearchPayload {
    savedSearch {
      id
      name
      lastSeenAt
      newCount
    }
    userErrors {
      message
    }
  }
`);
void SavedSearchChange;

const MarkSeen = graphql(`
  mutation MarkSavedSearchSeen($id: ID!) {
    markSavedSearchSeen(id: $id) {
      ...SavedSearchChange
    }
  }
`);

const Rename = graphql(`
  mutation RenameSavedSearch($id: ID!, $name: String!) {
    renameSavedSearch(id: $id, name: $name) {
      ...SavedSearchChange
    }
  }
`);

const Delete = graphql(`
  mutation DeleteSavedSearch($id: ID!) {
    deleteSavedSearch(id: $id) {
      ...SavedSearchChange
    }
  }
`);

type Saved = SavedSearchesQuery["savedSearches"][number];

const VALUE_LABELS: Partial<Record<FilterField, Record<string, string>>> = {
  mediaTypes: MEDIA_LABELS,
  eligibleFor: ELIGIBILITY_LABELS,
  licenseModels: LICENSE_LABELS,
  deployment: DEPLOYMENT_LABELS,
  kinds: KIND_LABELS,
};

/** The search page's state for a saved search: its text, the filters the search page offers, its order. */
export function savedState(s: Pick<Saved, "search" | "filter" | "orderBy">): SearchState {
  const state = parseState("");
  const filter = (s.filter ?? {}) as Record<string, unknown>;
  for (const field of FILTER_FIELDS) {
    const v = filter[field];
    if (Array.isArray(v)) state.filters[field] = v.filter((x): x is string => typeof x === "string");
  }
  return { ...state, q: s.search ?? "", order: (s.orderBy as ListingOrder | null) ?? null };
}

const DATE = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short" });

function describe(s: Saved): string {
  const state = savedState(s);
  const parts = state.q ? [`Words: “${state.q}”`] : ["Every listing"];
  for (const field of FILTER_FIELDS) {
    if (!state.filters[field].length) continue;
    const labels = state.filters[field].map((v) => VALUE_LABELS[field]?.[v] ?? v);
    parts.push(`${FIELD_TITLES[field]}: ${labels.join(" or ")}`);
  }
  return parts.join(" · ");
}

function SavedSearchItem({ s }: { s: Saved }) {
  const [, markSeen] = useMutation(MarkSeen);
  const [, rename] = useMutation(Rename);
  const [, remove] = useMutation(Delete);
  const action = useAction();
  const [renaming, setRenaming] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const headingId = `saved-${s.id}`;
  const open = `/${stateQuery(savedState(s))}`;
  return (
    <li>
      <article class="saved-search" aria-labelledby={headingId}>
        <h2 id={headingId}>{s.name}</h2>
        <p class="meta">{describe(s)}</p>
        {s.newCount ? (
          <section class="new-since" aria-label={`New since last seen: ${s.name}`}>
            <p>
              <strong>{s.newCount} new since you last looked</strong> ({DATE.format(new Date(s.lastSeenAt))}):
            </p>
            <ul>
              {s.newSinceLastSeen.map((l) => (
                <li key={l.id}>
                  <a href={`/listings/${encodeURIComponent(l.slug)}`}>{l.name}</a>
                </li>
              ))}
            </ul>
          </section>
        ) : (
          <p>Nothing new since you last looked ({DATE.format(new Date(s.lastSeenAt))}).</p>
        )}
        <div class="actions">
          <a class="button" href={open}>
            Open<span class="visually-hidden"> {s.name}</span>
          </a>
          {s.newCount ? (
            <button
              type="button"
              class="button secondary"
              disabled={action.busy}
              onClick={() =>
                void action.run(
                  () => markSeen({ id: s.id }),
                  (d) => d.markSavedSearchSeen,
                )
              }
            >
              Mark seen<span class="visually-hidden"> {s.name}</span>
            </button>
          ) : null}
          <button
            type="button"
            class="button secondary"
            aria-expanded={renaming}
            onClick={() => setRenaming(!renaming)}
          >
            Rename<span class="visually-hidden"> {s.name}</span>
          </button>
          {confirming ? (
            <>
              <button
                type="button"
                class="button danger"
                disabled={action.busy}
                onClick={() =>
                  void action.run(
                    () => remove({ id: s.id }),
                    (d) => d.deleteSavedSearch,
                  )
                }
              >
                Delete “{s.name}” for good
              </button>
              <button type="button" class="button secondary" onClick={() => setConfirming(false)}>
                Keep it
              </button>
            </>
          ) : (
            <button type="button" class="button secondary" onClick={() => setConfirming(true)}>
              Delete<span class="visually-hidden"> {s.name}</span>
            </button>
          )}
        </div>
        {renaming ? (
          <NameForm
            id={`${headingId}-name`}
            label="New name"
            submit="Save name"
            initial={s.name}
            busy={action.busy}
            onSave={(name) =>
              action
                .run(
                  () => rename({ id: s.id, name }),
                  (d) => d.renameSavedSearch,
                )
                .then((ok) => (ok && setRenaming(false), ok))
            }
          />
        ) : null}
        <ActionMessage message={action.message} />
      </article>
    </li>
  );
}

/** The signed-in person's saved searches, each with what it matches now that is new since they last looked. */
export function SavedSearchesPage() {
  const { viewer, known } = useSession();
  useTitle("Saved searches");
  const [{ data, error }, reexecute] = useQuery({
    query: SavedSearchesQueryDoc,
    pause: !viewer,
    requestPolicy: "cache-and-network",
  });
  if (known && !viewer)
    return <SignInFirst title="Saved searches" what="Saved searches belong to a signed-in person." />;
  const list = data?.savedSearches;
  return (
    <div class="page workspace">
      <h1>Saved searches</h1>
      <ProblemNotice error={error} retry={() => reexecute({ requestPolicy: "network-only" })} />
      {list && !list.length ? (
        <Notice tone="info" title="No saved searches yet">
          <p>
            Search the inventory, then choose “Save this search” above the results. <a href="/">Search now</a>.
          </p>
        </Notice>
      ) : null}
      {list?.length ? (
        <>
          <p>
            {list.length} saved search{list.length === 1 ? "" : "es"}
            {list.some((s) => s.newCount) ? `, ${list.filter((s) => s.newCount).length} with something new` : ""}.
          </p>
          <ul class="saved-searches">
            {list.map((s) => (
              <SavedSearchItem key={s.id} s={s} />
            ))}
          </ul>
        </>
      ) : null}
      {!data && !error ? <div aria-busy="true" /> : null}
    </div>
  );
}
