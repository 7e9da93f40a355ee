import { useQuery } from "@urql/preact";
import { useRoute } from "preact-iso";
import { ProblemNotice } from "../../components/Problem";
import { useTitle } from "../../components/useTitle";
import { percent } from "./GapsPage";
import { useNames, scopeInWords } from "./names";
import { ReportsNav } from "./ReportsNav";
import { SavedGate } from "./SaveReport";
import { SAVED_DATE, saverOf } from "./SavedReportsPage";
import { SavedReport as SavedReportQuery } from "./savedQueries";
import { scopeOfParameters, scopeQuery } from "./scope";

/** A file name for a saved report's JSON: its name in plain letters. */
const fileName = (name: string) =>
  `${
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "") || "saved-report"
  }.json`;

/** Hands the browser a text as a file to save, without a request: the body is already on the page. */
function download(text: string, name: string) {
  const url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A saved duplication report's figures, read from its JSON body (the API gives a gap report's as fields). */
function duplicationFigures(body: string): [string, string][] {
  try {
    const r = JSON.parse(body) as {
      clusters?: unknown[];
      clusteredListingCount?: number;
      incompleteClusteredListingCount?: number;
      likelyDuplicates?: unknown[];
    };
    return [
      ["Clusters of overlapping listings", String(r.clusters?.length ?? "—")],
      ["Listings in clusters", String(r.clusteredListingCount ?? "—")],
      ["Of them with media types or owner not stated", String(r.incompleteClusteredListingCount ?? "—")],
      ["Likely duplicates", String(r.likelyDuplicates?.length ?? "—")],
    ];
  } catch {
    return [];
  }
}

/** One saved report: who saved it and when, its figures, its scope in words, and ways on from it. */
export function SavedReportPage() {
  return (
    <SavedGate title="Saved report">
      <SavedReport />
    </SavedGate>
  );
}

function SavedReport() {
  const { params } = useRoute();
  const id = params.id ?? "";
  const [{ data, error }, retry] = useQuery({ query: SavedReportQuery, variables: { id } });
  const names = useNames();
  const report = data?.savedReport;
  useTitle(report ? `${report.name} — Saved report` : "Saved report");
  const malformed = error?.graphQLErrors.some((e) => e.extensions?.code === "BAD_USER_INPUT");
  if ((data && !report) || malformed)
    return (
      <div class="page reports narrow">
        <h1>No such saved report</h1>
        <ReportsNav current="/gaps/saved" />
        <p>
          There is no saved report with this id. <a href="/gaps/saved">The saved reports</a> lists every one.
        </p>
      </div>
    );
  const scope = report ? scopeOfParameters(report.input) : null;
  return (
    <div class="page reports">
      <h1>{report ? report.name : "Saved report"}</h1>
      <ReportsNav current="/gaps/saved" />
      <ProblemNotice error={error} retry={() => retry({ requestPolicy: "network-only" })} />
      {report && scope ? (
        <>
          <p class="lede">
            Saved by {saverOf(report.createdBy)} on{" "}
            <time dateTime={String(report.createdAt)}>{SAVED_DATE.format(new Date(String(report.createdAt)))}</time>, on
            catalogue revision <code class="revision">{report.catalogueRevision}</code>.
          </p>
          <section aria-labelledby="figures-heading">
            <h2 id="figures-heading">Figures</h2>
            {report.kind === "GAP" ? (
              <dl class="coverage-figures">
                <div>
                  <dt>Coverage</dt>
                  <dd>{report.coverage == null ? "—" : percent(report.coverage)}</dd>
                </div>
                <div>
                  <dt>Possible coverage</dt>
                  <dd>{report.possibleCoverage == null ? "not recorded" : percent(report.possibleCoverage)}</dd>
                </div>
                <div>
                  <dt>Gaps</dt>
                  <dd>{report.gapCount}</dd>
                </div>
                <div>
                  <dt>Single points of failure</dt>
                  <dd>{report.singlePointOfFailureCount}</dd>
                </div>
              </dl>
            ) : (
              <dl class="coverage-figures">
                {duplicationFigures(report.body).map(([term, value]) => (
                  <div key={term}>
                    <dt>{term}</dt>
                    <dd>{value}</dd>
                  </div>
                ))}
              </dl>
            )}
          </section>
          <section aria-labelledby="scope-heading">
            <h2 id="scope-heading">Scope it was computed with</h2>
            <dl class="scope-words">
              {scopeInWords(scope, names, false, report.kind === "GAP").map(([term, value]) => (
                <div key={term}>
                  <dt>{term}</dt>
                  <dd>{value}</dd>
                </div>
              ))}
            </dl>
          </section>
          <section aria-labelledby="next-heading">
            <h2 id="next-heading">From here</h2>
            <ul class="exports">
              {report.kind === "GAP" ? (
                <>
                  <li>
                    <a href={`/gaps${scopeQuery(scope)}`}>Open the live heatmap with this scope</a>
                  </li>
                  <li>
                    <a href={`/gaps/saved/compare?earlier=${encodeURIComponent(report.id)}`}>
                      Compare with a later saved report
                    </a>
                  </li>
                </>
              ) : (
                <li>
                  <a href={`/duplication${scopeQuery(scope, false)}`}>
                    Open the live duplication report with this scope
                  </a>
                </li>
              )}
              <li>
                <button
                  type="button"
                  class="button secondary"
                  onClick={() => download(report.body, fileName(report.name))}
                >
                  Download as JSON
                </button>
              </li>
            </ul>
          </section>
        </>
      ) : null}
    </div>
  );
}
