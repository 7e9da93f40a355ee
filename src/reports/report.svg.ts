import { enumLabel } from "../catalog/tools/tool.facets";
import type { JurisdictionDoc } from "../catalog/jurisdictions/jurisdiction.model";
import type { GapCellView, GapReportView } from "./report.service";

/** Sequential, colour-blind-safe buckets for listing counts; the state markers are drawn separately. */
export const HEATMAP_BUCKETS: { min: number; max: number | null; fill: string; text: string }[] = [
  { min: 0, max: 0, fill: "#f4f4f4", text: "#555555" },
  { min: 1, max: 1, fill: "#c6dbef", text: "#08306b" },
  { min: 2, max: 2, fill: "#9ecae1", text: "#08306b" },
  { min: 3, max: 4, fill: "#6baed6", text: "#08306b" },
  { min: 5, max: 9, fill: "#3182bd", text: "#ffffff" },
  { min: 10, max: null, fill: "#08519c", text: "#ffffff" },
];

const GAP_COLOUR = "#c0161f";
/** Possible gaps: a dashed frame and a question mark, so they read apart from gaps without colour. */
const POSSIBLE_COLOUR = "#6a3d9a";
const SPOF_COLOUR = "#e07b00";

/** At most this many countries side by side; wider scopes are split into blocks stacked down the page. */
export const HEATMAP_BLOCK_COLUMNS = 36;

/** What the heatmap names beyond the report itself: capability functions and the scope's groups. */
export interface HeatmapLookups {
  capabilityName(slug: string): string | undefined;
  /** Jurisdiction groups by code (FIVE_EYES, EU…), with their member country codes. */
  group(code: string): Pick<JurisdictionDoc, "code" | "name" | "members"> | undefined;
}

