import { Browser } from "playwright-core";
import { RELATION_MARKS } from "../../src/crosswalk/crosswalk.export";
import { browserSuite } from "../helpers/browser";
import { seed } from "../helpers/seed-facts";
import { openSvg, outsideLabels, overlaps, shoot } from "../helpers/svg-page";

/**
 * The crosswalk grid as a person sees it, in a real browser at 1× zoom: the
 * screenshot is written for people to look at (test-artifacts/), and the
 * picture is checked for what makes it unreadable: text over text, labels
 * cut off, a legend that does not say every mark in words.
 */
const suite = browserSuite();
let base: string;
let browser: Browser;
beforeAll(() => ({ base, browser } = suite()));

const SCHEMES = ["copine-scale", "oliver-scale", "uk-sentencing-council-image-categories"];

describe("the crosswalk grid in a browser", () => {
  it("COPINE × Oliver × Sentencing Council: every level labelled twice, each mapping drawn both ways, the legend in words", async () => {
    const { page, size } = await openSvg(browser, `${base}/reports/crosswalk.svg?schemes=${SCHEMES.join(",")}`);
    await shoot(page, size, "crosswalk-copine-oliver-sentencing-council.png");

    const levels = SCHEMES.flatMap((slug) => seed.classificationSchemes.find((s) => s.slug === slug)?.levels ?? []);
    const mappings = seed.schemeMappings.filter((m) => SCHEMES.includes(m.fromScheme) && SCHEMES.includes(m.toScheme));
    expect(levels).toHaveLength(18);
    // The picture as drawn: the size it declares, a row and a column per level, both halves of each mapping.
    const drawn = await page.evaluate<{
      box: { width: number; height: number };
      rowLabels: number;
      columnLabels: number;
      mapped: number;
      cells: number;
      texts: string[];
      smallest: number;
    }>(`(() => {
      const svg = document.querySelector("svg");
      const box = svg.getBoundingClientRect();
      const texts = [...document.querySelectorAll("text")];
      return {
        box: { width: box.width, height: box.height },
        rowLabels: texts.filter((t) => t.getAttribute("text-anchor") === "end").length,
        columnLabels: texts.filter((t) => (t.getAttribute("transform") || "").startsWith("rotate")).length,
        mapped: document.querySelectorAll("g.mapped").length,
        cells: document.querySelectorAll("rect.gap, rect.same-scheme, g.mapped").length,
        texts: texts.map((t) => t.textContent.trim()),
        smallest: Math.min(...texts.filter((t) => t.textContent.trim()).map((t) => parseFloat(getComputedStyle(t).fontSize))),
      };
    })()`);
    expect(drawn.box).toEqual(size);
    expect(size.width).toBeGreaterThan(400);
    expect(size.height).toBeGreaterThan(400);
    expect(drawn.rowLabels).toBe(18);
    expect(drawn.columnLabels).toBe(18);
    expect(drawn.cells).toBe(18 * 18);
    expect(drawn.mapped).toBe(2 * mappings.length);
    for (const code of ["10", "5", "A", "C"]) expect(drawn.texts.some((x) => x.endsWith(`· ${code}`))).toBe(true);
    // The legend says every relation, the empty cell and the greyed one in words.
    for (const m of Object.values(RELATION_MARKS)) expect(drawn.texts).toContain(m.words);
    expect(drawn.texts.some((x) => /^empty: no approved mapping/.test(x))).toBe(true);
    expect(drawn.texts.some((x) => /^grey: two levels of the same scheme/.test(x))).toBe(true);
    // Nothing too small to read, nothing over anything else, nothing cut off.
    expect(drawn.smallest).toBeGreaterThanOrEqual(10);
    expect(await overlaps(page)).toEqual([]);
    expect(await outsideLabels(page, size)).toEqual([]);
    await page.close();
  });
});
