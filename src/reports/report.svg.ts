import type { GapReportView } from "./report.service";

/** Sequential, colour-blind-safe buckets for listing counts; the gap marker is drawn separately. */
export const HEATMAP_BUCKETS: { min: number; max: number | null; fill: string; text: string }[] = [
  { min: 0, max: 0, fill: "#f4f4f4", text: "#555555" },
  { min: 1, max: 1, fill: "#c6dbef", text: "#08306b" },
  { min: 2, max: 2, fill: "#9ecae1", text: "#08306b" },
  { min: 3, max: 4, fill: "#6baed6", text: "#08306b" },
  { min: 5, max: 9, fill: "#3182bd", text: "#ffffff" },
  { min: 10, max: null, fill: "#08519c", text: "#ffffff" },
];

const GAP_COLOUR = "#d62728";
/** Possible gaps: a dashed frame and a question mark, so they read apart from gaps without colour. */
const POSSIBLE_COLOUR = "#6a3d9a";
const SPOF_COLOUR = "#ff9f1c";

function escapeXml(s: string): string {
  return s.replace(
    /[<>&"']/g,
    (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c] ?? c,
  );
}

export function bucketOf(count: number) {
  return HEATMAP_BUCKETS.find((b) => count >= b.min && (b.max === null || count <= b.max)) ?? HEATMAP_BUCKETS[0];
}

/**
 * The gap report as an SVG heatmap: capabilities down the side, jurisdiction
 * codes across the top, each cell coloured by its listing count and showing
 * it, gaps crossed in red, possible gaps (listings whose availability or
 * offers are not stated) framed in dashes with a question mark, single
 * points of failure dotted in orange, row
 * coverage on the right, and a legend. Every cell carries a tooltip with the
 * full names and the listings.
 */
export function gapReportSvg(r: GapReportView): string {
  const cell = 20;
  const font = 11;
  const labelWidth = Math.min(280, 12 + Math.max(60, ...r.rows.map((x) => x.name.length * 6.4)));
  const top = 92;
  const left = labelWidth;
  const gridW = r.columns.length * cell;
  const gridH = r.rows.length * cell;
  const right = 64;
  const legendH = 96;
  const headline = `Gap report — coverage ${(r.coverage * 100).toFixed(1)}% known, ${(r.possibleCoverage * 100).toFixed(1)}% possible · ${r.cells.filter((c) => c.state === "GAP").length} gaps · ${r.cells.filter((c) => c.state === "POSSIBLE_GAP").length} possible gaps · ${r.singlePointsOfFailure.length} single points of failure`;
  // Wide enough for the headline too (15 px bold: about 9 px a character), which a narrow scope would cut off.
  const width = Math.max(left + gridW + right, 640, Math.ceil(headline.length * 9) + 16);
  const height = top + gridH + legendH;
  const out: string[] = [];
  const minListings = r.input.minListings ?? 1;
  const scope = [
    r.input.jurisdictions.length ? `jurisdictions ${r.input.jurisdictions.join(", ")}` : "all countries",
    r.input.capabilities.length ? `capabilities ${r.input.capabilities.join(", ")}` : "whole taxonomy",
    r.input.eligibleFor.length ? `open to ${r.input.eligibleFor.join("/")}` : null,
    r.input.licenseModels.length ? `licence ${r.input.licenseModels.join("/")}` : null,
    r.input.mediaTypes.length ? `media ${r.input.mediaTypes.join("/")}` : null,
    r.input.languages.length ? `languages ${r.input.languages.join("/")}` : null,
    r.input.kinds.length ? `kinds ${r.input.kinds.join("/")}` : null,
    r.input.deployment.length ? `deployment ${r.input.deployment.join("/")}` : null,
    r.input.standards.length ? `standards ${r.input.standards.join("/")}` : null,
    r.input.organisations.length ? `organisations ${r.input.organisations.join(", ")}` : null,
    r.input.organisationTypes.length ? `organisation types ${r.input.organisationTypes.join("/")}` : null,
    r.input.status.length ? `status ${r.input.status.join("/")}` : null,
    `gap below ${minListings} listing${minListings === 1 ? "" : "s"}`,
  ]
    .filter(Boolean)
    .join(" · ");

  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans, Arial, sans-serif" font-size="${font}" role="img" aria-labelledby="title">`,
    `<title id="title">Gap report: ${r.rows.length} capabilities × ${r.columns.length} jurisdictions, catalogue revision ${escapeXml(r.catalogueRevision)}</title>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="8" y="20" font-size="15" font-weight="bold">${headline}</text>`,
    `<text x="8" y="38" fill="#444444">${escapeXml(scope)} · catalogue revision ${escapeXml(r.catalogueRevision)}</text>`,
  );

  r.columns.forEach((j, ci) => {
    const x = left + ci * cell + cell / 2;
    out.push(
      `<text x="${x}" y="${top - 6}" text-anchor="start" transform="rotate(-60 ${x} ${top - 6})"><title>${escapeXml(j.name)}</title>${escapeXml(j.code)}</text>`,
    );
  });
  out.push(`<text x="${left + gridW + 6}" y="${top - 6}" fill="#444444">cover</text>`);

  const byKey = new Map(r.cells.map((c) => [`${c.capability.slug}|${c.jurisdiction.code}`, c]));
  const coverage = new Map(r.rowCoverage.map((x) => [x.capability.slug, x.coverage]));
  const functionOf = (path: string) => path.split("/")[1] ?? "";
  r.rows.forEach((row, ri) => {
    const y = top + ri * cell;
    if (ri > 0 && functionOf(row.path) !== functionOf(r.rows[ri - 1].path)) {
      out.push(`<line x1="8" x2="${left + gridW}" y1="${y}" y2="${y}" stroke="#888888" stroke-width="1"/>`);
    }
    out.push(
      `<text x="${left - 6}" y="${y + cell / 2 + 4}" text-anchor="end"><title>${escapeXml(row.path)}</title>${escapeXml(row.name)}</text>`,
    );
    r.columns.forEach((j, ci) => {
      const c = byKey.get(`${row.slug}|${j.code}`);
      if (!c) return;
      const x = left + ci * cell;
      const b = bucketOf(c.toolCount);
      const tip = `${row.name} in ${j.name}: ${c.toolCount} listing${c.toolCount === 1 ? "" : "s"}, ${c.organisationCount} organisation${c.organisationCount === 1 ? "" : "s"}, ${c.unknownCount} not stated, ${c.unavailableCount} stated unavailable or restricted${c.state === "GAP" ? " — gap" : c.state === "POSSIBLE_GAP" ? " — possible gap" : ""}${c.singlePointOfFailure ? " — single point of failure" : ""}${c.toolSlugs.length ? `: ${c.toolSlugs.join(", ")}` : ""}`;
      out.push(`<g><title>${escapeXml(tip)}</title>`);
      out.push(
        `<rect x="${x}" y="${y}" width="${cell}" height="${cell}" fill="${b.fill}" stroke="#ffffff" stroke-width="1"/>`,
      );
      if (c.toolCount > 0) {
        out.push(
          `<text x="${x + cell / 2}" y="${y + cell / 2 + 4}" text-anchor="middle" font-size="10" fill="${b.text}">${c.toolCount}</text>`,
        );
      }
      if (c.state === "POSSIBLE_GAP") {
        out.push(
          `<rect x="${x + 2}" y="${y + 2}" width="${cell - 4}" height="${cell - 4}" fill="none" stroke="${POSSIBLE_COLOUR}" stroke-width="1.2" stroke-dasharray="2 2" class="possible-gap"/>`,
        );
        if (c.toolCount === 0) {
          out.push(
            `<text x="${x + cell / 2}" y="${y + cell / 2 + 4}" text-anchor="middle" font-size="10" fill="${POSSIBLE_COLOUR}">?</text>`,
          );
        }
      }
      if (c.state === "GAP") {
        out.push(
          `<path d="M${x + 5} ${y + 5}L${x + cell - 5} ${y + cell - 5}M${x + cell - 5} ${y + 5}L${x + 5} ${y + cell - 5}" stroke="${GAP_COLOUR}" stroke-width="1.2" stroke-opacity="0.75" class="gap"/>`,
        );
      }
      if (c.singlePointOfFailure) {
        out.push(`<circle cx="${x + cell - 4}" cy="${y + 4}" r="2.6" fill="${SPOF_COLOUR}" class="spof"/>`);
      }
      out.push(`</g>`);
    });
    out.push(
      `<text x="${left + gridW + 6}" y="${y + cell / 2 + 4}" fill="#444444">${Math.round((coverage.get(row.slug) ?? 0) * 100)}%</text>`,
    );
  });

  const ly = top + gridH + 24;
  out.push(`<text x="8" y="${ly + 4}" font-weight="bold">Listings per cell</text>`);
  HEATMAP_BUCKETS.forEach((b, i) => {
    const x = 130 + i * 62;
    const label = b.max === null ? `${b.min}+` : b.min === b.max ? `${b.min}` : `${b.min}–${b.max}`;
    out.push(
      `<rect x="${x}" y="${ly - 8}" width="16" height="16" fill="${b.fill}" stroke="#999999" stroke-width="0.5"/>`,
    );
    out.push(`<text x="${x + 22}" y="${ly + 4}">${label}</text>`);
  });
  const gx = 130 + HEATMAP_BUCKETS.length * 62 + 10;
  out.push(
    `<path d="M${gx + 3} ${ly - 5}L${gx + 13} ${ly + 5}M${gx + 13} ${ly - 5}L${gx + 3} ${ly + 5}" stroke="${GAP_COLOUR}" stroke-width="1.6"/>`,
    `<text x="${gx + 22}" y="${ly + 4}">no listing known here${minListings > 1 ? ` (fewer than ${minListings}, even counting the unstated)` : ""}</text>`,
    `<rect x="${gx + 2}" y="${ly + 18}" width="12" height="12" fill="none" stroke="${POSSIBLE_COLOUR}" stroke-width="1.2" stroke-dasharray="2 2"/>`,
    `<text x="${gx + 8}" y="${ly + 28}" text-anchor="middle" font-size="10" fill="${POSSIBLE_COLOUR}">?</text>`,
    `<text x="${gx + 22}" y="${ly + 30}">listings exist, availability not stated${minListings > 1 ? ` (fewer than ${minListings} known)` : ""}</text>`,
    `<circle cx="${gx + 8}" cy="${ly + 52}" r="3" fill="${SPOF_COLOUR}"/>`,
    `<text x="${gx + 22}" y="${ly + 56}">single point of failure (one organisation)</text>`,
  );
  out.push(`</svg>`);
  return out.join("\n");
}