export function escapeXml(s: string): string {
  return s.replace(
    /[<>&"']/g,
    (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c] ?? c,
  );
}

export function bucketOf(count: number) {
  return HEATMAP_BUCKETS.find((b) => count >= b.min && (b.max === null || count <= b.max)) ?? HEATMAP_BUCKETS[0];
}

const pct = (x: number) => `${Math.round(x * 100)}%`;
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const words = (values: string[]) => values.map((v) => enumLabel(v).toLowerCase()).join(", ");
const truncate = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

interface Block {
  caption: string;
  columns: JurisdictionDoc[];
}

/**
 * The columns in blocks: one per group the scope names (its members, in
 * name order; a country in two groups goes with the first), then the other
 * countries; a block wider than HEATMAP_BLOCK_COLUMNS is split, each part
 * captioned with its first and last country.
 */
function blocksOf(r: GapReportView, look: HeatmapLookups): Block[] {
  const left = new Map(r.columns.map((j) => [j.code, j]));
  const grouped: Block[] = [];
  for (const code of r.input.jurisdictions) {
    const g = look.group(code);
    if (!g) continue;
    const columns = g.members.flatMap((m) => (left.has(m) ? [left.get(m)!] : []));
    columns.forEach((j) => left.delete(j.code));
    if (columns.length) grouped.push({ caption: g.name, columns });
  }
  if (left.size)
    grouped.push({ caption: grouped.length ? "Other countries" : "Countries", columns: [...left.values()] });
  return grouped.flatMap((b) => {
    const columns = [...b.columns].sort((a, c) => a.name.localeCompare(c.name));
    if (columns.length <= HEATMAP_BLOCK_COLUMNS) return [{ caption: b.caption, columns }];
    const parts = Math.ceil(columns.length / HEATMAP_BLOCK_COLUMNS);
    const size = Math.ceil(columns.length / parts);
    return Array.from({ length: parts }, (_, i) => {
      const part = columns.slice(i * size, (i + 1) * size);
      return {
        caption: `${b.caption}, ${i + 1} of ${parts}: ${part[0].name} to ${part[part.length - 1].name}`,
        columns: part,
      };
    });
  });
}

/** The scope in words: group and country names, capability names, human labels instead of enum names. */
function scopeInWords(r: GapReportView, look: HeatmapLookups): string {
  const i = r.input;
  const place = (code: string) => look.group(code)?.name ?? r.columns.find((c) => c.code === code)?.name ?? code;
  const minListings = i.minListings ?? 1;
  return [
    i.jurisdictions.length ? i.jurisdictions.map(place).join(", ") : "all countries",
    i.capabilities.length
      ? `capabilities: ${i.capabilities.map((c) => look.capabilityName(c) ?? c).join(", ")}`
      : "whole taxonomy",
    i.eligibleFor.length ? `open to ${words(i.eligibleFor)}` : null,
    i.licenseModels.length ? `licence ${words(i.licenseModels)}` : null,
    i.mediaTypes.length ? `media ${words(i.mediaTypes)}` : null,
    i.languages.length ? `languages ${i.languages.join(", ")}` : null,
    i.kinds.length ? `kinds ${words(i.kinds)}` : null,
    i.deployment.length ? `deployment ${words(i.deployment)}` : null,
    i.standards.length ? `standards ${i.standards.join(", ")}` : null,
    i.organisations.length ? `organisations ${i.organisations.join(", ")}` : null,
    i.organisationTypes.length ? `organisation types ${words(i.organisationTypes)}` : null,
    i.status.length ? `status ${words(i.status)}` : null,
    minListings > 1 ? `a cell needs ${minListings} listings to count as served` : null,
  ]
    .filter(Boolean)
    .join(" · ");
}

function tipOf(c: GapCellView, row: string, country: string): string {
  const state =
    c.state === "GAP"
      ? " — gap: no listing known here"
      : c.state === "POSSIBLE_GAP"
        ? " — possible gap: listings exist whose availability here is not stated"
        : "";
  return (
    `${row} in ${country}: ${plural(c.toolCount, "listing")} known, ${plural(c.organisationCount, "organisation")}, ` +
    `${c.unknownCount} not stated, ${c.unavailableCount} stated unavailable or restricted${state}` +
    `${c.singlePointOfFailure ? " — single point of failure" : ""}${c.toolSlugs.length ? `: ${c.toolSlugs.join(", ")}` : ""}`
  );
}

/**
 * One cell: its fill from the known count and the count itself in the
 * middle; the state as a frame and a glyph that never cover the count (a gap
 * is a solid red frame, with a × when nothing is known; a possible gap a
 * dashed purple frame, with a ? in the middle when nothing is known or in
 * the corner beside a count); a single point of failure an orange dot in
 * the other corner.
 */
function cellSvg(c: GapCellView, x: number, y: number, size: number, tip: string): string[] {
  const b = bucketOf(c.toolCount);
  const mid = x + size / 2;
  const base = y + size / 2 + 4;
  const out = [
    `<g><title>${escapeXml(tip)}</title>`,
    `<rect x="${x}" y="${y}" width="${size}" height="${size}" fill="${b.fill}" stroke="#ffffff" stroke-width="1" class="cell"/>`,
  ];
  if (c.toolCount > 0) {
    out.push(`<text x="${mid}" y="${base}" text-anchor="middle" font-size="11" fill="${b.text}">${c.toolCount}</text>`);
  }
  if (c.state === "GAP") {
    out.push(
      `<rect x="${x + 1.5}" y="${y + 1.5}" width="${size - 3}" height="${size - 3}" fill="none" stroke="${GAP_COLOUR}" stroke-width="1.6" class="gap"/>`,
    );
    if (c.toolCount === 0) {
      const cy = y + size / 2;
      out.push(`<path d="M${mid - 5} ${cy - 5}l10 10m0 -10l-10 10" stroke="${GAP_COLOUR}" stroke-width="1.8"/>`);
    }
  }
  if (c.state === "POSSIBLE_GAP") {
    out.push(
      `<rect x="${x + 1.5}" y="${y + 1.5}" width="${size - 3}" height="${size - 3}" fill="none" stroke="${POSSIBLE_COLOUR}" stroke-width="1.4" stroke-dasharray="3 2" class="possible-gap"/>`,
    );
    out.push(
      c.toolCount === 0
        ? `<text x="${mid}" y="${base}" text-anchor="middle" font-size="12" font-weight="bold" fill="${POSSIBLE_COLOUR}">?</text>`
        : `<text x="${x + 4}" y="${y + 10}" font-size="8" font-weight="bold" fill="${POSSIBLE_COLOUR}">?</text>`,
    );
  }
  if (c.singlePointOfFailure) {
    out.push(`<circle cx="${x + size - 5}" cy="${y + 5}" r="2.6" fill="${SPOF_COLOUR}" class="spof"/>`);
  }
  out.push(`</g>`);
  return out;
}

/**
 * The gap report as an SVG heatmap, readable at 1× zoom: capabilities down
 * the side under their function's name, countries by name across the top,
 * grouped by the groups the scope names and split into blocks of at most
 * HEATMAP_BLOCK_COLUMNS stacked down the page (each with its own row
 * labels, so they stay in view); each cell coloured by and showing its
 * known listing count, its state drawn beside the count, never over it.
 * Known and possible coverage per row (right), per country (below each
 * block) and overall (headline). Every cell carries a tooltip with the full
 * counts and the listings.
 */
export function gapReportSvg(r: GapReportView, look: HeatmapLookups): string {
  const cell = 24;
  const font = 11;
  const minListings = r.input.minListings ?? 1;
  const functionOf = (path: string) => path.split("/")[1] ?? "";
  const labelWidth = Math.ceil(Math.min(300, 16 + Math.max(80, ...r.rows.map((x) => x.name.length * 6.6))));
  const left = labelWidth;
  const rightWidth = 96;
  const blocks = blocksOf(r, look);
  const widest = Math.max(1, ...blocks.map((b) => b.columns.length));
  const longestName = Math.max(4, ...r.columns.map((j) => Math.min(22, j.name.length)));
  // Country names run up at 60°: their height is the name's length times sin 60°.
  const headerH = Math.ceil(longestName * 6.4 * 0.87) + 16;
  // A function's name above its rows, unless the rows are the functions themselves (depth FUNCTION).
  const opensGroup = (i: number) =>
    r.rows[i].slug !== functionOf(r.rows[i].path) &&
    (i === 0 || functionOf(r.rows[i].path) !== functionOf(r.rows[i - 1].path));
  const functionRows = r.rows.filter((_, i) => opensGroup(i));
  const groupLabelH = 18;
  const gridH = r.rows.length * cell + functionRows.length * groupLabelH;
  const footerH = 2 * 14 + 8;
  const blockH = 22 + headerH + gridH + footerH + 16;
  const top = 64;
  const legendH = 132;

  const gaps = r.cells.filter((c) => c.state === "GAP").length;
  const possible = r.cells.filter((c) => c.state === "POSSIBLE_GAP").length;
  const headline =
    `Gap report — ${pct(r.coverage)} of cells known to be served, ${pct(r.possibleCoverage)} possibly · ` +
    `${plural(gaps, "gap")} · ${plural(possible, "possible gap")} · ${plural(r.singlePointsOfFailure.length, "single point")} of failure`;
  const scope = scopeInWords(r, look);
  const width = Math.max(
    left + widest * cell + rightWidth,
    720,
    Math.ceil(headline.length * 8.6) + 16,
    Math.ceil(scope.length * 6.4) + 16,
  );
  const height = top + blocks.length * blockH + legendH;

  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans, Arial, sans-serif" font-size="${font}" role="img" aria-labelledby="title">`,
    `<title id="title">Gap report: ${r.rows.length} capabilities × ${r.columns.length} countries, catalogue revision ${escapeXml(r.catalogueRevision)}</title>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="8" y="22" font-size="15" font-weight="bold">${escapeXml(headline)}</text>`,
    `<text x="8" y="42" fill="#333333">${escapeXml(scope)}</text>`,
    `<text x="8" y="58" fill="#666666" font-size="10">catalogue revision ${escapeXml(r.catalogueRevision)} · hover a cell for its listings</text>`,
  ];

  const byKey = new Map(r.cells.map((c) => [`${c.capability.slug}|${c.jurisdiction.code}`, c]));
  const rowCoverage = new Map(r.rowCoverage.map((x) => [x.capability.slug, x]));
  const columnCoverage = new Map(r.columnCoverage.map((x) => [x.jurisdiction.code, x]));

  blocks.forEach((block, bi) => {
    const y0 = top + bi * blockH;
    const gridTop = y0 + 22 + headerH;
    const gridW = block.columns.length * cell;
    out.push(
      `<text x="8" y="${y0 + 16}" font-size="13" font-weight="bold">${escapeXml(block.caption)} (${plural(block.columns.length, "country", "countries")})</text>`,
    );
    block.columns.forEach((j, ci) => {
      const x = left + ci * cell + cell / 2 + 3;
      const y = gridTop - 6;
      out.push(
        `<text x="${x}" y="${y}" transform="rotate(-60 ${x} ${y})"><title>${escapeXml(`${j.name} (${j.code})`)}</title>${escapeXml(truncate(j.name, 22))}</text>`,
      );
    });

    let y = gridTop;
    r.rows.forEach((row, ri) => {
      if (ri > 0 && functionOf(row.path) !== functionOf(r.rows[ri - 1].path)) {
        out.push(`<line x1="8" x2="${left + gridW}" y1="${y}" y2="${y}" stroke="#888888" stroke-width="1"/>`);
      }
      if (opensGroup(ri)) {
        const fn = functionOf(row.path);
        out.push(
          `<text x="8" y="${y + 13}" font-weight="bold" fill="#222222" class="function">${escapeXml(look.capabilityName(fn) ?? fn)}</text>`,
        );
        y += groupLabelH;
      }
      out.push(
        `<text x="${left - 6}" y="${y + cell / 2 + 4}" text-anchor="end"><title>${escapeXml(row.path)}</title>${escapeXml(row.name)}</text>`,
      );
      block.columns.forEach((j, ci) => {
        const c = byKey.get(`${row.slug}|${j.code}`);
        if (c) out.push(...cellSvg(c, left + ci * cell, y, cell, tipOf(c, row.name, j.name)));
      });
      const rc = rowCoverage.get(row.slug);
      out.push(
        `<text x="${left + gridW + 8}" y="${y + cell / 2 + 4}" fill="#333333">${rc ? `${pct(rc.coverage)} / ${pct(rc.possibleCoverage)}` : ""}</text>`,
      );
      y += cell;
    });

    // Column coverage under each country: known, then possible; the row coverage column named beside them.
    const fy = y + 12;
    out.push(
      `<text x="${left + gridW + 8}" y="${fy}" fill="#333333" font-size="10">↑ row coverage</text>`,
      `<text x="${left + gridW + 8}" y="${fy + 14}" fill="#333333" font-size="10">known / possible</text>`,
      `<text x="${left - 6}" y="${fy}" text-anchor="end" fill="#333333" font-size="10">country coverage, known</text>`,
      `<text x="${left - 6}" y="${fy + 14}" text-anchor="end" fill="#333333" font-size="10">possible</text>`,
    );
    block.columns.forEach((j, ci) => {
      const cc = columnCoverage.get(j.code);
      if (!cc) return;
      const x = left + ci * cell + cell / 2;
      out.push(
        `<text x="${x}" y="${fy}" text-anchor="middle" fill="#333333" font-size="9">${Math.round(cc.coverage * 100)}</text>`,
        `<text x="${x}" y="${fy + 14}" text-anchor="middle" fill="#666666" font-size="9">${Math.round(cc.possibleCoverage * 100)}</text>`,
      );
    });
  });

  // The legend: what each mark means, in words.
  const ly = top + blocks.length * blockH + 8;
  out.push(`<text x="8" y="${ly + 4}" font-weight="bold">Listings known to serve the cell</text>`);
  HEATMAP_BUCKETS.forEach((b, i) => {
    const x = 230 + i * 58;
    const label = b.max === null ? `${b.min}+` : b.min === b.max ? `${b.min}` : `${b.min}–${b.max}`;
    out.push(
      `<rect x="${x}" y="${ly - 9}" width="18" height="18" fill="${b.fill}" stroke="#999999" stroke-width="0.5"/>`,
      `<text x="${x + 24}" y="${ly + 4}">${label}</text>`,
    );
  });
  const sample = (y: number, state: GapCellView["state"], count: number, spof: boolean, text: string) => {
    const fake = {
      state,
      toolCount: count,
      singlePointOfFailure: spof,
    } as GapCellView;
    // The legend's samples are the cells' own drawing, without the classes that count cells.
    const drawn = cellSvg(fake, 8, y, cell, text)
      .slice(1, -1)
      .map((s) => s.replace(/ class="[a-z-]+"/, ""));
    out.push(...drawn, `<text x="${8 + cell + 10}" y="${y + cell / 2 + 4}">${escapeXml(text)}</text>`);
  };
  const fewer = minListings > 1 ? ` (fewer than ${minListings}, even counting those not stated)` : "";
  sample(ly + 16, "GAP", 0, false, `gap: no listing known here, and none whose availability here is unstated${fewer}`);
  sample(
    ly + 44,
    "POSSIBLE_GAP",
    0,
    false,
    `possible gap: listings exist, availability not stated${minListings > 1 ? ` (fewer than ${minListings} known)` : ""}; with a count, that many are known`,
  );
  sample(ly + 72, "COVERED", 1, true, "single point of failure: every listing known here is one organisation's");
  out.push(`</svg>`);
  return out.join("\n");
}
