import { useQuery } from "@urql/preact";
import { useLocation } from "preact-iso";
import { useMemo, useState } from "preact/hooks";
import { Notice } from "../../components/Notice";
import { ProblemNotice } from "../../components/Problem";
import { percent, useSearch } from "./GapsPage";
import { ANY, type Names, scopeInWords, useNames } from "./names";
import { ReportsNav } from "./ReportsNav";
import { SavedGate } from "./SaveReport";
import { SAVED_DATE } from "./SavedReportsPage";
import { CompareSavedReports, CompareSinglePoints, SavedReports } from "./savedQueries";
import { scopeOfParameters, scopeQuery } from "./scope";

/** How many saved reports the pickers offer: the newest. */
const PICKABLE = 100;

/** A change in coverage in words and signed percentage points, never by colour alone. */
export function coverageChangeText(change: number): string {
  const points = Math.abs(change * 100).toFixed(1);
  if (points === "0.0") return "Coverage did not change (±0.0 percentage points).";
  return change > 0
    ? `Coverage rose by ${points} percentage points (+${points}).`
    : `Coverage fell by ${points} percentage points (−${points}).`;
}

/** Two saved gap reports compared: the URL holds both (`earlier`, `later`). */
export function CompareReportsPage() {
  return (
    <SavedGate title="Compare saved reports">
      <CompareReports />
    </SavedGate>
  );
}

function CompareReports() {
  const location = useLocation();
  const search = useSearch();
  const chosen = useMemo(() => {
    const p = new URLSearchParams(search);
    return { earlier: p.get("earlier") ?? "", later: p.get("later") ?? "" };
  }, [search]);
  return (
    <div class="page reports">
      <h1>Compare saved reports</h1>
      <ReportsNav current="/gaps/saved" />
      <p class="lede">
        Which gaps closed and which opened from one saved gap report to a later one, and how coverage changed.
      </p>
      <Picker
        key={`${chosen.earlier} ${chosen.later}`}
        earlier={chosen.earlier}
        later={chosen.later}
        onCompare={(earlier, later) =>
          location.route(
            `/gaps/saved/compare?earlier=${encodeURIComponent(earlier)}&later=${encodeURIComponent(later)}`,
          )
        }
      />
      {chosen.earlier && chosen.later ? <Comparison earlier={chosen.earlier} later={chosen.later} /> : null}
    </div>
  );
}

/** Two selects of the newest saved reports; comparing puts both in the URL. */
function Picker({
  earlier,
  later,
  onCompare,
}: {
  earlier: string;
  later: string;
  onCompare: (earlier: string, later: string) => void;
}) {
  const [{ data, error }, retry] = useQuery({
    query: SavedReports,
    variables: { first: PICKABLE, after: null, kind: "GAP" },
    requestPolicy: "cache-and-network",
  });
  const reports = data?.savedReports.edges.map((e) => e.node) ?? [];
  const [a, setA] = useState(earlier);
  const [b, setB] = useState(later);
  // Unchosen, the two newest: the one before as earlier, the newest as later.
  const pickedA = a || reports[1]?.id || reports[0]?.id || "";
  const pickedB = b || reports[0]?.id || "";
  const option = (r: (typeof reports)[number]) => (
    <option key={r.id} value={r.id}>
      {r.name} — {SAVED_DATE.format(new Date(String(r.createdAt)))}
    </option>
  );
  // A report named in the URL but older than the newest offered stays choosable as itself.
  const missing = (id: string) =>
    id && data && !reports.some((r) => r.id === id) ? <option value={id}>{id}</option> : null;
  return (
    <form
      class="scope-form compare-picker"
      aria-label="Reports to compare"
      onSubmit={(e) => {
        e.preventDefault();
        if (pickedA && pickedB) onCompare(pickedA, pickedB);
      }}
    >
      <ProblemNotice error={error} retry={() => retry({ requestPolicy: "network-only" })} />
      {data && reports.length < 2 ? (
        <p>
          Two saved gap reports are needed to compare; there {reports.length === 1 ? "is one" : "are none"}. Save one
          from the <a href="/gaps">gap heatmap</a>.
        </p>
      ) : null}
      <div class="scope-fields">
        <p class="scope-field">
          <label for="compare-earlier">Earlier report</label>
          <select id="compare-earlier" value={pickedA} onChange={(e) => setA(e.currentTarget.value)}>
            {missing(pickedA)}
            {reports.map(option)}
          </select>
        </p>
        <p class="scope-field">
          <label for="compare-later">Later report</label>
          <select id="compare-later" value={pickedB} onChange={(e) => setB(e.currentTarget.value)}>
            {missing(pickedB)}
            {reports.map(option)}
          </select>
        </p>
      </div>
      <button type="submit" class="button" disabled={!pickedA || !pickedB}>
        Compare
      </button>
    </form>
  );
}

type Cell = { capability: string; jurisdiction: string };

/** Cells as a list, each read by its capability's and country's names. */
function CellList({ id, title, cells, names }: { id: string; title: string; cells: Cell[]; names: Names }) {
  return (
    <section aria-labelledby={id} class="change-list">
      <h3 id={id}>
        {title} ({cells.length})
      </h3>
      {cells.length ? (
        <ul>
          {cells.map((c) => (
            <li key={`${c.capability}.${c.jurisdiction}`} data-cell={`${c.capability}.${c.jurisdiction}`}>
              {names.capability(c.capability)} in {names.jurisdiction(c.jurisdiction)}
            </li>
          ))}
        </ul>
      ) : (
        <p class="hint">None.</p>
      )}
    </section>
  );
}

