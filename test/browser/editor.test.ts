import { join } from "node:path";
import { Browser, BrowserContext, Page } from "playwright-core";
import { Role } from "../../src/accounts/roles";
import { EXAMPLES } from "../../web/editor/examples";
import { userWithToken } from "../helpers/accounts";
import type { TestApp } from "../helpers/app";
import { ARTIFACTS, browserSuite } from "../helpers/browser";

const suite = browserSuite();
let t: TestApp;
let base: string;
let browser: Browser;
beforeAll(() => ({ t, base, browser } = suite()));

/** What the page did that it should not have: requests off this server, policy violations, errors. */
interface Watch {
  offServer: string[];
  violations: string[];
  errors: string[];
}

/**
 * A fresh browser context (no stored tabs) whose page may reach only this
 * test's server: every other request is aborted and recorded. Policy
 * violations, page errors and console errors are recorded too.
 */
async function openEditor(): Promise<{ context: BrowserContext; page: Page; watch: Watch }> {
  const watch: Watch = { offServer: [], violations: [], errors: [] };
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, serviceWorkers: "block" });
  const origin = new URL(base).origin;
  await context.route(
    () => true,
    (route) => {
      const url = route.request().url();
      if (new URL(url).origin === origin) return route.continue();
      watch.offServer.push(url);
      return route.abort("blockedbyclient");
    },
  );
  await context.exposeBinding("__reportViolation", (_source, text: string) => void watch.violations.push(text));
  // Runs before the page's own scripts, outside its policy (the browser injects it).
  await context.addInitScript({
    content: `document.addEventListener("securitypolicyviolation", (e) =>
      window.__reportViolation(e.effectiveDirective + " blocked " + (e.blockedURI || "inline") + " (" + e.sourceFile + ":" + e.lineNumber + ")"));`,
  });
  const page = await context.newPage();
  page.on("pageerror", (e) => watch.errors.push(`page error: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") watch.errors.push(`console error: ${m.text()}`);
  });
  page.on("requestfailed", (r) => {
    if (new URL(r.url()).origin === origin) watch.errors.push(`request failed: ${r.url()} ${r.failure()?.errorText}`);
  });
  return { context, page, watch };
}

/** Polls `read` until `ok` holds of its value, every 100 ms for at most `timeoutMs`; returns the last value. */
async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(value)} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const resultPane = (page: Page) => page.getByRole("region", { name: "Result Window" });
const runButton = (page: Page) => page.getByRole("button", { name: "Execute query (Ctrl-Enter)" });
const tab = (page: Page, name: string) => page.getByRole("tab", { name });

/** Runs the active tab (the named operation, picked from the run button's menu) and waits for its answer. */
async function run(page: Page, expectText: string, operation?: string): Promise<string> {
  await runButton(page).click();
  if (operation) await page.getByRole("menuitem", { name: operation }).click();
  return until(
    () => resultPane(page).innerText(),
    (text) => text.includes(expectText),
    "the result",
    15_000,
  );
}

/** Replaces an editor's text as a person would: click into it, select all, type. */
async function typeInto(page: Page, region: string, text: string) {
  // The Variables and Headers panes share a region; the hidden one is still in the page.
  await page.getByRole("region", { name: region }).locator(".CodeMirror").filter({ visible: true }).click();
  await page.keyboard.press("Control+A");
  await page.keyboard.type(text);
}

describe("the query editor at GET /graphql, in Chromium with no way off this machine", () => {
  it("loads from the API alone, runs the procurement search, and shows listings from the database", async () => {
    const { context, page, watch } = await openEditor();
    try {
      const search = EXAMPLES[0];
      // The same operation over plain HTTP, for what the page must show.
      const expected = await t.gql<{ listings: { totalCount: number; edges: { node: { name: string } }[] } }>(
        search.query,
        search.variables,
      );
      expect(expected.errors).toBeUndefined();
      const { totalCount, edges } = expected.data!.listings;
      expect(totalCount).toBeGreaterThan(0);

      const res = await page.goto(`${base}/graphql`);
      expect(res?.status()).toBe(200);
      expect(res?.headers()["content-type"]).toMatch(/^text\/html/);
      for (const e of EXAMPLES) {
        const name = /(?:query|mutation) (\w+)/.exec(e.query)![1];
        await tab(page, name).waitFor({ timeout: 10_000 });
      }
      await expect(page.getByRole("note").innerText()).resolves.toMatch(/Authorization.*Bearer/);
      // The schema has come through introspection: the documentation explorer can name the root type.
      const refetch = page.getByRole("button", { name: "Re-fetch GraphQL schema" });
      await until(() => refetch.isEnabled(), Boolean, "the schema's introspection", 15_000);

      await tab(page, "ProcurementSearch").click();
      const shown = await run(page, `"totalCount": ${totalCount}`);
      expect(shown).toContain(edges[0].node.name);
      await page.screenshot({ path: join(ARTIFACTS, "editor-procurement-search.png") });

      expect(watch).toEqual({ offServer: [], violations: [], errors: [] });
    } finally {
      await context.close();
    }
  });

  it("opens an example from the Examples panel in a new tab and runs it", async () => {
    const { context, page, watch } = await openEditor();
    try {
      await page.goto(`${base}/graphql`);
      const duplication = EXAMPLES.find((e) => e.title === "Duplication report")!;
      await tab(page, "DuplicationReport").click();
      await tab(page, "DuplicationReport").getByRole("button", { name: "Close Tab" }).click();
      await until(
        () => tab(page, "DuplicationReport").count(),
        (n) => n === 0,
        "the closed tab",
      );

      await page.getByRole("button", { name: "Show Examples" }).click();
      await page.getByRole("button", { name: duplication.title }).click();
      await until(
        () => tab(page, "DuplicationReport").count(),
        (n) => n === 1,
        "the opened example's tab",
      );
      const shown = await run(page, '"crowding"');
      expect(shown).toContain('"duplicationReport"');
      expect(shown).not.toContain('"errors"');
      await page.screenshot({ path: join(ARTIFACTS, "editor-duplication-report.png") });

      expect(watch).toEqual({ offServer: [], violations: [], errors: [] });
    } finally {
      await context.close();
    }
  });

  it("signs a vendor in through the Headers pane, as the page's hint says", async () => {
    const { token } = await userWithToken(t, Role.VENDOR, "netclean");
    const { context, page, watch } = await openEditor();
    try {
      await page.goto(`${base}/graphql`);
      await tab(page, "MyListings").click();
      await page.getByRole("button", { name: "Headers", exact: true }).click();
      await typeInto(page, "Headers", `{"Authorization": "Bearer ${token}"}`);
      const shown = await run(page, '"role": "VENDOR"', "MyListings");
      expect(shown).toContain('"slug": "netclean"');
      expect(shown).toContain('"slug": "netclean-analyze"');
      await page.screenshot({ path: join(ARTIFACTS, "editor-vendor-signed-in.png") });

      expect(watch).toEqual({ offServer: [], violations: [], errors: [] });
    } finally {
      await context.close();
    }
  });
});
