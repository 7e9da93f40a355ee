import { csv } from "../reports/report.export";
import { escapeXml } from "../reports/report.svg";
import { globalId } from "../node/global-id";
import { MappingRelation } from "./crosswalk";
import type { CrosswalkView, LevelView } from "./crosswalk.service";

/** Crosswalk CSV columns, in order (documented in the README): one row per pair of levels of different schemes. */
export const CROSSWALK_CSV_COLUMNS = [
  "row_scheme",
  "row_level",
  "row_name",
  "column_scheme",
  "column_level",
  "column_name",
  "relation",
  "mapping_ids",
];

/**
 * Every pair of levels of two different schemes, row by row, with the
 * relation read from the row's level to the column's, or empty where no
 * mapping exists: the empty rows are the gaps. Text goes through csvField,
 * so a name that begins like a formula stays text.
 */
export function crosswalkCsv(c: CrosswalkView): string {
  const cells = new Map(c.cells.map((x) => [`${key(x.row)}>${key(x.column)}`, x]));
  const rows: (string | null)[][] = [];
  for (const r of c.levels)
    for (const col of c.levels) {
      if (r.scheme.slug === col.scheme.slug) continue;
      const cell = cells.get(`${key(r)}>${key(col)}`);
      rows.push([
        r.scheme.slug,
        r.level.code,
        r.level.name,
        col.scheme.slug,
        col.level.code,
        col.level.name,
        cell?.relation ?? null,
        cell ? cell.mappingIds.map((id) => globalId("SchemeMapping", id)).join(" ") : null,
      ]);
    }
  return csv(CROSSWALK_CSV_COLUMNS, rows);
}

const key = (l: LevelView) => `${l.scheme.slug}/${l.level.code}`;

/** Cells between two levels of one scheme: darker than a gap, so the two are not confused. */
const SAME_SCHEME_FILL = "#c8c8c8";

/** How each relation is drawn: a letter (readable without colour) on a colour-blind-safe fill. */
export const RELATION_MARKS: Record<MappingRelation, { letter: string; fill: string; text: string; words: string }> = {
  [MappingRelation.EXACT]: { letter: "=", fill: "#08519c", text: "#ffffff", words: "exact: the same material" },
  [MappingRelation.CLOSE]: { letter: "≈", fill: "#3182bd", text: "#ffffff", words: "close: nearly the same material" },
  [MappingRelation.BROADER]: {
    letter: "<",
    fill: "#9ecae1",
    text: "#08306b",
    words: "broader: the column's level takes in all of the row's and more",
  },
  [MappingRelation.NARROWER]: {
    letter: ">",
    fill: "#c6dbef",
    text: "#08306b",
    words: "narrower: the row's level takes in all of the column's and more",
  },
  [MappingRelation.RELATED]: {
    letter: "~",
    fill: "#fdd0a2",
    text: "#7f2704",
    words: "related: they overlap, neither contains the other",
  },
};

/** At most `n` characters, cut at a word where one is near, so a label never ends mid-word without saying so. */
const truncate = (s: string, n: number) => {
  if (s.length <= n) return s;
  const cut = s.slice(0, n - 1);
  if (s[n - 1] === " ") return `${cut}…`;
  const space = cut.lastIndexOf(" ");
  return `${space > n / 2 ? cut.slice(0, space) : cut}…`;
};
/** A scheme's name without its parenthesised qualifier, at most 36 characters. */
const shortName = (name: string) => truncate(name.split(" (")[0], 36);

/**
 * The crosswalk as a grid like the gap heatmap: every level a row and a
 * column, grouped by scheme; a mapped cell shows its relation as a letter
 * on a fill, a cell between two levels of one scheme is greyed, an empty
 * cell is a gap. The legend says each mark in words.
 */
