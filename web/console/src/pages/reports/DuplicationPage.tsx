import { useQuery } from "@urql/preact";
import { useLocation } from "preact-iso";
import { useMemo } from "preact/hooks";
import { MEDIA_LABELS } from "../../components/labels";
import { useTitle } from "../../components/useTitle";
import { useSearch } from "./GapsPage";
import { ListingList } from "./ListingList";
import { Duplication } from "./queries";
import { ReportsNav } from "./ReportsNav";
import { duplicationInput, parseScope, type ReportScope, scopeLists, scopeQuery } from "./scope";
import { SaveReport } from "./SaveReport";
import { ScopeForm, ScopeProblem, scopeErrors } from "./ScopeForm";

/** Where effort is duplicated: clusters of listings that do much the same, and likely duplicate entries. */
export function DuplicationPage() {
  const location = useLocation();
  const search = useSearch();
  const scope = useMemo(() => parseScope(search), [search]);
  useTitle("Duplication");
  const [{ data, error, fetching }, retry] = useQuery({
    query: Duplication,
    variables: { input: duplicationInput(scope) },
  });
  const report = data?.duplicationReport;
  const go = (next: ReportScope) => location.route(`/duplication${scopeQuery(next, false)}`);
  return (
    <div class="page reports">
      <h1>Duplication</h1>
      <ReportsNav current="/duplication" scope={scope} />
      <p class="lede">
        Listings whose capabilities and media types largely overlap (clusters), and entries under different names that
        are probably one and the same.
      </p>
      <ScopeForm
        key={scopeQuery(scope, false)}
        scope={scope}
        onApply={go}
        errors={scopeErrors(error).fields}
        gapFields={false}
      />
      <ScopeProblem error={error} retry={() => retry({ requestPolicy: "network-only" })} />
      <section aria-labelledby="clusters-heading" aria-busy={fetching ? "true" : "false"}>
        <h2 id="clusters-heading">Clusters of overlapping listings</h2>
        {report ? (
          <p>
            {report.clusters.length} cluster{report.clusters.length === 1 ? "" : "s"}, {report.clusteredListingCount}{" "}
            listings; {report.incompleteClusteredListingCount} of them with media types or owner not stated.{" "}
            <a href={`/reports/duplication.csv${duplicationExport(scope)}`} download>
              Download CSV
            </a>{" "}
            <a href={`/reports/duplication.json${duplicationExport(scope)}`} download>
              Download JSON
            </a>
          </p>
        ) : null}
        <ol class="clusters">
          {report?.clusters.map((c, i) => (
            <li key={i} class="cluster">
              <h3>
                Cluster {i + 1}: {c.listings.length} listings, similarity at least {Math.round(c.similarity * 100)}%
              </h3>
              <p>
                Shared: {c.sharedCapabilities.map((s) => s.name).join(", ") || "no capability"}
                {c.sharedMediaTypes.length ? `; ${c.sharedMediaTypes.map((m) => MEDIA_LABELS[m]).join(", ")}` : ""}
                {c.incompleteListingCount ? `. ${c.incompleteListingCount} with unknowns.` : "."}
              </p>
              <ListingList listings={c.listings} empty="None." />
            </li>
          ))}
        </ol>
      </section>
      <section aria-labelledby="duplicates-heading">
        <h2 id="duplicates-heading">Likely duplicates</h2>
        {report && !report.likelyDuplicates.length ? <p>None in this scope.</p> : null}
        <ol class="clusters">
          {report?.likelyDuplicates.map((d, i) => (
            <li key={i} class="cluster">
              <h3>
                {d.kind === "EXACT" ? "Same name" : "Nearly the same name"}: “{d.keys.join("”, “")}”
              </h3>
              <ListingList listings={d.listings} empty="None." />
            </li>
          ))}
        </ol>
      </section>
      {report ? <SaveReport scope={scope} kind="DUPLICATION" /> : null}
    </div>
  );
}

function duplicationExport(s: ReportScope): string {
  const p = new URLSearchParams();
  for (const [field, values] of Object.entries(scopeLists(s))) p.set(field, values.join(","));
  const text = p.toString();
  return text ? `?${text}` : "";
}
