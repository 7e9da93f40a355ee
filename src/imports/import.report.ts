import { csv } from "../reports/report.export";
import type { ImportReport } from "./import.service";

/**
 * An import report as CSV and as text for a terminal. Pure. Cell values from
 * the file come back in both: the CSV neutralises formulas (csvField), and
 * the text shows values JSON-encoded, so no control character or escape
 * sequence from a file reaches the terminal.
 */

/** Import report CSV columns, in order (documented in the README): one line per change or problem, or per row. */
export const IMPORT_REPORT_CSV_COLUMNS = [
  "row",
  "slug",
  "status",
  "outcome",
  "current_revision",
  "current_state",
  "revision",
  "column",
  "before",
  "after",
  "problem",
  "note",
];

const json = (v: unknown) => (v === undefined ? null : JSON.stringify(v));

export function importReportCsv(r: ImportReport): string {
  const lines: (string | number | null)[][] = [];
  for (const x of r.results) {
    const head = [
      x.row,
      x.slug,
      x.status,
      x.outcome,
      x.current?.revision ?? null,
      x.current?.state ?? null,
      x.revision,
    ];
    const details: (string | null)[][] = [
      ...x.changes.map((c) => [c.field, json(c.before), json(c.after), null]),
      ...x.problems.map((p) => [p.column, null, null, p.message]),
    ];
    if (!details.length) lines.push([...head, null, null, null, null, x.note]);
    for (const d of details) lines.push([...head, ...d, x.note]);
  }
  return csv(IMPORT_REPORT_CSV_COLUMNS, lines);
}

/** Counts as words, leaving out zeros: `2 created, 1 invalid`, or `none`. */
export function countsText(counts: Record<string, number>): string {
  return (
    Object.entries(counts)
      .filter(([, n]) => n > 0)
      .map(([k, n]) => `${n} ${k}`)
      .join(", ") || "none"
  );
}

const VERB: Record<string, [string, string]> = {
  created: ["would create a draft and submit it for review", "created a draft, submitted for review"],
  updated: ["would add a revision and submit it for review", "added a revision, submitted for review"],
  submitted: ["would submit the identical draft for review", "submitted the identical draft for review"],
  skipped: ["nothing to do", "skipped"],
  invalid: ["invalid", "invalid, skipped"],
  failed: ["failed", "failed"],
  stopped: ["not reached", "not reached"],
};

/** Shows a value from the file on one line, quoted and escaped, cut to `max` characters. */
function shown(v: unknown, max = 120): string {
  const s = JSON.stringify(v) ?? "null";
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

export function importReportText(r: ImportReport): string {
  const out: string[] = [];
  out.push(
    `${r.dryRun ? "Dry run (nothing written)" : "Import"} of a ${r.format.toUpperCase()} file, ${r.rows} row${r.rows === 1 ? "" : "s"}, sha256 ${r.sha256.slice(0, 16)}`,
  );
  for (const x of r.results) {
    const against = x.current ? ` (against revision ${x.current.revision}, ${x.current.state})` : "";
    const now = x.revision !== null && !r.dryRun ? `; revision ${x.revision} pending review` : "";
    out.push(
      `row ${x.row} ${x.slug === null ? "(no slug)" : shown(x.slug, 90)}: ${x.status}${against}: ${VERB[x.outcome][r.dryRun ? 0 : 1]}${now}`,
    );
    for (const c of x.changes) out.push(`    ${c.field}: ${shown(c.before)} -> ${shown(c.after)}`);
    for (const p of x.problems) out.push(`    ${p.column ?? "row"}: ${shown(p.message, 300)}`);
    if (x.note) out.push(`    note: ${x.note}`);
  }
  out.push(`rows: ${countsText(r.counts.status)}`);
  out.push(`${r.dryRun ? "would be" : "outcome"}: ${countsText(r.counts.outcome)}`);
  return out.join("\n");
}
