import { useQuery } from "@urql/preact";
import { useLocation } from "preact-iso";
import { useMemo } from "preact/hooks";
import { ProblemNotice } from "../../components/Problem";
import { useTitle } from "../../components/useTitle";
import { ListingList } from "./ListingList";
import { Heatmap, KIND_TEXT, kindOf, Legend } from "./Heatmap";
import { GapCellListings, GapHeatmap } from "./queries";
import { ReportsNav } from "./ReportsNav";
import { cellInput, exportQuery, gapInput, parseScope, type ReportScope, scopeQuery } from "./scope";
import { SaveReport } from "./SaveReport";
import { ScopeForm, ScopeProblem, scopeErrors } from "./ScopeForm";

export const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

/** The URL's query string, from preact-iso's location. */
export function useSearch(): string {
  const { url } = useLocation();
  return url.includes("?") ? url.slice(url.indexOf("?")) : "";
}

/** The chosen cell: its standing in words, its listings and their organisations, and the listings whose standing there is unknown. */
function CellDetail({
  scope,
  capability,
  jurisdiction,
}: {
  scope: ReportScope;
  capability: string;
  jurisdiction: string;
}) {
  const [{ data, error }, retry] = useQuery({
    query: GapCellListings,
    variables: { input: cellInput(scope, capability, jurisdiction) },
  });
  const cell = data?.gapReport.cells[0];
  return (
    <section class="cell-detail" aria-labelledby="cell-heading" aria-busy={!data && !error ? "true" : "false"}>
      <h2 id="cell-heading">{cell ? `${cell.capability.name} in ${cell.jurisdiction.name}` : "The chosen cell"}</h2>
      <ProblemNotice error={error} retry={() => retry({ requestPolicy: "network-only" })} />
      {cell ? (
        <>
          <p class={`cell-state cell-state-${kindOf(cell)}`}>
            <strong>{KIND_TEXT[kindOf(cell)]}</strong>: {cell.listingCount} listing{cell.listingCount === 1 ? "" : "s"}{" "}
            known from {cell.organisationCount} organisation{cell.organisationCount === 1 ? "" : "s"}
            {cell.unknownCount ? `; ${cell.unknownCount} whose availability here or offers are not stated` : ""}
            {cell.unavailableCount ? `; ${cell.unavailableCount} stated unavailable or restricted here` : ""}.
          </p>
          <h3>Listings known to serve it</h3>
          <ListingList listings={cell.listings} empty="None." />
          <h3>Listings whose standing here is unknown</h3>
          <ListingList listings={cell.unknownListings} empty="None." />
        </>
      ) : null}
    </section>
  );
}

/** The gap heatmap: a scope (in the URL), its capability × country grid, coverage, the chosen cell, and the exports. */
export function GapsPage() {
  const location = useLocation();
  const search = useSearch();
  const scope = useMemo(() => parseScope(search), [search]);
  useTitle("Gap heatmap");
  const [{ data, error, fetching }, retry] = useQuery({ query: GapHeatmap, variables: { input: gapInput(scope) } });
  const report = data?.gapReport;
  const go = (next: ReportScope) => location.route(`/gaps${scopeQuery(next)}`);
  const exports = exportQuery(scope);
  const gapCount = report?.rowCoverage.reduce((n, r) => n + r.gapCount, 0) ?? 0;
  const spofCount = report?.cells.filter((c) => kindOf(c) === "spof").length ?? 0;
  const wrong = scopeErrors(error);
  // A scope the API refused has no heatmap and nothing to download: the form says what to change.
  const refused = Object.keys(wrong.fields).length > 0;
  return (
    <div class="page reports">
      <h1>Gap heatmap</h1>
      <ReportsNav current="/gaps" scope={scope} />
      <p class="lede">
        Where listings exist and where they do not: each cell counts the published listings with a capability in its
        row, available or in use in its country.
      </p>
      <ScopeForm key={scopeQuery(scope, false)} scope={scope} onApply={go} errors={wrong.fields} />
      <ScopeProblem error={error} retry={() => retry({ requestPolicy: "network-only" })} />
      {refused ? null : (
        <section aria-labelledby="heatmap-heading" aria-busy={fetching ? "true" : "false"}>
          <h2 id="heatmap-heading">Capabilities by country</h2>
          {report ? (
            <>
              <dl class="coverage-figures">
                <div>
                  <dt>Coverage</dt>
                  <dd>{percent(report.coverage)}</dd>
                </div>
                <div>
                  <dt>Possible coverage</dt>
                  <dd>{percent(report.possibleCoverage)}</dd>
                </div>
                <div>
                  <dt>Cells</dt>
                  <dd>{report.cells.length}</dd>
                </div>
                <div>
                  <dt>Gaps</dt>
                  <dd>{gapCount}</dd>
                </div>
                <div>
                  <dt>Single points of failure</dt>
                  <dd>{spofCount}</dd>
                </div>
              </dl>
              <Legend />
              <p class="hint" id="heatmap-keys">
                Arrow keys move between cells; Enter shows a cell's listings. Catalogue revision{" "}
                <code>{report.catalogueRevision}</code>.
              </p>
              <Heatmap
                report={report}
                selected={scope.cell}
                onChoose={(ri, ci) =>
                  location.route(
                    `/gaps${scopeQuery({ ...scope, cell: { capability: report.rows[ri].slug, jurisdiction: report.columns[ci].code } })}`,
                  )
                }
              />
            </>
          ) : null}
        </section>
      )}
      {scope.cell ? (
        <CellDetail scope={scope} capability={scope.cell.capability} jurisdiction={scope.cell.jurisdiction} />
      ) : null}
      {report ? <SaveReport scope={scope} kind="GAP" /> : null}
      {refused ? null : (
        <section aria-labelledby="exports-heading">
          <h2 id="exports-heading">Download this report</h2>
          <ul class="exports">
            <li>
              <a href={`/reports/gaps.csv${exports}`} download>
                CSV
              </a>
            </li>
            <li>
              <a href={`/reports/gaps.json${exports}`} download>
                JSON
              </a>
            </li>
            <li>
              <a href={`/reports/gaps.svg${exports}`}>SVG heatmap</a>
            </li>
          </ul>
        </section>
      )}
    </div>
  );
}
