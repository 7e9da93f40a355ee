import type { Page } from "@playwright/test";
import { expect, expectAccessible, screenshots, test } from "./fixtures";

const searchBox = (page: Page) => page.getByRole("combobox", { name: "Search the inventory" });
const results = (page: Page) => page.getByRole("article");
const summary = (page: Page) => page.getByRole("status").filter({ hasText: /listing|No listings/ });

/** The API's answer for a search, asked anonymously over HTTP: what the page must agree with. */
async function apiTotal(base: string, search: string | null, filter: Record<string, string[]> = {}): Promise<number> {
  const res = await fetch(`${base}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      query: "query($s: String, $f: ListingFilter) { listings(search: $s, filter: $f) { totalCount } }",
      variables: { s: search, f: filter },
    }),
  });
  const body = (await res.json()) as { data: { listings: { totalCount: number } } };
  return body.data.listings.totalCount;
}

test.describe("search", () => {
  test("search and filter to a known listing, and open it", async ({ page, servers }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { name: "Search the inventory" })).toBeAttached();
    await searchBox(page).fill("photodna");
    await searchBox(page).press("Enter");
    await expect(page).toHaveURL(/\?q=photodna$/);
    const all = await apiTotal(servers.main, "photodna");
    await expect(summary(page)).toHaveText(`${all} listings for “photodna”`);
    await expect(results(page)).toHaveCount(all);

    await page.getByRole("checkbox", { name: /^Video \(1\)$/ }).check();
    await expect(page).toHaveURL(/\?q=photodna&media=VIDEO$/);
    await expect(summary(page)).toHaveText("1 listing for “photodna”");
    await expect(page.getByRole("button", { name: "Remove filter Media type: Video" })).toBeVisible();
    const article = page.getByRole("article", { name: "PhotoDNA for Video" });
    await expect(results(page)).toHaveCount(1);
    await expect(article.locator("mark").first()).toHaveText(/^photodna$/i);
    await expectAccessible(page);
    await screenshots(page, "search-filtered");

    await article.getByRole("link", { name: "PhotoDNA for Video" }).click();
    await expect(page).toHaveURL(/\/listings\/photodna-for-video$/);
    await expect(page.getByRole("heading", { level: 1, name: "PhotoDNA for Video" })).toBeVisible();
    // A new page: focus moves to its content, as after a full load, not left on a link that is gone.
    await expect(page.getByRole("main")).toBeFocused();
    await expect(page).toHaveTitle("PhotoDNA for Video — Technical Inventory");
  });

  test("facets count what the API counts, and chips remove filters one by one", async ({ page, servers }) => {
    await page.goto("/?q=hash");
    const total = await apiTotal(servers.main, "hash");
    await expect(summary(page)).toHaveText(`${total} listings for “hash”`);
    const image = await apiTotal(servers.main, "hash", { mediaTypes: ["IMAGE"] });
    const lawEnforcement = await apiTotal(servers.main, "hash", { eligibleFor: ["LAW_ENFORCEMENT"] });
    await page
      .getByRole("group", { name: "Media type" })
      .getByRole("checkbox", { name: `Image (${image})` })
      .check();
    await expect(summary(page)).toHaveText(`${image} listing${image === 1 ? "" : "s"} for “hash”`);
    const both = await apiTotal(servers.main, "hash", { mediaTypes: ["IMAGE"], eligibleFor: ["LAW_ENFORCEMENT"] });
    await page
      .getByRole("group", { name: "Who may obtain it" })
      .getByRole("checkbox", { name: /^Law enforcement \(\d+\)$/ })
      .check();
    await expect(page).toHaveURL(/\?q=hash&media=IMAGE&eligible=LAW_ENFORCEMENT$/);
    await expect(summary(page)).toHaveText(`${both} listing${both === 1 ? "" : "s"} for “hash”`);
    await expectAccessible(page);
    await screenshots(page, "search-chips");

    await page.getByRole("button", { name: "Remove filter Media type: Image" }).click();
    await expect(page).toHaveURL(/\?q=hash&eligible=LAW_ENFORCEMENT$/);
    await expect(summary(page)).toHaveText(`${lawEnforcement} listing${lawEnforcement === 1 ? "" : "s"} for “hash”`);
    await expect(page.getByRole("button", { name: /^Remove filter Media type/ })).toHaveCount(0);
    await page.getByRole("button", { name: "Remove filter Who may obtain it: Law enforcement" }).click();
    await expect(page).toHaveURL(/\?q=hash$/);
    await expect(summary(page)).toHaveText(`${total} listings for “hash”`);
  });

  test("the capability tree filters by a whole subtree", async ({ page, servers }) => {
    await page.goto("/");
    const detection = await apiTotal(servers.main, null, { capabilities: ["detection"] });
    const panel = page.getByRole("group", { name: "Capability" });
    // By keyboard: a facet is a checkbox, reached with Tab and chosen with Space.
    await panel.getByRole("checkbox", { name: /^Detection \(\d+\)$/ }).focus();
    await page.keyboard.press("Space");
    await expect(page).toHaveURL(/\?capability=detection$/);
    await expect(panel.getByRole("checkbox", { name: /^Detection / })).toBeFocused();
    await expect(summary(page)).toHaveText(`${detection} listings`);
    await expect(panel.getByRole("checkbox", { name: /^Hash matching \(\d+\)$/ })).toBeVisible();
  });

  test("type-ahead suggests listings, organisations and capabilities as you type", async ({ page }) => {
    await page.goto("/");
    await searchBox(page).pressSequentially("photo", { delay: 30 });
    const options = page.getByRole("listbox").getByRole("option");
    await expect(options.first()).toContainText("PhotoDNA");
    await expect(options.filter({ hasText: "PhotoDNA for Video" })).toHaveCount(1);
    await expect(options.first().locator("mark")).toHaveText(/^photo/i);
    await expect(searchBox(page)).toHaveAttribute("aria-expanded", "true");
    await expectAccessible(page);
    await screenshots(page, "search-typeahead");
    // Keyboard only: down to the second suggestion, Enter opens it.
    await searchBox(page).press("ArrowDown");
    await searchBox(page).press("ArrowDown");
    await expect(searchBox(page)).toHaveAttribute("aria-activedescendant", /.+/);
    const second = (await options.nth(1).textContent()) ?? "";
    await searchBox(page).press("Enter");
    await expect(page).toHaveURL(/\/listings\/[a-z0-9-]+$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(second.replace(/Listing$/, ""));

    // A capability suggestion becomes a filter.
    await page.goto("/");
    await searchBox(page).pressSequentially("hash", { delay: 30 });
    await page.getByRole("option", { name: /^Hash matching\s*Capability$/ }).click();
    await expect(page).toHaveURL(/\?capability=hash-matching$/);
    await expect(page.getByRole("button", { name: "Remove filter Capability: Hash matching" })).toBeVisible();
    await expect(searchBox(page)).toHaveValue("");
  });

  test("the URL holds the state: it survives a reload, and back and forward step through searches", async ({
    page,
    servers,
  }) => {
    const unfiltered = `${await apiTotal(servers.main, "hash")} listings for “hash”`;
    const filtered = `${await apiTotal(servers.main, "hash", { mediaTypes: ["IMAGE"] })} listings for “hash”`;
    expect(filtered).not.toBe(unfiltered);
    await page.goto("/");
    await searchBox(page).fill("hash");
    await searchBox(page).press("Enter");
    await expect(page).toHaveURL(/\?q=hash$/);
    await expect(summary(page)).toHaveText(unfiltered);
    const image = page.getByRole("group", { name: "Media type" }).getByRole("checkbox", { name: /^Image / });
    await image.check();
    await expect(page).toHaveURL(/\?q=hash&media=IMAGE$/);
    await expect(summary(page)).toHaveText(filtered);
    const firstResult = await results(page).first().getByRole("heading").textContent();

    await page.reload();
    await expect(searchBox(page)).toHaveValue("hash");
    await expect(image).toBeChecked();
    await expect(page.getByRole("button", { name: "Remove filter Media type: Image" })).toBeVisible();
    await expect(summary(page)).toHaveText(filtered);
    await expect(results(page).first().getByRole("heading")).toHaveText(firstResult ?? "");

    await page.goBack();
    await expect(page).toHaveURL(/\?q=hash$/);
    await expect(image).not.toBeChecked();
    await expect(summary(page)).toHaveText(unfiltered);
    await page.goBack();
    await expect(page).toHaveURL(/\/$/);
    await expect(searchBox(page)).toHaveValue("");
    await page.goForward();
    await expect(searchBox(page)).toHaveValue("hash");
    await expect(summary(page)).toHaveText(unfiltered);
  });

  test("pages through results, and a page's link opens that page", async ({ page, servers }) => {
    const total = await apiTotal(servers.main, null);
    const pages = Math.ceil(total / 20);
    expect(pages).toBeGreaterThan(2);
    await page.goto("/");
    const pager = page.getByRole("navigation", { name: "Pages of results" });
    await expect(pager).toContainText(`Page 1 of ${pages}`);
    const firstOnPage1 = await results(page).first().getByRole("heading").textContent();
    const filters = page.getByRole("complementary", { name: "Filters" });
    await expect(filters).toHaveAttribute("aria-busy", "false");
    // The facets do not change with the page: turning it does not ask for them again.
    const facetRequests: string[] = [];
    page.on("request", (r) => {
      if (r.url().endsWith("/graphql") && r.postData()?.includes("SearchFacets")) facetRequests.push(r.url());
    });
    await pager.getByRole("link", { name: "Next →" }).click();
    await expect(page).toHaveURL(/\?page=2$/);
    await expect(pager).toContainText(`Page 2 of ${pages}`);
    await expect(page.getByRole("region", { name: "Results" })).toHaveAttribute("aria-busy", "false");
    expect(facetRequests).toEqual([]);
    await expect(filters.getByRole("group", { name: "Capability" })).toBeVisible();
    await expect(filters).toHaveAttribute("aria-busy", "false");
    await expect(page.getByRole("list").filter({ has: results(page) })).toHaveAttribute("start", "21");
    await expect(results(page)).toHaveCount(20);
    const firstOnPage2 = await results(page).first().getByRole("heading").textContent();
    expect(firstOnPage2).not.toBe(firstOnPage1);

    await page.goto(`/?page=${pages}`);
    await expect(pager).toContainText(`Page ${pages} of ${pages}`);
    await expect(results(page)).toHaveCount(total - (pages - 1) * 20);
    await expect(pager.getByRole("link", { name: "Next →" })).toHaveCount(0);
    await page.goto("/?page=2");
    await expect(results(page).first().getByRole("heading")).toHaveText(firstOnPage2 ?? "");
    await page.goBack();
    await expect(pager).toContainText(`Page ${pages} of ${pages}`);
    // Order is part of the URL too; choosing one starts again at page 1.
    await page.getByLabel("Sort by").selectOption("Last verified");
    await expect(page).toHaveURL(/\?order=LAST_VERIFIED$/);
    await page.getByLabel("Sort by").selectOption("Name");
    await expect(page).toHaveURL(/\?order=NAME$/);
    await expect(results(page).first().getByRole("heading")).toHaveText(firstOnPage1 ?? "");
    await page.reload();
    await expect(page.getByLabel("Sort by")).toHaveValue("NAME");
  });

  test("did you mean, and an empty result that says what to try", async ({ page }) => {
    await page.goto("/?q=fotodna");
    await expect(summary(page)).toHaveText("No listings match.");
    const suggestion = page.getByRole("link", { name: "photodna" });
    await expect(page.getByText("Did you mean")).toBeVisible();
    await expectAccessible(page);
    await screenshots(page, "search-did-you-mean");
    await suggestion.click();
    await expect(page).toHaveURL(/\?q=photodna$/);
    await expect(results(page).first()).toBeVisible();

    await page.goto("/?q=zzqqxx&media=IMAGE");
    await expect(summary(page)).toHaveText("No listings match.");
    await expect(page.getByText("Nothing in the inventory matches these words with these filters.")).toBeVisible();
    await expect(page.getByText("Remove a filter above, or clear them all.")).toBeVisible();
    await expectAccessible(page);
    await screenshots(page, "search-empty");
  });

  test("the search page as a first visitor sees it", async ({ page }) => {
    await page.goto("/?q=hash%20matching");
    await expect(results(page).first()).toBeVisible();
    await expectAccessible(page);
    await screenshots(page, "search");
  });
});