export function crosswalkSvg(c: CrosswalkView): string {
  const cell = 26;
  const font = 11;
  // The scheme's name is shortened, never the level's code: the code is what tells two rows apart.
  const label = (l: LevelView) => `${shortName(l.scheme.name)} · ${l.level.code}`;
  const left = Math.ceil(Math.min(320, 16 + Math.max(80, ...c.levels.map((l) => label(l).length * 6.6))));
  const headerH = Math.ceil(Math.max(...c.levels.map((l) => label(l).length), 4) * 6.6 * 0.87) + 16;
  const top = 64;
  const gridTop = top + headerH;
  const n = c.levels.length;
  const legendTop = gridTop + n * cell + 24;
  // The headline names the schemes in full (their qualifier aside): the labels below may shorten them.
  const headline = `Crosswalk — ${c.schemes.map((s) => s.name.split(" (")[0]).join(" × ")}`;
  // Bold 15px text runs to about 9.5px a character; the rotated column labels lean right past the grid.
  const width = Math.ceil(Math.max(left + n * cell + headerH / 2 + 16, 760, headline.length * 9.5 + 16));
  const height = legendTop + 7 * 22 + 40;
  const cells = new Map(c.cells.map((x) => [`${key(x.row)}>${key(x.column)}`, x]));
  const mapped = c.cells.length / 2;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans, Arial, sans-serif" font-size="${font}" role="img" aria-labelledby="title">`,
    `<title id="title">Crosswalk of ${c.schemes.length} classification schemes: ${n} levels, ${mapped} mappings</title>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="8" y="22" font-size="15" font-weight="bold">${escapeXml(headline)}</text>`,
    `<text x="8" y="42" fill="#333333">${escapeXml(
      `${n} levels · ${mapped} approved mappings · ${c.pairs.filter((p) => p.mappingCount === 0).length} of ${c.pairs.length} scheme pairs without any mapping · ${c.unmappedLevels.length} levels mapped nowhere here`,
    )}</text>`,
    `<text x="8" y="58" fill="#666666" font-size="10">read a cell from its row's level to its column's level · hover a cell for the levels</text>`,
  ];
  c.levels.forEach((l, i) => {
    const x = left + i * cell + cell / 2 + 3;
    const y = gridTop - 6;
    out.push(
      `<text x="${x}" y="${y}" transform="rotate(-60 ${x} ${y})"><title>${escapeXml(`${l.scheme.name}: ${l.level.name} (${l.level.code})`)}</title>${escapeXml(label(l))}</text>`,
    );
  });
  c.levels.forEach((r, ri) => {
    const y = gridTop + ri * cell;
    out.push(
      `<text x="${left - 6}" y="${y + cell / 2 + 4}" text-anchor="end"><title>${escapeXml(`${r.scheme.name}: ${r.level.name}`)}</title>${escapeXml(label(r))}</text>`,
    );
    c.levels.forEach((col, ci) => {
      const x = left + ci * cell;
      const tip = `${r.scheme.name} ${r.level.code} → ${col.scheme.name} ${col.level.code}`;
      if (r.scheme.slug === col.scheme.slug) {
        out.push(
          `<rect x="${x}" y="${y}" width="${cell}" height="${cell}" fill="${SAME_SCHEME_FILL}" stroke="#ffffff" class="same-scheme"/>`,
        );
        return;
      }
      const hit = cells.get(`${key(r)}>${key(col)}`);
      if (!hit) {
        out.push(
          `<rect x="${x}" y="${y}" width="${cell}" height="${cell}" fill="#f4f4f4" stroke="#cccccc" class="gap"><title>${escapeXml(`${tip}: no mapping`)}</title></rect>`,
        );
        return;
      }
      const m = RELATION_MARKS[hit.relation];
      out.push(
        `<g class="mapped"><title>${escapeXml(`${tip}: ${m.words}`)}</title>`,
        `<rect x="${x}" y="${y}" width="${cell}" height="${cell}" fill="${m.fill}" stroke="#ffffff"/>`,
        `<text x="${x + cell / 2}" y="${y + cell / 2 + 5}" text-anchor="middle" font-size="14" font-weight="bold" fill="${m.text}">${escapeXml(m.letter)}</text>`,
        `</g>`,
      );
    });
  });
  // Scheme boundaries, drawn over the cells so each scheme's block stands apart both ways.
  c.levels.forEach((l, i) => {
    if (i === 0 || l.scheme.slug === c.levels[i - 1].scheme.slug) return;
    const at = i * cell;
    out.push(
      `<line x1="8" x2="${left + n * cell}" y1="${gridTop + at}" y2="${gridTop + at}" stroke="#555555" stroke-width="1.5"/>`,
      `<line x1="${left + at}" x2="${left + at}" y1="${gridTop}" y2="${gridTop + n * cell}" stroke="#555555" stroke-width="1.5"/>`,
    );
  });
  out.push(
    `<text x="8" y="${legendTop}" font-weight="bold">What a cell says, read from the row's level to the column's</text>`,
  );
  const legend: { fill: string; letter: string; text: string; words: string }[] = [
    ...Object.values(RELATION_MARKS),
    { fill: "#f4f4f4", letter: "", text: "#000000", words: "empty: no approved mapping (a gap)" },
    { fill: SAME_SCHEME_FILL, letter: "", text: "#000000", words: "grey: two levels of the same scheme (not mapped)" },
  ];
  legend.forEach((m, i) => {
    const y = legendTop + 10 + i * 22;
    out.push(
      `<rect x="8" y="${y}" width="18" height="18" fill="${m.fill}" stroke="#999999" stroke-width="0.5"/>`,
      `<text x="17" y="${y + 14}" text-anchor="middle" font-weight="bold" fill="${m.text}">${escapeXml(m.letter)}</text>`,
      `<text x="34" y="${y + 14}">${escapeXml(m.words)}</text>`,
    );
  });
  out.push(`</svg>`);
  return out.join("\n");
}
