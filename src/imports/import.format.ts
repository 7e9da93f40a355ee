import { parse } from "csv-parse/sync";

/**
 * Reading an import file (CSV or JSON in the seed's listing format) into one
 * raw listing per row, with the problems found while decoding cells. Pure:
 * checking the listings against the schema and the catalogue, and writing
 * them, is the import service's. Documented in the README (Bulk import).
 */

/** What one file may hold. Over any of them the whole file is refused and nothing is read further. */
export const IMPORT_LIMITS = {
  /** Bytes of the file (after any Content-Encoding is undone). */
  bytes: 2 * 1024 * 1024,
  /** Rows after the header (CSV) or elements of the array (JSON). */
  rows: 2000,
  /** Characters in one cell (CSV) or one string value (JSON). */
  cellCharacters: 5000,
} as const;

export type ImportFormat = "csv" | "json";

/** A file that cannot be imported at all; `limit` names the limit it is over, if that is the reason. */
export class ImportFileError extends Error {
  constructor(
    message: string,
    readonly limit: keyof typeof IMPORT_LIMITS | null = null,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** A problem with a row, named by its CSV column (or, for JSON, the field's path). */
export interface RowProblem {
  column: string | null;
  message: string;
}

/** One row of the file: its number as a spreadsheet shows it (CSV) or its position (JSON, from 1). */
export interface RawRow {
  row: number;
  raw: unknown;
  /** Problems found while decoding cells; the columns named here are not checked again. */
  problems: RowProblem[];
}

/** The CSV columns, in the order the example file uses; every one must be in the header, in any order. */
export const IMPORT_CSV_COLUMNS = [
  "slug",
  "name",
  "kind",
  "aliases",
  "organisation",
  "summary",
  "status",
  "year",
  "capabilities",
  "media_types",
  "deployment",
  "languages",
  "standards",
  "classification_schemes",
  "offers",
  "availability",
  "visibility",
  "sources",
] as const;
type Column = (typeof IMPORT_CSV_COLUMNS)[number];

/** The listing field each column fills (and so the column a problem with that field is reported on). */
const FIELD_OF: Record<Column, string> = {
  slug: "slug",
  name: "name",
  kind: "kind",
  aliases: "aliases",
  organisation: "organisation",
  summary: "summary",
  status: "status",
  year: "year",
  capabilities: "capabilities",
  media_types: "mediaTypes",
  deployment: "deployment",
  languages: "languages",
  standards: "standards",
  classification_schemes: "classificationSchemes",
  offers: "offers",
  availability: "availability",
  visibility: "visibility",
  sources: "sources",
};
const COLUMN_OF = new Map(Object.entries(FIELD_OF).map(([column, field]) => [field, column]));

/** Decodes and checks a file's bytes: UTF-8, within the byte limit. */
export function decodeImport(bytes: Uint8Array): string {
  if (bytes.byteLength > IMPORT_LIMITS.bytes) {
    throw new ImportFileError(
      `the file is ${bytes.byteLength} bytes, over the import limit of ${IMPORT_LIMITS.bytes} bytes (2 MiB)`,
      "bytes",
      { max: IMPORT_LIMITS.bytes },
    );
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new ImportFileError("the file is not UTF-8 text; save it as UTF-8 (in a spreadsheet: CSV UTF-8)");
  }
}

/** The rows of a file in either format. */
export function readImport(text: string, format: ImportFormat): RawRow[] {
  return format === "csv" ? readCsv(text) : readJson(text);
}

/**
 * A parser's message, which may quote the file, with control characters
 * escaped: it is printed to terminals, where an escape sequence would act.
 */
function printable(message: string): string {
  return message.slice(0, 500).replace(/\p{Cc}/gu, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

function tooManyRows(n: number): ImportFileError {
  return new ImportFileError(
    `the file has ${n} rows, over the import limit of ${IMPORT_LIMITS.rows} rows; split it into several files`,
    "rows",
    { max: IMPORT_LIMITS.rows },
  );
}

function cellTooLong(row: number, column: string, length: number): ImportFileError {
  return new ImportFileError(
    `row ${row}, ${column}: ${length} characters, over the import limit of ${IMPORT_LIMITS.cellCharacters} characters in one cell`,
    "cellCharacters",
    { max: IMPORT_LIMITS.cellCharacters, row, column },
  );
}

// ---- CSV -------------------------------------------------------------------

function readCsv(text: string): RawRow[] {
  let records: string[][];
  try {
    // Every cell is text: csv-parse casts nothing unless asked, so `=HYPERLINK(…)` stays those characters.
    records = parse(text, { bom: true, relax_column_count: true }) as string[][];
  } catch (e) {
    throw new ImportFileError(`the file is not valid CSV: ${printable((e as Error).message)}`);
  }
  const [header, ...body] = records;
  if (!header) throw new ImportFileError("the file is empty: the first row must name the columns");
  const names = header.map((h) => h.trim().toLowerCase());
  if (names.length === 1 && names[0].includes(";")) {
    throw new ImportFileError("the columns must be separated by commas (`;` separates values inside a cell)");
  }
  const unknown = names.filter((n) => !(IMPORT_CSV_COLUMNS as readonly string[]).includes(n));
  if (unknown.length) {
    throw new ImportFileError(
      `unknown column${unknown.length > 1 ? "s" : ""} ${unknown.map((u) => JSON.stringify(u.slice(0, 80))).join(", ")}; the columns are ${IMPORT_CSV_COLUMNS.join(", ")}`,
    );
  }
  const repeated = names.filter((n, i) => names.indexOf(n) !== i);
  if (repeated.length) throw new ImportFileError(`column ${repeated[0]} appears more than once`);
  const missing = IMPORT_CSV_COLUMNS.filter((c) => !names.includes(c));
  if (missing.length) {
    throw new ImportFileError(
      `missing column${missing.length > 1 ? "s" : ""} ${missing.join(", ")}: every column must be in the header (leave cells empty for no value)`,
    );
  }
  if (body.length > IMPORT_LIMITS.rows) throw tooManyRows(body.length);
  const index = new Map(names.map((n, i) => [n as Column, i]));
  const rows: RawRow[] = [];
  body.forEach((record, i) => {
    const row = i + 2;
    for (let c = 0; c < record.length; c++) {
      if (record[c].length > IMPORT_LIMITS.cellCharacters)
        throw cellTooLong(row, names[c] ?? `cell ${c + 1}`, record[c].length);
    }
    // A spreadsheet's empty rows: nothing to import, and not worth a complaint.
    if (record.every((cell) => cell.trim() === "")) return;
    if (record.length !== names.length) {
      rows.push({
        row,
        raw: null,
        problems: [{ column: null, message: `has ${record.length} cells; the header has ${names.length}` }],
      });
      return;
    }
    rows.push(csvRow(row, (c) => record[index.get(c) ?? -1] ?? ""));
  });
  return rows;
}

const list = (cell: string) =>
  cell
    .split(";")
    .map((v) => v.trim())
    .filter(Boolean);
const upper = (cell: string) => cell.trim().toUpperCase();
const orNull = (cell: string) => (cell.trim() === "" ? null : cell);

/** One CSV record as a listing in the seed's shape; decoding problems name the column. */
function csvRow(row: number, cell: (c: Column) => string): RawRow {
  const problems: RowProblem[] = [];
  const problem = (column: Column, message: string) => problems.push({ column, message });
  const year = cell("year").trim();
  if (year !== "" && !/^\d{1,4}$/.test(year)) problem("year", "must be a year such as 2019, or empty");
  const raw = {
    slug: cell("slug").trim(),
    name: cell("name"),
    kind: upper(cell("kind")),
    aliases: list(cell("aliases")),
    organisation: orNull(cell("organisation"))?.trim() ?? null,
    summary: cell("summary"),
    status: orNull(cell("status")) === null ? null : upper(cell("status")),
    year: year === "" || !/^\d{1,4}$/.test(year) ? null : Number(year),
    capabilities: list(cell("capabilities")),
    mediaTypes: list(cell("media_types")).map((v) => v.toUpperCase()),
    deployment: list(cell("deployment")).map((v) => v.toUpperCase()),
    languages: list(cell("languages")).map((v) => v.toLowerCase()),
    standards: list(cell("standards")),
    classificationSchemes: list(cell("classification_schemes")),
    offers: list(cell("offers")).map((item, i) => offer(item, i, (m) => problem("offers", m))),
    availability: list(cell("availability"))
      .filter((item) => !isWorldwide(item))
      .map((item, i) => availability(item, i, (m) => problem("availability", m))),
    // `WORLDWIDE` among the availability items: stated available in every country, the other items its exceptions.
    ...(list(cell("availability")).some(isWorldwide) ? { availableWorldwide: true } : {}),
    visibility: upper(cell("visibility")),
    sources: list(cell("sources")).map((item, i) => source(item, i, (m) => problem("sources", m))),
  };
  return { row, raw, problems };
}

const isWorldwide = (item: string) => item.trim().toUpperCase() === "WORLDWIDE";

/** `MODEL|ELIGIBILITY+ELIGIBILITY|VETTING|SPDX|NOTES`; only MODEL is required. */
function offer(item: string, i: number, problem: (m: string) => void) {
  const parts = item.split("|").map((p) => p.trim());
  if (parts.length > 5) problem(`offer ${i + 1}: at most 5 parts, MODEL|ELIGIBILITY+…|VETTING|SPDX|NOTES`);
  const [model = "", eligibility = "", vetting = "", spdx = "", notes = ""] = parts;
  const v = vetting.toLowerCase();
  if (!["", "yes", "no", "true", "false"].includes(v)) problem(`offer ${i + 1}: vetting must be yes, no or empty`);
  return {
    model: model.toUpperCase(),
    eligibility: eligibility
      .split("+")
      .map((e) => e.trim().toUpperCase())
      .filter(Boolean),
    spdxLicense: spdx || null,
    requiresVetting: v === "yes" || v === "true" ? true : v === "no" || v === "false" ? false : null,
    notes: notes || null,
  };
}

/** `CODE=STATUS` or `CODE=STATUS|NOTES`. */
function availability(item: string, i: number, problem: (m: string) => void) {
  const eq = item.indexOf("=");
  if (eq < 0) problem(`item ${i + 1}: write COUNTRY=STATUS, e.g. GB=AVAILABLE`);
  const rest = eq < 0 ? "" : item.slice(eq + 1);
  const bar = rest.indexOf("|");
  return {
    jurisdiction: (eq < 0 ? item : item.slice(0, eq)).trim().toUpperCase(),
    status: (bar < 0 ? rest : rest.slice(0, bar)).trim().toUpperCase(),
    notes: bar < 0 ? null : rest.slice(bar + 1).trim() || null,
  };
}

/**
 * `document-slug#locator`, or `https://…#locator` (split at the last `#`, so
 * the URL may have a fragment and the locator may not). A URL source is a
 * fact from outside the documents: the schema accepts it only marked
 * unverified, so it is.
 */
function source(item: string, i: number, problem: (m: string) => void) {
  const isUrl = /^https?:\/\//i.test(item);
  const at = isUrl ? item.lastIndexOf("#") : item.indexOf("#");
  if (at < 0) problem(`source ${i + 1}: write document-slug#locator or https://…#locator`);
  const target = (at < 0 ? item : item.slice(0, at)).trim();
  const locator = at < 0 ? "" : item.slice(at + 1).trim();
  return isUrl ? { url: target, locator, unverified: true } : { document: target, locator };
}

// ---- JSON ------------------------------------------------------------------

/** Deep enough for any field of a listing (listing → offers → offer → eligibility); deeper is invalid anyway. */
const MAX_DEPTH = 6;

function readJson(text: string): RawRow[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new ImportFileError(`the file is not valid JSON: ${printable((e as Error).message)}`);
  }
  if (!Array.isArray(data)) {
    throw new ImportFileError("the JSON file must be an array of listings, as in seed/listings/*.json");
  }
  if (data.length > IMPORT_LIMITS.rows) throw tooManyRows(data.length);
  return data.map((raw: unknown, i) => {
    const row = i + 1;
    longestString(raw, "", 0, (path, length) => {
      throw cellTooLong(row, path || "(the row)", length);
    });
    const problems: RowProblem[] =
      raw !== null && typeof raw === "object" && !Array.isArray(raw)
        ? []
        : [{ column: null, message: "must be a listing object" }];
    return { row, raw: problems.length ? null : raw, problems };
  });
}

function longestString(v: unknown, path: string, depth: number, over: (path: string, length: number) => void): void {
  if (typeof v === "string") {
    if (v.length > IMPORT_LIMITS.cellCharacters) over(path, v.length);
    return;
  }
  if (depth >= MAX_DEPTH || v === null || typeof v !== "object") return;
  if (Array.isArray(v)) v.forEach((x, i) => longestString(x, `${path}[${i}]`, depth + 1, over));
  else {
    for (const [k, x] of Object.entries(v)) {
      if (k.length > IMPORT_LIMITS.cellCharacters) over(path, k.length);
      longestString(x, path ? `${path}.${k}` : k, depth + 1, over);
    }
  }
}

// ---- naming problems ---------------------------------------------------------

/**
 * Where a problem with a listing field (a path such as offers.0.model) is
 * reported: for CSV, the column with the item's position in the message;
 * for JSON, the field's path (`offers[0].model`).
 */
export function problemAt(format: ImportFormat, path: string[], message: string): RowProblem {
  if (!path.length) return { column: null, message };
  if (format === "json") {
    const column = path.map((p, i) => (/^\d+$/.test(p) ? `[${p}]` : i ? `.${p}` : p)).join("");
    return { column, message };
  }
  const [field, ...rest] = path;
  const column = COLUMN_OF.get(field) ?? field;
  if (!rest.length) return { column, message };
  const [index, ...sub] = rest;
  const what = field === "offers" ? "offer" : field === "sources" ? "source" : "item";
  const where = /^\d+$/.test(index) ? `${what} ${Number(index) + 1}` : index;
  return { column, message: `${[where, ...sub].join(": ")}: ${message}` };
}
