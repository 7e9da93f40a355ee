import { useQuery } from "@urql/preact";
import { useMemo } from "preact/hooks";
import { ProblemNotice } from "../../components/Problem";
import { percent, useSearch } from "./GapsPage";
import { ReportsNav } from "./ReportsNav";
import { SavedGate } from "./SaveReport";
import { SavedGapReports } from "./savedQueries";

export const SAVED_DATE = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short" });
const PAGE_SIZE = 20;

/** Who saved a report, as a person reads it. */
export const saverOf = (u: { name?: string | null; email: string } | null | undefined) =>
  u ? (u.name ?? u.email) : "The system";

/** The saved gap reports, newest first, a page at a time (the URL holds the page's cursor, `after`). */
export function SavedReportsPage() {
  return (
    <SavedGate title="Saved reports">
      <SavedReports />
    </SavedGate>
  );
}

function SavedReports() {
  const search = useSearch();
  const after = useMemo(() => new URLSearchParams(search).get("after") || null, [search]);
  const [{ data, error, fetching }, retry] = useQuery({
    query: SavedGapReports,
    variables: { first: PAGE_SIZE, after },
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
        Gap reports kept as they were computed, with their scope and the catalogue revision they saw, newest first. Save
        one from the <a href="/gaps">gap heatmap</a>; <a href="/gaps/saved/compare">compare two</a> to see which gaps
        closed and opened between them.
      </p>
      <ProblemNotice error={error} retry={() => retry({ requestPolicy: "network-only" })} />
      <section aria-labelledby="saved-heading" aria-busy={fetching ? "true" : "false"}>
        <h2 id="saved-heading">
          {page ? `${page.totalCount} saved gap report${page.totalCount === 1 ? "" : "s"}` : "Saved gap reports"}
        </h2>
        {page && reports.length === 0 ? (
          <div class="empty">
            <p>{after ? "No more saved reports." : "No gap report has been saved yet."}</p>
            {after ? (
              <a href="/gaps/saved">Back to the newest</a>
            ) : (
              <span>Choose a scope on the gap heatmap and save it there.</span>
            )}
          </div>
        ) : null}
        {reports.length ? (
          <div class="table-scroll">
            <table class="report-table saved-reports">
              <thead>
                <tr>
                  <th scope="col">Name</th>
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
                      {r.gapCount}
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
            {after ? <a href="/gaps/saved">← Newest</a> : <span />}
            {page?.pageInfo.hasNextPage && page.pageInfo.endCursor ? (
              <a href={`/gaps/saved?after=${encodeURIComponent(page.pageInfo.endCursor)}`} rel="next">
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
