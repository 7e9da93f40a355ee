import { useEffect, useRef, useState } from "preact/hooks";
import type { GapCellState, GapHeatmapQuery } from "../../graphql/graphql";

type Report = GapHeatmapQuery["gapReport"];
type Cell = Report["cells"][number];

/** A cell's standing, in words: the grid never says it by colour alone. */
export type CellKind = "covered" | "spof" | "possible" | "gap";

export function kindOf(cell: { state: GapCellState; singlePointOfFailure: boolean }): CellKind {
  if (cell.state === "GAP") return "gap";
  if (cell.state === "POSSIBLE_GAP") return "possible";
  return cell.singlePointOfFailure ? "spof" : "covered";
}

export const KIND_TEXT: Record<CellKind, string> = {
  covered: "Covered",
  spof: "Single point of failure",
  possible: "Possible gap: availability unknown",
  gap: "Gap",
};

/** The mark drawn in a cell beside (or instead of) its count; the legend says what each means. */
export const KIND_MARK: Record<CellKind, string> = { covered: "", spof: "!", possible: "?", gap: "–" };

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function cellText(cell: Cell | (Cell & { unavailableCount?: number })): string {
  const parts = [plural(cell.listingCount, "listing"), plural(cell.organisationCount, "organisation")];
  if (cell.unknownCount) parts.push(`${cell.unknownCount} unknown`);
  return `${KIND_TEXT[kindOf(cell)]}: ${parts.join(", ")}`;
}

/**
 * The capability × country matrix as an ARIA grid: one cell in the tab order,
 * arrow keys move between cells (Home and End to a row's ends, Ctrl+Home and
 * Ctrl+End to the grid's), Enter or Space (or a click) chooses the cell.
 */
export function Heatmap({
  report,
  selected,
  onChoose,
}: {
  report: Report;
  selected: { capability: string; jurisdiction: string } | null;
  onChoose: (row: number, col: number) => void;
}) {
  const rows = report.rows.length;
  const cols = report.columns.length;
  const selectedAt = selected
    ? [
        report.rows.findIndex((r) => r.slug === selected.capability),
        report.columns.findIndex((c) => c.code === selected.jurisdiction),
      ]
    : [-1, -1];
  const [active, setActive] = useState<[number, number]>(
    selectedAt[0] >= 0 && selectedAt[1] >= 0 ? [selectedAt[0], selectedAt[1]] : [0, 0],
  );
  const grid = useRef<HTMLTableElement>(null);
  const moved = useRef(false);
  const [r, c] = [Math.min(active[0], rows - 1), Math.min(active[1], cols - 1)];
  // Where the keys move from, kept in step with every key at once: a key pressed before the last move has been
  // drawn moves on from that move, not from what was drawn.
  const at = useRef<[number, number]>([r, c]);
  useEffect(() => {
    if (!moved.current) return;
    moved.current = false;
    const [mr, mc] = at.current;
    grid.current?.querySelector<HTMLElement>(`[data-cell="${mr}-${mc}"]`)?.focus();
  }, [r, c]);
  const move = (nr: number, nc: number) => {
    moved.current = true;
    const next: [number, number] = [Math.max(0, Math.min(rows - 1, nr)), Math.max(0, Math.min(cols - 1, nc))];
    at.current = next;
    setActive(next);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const [r, c] = [Math.min(at.current[0], rows - 1), Math.min(at.current[1], cols - 1)];
    const keys: Record<string, () => void> = {
      ArrowRight: () => move(r, c + 1),
      ArrowLeft: () => move(r, c - 1),
      ArrowDown: () => move(r + 1, c),
      ArrowUp: () => move(r - 1, c),
      Home: () => (e.ctrlKey ? move(0, 0) : move(r, 0)),
      End: () => (e.ctrlKey ? move(rows - 1, cols - 1) : move(r, cols - 1)),
      PageDown: () => move(r + 5, c),
      PageUp: () => move(r - 5, c),
      Enter: () => onChoose(r, c),
      " ": () => onChoose(r, c),
    };
    const action = keys[e.key];
    if (!action) return;
    e.preventDefault();
    action();
  };
  if (!rows || !cols) return <p>The scope has no rows or no columns: nothing to draw.</p>;
  return (
    <div class="heatmap-scroll">
      <table
        ref={grid}
        role="grid"
        class="heatmap"
        aria-labelledby="heatmap-heading"
        aria-rowcount={rows + 1}
        aria-colcount={cols + 1}
        onKeyDown={onKeyDown}
      >
        <thead>
          <tr>
            <th scope="col" class="corner">
              <span class="visually-hidden">Capability</span>
            </th>
            {report.columns.map((j) => (
              <th key={j.code} scope="col" class="heatmap-col">
                <abbr title={j.name}>{j.code}</abbr>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {report.rows.map((cap, ri) => (
            <tr key={cap.slug}>
              <th scope="row" class="heatmap-row">
                {cap.name}{" "}
                <span class="row-coverage">{Math.round((report.rowCoverage[ri]?.coverage ?? 0) * 100)}%</span>
              </th>
              {report.columns.map((j, ci) => {
                const cell = report.cells[ri * cols + ci];
                const kind = kindOf(cell);
                const isActive = ri === r && ci === c;
                const isSelected = ri === selectedAt[0] && ci === selectedAt[1];
                return (
                  <td
                    key={j.code}
                    role="gridcell"
                    class={`cell cell-${kind}`}
                    data-cell={`${ri}-${ci}`}
                    tabIndex={isActive ? 0 : -1}
                    aria-selected={isSelected ? "true" : "false"}
                    onClick={() => {
                      at.current = [ri, ci];
                      setActive([ri, ci]);
                      onChoose(ri, ci);
                    }}
                    onFocus={() => {
                      if (ri === at.current[0] && ci === at.current[1]) return;
                      at.current = [ri, ci];
                      setActive([ri, ci]);
                    }}
                  >
                    <span aria-hidden="true">
                      {cell.listingCount || ""}
                      {KIND_MARK[kind]}
                    </span>
                    <span class="visually-hidden">
                      {j.name}: {cellText(cell)}
                    </span>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** What the cells' colours and marks mean, in words. */
export function Legend() {
  const kinds: CellKind[] = ["covered", "spof", "possible", "gap"];
  const example: Record<CellKind, string> = { covered: "3", spof: "1!", possible: "?", gap: "–" };
  return (
    <ul class="heatmap-legend" aria-label="Legend">
      {kinds.map((k) => (
        <li key={k}>
          <span class={`cell cell-${k} swatch`} aria-hidden="true">
            {example[k]}
          </span>{" "}
          {KIND_TEXT[k]}
        </li>
      ))}
    </ul>
  );
}
