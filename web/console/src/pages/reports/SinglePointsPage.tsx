import { useQuery } from "@urql/preact";
import { useLocation } from "preact-iso";
import { useMemo } from "preact/hooks";
import { useTitle } from "../../components/useTitle";
import { useSearch } from "./GapsPage";
import { SinglePoints } from "./queries";
import { ReportsNav } from "./ReportsNav";
import { gapInput, parseScope, type ReportScope, scopeQuery } from "./scope";
import { ScopeForm, ScopeProblem, scopeErrors } from "./ScopeForm";

/** The cells of a scope whose listings all come from one organisation, grouped by that organisation. */
export function SinglePointsPage() {
  const location = useLocation();
  const search = useSearch();
  const scope = useMemo(() => parseScope(search), [search]);
  useTitle("Single points of failure");
  const [{ data, error, fetching }, retry] = useQuery({ query: SinglePoints, variables: { input: gapInput(scope) } });
  const cells = data?.gapReport.singlePointsOfFailure ?? [];
  const go = (next: ReportScope) => location.route(`/gaps/single-points${scopeQuery(next, false)}`);
  return (
    <div class="page reports">
      <h1>Single points of failure</h1>
      <ReportsNav current="/gaps/single-points" scope={scope} />
      <p class="lede">
        Capabilities in a country that only one organisation provides: if it stops, nothing known replaces it.
      </p>
      <ScopeForm key={scopeQuery(scope, false)} scope={scope} onApply={go} errors={scopeErrors(error).fields} />
      <ScopeProblem error={error} retry={() => retry({ requestPolicy: "network-only" })} />
      <section aria-labelledby="spof-heading" aria-busy={fetching ? "true" : "false"}>
        <h2 id="spof-heading">
          {data
            ? `${cells.length} single point${cells.length === 1 ? "" : "s"} of failure`
            : "Single points of failure"}
        </h2>
        {data && !cells.length ? <p>None in this scope.</p> : null}
        {cells.length ? (
          <div class="table-scroll">
            <table class="report-table">
              <thead>
                <tr>
                  <th scope="col">Capability</th>
                  <th scope="col">Country</th>
                  <th scope="col">Organisation</th>
                  <th scope="col">Listings</th>
                </tr>
              </thead>
              <tbody>
                {cells.map((c) => (
                  <tr key={`${c.capability.slug}~${c.jurisdiction.code}`}>
                    <th scope="row">
                      <a
                        href={`/gaps${scopeQuery({ ...scope, cell: { capability: c.capability.slug, jurisdiction: c.jurisdiction.code } })}`}
                      >
                        {c.capability.name}
                      </a>
                    </th>
                    <td>{c.jurisdiction.name}</td>
                    <td>{c.listings[0]?.organisation?.name ?? "—"}</td>
                    <td>
                      {c.listings.map((l, i) => (
                        <span key={l.slug}>
                          {i ? ", " : ""}
                          <a href={`/listings/${l.slug}`}>{l.name}</a>
                        </span>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
    </div>
  );
}
