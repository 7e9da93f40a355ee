import type { Page } from "@playwright/test";
import { expect, expectAccessible, screenshots, test } from "./fixtures";

/** A GraphQL query asked anonymously over HTTP: what the pages must agree with. */
async function api<T>(base: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await fetch(`${base}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data: T; errors?: unknown };
  expect(body.errors, "GraphQL errors").toBeUndefined();
  return body.data;
}

interface ApiCell {
  capability: { slug: string; name: string };
  jurisdiction: { code: string; name: string };
  listingCount: number;
  unknownCount: number;
  state: "COVERED" | "POSSIBLE_GAP" | "GAP";
  singlePointOfFailure: boolean;
  listings: { slug: string; name: string }[];
  unknownListings: { slug: string; name: string }[];
}
interface ApiGapReport {
  coverage: number;
  rows: { slug: string }[];
  columns: { code: string }[];
  cells: ApiCell[];
  singlePointsOfFailure: { capability: { slug: string }; jurisdiction: { code: string } }[];
}

const GAP = `query($input: GapReportInput!) { gapReport(input: $input) {
  coverage rows { slug } columns { code }
  cells { capability { slug name } jurisdiction { code name } listingCount unknownCount state singlePointOfFailure
    listings { slug name } unknownListings { slug name } }
  singlePointsOfFailure { capability { slug } jurisdiction { code } } } }`;

const gapReport = async (base: string, input: Record<string, unknown>) =>
  (await api<{ gapReport: ApiGapReport }>(base, GAP, { input })).gapReport;

/** A text as a regular expression that matches it exactly. */
const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The listing slugs a list of links on the page points to, sorted. */
async function linkedSlugs(page: Page, list: ReturnType<Page["locator"]>): Promise<string[]> {
  const hrefs = await list.getByRole("link").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
  return hrefs
    .filter((h) => h.startsWith("/listings/"))
    .map((h) => h.slice("/listings/".length))
    .sort();
}

const STATE_WORDS: Record<string, RegExp> = {
  covered: /^Covered:/,
  spof: /^Single point of failure:/,
  possible: /^Possible gap: availability unknown:/,
  gap: /^Gap:/,
};
const kindOf = (c: ApiCell) =>
  c.state === "GAP" ? "gap" : c.state === "POSSIBLE_GAP" ? "possible" : c.singlePointOfFailure ? "spof" : "covered";

test.describe("reports", () => {
  test("the gap heatmap for Five Eyes by function: a cell chosen by keyboard lists the listings the API counts in it", async ({
    page,
    servers,
  }) => {
    const report = await gapReport(servers.main, { jurisdictions: ["FIVE_EYES"], depth: "FUNCTION" });
    expect(report.rows.length).toBeGreaterThan(1);
    expect(report.columns.map((c) => c.code).sort()).toEqual(["AU", "CA", "GB", "NZ", "US"]);
    // The busiest cell, so the comparison has something to compare; at least one listing in it.
    const target = [...report.cells].sort((a, b) => b.listingCount - a.listingCount)[0];
    expect(target.listingCount).toBeGreaterThan(1);
    const index = report.cells.indexOf(target);
    const [row, col] = [Math.floor(index / report.columns.length), index % report.columns.length];

    await page.goto("/gaps?jurisdiction=FIVE_EYES&depth=function");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Gap heatmap");
    const grid = page.getByRole("grid", { name: "Capabilities by country" });
    await expect(grid.getByRole("row")).toHaveCount(report.rows.length + 1);
    await expect(grid.getByRole("gridcell")).toHaveCount(report.cells.length);
    await expect(page.getByRole("definition").first()).toHaveText(`${(report.coverage * 100).toFixed(1)}%`);

    // Every cell says its state in words, the same as the API's.
    const texts = await grid.getByRole("gridcell").locator(".visually-hidden").allTextContents();
    report.cells.forEach((c, i) => expect(texts[i].replace(/^[^:]*: /, "")).toMatch(STATE_WORDS[kindOf(c)]));

    // Tab into the grid (one cell in the tab order), move with the arrow keys, Enter.
    await grid.locator('[tabindex="0"]').focus();
    for (let i = 0; i < row; i++) await page.keyboard.press("ArrowDown");
    for (let i = 0; i < col; i++) await page.keyboard.press("ArrowRight");
    await expect(grid.getByRole("gridcell").nth(index)).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(new RegExp(`[?&]cell=${target.capability.slug}\\.${target.jurisdiction.code}(&|$)`));
    const detail = page.getByRole("region", { name: `${target.capability.name} in ${target.jurisdiction.name}` });
    await expect(detail).toContainText(`${target.listingCount} listing`);
    const lists = detail.getByRole("list");
    expect(await linkedSlugs(page, lists.nth(0))).toEqual(target.listings.map((l) => l.slug).sort());
    expect(await linkedSlugs(page, lists.nth(1))).toEqual(target.unknownListings.map((l) => l.slug).sort());
    await expectAccessible(page);
    await screenshots(page, "gaps");

    // The exports take the same scope.
    const csv = page.getByRole("link", { name: "CSV" });
    const res = await fetch(new URL((await csv.getAttribute("href")) ?? "", servers.main));
    expect(res.status).toBe(200);
    expect(await res.text()).toContain(target.capability.slug);

    // Back leaves the cell.
    await page.goBack();
    await expect(page).not.toHaveURL(/cell=/);
    await expect(
      page.getByRole("region", { name: `${target.capability.name} in ${target.jurisdiction.name}` }),
    ).toHaveCount(0);
  });

  test("a click on a cell with unknown listings lists those the API says are unknown there", async ({
    page,
    servers,
  }) => {
    const input = { jurisdictions: ["GB", "FR", "DE", "US"] };
    const report = await gapReport(servers.main, input);
    const target =
      report.cells.find((c) => c.unknownCount > 0 && c.listingCount > 0) ??
      report.cells.find((c) => c.unknownCount > 0);
    expect(target, "a cell with unknown listings in the seed").toBeDefined();
    if (!target) return;
    await page.goto("/gaps?jurisdiction=GB&jurisdiction=FR&jurisdiction=DE&jurisdiction=US");
    const grid = page.getByRole("grid", { name: "Capabilities by country" });
    await grid.getByRole("gridcell").nth(report.cells.indexOf(target)).click();
    const detail = page.getByRole("region", { name: `${target.capability.name} in ${target.jurisdiction.name}` });
    await expect(detail).toContainText(`${target.unknownCount} whose availability here or offers are not stated`);
    const lists = detail.getByRole("list");
    await expect(lists.nth(1).getByRole("listitem")).toHaveCount(target.unknownListings.length);
    expect(await linkedSlugs(page, lists.nth(1))).toEqual(target.unknownListings.map((l) => l.slug).sort());
    expect(await linkedSlugs(page, lists.nth(0))).toEqual(target.listings.map((l) => l.slug).sort());
  });

  test("the scope form puts the scope in the URL", async ({ page }) => {
    await page.goto("/gaps");
    await page.getByLabel("Countries or groups").fill("gb, fr");
    await page.getByRole("radio", { name: "Functions" }).check();
    await page.getByLabel("Listings needed per cell").fill("2");
    await page.getByRole("button", { name: "Show report" }).click();
    await expect(page).toHaveURL(/\/gaps\?jurisdiction=GB&jurisdiction=FR&depth=function&min=2$/);
    // The row headers' column, then one column per country, by code.
    await expect(page.getByRole("grid").getByRole("columnheader")).toHaveText(["Capability", "FR", "GB"]);
  });

  test("the scope form edits every input of the report: the URL holds them and the heatmap is the API's for them", async ({
    page,
    servers,
  }) => {
    const { capabilities } = await api<{
      capabilities: { slug: string; name: string; children: { slug: string; name: string }[] }[];
    }>(servers.main, "{ capabilities { slug name children { slug name } } }");
    const fn = capabilities.find((c) => c.children.length >= 2);
    expect(fn, "a function with two capabilities").toBeDefined();
    if (!fn) return;
    const [a, b] = fn.children;
    const input = {
      jurisdictions: ["FIVE_EYES"],
      capabilities: [a.slug, b.slug],
      deployment: ["API"],
      kinds: ["TOOL"],
      languages: ["en"],
      status: ["ACTIVE"],
    };
    const [scoped, whole] = await Promise.all([
      gapReport(servers.main, input),
      gapReport(servers.main, { jurisdictions: ["FIVE_EYES"], capabilities: [a.slug, b.slug] }),
    ]);
    const gaps = (r: ApiGapReport) => r.cells.filter((c) => c.state === "GAP").length;
    expect(gaps(scoped), "the filters change the report").not.toBe(gaps(whole));

    await page.goto("/gaps?jurisdiction=FIVE_EYES");
    const form = page.getByRole("form", { name: "Scope" });
    await form.getByText("Capabilities: the whole taxonomy").click();
    await form.getByRole("group", { name: fn.name }).getByRole("checkbox", { name: a.name, exact: true }).check();
    await form.getByRole("group", { name: fn.name }).getByRole("checkbox", { name: b.name, exact: true }).check();
    await form.getByText("More filters").click();
    await form.getByRole("group", { name: "Deployment" }).getByRole("checkbox", { name: "API" }).check();
    await form.getByRole("group", { name: "Kind" }).getByRole("checkbox", { name: "Tool" }).check();
    await form.getByRole("group", { name: "Status" }).getByRole("checkbox", { name: "Active" }).check();
    await form.getByLabel("Languages").fill("EN");
    await expectAccessible(page);
    await screenshots(page, "gaps-scope-form");
    await form.getByRole("button", { name: "Show report" }).click();
    await expect(page).toHaveURL(
      `/gaps?capability=${a.slug}&capability=${b.slug}&deployment=API&kind=TOOL&jurisdiction=FIVE_EYES&language=en&status=ACTIVE`,
    );
    const grid = page.getByRole("grid", { name: "Capabilities by country" });
    await expect(grid.getByRole("row")).toHaveCount(scoped.rows.length + 1);
    const figures = page.locator(".coverage-figures");
    await expect(figures).toContainText(`Coverage${(scoped.coverage * 100).toFixed(1)}%`);
    await expect(figures).toContainText(`Gaps${gaps(scoped)}`);

    // Loaded afresh, the form shows the scope the URL holds.
    await page.reload();
    await expect(form.getByText("Capabilities: 2 chosen")).toBeVisible();
    await expect(form.getByRole("group", { name: "Kind" }).getByRole("checkbox", { name: "Tool" })).toBeChecked();
    await expect(form.getByRole("group", { name: "Status" }).getByRole("checkbox", { name: "Active" })).toBeChecked();
    await expect(form.getByLabel("Languages")).toHaveValue("en");
    await expect(form.getByText("More filters (4 in use)")).toBeVisible();
  });

  test("a code or slug the inventory does not know: the API's error is said at its field", async ({
    page,
    servers,
  }) => {
    const refusal = async (input: Record<string, unknown>) => {
      const res = await fetch(`${servers.main}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          query: "query($i: GapReportInput!) { gapReport(input: $i) { coverage } }",
          variables: { i: input },
        }),
      });
      const body = (await res.json()) as { errors: { message: string; extensions: { argument: string } }[] };
      return body.errors[0];
    };
    const [country, organisation] = await Promise.all([
      refusal({ jurisdictions: ["GB", "ZZ"] }),
      refusal({ jurisdictions: ["GB"], organisations: ["no-such-organisation"] }),
    ]);
    expect(country.extensions.argument).toBe("input.jurisdictions");
    expect(organisation.extensions.argument).toBe("input.organisations");

    await page.goto("/gaps");
    const form = page.getByRole("form", { name: "Scope" });
    await form.getByLabel("Countries or groups").fill("GB, ZZ");
    await form.getByRole("button", { name: "Show report" }).click();
    await expect(page).toHaveURL("/gaps?jurisdiction=GB&jurisdiction=ZZ");
    const countries = form.getByLabel("Countries or groups");
    await expect(countries).toHaveAttribute("aria-invalid", "true");
    await expect(countries).toHaveAccessibleDescription(new RegExp(literal(country.message.replace(/^[^:]*: /, ""))));
    await expect(page.getByRole("alert")).toContainText("One filter names something the inventory does not know");
    await expect(page.getByRole("grid")).toHaveCount(0);
    await expect(page.getByRole("link", { name: "CSV" })).toHaveCount(0);
    await expectAccessible(page);
    await screenshots(page, "gaps-scope-error");

    // An organisation is chosen by name from those that exist; a slug the inventory does not know comes by the URL.
    await page.goto("/gaps?jurisdiction=GB&organisation=no-such-organisation");
    await expect(countries).not.toHaveAttribute("aria-invalid", "true");
    const organisations = form.getByRole("combobox", { name: "Organisations" });
    await expect(organisations).toHaveAttribute("aria-invalid", "true");
    await expect(organisations).toHaveAccessibleDescription(
      new RegExp(literal(organisation.message.replace(/^[^:]*: /, ""))),
    );
    // It is shown by its slug, and can be taken out.
    await form.getByRole("button", { name: "Remove organisation no-such-organisation" }).click();
    await form.getByRole("button", { name: "Show report" }).click();
    await expect(page).toHaveURL("/gaps?jurisdiction=GB");
    await expect(page.getByRole("grid", { name: "Capabilities by country" })).toBeVisible();
    await form.getByText("More filters").click();
    await expect(organisations).not.toHaveAttribute("aria-invalid", "true");
    await expect(form.getByRole("button", { name: /^Remove organisation/ })).toHaveCount(0);
  });

  test("organisations are chosen by name, by keyboard: the URL holds their slugs and the heatmap is the API's", async ({
    page,
    servers,
  }) => {
    const found = await api<{ organisations: { edges: { node: { slug: string; name: string } }[] } }>(
      servers.main,
      `{ organisations(search: "thorn", first: 8) { edges { node { slug name } } } }`,
    );
    const thorn = found.organisations.edges.map((e) => e.node).find((o) => o.name === "Thorn");
    expect(thorn, "Thorn is in the seed inventory").toBeDefined();
    if (!thorn) return;
    const [scoped, whole] = await Promise.all([
      gapReport(servers.main, { jurisdictions: ["GB"], organisations: [thorn.slug] }),
      gapReport(servers.main, { jurisdictions: ["GB"] }),
    ]);
    expect(scoped.coverage, "one organisation covers less than all").toBeLessThan(whole.coverage);

    await page.goto("/gaps?jurisdiction=GB");
    const form = page.getByRole("form", { name: "Scope" });
    await form.getByText("More filters").click();
    const box = form.getByRole("combobox", { name: "Organisations" });
    await box.pressSequentially("thor", { delay: 30 });
    // Names that begin with the words typed come before those that only hold them ("Authority …").
    await expect(form.getByRole("option").first()).toHaveText(/^Thorn/);
    await expectAccessible(page);
    await screenshots(page, "gaps-scope-organisation");
    await box.press("ArrowDown");
    await expect(box).toHaveAttribute("aria-activedescendant", /.+/);
    await box.press("Enter");
    await expect(form.getByRole("button", { name: "Remove organisation Thorn" })).toBeVisible();
    await expect(box).toHaveValue("");
    await screenshots(page, "gaps-scope-organisation-chosen");
    // Chosen, it is not offered again.
    await box.pressSequentially("thor", { delay: 30 });
    await expect(form.getByRole("option", { name: /^Thorn/ })).toHaveCount(0);
    await box.fill("");
    await form.getByRole("button", { name: "Show report" }).click();
    await expect(page).toHaveURL(`/gaps?jurisdiction=GB&organisation=${thorn.slug}`);
    const figures = page.locator(".coverage-figures");
    await expect(figures).toContainText(`Coverage${(scoped.coverage * 100).toFixed(1)}%`);

    // Loaded afresh, the form names it; removed, the report is the whole again.
    await page.reload();
    await expect(form.getByText("More filters (1 in use)")).toBeVisible();
    await form.getByRole("button", { name: "Remove organisation Thorn" }).click();
    await form.getByRole("button", { name: "Show report" }).click();
    await expect(page).toHaveURL("/gaps?jurisdiction=GB");
    await expect(figures).toContainText(`Coverage${(whole.coverage * 100).toFixed(1)}%`);
  });

  test("single points of failure: the cells the API names", async ({ page, servers }) => {
    const report = await gapReport(servers.main, { jurisdictions: ["FIVE_EYES"] });
    expect(report.singlePointsOfFailure.length).toBeGreaterThan(0);
    await page.goto("/gaps/single-points?jurisdiction=FIVE_EYES");
    const n = report.singlePointsOfFailure.length;
    await expect(page.getByRole("heading", { level: 2 })).toHaveText(
      `${n} single point${n === 1 ? "" : "s"} of failure`,
    );
    await expect(page.getByRole("table").getByRole("row")).toHaveCount(n + 1);
    await expectAccessible(page);
    await screenshots(page, "single-points");
  });

  test("duplication: clusters and likely duplicates as the API finds them", async ({ page, servers }) => {
    const { duplicationReport: d } = await api<{
      duplicationReport: {
        clusters: { listings: { name: string }[] }[];
        likelyDuplicates: { listings: { name: string }[] }[];
      };
    }>(servers.main, `{ duplicationReport { clusters { listings { name } } likelyDuplicates { listings { name } } } }`);
    expect(d.clusters.length).toBeGreaterThan(0);
    await page.goto("/duplication");
    const clusters = page.getByRole("region", { name: "Clusters of overlapping listings" });
    await expect(clusters.getByRole("heading", { level: 3 })).toHaveCount(d.clusters.length);
    await expect(clusters.getByRole("heading", { level: 3 }).first()).toContainText(
      `${d.clusters[0].listings.length} listings`,
    );
    await expect(clusters.getByRole("link", { name: d.clusters[0].listings[0].name }).first()).toBeVisible();
    const duplicates = page.getByRole("region", { name: "Likely duplicates" });
    await expect(duplicates.getByRole("heading", { level: 3 })).toHaveCount(d.likelyDuplicates.length);
    await expectAccessible(page);
    await screenshots(page, "duplication");
  });

  test("stale listings: the organisations the API groups them by, for the period in the URL", async ({
    page,
    servers,
  }) => {
    const { staleListings: s } = await api<{
      staleListings: { totalCount: number; edges: { node: { organisation: { name: string } | null } }[] };
    }>(servers.main, `{ staleListings(olderThanDays: 30) { totalCount edges { node { organisation { name } } } } }`);
    expect(s.totalCount).toBeGreaterThan(0);
    await page.goto("/stale?days=30");
    await expect(page.getByRole("heading", { level: 2 })).toHaveText(
      `${s.totalCount} organisation${s.totalCount === 1 ? "" : "s"} with stale listings`,
    );
    await expect(page.getByRole("heading", { level: 3 }).first()).toHaveText(
      s.edges[0].node.organisation?.name ?? "Owner not known",
    );
    await expectAccessible(page);
    await screenshots(page, "stale");
  });
});
