import { useQuery } from "@urql/preact";
import { useLocation } from "preact-iso";
import { useMemo } from "preact/hooks";
import { graphql } from "../../graphql";
import type { CompareListingsQuery } from "../../graphql/graphql";
import { Notice } from "../../components/Notice";
import { ProblemNotice } from "../../components/Problem";
import { useTitle } from "../../components/useTitle";
import { problemOf } from "../../client";
import { AddToShortlist } from "../workspace/AddToShortlist";
import { COMPARE_MAX, compareHref } from "../search/url-state";

const CompareListings = graphql(`
  query CompareListings($slugs: [String!]!) {
    compareListings(slugs: $slugs) {
      differenceCount
      listings {
        id
        slug
        name
        organisation {
          name
        }
      }
      rows {
        field
        label
        same
        cells {
          labels
        }
      }
    }
  }
`);

type Row = CompareListingsQuery["compareListings"]["rows"][number];

/** The slugs in `?l=…&l=…`, each once, in the order given. */
export function comparedSlugs(search: string): string[] {
  return [...new Set(new URLSearchParams(search).getAll("l").filter((v) => v !== ""))];
}

function Cell({ labels }: { labels: string[] }) {
  if (!labels.length) return <span class="not-stated">Not stated</span>;
  if (labels.length === 1) return <>{labels[0]}</>;
  return (
    <ul class="cell-list">
      {labels.map((l, i) => (
        <li key={i}>{l}</li>
      ))}
    </ul>
  );
}

/** The API names a refused slug by its place (`slugs[1]: …`); a person reads it by its slug. */
function named(message: string, slugs: string[]): string {
  return message.replace(/slugs\[(\d+)\]/g, (whole, i: string) => {
    const slug = slugs[Number(i)];
    return slug === undefined ? whole : `“${slug}”`;
  });
}

/** What was chosen, each with a way to take it out: shown when the comparison cannot be made as it stands. */
function Selection({ slugs }: { slugs: string[] }) {
  if (!slugs.length) return null;
  return (
    <ul class="compare-selection" aria-label="Listings chosen">
      {slugs.map((slug) => (
        <li key={slug}>
          <code>{slug}</code>{" "}
          <a href={compareHref(slugs.filter((s) => s !== slug))}>
            Remove<span class="visually-hidden"> {slug}</span>
          </a>
        </li>
      ))}
    </ul>
  );
}

/**
 * Two to six listings side by side, field by field, as `compareListings`
 * sets them out. A row whose cells differ is marked in words ("Differs")
 * as well as by its colour; "only differences" hides the rows that agree.
 * Everything follows from the URL: `/compare?l=a&l=b[&only=differences]`.
 */
export function ComparePage() {
  const location = useLocation();
  const search = location.url.includes("?") ? location.url.slice(location.url.indexOf("?")) : "";
  const slugs = useMemo(() => comparedSlugs(search), [search]);
  const onlyDifferences = new URLSearchParams(search).get("only") === "differences";
  const allowed = slugs.length >= 2 && slugs.length <= COMPARE_MAX;
  const [{ data, error, fetching }, reexecute] = useQuery({
    query: CompareListings,
    variables: { slugs },
    pause: !allowed,
  });
  const comparison = data?.compareListings;
  useTitle(comparison ? `Compare ${comparison.listings.map((l) => l.name).join(", ")}` : "Compare listings");
  const addMore = `/?${slugs.map((s) => `compare=${encodeURIComponent(s)}`).join("&")}`;
  const back = (
    <p class="back">
      <a href={addMore}>← Back to the search{slugs.length < COMPARE_MAX ? " to add listings" : ""}</a>
    </p>
  );

  if (!allowed) {
    return (
      <div class="page compare">
        {back}
        <h1>Compare listings</h1>
        <Notice tone="warning" title={slugs.length < 2 ? "Choose at least two listings" : "At most six listings"}>
          <p>
            {slugs.length < 2
              ? `A comparison needs two to six listings; ${slugs.length === 0 ? "none is" : "one is"} chosen. Choose “Compare” on search results, or “Compare with other listings” on a listing’s page.`
              : `A comparison holds two to six listings; ${slugs.length} are chosen. Remove ${slugs.length - COMPARE_MAX} of them, or `}
            {slugs.length > COMPARE_MAX ? (
              <a href={compareHref(slugs.slice(0, COMPARE_MAX))}>compare the first six</a>
            ) : null}
            {slugs.length > COMPARE_MAX ? "." : null}
          </p>
        </Notice>
        <Selection slugs={slugs} />
      </div>
    );
  }

  const refused = error?.graphQLErrors.find((e) => e.extensions?.code === "BAD_USER_INPUT");
  if (error && !data) {
    return (
      <div class="page compare">
        {back}
        <h1>Compare listings</h1>
        {refused || problemOf(error)?.kind === "other" ? (
          <>
            <Notice tone="error" title="These listings cannot be compared">
              <p>
                {named(refused?.message ?? error.message, slugs)}. A listing may have been withdrawn, or be shown only
                to signed-in members or to law enforcement. Remove it to compare the rest.
              </p>
            </Notice>
            <Selection slugs={slugs} />
          </>
        ) : (
          <ProblemNotice error={error} retry={() => reexecute({ requestPolicy: "network-only" })} />
        )}
      </div>
    );
  }
  if (!comparison) return <div class="page compare" aria-busy={fetching ? "true" : "false"} />;

  const rows: Row[] = onlyDifferences ? comparison.rows.filter((r) => !r.same) : comparison.rows;
  const toggleHref = `${compareHref(slugs)}${onlyDifferences ? "" : "&only=differences"}`;
  return (
    <div class="page compare">
      {back}
      <h1>Compare listings</h1>
      <div class="compare-bar">
        <p role="status">
          {comparison.listings.length} listings: {comparison.differenceCount} of {comparison.rows.length} rows differ.
        </p>
        <p>
          <a href={toggleHref}>{onlyDifferences ? "Show every row" : "Show only the rows that differ"}</a>
        </p>
      </div>
      <div class="table-scroll" role="region" aria-labelledby="compare-caption" tabIndex={0}>
        <table class="compare-table">
          <caption id="compare-caption" class="visually-hidden">
            {comparison.listings.map((l) => l.name).join(", ")}, field by field
            {onlyDifferences ? " (only the rows that differ)" : ""}
          </caption>
          <thead>
            <tr>
              <th scope="col">Field</th>
              {comparison.listings.map((l) => (
                <th scope="col" key={l.slug}>
                  <a href={`/listings/${encodeURIComponent(l.slug)}`}>{l.name}</a>
                  {l.organisation ? <span class="compare-org">{l.organisation.name}</span> : null}
                  <span class="compare-actions">
                    <a href={compareHref(slugs.filter((s) => s !== l.slug))}>
                      Remove<span class="visually-hidden"> {l.name} from the comparison</span>
                    </a>
                    <AddToShortlist slug={l.slug} name={l.name} compact />
                  </span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.label} class={r.same ? "row-same" : "row-differs"}>
                <th scope="row">
                  {r.label}
                  {r.same ? null : <span class="differs-mark">Differs</span>}
                </th>
                {r.cells.map((c, i) => (
                  <td key={i}>
                    <Cell labels={c.labels} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.length === 0 ? <p>Every row is the same for these listings.</p> : null}
    </div>
  );
}
