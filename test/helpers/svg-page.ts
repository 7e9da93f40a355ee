import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { ARTIFACTS } from "./browser";

/**
 * Checks for an SVG report opened in Chromium, shared by the report tests:
 * what makes a chart unreadable (text drawn over text, labels outside the
 * picture) and a screenshot of the whole picture for a person to look at.
 */

/**
 * Pairs of marks that overlap by more than a pixel, each taken as the
 * quadrilateral it covers on screen (its box through its transform, so the
 * rotated country names are compared as drawn, not as their upright
 * bounding boxes): within each cell, and among the labels outside cells.
 */
export async function overlaps(page: Page): Promise<string[]> {
  // Run in the page as text: the test's own TypeScript has no DOM types, and must not gain them for all the tests.
  return page.evaluate(`(() => {
    const quad = (e) => {
      const b = e.getBBox();
      const m = e.getScreenCTM();
      const at = (x, y) => new DOMPoint(x, y).matrixTransform(m);
      return [at(b.x, b.y), at(b.x + b.width, b.y), at(b.x + b.width, b.y + b.height), at(b.x, b.y + b.height)];
    };
    // Separating axis test for two convex quadrilaterals, with a pixel of tolerance.
    const apart = (a, b) =>
      [a, b].some((poly) =>
        poly.some((p, i) => {
          const q = poly[(i + 1) % poly.length];
          const axis = { x: q.y - p.y, y: p.x - q.x };
          const len = Math.hypot(axis.x, axis.y) || 1;
          const proj = (ps) => ps.map((v) => (v.x * axis.x + v.y * axis.y) / len);
          const pa = proj(a);
          const pb = proj(b);
          return Math.max(...pa) <= Math.min(...pb) + 1 || Math.max(...pb) <= Math.min(...pa) + 1;
        }),
      );
    const found = [];
    const check = (marks, where) => {
      const quads = marks.map(quad);
      for (let i = 0; i < quads.length; i++)
        for (let j = i + 1; j < quads.length; j++) if (!apart(quads[i], quads[j])) found.push(where(i, j));
    };
    // Inside each cell: the count, the state glyph and the markers must not cover one another.
    for (const g of document.querySelectorAll("g")) {
      check([...g.querySelectorAll("text, path, circle")], () => 'cell "' + g.querySelector("title")?.textContent + '"');
    }
    // Labels outside the cells (country and row names, captions, coverage figures): none over another.
    const labels = [...document.querySelectorAll("svg > text")];
    check(labels, (i, j) => '"' + labels[i].textContent + '" and "' + labels[j].textContent + '"');
    return found;
  })()`);
}

/** Opens an SVG report at 1× zoom and reads the size it declares. */
export async function openSvg(browser: Browser, url: string) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, deviceScaleFactor: 1 });
  const res = await page.goto(url);
  if (res?.status() !== 200) throw new Error(`${url} answered ${res?.status()}`);
  const size = await page.evaluate<{ width: number; height: number }>(`(() => {
    const svg = document.querySelector("svg");
    return { width: Number(svg.getAttribute("width")), height: Number(svg.getAttribute("height")) };
  })()`);
  return { page, size };
}

/** The text of every label drawn partly outside the picture. */
export function outsideLabels(page: Page, size: { width: number; height: number }): Promise<string[]> {
  return page.evaluate<string[]>(`[...document.querySelectorAll("text")]
      .map((e) => ({ r: e.getBoundingClientRect(), text: e.textContent }))
      .filter(({ r }) => r.x < 0 || r.y < 0 || r.right > ${size.width} + 1 || r.bottom > ${size.height} + 1)
      .map(({ text }) => text)`);
}

/** The whole picture: the viewport made its size (Chromium's full-page capture does not measure an SVG document). */
export async function shoot(page: Page, size: { width: number; height: number }, file: string) {
  await page.setViewportSize({ width: size.width, height: Math.min(size.height, 16_000) });
  await page.screenshot({ path: join(ARTIFACTS, file) });
}
