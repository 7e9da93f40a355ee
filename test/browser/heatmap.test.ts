import { join } from "node:path";
import { Browser } from "playwright-core";
import { ARTIFACTS, browserSuite } from "../helpers/browser";
import { openSvg, outsideLabels, overlaps, shoot } from "../helpers/svg-page";

/**
 * The gap heatmap as a person sees it, in a real browser at 1× zoom: the
 * screenshots are written for people to look at (test-artifacts/), and the
 * page is checked for what makes a chart unreadable: text drawn over text.
 */
const suite = browserSuite();
let base: string;
let browser: Browser;
beforeAll(() => ({ base, browser } = suite()));

async function open(query: string) {
  return openSvg(browser, `${base}/reports/gaps.svg?${query}`);
}

describe("the gap heatmap in a browser", () => {
  it("Five Eyes + EU: countries by name under their groups, nothing drawn over anything", async () => {
    const { page, size } = await open("jurisdictions=FIVE_EYES,EU");
    await shoot(page, size, "heatmap-five-eyes-eu.png");
    expect(await overlaps(page)).toEqual([]);
    // Every label is inside the picture.
    expect(await outsideLabels(page, size)).toEqual([]);
    await page.close();
  });

  it("all countries: blocks of at most 36 countries stacked down the page, each with its row labels", async () => {
    const { page, size } = await open("depth=FUNCTION");
    expect(size.width).toBeLessThan(1600);
    await shoot(page, size, "heatmap-all-countries.png");
    await page.screenshot({
      path: join(ARTIFACTS, "heatmap-all-countries-first-block.png"),
      clip: { x: 0, y: 0, width: size.width, height: Math.min(size.height, 700) },
    });
    expect(await overlaps(page)).toEqual([]);
    await page.close();
  });
});