function Comparison({ earlier, later }: { earlier: string; later: string }) {
  const [{ data, error, fetching }, retry] = useQuery({ query: CompareSavedReports, variables: { earlier, later } });
  const [points, retryPoints] = useQuery({ query: CompareSinglePoints, variables: { earlier, later }, pause: !data });
  const spof = points.data?.compareGapReports;
  const names = useNames();
  const c = data?.compareGapReports;
  const before = c ? scopeOfParameters(c.before.input) : null;
  const after = c ? scopeOfParameters(c.after.input) : null;
  // Each input side by side: the four every report has, and each filter either report used.
  const beforeWords = new Map(before ? scopeInWords(before, names, true) : []);
  const afterWords = new Map(after ? scopeInWords(after, names, true) : []);
  const terms = [...beforeWords.keys()].filter(
    (t, i) => i < 4 || beforeWords.get(t) !== ANY || afterWords.get(t) !== ANY,
  );
  return (
    <section aria-labelledby="comparison-heading" aria-busy={fetching || points.fetching ? "true" : "false"}>
      <h2 id="comparison-heading">{c ? `From “${c.before.name}” to “${c.after.name}”` : "The comparison"}</h2>
      <ProblemNotice error={error} retry={() => retry({ requestPolicy: "network-only" })} />
      {c && before && after ? (
        <>
          {!c.sameInput ? (
            <Notice tone="warning" title="These reports had different scopes">
              <p>
                They were computed with different inputs (see the scopes below), so a gap closed or opened may come from
                the change of scope rather than a change in the catalogue. Read the change with care.
              </p>
            </Notice>
          ) : null}
          <p class="coverage-change">
            <strong>{coverageChangeText(c.coverageChange)}</strong>{" "}
            {c.before.coverage != null && c.after.coverage != null
              ? `From ${percent(c.before.coverage)} to ${percent(c.after.coverage)}.`
              : ""}
          </p>
          <div class="table-scroll">
            <table class="compare-figures">
              <caption class="visually-hidden">The two reports side by side</caption>
              <thead>
                <tr>
                  <td />
                  <th scope="col">
                    Earlier: <a href={`/gaps/saved/${encodeURIComponent(c.before.id)}`}>{c.before.name}</a>
                  </th>
                  <th scope="col">
                    Later: <a href={`/gaps/saved/${encodeURIComponent(c.after.id)}`}>{c.after.name}</a>
                  </th>
                </tr>
              </thead>
              <tbody>
                <tr>
                  <th scope="row">Saved</th>
                  <td>{SAVED_DATE.format(new Date(String(c.before.createdAt)))}</td>
                  <td>{SAVED_DATE.format(new Date(String(c.after.createdAt)))}</td>
                </tr>
                <tr>
                  <th scope="row">Catalogue revision</th>
                  <td>
                    <code class="revision">{c.before.catalogueRevision}</code>
                  </td>
                  <td>
                    <code class="revision">{c.after.catalogueRevision}</code>
                    {c.before.catalogueRevision === c.after.catalogueRevision ? " (the same)" : ""}
                  </td>
                </tr>
                <tr>
                  <th scope="row">Coverage</th>
                  <td>{c.before.coverage == null ? "—" : percent(c.before.coverage)}</td>
                  <td>{c.after.coverage == null ? "—" : percent(c.after.coverage)}</td>
                </tr>
                <tr>
                  <th scope="row">Gaps</th>
                  <td>{c.before.gapCount}</td>
                  <td>{c.after.gapCount}</td>
                </tr>
                <tr>
                  <th scope="row">Single points of failure</th>
                  <td>{c.before.singlePointOfFailureCount}</td>
                  <td>{c.after.singlePointOfFailureCount}</td>
                </tr>
                {terms.map((t) => {
                  const x = beforeWords.get(t) ?? ANY;
                  const y = afterWords.get(t) ?? ANY;
                  return (
                    <tr key={t}>
                      <th scope="row">Scope: {t}</th>
                      <td>{x}</td>
                      <td>
                        {y}
                        {x !== y ? <strong class="differs"> (differs)</strong> : null}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <div class="changes">
            <CellList id="closed-heading" title="Gaps closed" cells={c.closed} names={names} />
            <CellList id="opened-heading" title="Gaps opened" cells={c.opened} names={names} />
            {spof ? (
              <>
                <CellList
                  id="spof-new-heading"
                  title="New single points of failure"
                  cells={spof.singlePointsNew}
                  names={names}
                />
                <CellList
                  id="spof-resolved-heading"
                  title="Single points of failure resolved"
                  cells={spof.singlePointsResolved}
                  names={names}
                />
              </>
            ) : (
              <ProblemNotice error={points.error} retry={() => retryPoints({ requestPolicy: "network-only" })} />
            )}
          </div>
          <p>
            <a href={`/gaps${scopeQuery(after)}`}>Open the live heatmap with the later report's scope</a>
          </p>
        </>
      ) : null}
    </section>
  );
}
