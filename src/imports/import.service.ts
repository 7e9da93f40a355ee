import { createHash } from "node:crypto";
import type { UserErrorData } from "../accounts/account.service";
import { AuditOutcome } from "../audit/audit.model";
import { AuditService } from "../audit/audit.service";
import { ForbiddenError, UnauthenticatedError } from "../common/errors";
import type { Context } from "../context";
import type { ListingContent } from "../listings/content";
import { diffContent } from "../listings/content";
import { CurrentListing, ListingService } from "../listings/listing.service";
import { RevisionState } from "../listings/revision.model";
import { canReview } from "../listings/rights";
import { countsText } from "./import.report";
import { decodeImport, ImportFormat, problemAt, readImport, RowProblem } from "./import.format";

/** What a row is, compared with the listing as its editors see it now. */
export type RowStatus = "new" | "changed" | "unchanged" | "invalid";

/**
 * What was done with a row (in a dry run, what would be): `created` a new
 * listing, `updated` it with a new revision (either then submitted for
 * review); `submitted` an identical draft; `skipped` a row identical to the
 * listing, to its pending revision or to a rejected one; `failed` when the
 * listing service refused the write (a concurrent edit, say); `stopped` when
 * the request ended before the row's turn.
 */
export type RowOutcome = "created" | "updated" | "submitted" | "skipped" | "invalid" | "failed" | "stopped";

export interface RowReport {
  row: number;
  slug: string | null;
  status: RowStatus;
  outcome: RowOutcome;
  /** The revision the row was compared with and its state (`PUBLISHED`, or the unpublished revision's). */
  current: { revision: number; state: string } | null;
  /** Changed fields, before and after (for `changed` rows). */
  changes: { field: string; before: unknown; after: unknown }[];
  problems: RowProblem[];
  /** The revision now holding the row's content, pending review (real runs). */
  revision: number | null;
  note: string | null;
}

export interface ImportReport {
  dryRun: boolean;
  format: ImportFormat;
  /** SHA-256 of the file, as the import's audit event names it. */
  sha256: string;
  rows: number;
  counts: { status: Record<RowStatus, number>; outcome: Record<RowOutcome, number> };
  results: RowReport[];
}

/**
 * How long an import over HTTP goes on starting rows (`writeBudgetMs`);
 * rows not reached by then are reported `stopped`, and importing the file
 * again continues from there, as done rows are skipped. The request's
 * deadline (`IMPORT_TIMEOUT_MS`) leaves time to finish the row in hand and
 * answer.
 */
export const IMPORT_WRITE_BUDGET_MS = 100_000;
export const IMPORT_TIMEOUT_MS = 120_000;

export const MAY_NOT_IMPORT = "only reviewers and admins may import listings";

/** The per-row outcomes an import's audit event keeps; the counts always cover every row. */
const AUDITED_ROWS = 500;

/**
 * Bulk import of listings with review. Every valid row goes through the
 * listing service (create or update, then submit), so the review workflow,
 * revisions, per-listing audit events and reference rules apply as they do
 * to the editor; nothing is ever published here. Reviewers and admins only
 * (and the system, for the command line).
 */
export class ImportService {
  private readonly audit: AuditService;
  private readonly listings: ListingService;

  constructor(private readonly ctx: Context) {
    this.audit = new AuditService(ctx);
    this.listings = new ListingService(ctx);
  }

  /**
   * Whether the caller may import: reviewers, admins and the system. A
   * refusal is audited, so the HTTP layer asks before it reads the body.
   */
  async allowed(): Promise<boolean> {
    const v = this.ctx.viewer;
    if (v.kind !== "anonymous" && canReview(v)) return true;
    await this.audit.record({
      operation: "importListings",
      target: null,
      outcome: AuditOutcome.REFUSED,
      reason: v.kind === "anonymous" ? "not signed in" : `role ${v.role} may not import`,
    });
    return false;
  }

