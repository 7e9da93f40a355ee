import AxeBuilder from "@axe-core/playwright";
import { expect, Page, test as base } from "@playwright/test";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { E2eServers } from "./serve";

/** Screenshots for a person to look at (gitignored). */
export const ARTIFACTS = join(__dirname, "..", "..", "test-artifacts", "console");

export function servers(): E2eServers {
  const raw = process.env.E2E_SERVERS;
  if (!raw) throw new Error("E2E_SERVERS is not set: run the tests through playwright.config.ts");
  return JSON.parse(raw) as E2eServers;
}

/** The main server as the page's base URL; every request the page makes outside it fails the test. */
export const test = base.extend<{ servers: E2eServers }>({
  // Playwright reads the fixtures a fixture needs from its first parameter's destructuring: these need none.
  // eslint-disable-next-line no-empty-pattern
  servers: async ({}, use) => use(servers()),
  // eslint-disable-next-line no-empty-pattern
  baseURL: async ({}, use) => use(servers().main),
  page: async ({ page }, use) => {
    const outside: string[] = [];
    const violations: string[] = [];
    page.on("request", (r) => {
      const url = new URL(r.url());
      if (url.hostname !== "127.0.0.1" && url.protocol !== "data:") outside.push(r.url());
    });
    page.on("console", (m) => {
      if (/Content[- ]Security[- ]Policy/i.test(m.text())) violations.push(m.text());
    });
    await use(page);
    expect(outside, "requests that left the machine").toEqual([]);
    expect(violations, "Content-Security-Policy violations").toEqual([]);
  },
});

export { expect };

/** Runs axe-core on the page as it is: no serious or critical violation. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join("; ")}`);
  expect(bad, "serious or critical accessibility violations").toEqual([]);
}

/**
 * Saves the page at 1280×800 and 390 px wide (full height), as
 * test-artifacts/console/<name>-1280.png and <name>-390.png, and restores
 * the viewport.
 */
export async function screenshots(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  // What a person sees once the page has settled: no region still waiting for its answer (the search page's
  // facets come in a request of their own, after the results).
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  const before = page.viewportSize() ?? { width: 1280, height: 800 };
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: join(ARTIFACTS, `${name}-1280.png`) });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: join(ARTIFACTS, `${name}-390.png`), fullPage: true });
  await page.setViewportSize(before);
}
