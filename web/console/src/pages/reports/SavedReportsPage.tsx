import { useQuery } from "@urql/preact";
import { useMemo } from "preact/hooks";
import { ProblemNotice } from "../../components/Problem";
import { percent, useSearch } from "./GapsPage";
import { ReportsNav } from "./ReportsNav";
import { SavedGate } from "./SaveReport";
import { SavedReports as SavedReportsQuery } from "./savedQueries";

export const SAVED_DATE = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short" });
const PAGE_SIZE = 20;

/** Who saved a report, as a person reads it. */
export const saverOf = (u: { name?: string | null; email: string } | null | undefined) =>
  u ? (u.name ?? u.email) : "The system";

/** The kinds of saved report as the URL's `kind` names them, and as a person reads them. */
export const KINDS = { gap: "GAP", duplication: "DUPLICATION" } as const;
const KIND_WORDS = { GAP: "gap", DUPLICATION: "duplication" } as const;

/**
 * The saved reports, newest first, a page at a time: all of them, or one
 * kind (the URL holds `kind`, `gap` or `duplication`, and the page's cursor,
 * `after`).
 */
export function SavedReportsPage() {
  return (
    <SavedGate title="Saved reports">
      <SavedReports />
    </SavedGate>
  );
}

function SavedReports() {
  const search = useSearch();
  const params = useMemo(() => new URLSearchParams(search), [search]);
  const after = params.get("after") || null;
  const kindParam = params.get("kind") ?? "";
  const kind = kindParam in KINDS ? KINDS[kindParam as keyof typeof KINDS] : null;
  const listPath = kind ? `/gaps/saved?kind=${kindParam}` : "/gaps/saved";
  const [{ data, error, fetching }, retry] = useQuery({
    query: SavedReportsQuery,
    variables: { first: PAGE_SIZE, after, kind },
    // Asked again on each visit: a report saved meanwhile, by anyone, shows.
    requestPolicy: "cache-and-network",
  });
  const page = data?.savedReports;
  const reports = page?.edges.map((e) => e.node) ?? [];
  return (
    <div class="page reports">
      <h1>Saved reports</h1>
      <ReportsNav current="/gaps/saved" />
      <p class="lede">
        Reports kept as they were computed, with their scope and the catalogue revision they saw, newest first. Save one
        from the <a href="/gaps">gap heatmap</a> or the <a href="/duplication">duplication</a> page;{" "}
        <a href="/gaps/saved/compare">compare two gap reports</a> to see which gaps closed and opened between them.
      </p>
      <nav class="kind-filter" aria-label="Kinds of saved report">
        <ul>
          {(
            [
              ["/gaps/saved", "All", null],
              ["/gaps/saved?kind=gap", "Gap reports", "GAP"],
              ["/gaps/saved?kind=duplication", "Duplication reports", "DUPLICATION"],
            ] as const
          ).map(([href, label, k]) => (
            <li key={href}>
              <a href={href} aria-current={k === kind ? "page" : undefined}>
                {label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <ProblemNotice error={error} retry={() => retry({ requestPolicy: "network-only" })} />
      <section aria-labelledby="saved-heading" aria-busy={fetching ? "true" : "false"}>
        <h2 id="saved-heading">
          {page
            ? `${page.totalCount} saved ${kind ? `${KIND_WORDS[kind]} ` : ""}report${page.totalCount === 1 ? "" : "s"}`
            : "Saved reports"}
        </h2>
        {page && reports.length === 0 ? (
          <div class="empty">
            <p>
              {after ? "No more saved reports." : `No ${kind ? `${KIND_WORDS[kind]} ` : ""}report has been saved yet.`}
            </p>
            {after ? (
              <a href={listPath}>Back to the newest</a>
            ) : (
              <span>Choose a scope on the gap heatmap or the duplication page and save it there.</span>
            )}
          </div>
        ) : null}
        {reports.length ? (
          <div class="table-scroll">
            <table class="report-table saved-reports">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Saved by</th>
                  <th scope="col">Saved</th>
                  <th scope="col">Coverage</th>
                  <th scope="col">Gaps</th>
                  <th scope="col">Catalogue revision</th>
                </tr>
              </thead>
              <tbody>
                {reports.map((r) => (
                  <tr key={r.id}>
                    <th scope="row">
                      <a href={`/gaps/saved/${encodeURIComponent(r.id)}`}>{r.name}</a>
                    </th>
                    <td>
                      <span class="cell-label" aria-hidden="true">
                        Kind{" "}
                      </span>
                      {r.kind === "GAP" ? "Gap" : "Duplication"}
                    </td>
                    <td>
                      <span class="cell-label" aria-hidden="true">
                        Saved by{" "}
                      </span>
                      {saverOf(r.createdBy)}
                    </td>
                    <td>
                      <span class="cell-label" aria-hidden="true">
                        Saved{" "}
                      </span>
                      <time dateTime={String(r.createdAt)}>{SAVED_DATE.format(new Date(String(r.createdAt)))}</time>
                    </td>
                    <td>
                      <span class="cell-label" aria-hidden="true">
                        Coverage{" "}
                      </span>
                      {r.coverage == null ? "—" : percent(r.coverage)}
                    </td>
                    <td>
                      <span class="cell-label" aria-hidden="true">
                        Gaps{" "}
                      </span>
                      {r.kind === "GAP" ? r.gapCount : "—"}
                    </td>
                    <td>
                      <span class="cell-label" aria-hidden="true">
                        Catalogue revision{" "}
                      </span>
                      <code class="revision">{r.catalogueRevision}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        {after || page?.pageInfo.hasNextPage ? (
          <nav class="pager" aria-label="Pages of saved reports">
            {after ? <a href={listPath}>← Newest</a> : <span />}
            {page?.pageInfo.hasNextPage && page.pageInfo.endCursor ? (
              <a href={`${listPath}${kind ? "&" : "?"}after=${encodeURIComponent(page.pageInfo.endCursor)}`} rel="next">
                Older →
              </a>
            ) : (
              <span />
            )}
          </nav>
        ) : null}
      </section>
    </div>
  );
}