  /**
   * Imports a file. A dry run reads and compares only, and writes nothing,
   * not even an audit event. A real run writes each valid row in file order,
   * keeps going past invalid and failed rows, and ends with one
   * `importListings` audit event holding the counts and the rows' outcomes.
   * Throws ImportFileError for a file that cannot be read or is over a limit.
   */
  async run(
    bytes: Uint8Array,
    format: ImportFormat,
    dryRun: boolean,
    opts: { writeBudgetMs?: number } = {},
  ): Promise<ImportReport> {
    const started = Date.now();
    if (!(await this.allowed())) {
      throw this.ctx.viewer.kind === "anonymous" ? new UnauthenticatedError() : new ForbiddenError(MAY_NOT_IMPORT);
    }
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    const raws = readImport(decodeImport(bytes), format);

    const rows: { report: RowReport; content: ListingContent | null }[] = [];
    const firstRowOf = new Map<string, number>();
    for (const r of raws) {
      const checked = r.raw === null ? { content: null, problems: [] } : await this.listings.check(r.raw);
      const decoded = new Set(r.problems.map((p) => p.column));
      const problems = [
        ...r.problems,
        ...checked.problems.map((p) => problemAt(format, pathOf(p), p.message)).filter((p) => !decoded.has(p.column)),
      ];
      const slug = checked.content?.slug ?? slugOf(r.raw);
      if (slug !== null && !problems.length) {
        const first = firstRowOf.get(slug);
        if (first !== undefined) {
          problems.push({ column: "slug", message: `row ${first} has this slug already; each listing once per file` });
        } else firstRowOf.set(slug, r.row);
      }
      rows.push({
        report: {
          row: r.row,
          slug,
          status: problems.length ? "invalid" : "new",
          outcome: problems.length ? "invalid" : "created",
          current: null,
          changes: [],
          problems,
          revision: null,
          note: null,
        },
        content: problems.length ? null : checked.content,
      });
    }

    const current = await this.listings.currentMany([...firstRowOf.keys()]);
    for (const { report, content } of rows) {
      if (content) compare(report, content, current.get(content.slug));
    }

    if (!dryRun) {
      for (const { report, content } of rows) {
        if (!content || report.outcome === "skipped") continue;
        const overBudget = opts.writeBudgetMs !== undefined && Date.now() - started > opts.writeBudgetMs;
        if (overBudget || this.ctx.signal.aborted) {
          report.outcome = "stopped";
          report.note = "not reached in this request's time; import the file again to continue";
          continue;
        }
        await this.write(format, report, content, current.get(content.slug));
      }
    }

    const results = rows.map((r) => r.report);
    const report: ImportReport = { dryRun, format, sha256, rows: results.length, counts: countsOf(results), results };
    if (!dryRun) await this.recordImport(report);
    return report;
  }

  /** Writes one valid row through the listing service: create or update, then submit for review. */
  private async write(
    format: ImportFormat,
    report: RowReport,
    content: ListingContent,
    now: CurrentListing | undefined,
  ): Promise<void> {
    const fail = (errors: UserErrorData[], note: string) => {
      report.outcome = "failed";
      report.problems = errors.map((e) => problemAt(format, pathOf(e), `${e.code}: ${e.message}`));
      report.note = note;
    };
    if (report.outcome === "created") {
      const r = await this.listings.create(content, null);
      if (!r.listing) return fail(r.userErrors, "not created");
    } else if (report.outcome === "updated" && now) {
      const r = await this.listings.update(content.slug, now.revision, content);
      if (!r.listing) return fail(r.userErrors, "not updated");
    }
    const s = await this.listings.submit(content.slug);
    if (!s.listing) return fail(s.userErrors, "written as a draft but not submitted for review");
    report.revision = s.listing.latestRevision ?? s.listing.revision;
  }

  private async recordImport(report: ImportReport): Promise<void> {
    const { status, outcome } = report.counts;
    await this.audit.record({
      operation: "importListings",
      target: `import:${report.sha256.slice(0, 16)}`,
      outcome: AuditOutcome.ACCEPTED,
      reason: `${report.format} file of ${report.rows} rows: ${countsText(outcome)} (${countsText(status)})`,
      changes: {
        counts: [null, report.counts],
        rows: [
          null,
          report.results.slice(0, AUDITED_ROWS).map((r) => ({
            row: r.row,
            slug: r.slug?.slice(0, 200) ?? null,
            outcome: r.outcome,
            revision: r.revision,
          })),
        ],
        ...(report.results.length > AUDITED_ROWS
          ? { rowsNotListed: [null, report.results.length - AUDITED_ROWS] }
          : {}),
      },
    });
  }
}

/** Sets a valid row's status, changes and the outcome a run would have. */
function compare(report: RowReport, content: ListingContent, now: CurrentListing | undefined): void {
  if (!now) return;
  report.current = { revision: now.revision, state: now.state ?? now.listing.publicationState };
  const changes = diffContent(now.content, content);
  if (changes.length) {
    report.status = "changed";
    report.outcome = "updated";
    report.changes = changes;
    return;
  }
  report.status = "unchanged";
  if (now.state === RevisionState.DRAFT) {
    report.outcome = "submitted";
    report.note = `identical to draft revision ${now.revision}, which is submitted for review`;
  } else {
    report.outcome = "skipped";
    report.revision = now.revision;
    report.note =
      now.state === RevisionState.PENDING
        ? `identical to revision ${now.revision}, pending review`
        : now.state === RevisionState.REJECTED
          ? `identical to revision ${now.revision}, which a reviewer rejected; change it to submit again`
          : null;
  }
}

function countsOf(results: RowReport[]): ImportReport["counts"] {
  const status: Record<RowStatus, number> = { new: 0, changed: 0, unchanged: 0, invalid: 0 };
  const outcome: Record<RowOutcome, number> = {
    created: 0,
    updated: 0,
    submitted: 0,
    skipped: 0,
    invalid: 0,
    failed: 0,
    stopped: 0,
  };
  for (const r of results) {
    status[r.status]++;
    outcome[r.outcome]++;
  }
  return { status, outcome };
}

/** A user error's field as a listing path (without the leading `input`). */
function pathOf(e: UserErrorData): string[] {
  const f = e.field ?? [];
  return f[0] === "input" ? f.slice(1) : f;
}

function slugOf(raw: unknown): string | null {
  const s = (raw as { slug?: unknown } | null)?.slug;
  return typeof s === "string" && s.length ? s.slice(0, 200) : null;
}
