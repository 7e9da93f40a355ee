import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { expect, expectAccessible, screenshots, test } from "./fixtures";
import type { E2eServers } from "./serve";
import { api, approveLatest, publishListing } from "./publish";
import { signIn } from "./session";

/** Letters only, so that the search reads it as one word no seed listing has. */
function word(): string {
  return Array.from({ length: 8 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join("");
}

/** A public listing created by an admin, submitted and approved by a reviewer: published, as a person would do it. */
async function publish(servers: E2eServers, slug: string, name: string, summary: string): Promise<void> {
  await publishListing(servers, {
    slug,
    name,
    kind: "TOOL",
    summary,
    capabilities: ["triage"],
    mediaTypes: ["IMAGE"],
    sources: [{ url: `https://example.org/${slug}`, locator: "product page", unverified: true }],
    visibility: "PUBLIC",
  });
}

const results = (page: Page) => page.getByRole("article");

test.describe("procurement", () => {
  test("compare two listings from the search results and see the differences marked", async ({ page }) => {
    await page.goto("/?q=photodna");
    await expect(results(page).first()).toBeVisible();
    const names = (await results(page).getByRole("heading").allTextContents()).slice(0, 2);
    for (const name of names) {
      // One name, whatever the state: the pressed state says whether it is in.
      const toggle = page.getByRole("button", { name: `Compare ${name}`, exact: true });
      await expect(toggle).toHaveAttribute("aria-pressed", "false");
      await toggle.click();
      await expect(toggle).toHaveAttribute("aria-pressed", "true");
    }
    await expect(page).toHaveURL(/[?&]compare=[^&]+&compare=[^&]+$/);
    // Named as the results name them, not by the slugs the URL holds.
    await expect(page.getByRole("region", { name: "Comparison" })).toContainText(`2 chosen: ${names.join(", ")}.`);
    await expectAccessible(page);
    await screenshots(page, "search-comparing");
    await page.getByRole("link", { name: "Compare 2 listings" }).click();
    await expect(page).toHaveURL(/\/compare\?l=[^&]+&l=[^&]+$/);
    await expect(page.getByRole("heading", { level: 1, name: "Compare listings" })).toBeVisible();
    const table = page.getByRole("table");
    for (const name of names)
      await expect(table.getByRole("columnheader").getByRole("link", { name, exact: true })).toBeVisible();
    // The name row differs for two different listings, and is marked so in words.
    const differing = table.getByRole("row").filter({ has: page.getByText("Differs", { exact: true }) });
    await expect(differing.first()).toBeVisible();
    await expect(table.getByRole("rowheader", { name: "Media types Differs" })).toBeVisible();
    await expect(table.getByRole("rowheader", { name: "Kind", exact: true })).toBeVisible();
    const status = page.getByRole("status").filter({ hasText: /rows differ/ });
    await expect(status).toHaveText(/^2 listings: [1-9]\d* of \d+ rows differ\.$/);
    await expectAccessible(page);
    await screenshots(page, "compare");

    // Only the differences: every row left is marked.
    await page.getByRole("link", { name: "Show only the rows that differ" }).click();
    await expect(page).toHaveURL(/&only=differences$/);
    const rows = table.locator("tbody tr");
    await expect(rows).toHaveCount(await differing.count());
    await expect(table.locator("tbody tr.row-same")).toHaveCount(0);

    // Removing one leaves one: refused clearly, with the way back.
    await page.getByRole("link", { name: `Remove ${names[1]} from the comparison` }).click();
    await expect(page.getByRole("alert")).toContainText("Choose at least two listings");
    await expectAccessible(page);
    await screenshots(page, "compare-too-few");
    await page.getByRole("link", { name: /Back to the search/ }).click();
    await expect(page).toHaveURL(/\/\?compare=[^&]+$/);
    await expect(page.getByRole("region", { name: "Comparison" })).toContainText(`1 chosen: ${names[0]}.`);
  });

  test("a comparison with a listing that is not there, or with too many, says so", async ({ page }) => {
    await page.goto("/compare?l=photodna-for-video&l=no-such-listing-here");
    const alert = page.getByRole("alert");
    await expect(alert).toContainText("These listings cannot be compared");
    await expect(alert).toContainText("no-such-listing-here");
    await expectAccessible(page);
    await screenshots(page, "compare-unknown");
    await page.getByRole("link", { name: "Remove no-such-listing-here" }).click();
    await expect(page).toHaveURL(/\/compare\?l=photodna-for-video$/);
    await expect(page.getByRole("alert")).toContainText("Choose at least two listings");

    await page.goto(`/compare?${["a", "b", "c", "d", "e", "f", "g"].map((s) => `l=${s}`).join("&")}`);
    await expect(page.getByRole("alert")).toContainText("At most six listings");
    await expect(page.getByRole("link", { name: "compare the first six" })).toHaveAttribute(
      "href",
      "/compare?l=a&l=b&l=c&l=d&l=e&l=f",
    );
  });

  test("save a search, and see a listing a reviewer publishes appear as new since last seen", async ({
    page,
    servers,
  }) => {
    const term = word();
    await signIn(page, servers.tokens.lawEnforcement);
    await page.goto(`/?q=${term}`);
    await expect(page.getByRole("status").filter({ hasText: "No listings match." })).toBeVisible();
    await page.getByText("Save this search").click();
    await page.getByLabel("Name").fill(`Watch ${term}`);
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect(page.getByText(`Saved as “Watch ${term}”.`)).toBeVisible();

    const name = `Scanner ${term}`;
    await publish(servers, `scanner-${term}`, name, `Finds ${term} material for a test of saved searches.`);

    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Saved searches" }).click();
    await expect(page).toHaveURL(/\/workspace\/saved-searches$/);
    const saved = page.getByRole("article", { name: `Watch ${term}` });
    const fresh = saved.getByRole("region", { name: `New since last seen: Watch ${term}` });
    await expect(fresh).toContainText("1 new since you last looked");
    await expect(fresh.getByRole("link", { name })).toHaveAttribute("href", `/listings/scanner-${term}`);
    await expectAccessible(page);
    await screenshots(page, "saved-searches");

    await saved.getByRole("button", { name: `Mark seen Watch ${term}` }).click();
    await expect(saved).toContainText("Nothing new since you last looked");

    await saved.getByRole("button", { name: `Rename Watch ${term}` }).click();
    await saved.getByLabel("New name").fill(`Renamed ${term}`);
    await saved.getByRole("button", { name: "Save name" }).click();
    const renamed = page.getByRole("article", { name: `Renamed ${term}` });
    await expect(renamed).toBeVisible();

    // Opening it is the search again, its state in the URL; the new listing is among its results now.
    await renamed.getByRole("link", { name: `Open Renamed ${term}` }).click();
    await expect(page).toHaveURL(new RegExp(`/\\?q=${term}$`));
    await expect(page.getByRole("article", { name })).toBeVisible();

    await page.goBack();
    await renamed.getByRole("button", { name: `Delete Renamed ${term}` }).click();
    await renamed.getByRole("button", { name: `Delete “Renamed ${term}” for good` }).click();
    await expect(page.getByRole("article", { name: `Renamed ${term}` })).toHaveCount(0);
  });

  test("build a shortlist, lock it, see a change since locked, and export it as CSV", async ({ page, servers }) => {
    const term = word();
    const slug = `sorter-${term}`;
    const name = `Sorter ${term}`;
    await publish(servers, slug, name, `Sorts ${term} material for a test of shortlists.`);
    await signIn(page, servers.tokens.lawEnforcement);

    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Shortlists" }).click();
    await page.getByLabel("Start a shortlist named").fill(`Tender ${term}`);
    await page.getByRole("button", { name: "Start shortlist" }).click();
    await expect(page).toHaveURL(/\/workspace\/shortlists\/[^/]+$/);
    const shortlistUrl = page.url();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Tender ${term}`);
    await expect(page.getByText("Nothing on it yet.")).toBeVisible();

    // From search results, with a note.
    await page.goto("/?q=photodna");
    const first = results(page).first();
    const firstName = (await first.getByRole("heading").textContent()) ?? "";
    await first.getByText("Add to shortlist").click();
    await first.getByLabel("Note (optional)").fill("Hashes images; widely used");
    await first.getByRole("button", { name: "Add", exact: true }).click();
    await expect(first.getByText(`Added to Tender ${term}.`)).toBeVisible();

    // From a listing's page.
    await page.goto(`/listings/${slug}`);
    await page.getByText("Add to shortlist").click();
    await page.getByRole("button", { name: "Add", exact: true }).click();
    await page.getByRole("link", { name: `Tender ${term}` }).click();
    await expect(page).toHaveURL(shortlistUrl);

    const items = page.getByRole("region", { name: "Listings" }).getByRole("article");
    await expect(items).toHaveCount(2);
    await expect(items.nth(0)).toContainText("Note: Hashes images; widely used");
    await items
      .nth(1)
      .getByRole("button", { name: `Edit note on ${name}` })
      .click();
    await items.nth(1).getByLabel(`Note on ${name}`).fill("Cheaper; check vetting");
    await items.nth(1).getByRole("button", { name: "Save note" }).click();
    await expect(items.nth(1)).toContainText("Note: Cheaper; check vetting");
    await items
      .nth(1)
      .getByRole("button", { name: `Move up ${name}` })
      .click();
    await expect(items.nth(0).getByRole("heading")).toHaveText(name);

    const reviewer = await api<{ me: { user: { email: string } } }>(
      servers.main,
      servers.tokens.reviewer,
      "{ me { user { email } } }",
    );
    await page.getByLabel(/Share, read-only, with/).fill(reviewer.me.user.email);
    await page.getByRole("button", { name: "Save sharing" }).click();
    await expect(page.getByText(`Shared now with ${reviewer.me.user.email}.`)).toBeVisible();

    await page.getByRole("button", { name: "Lock", exact: true }).click();
    await expect(page.getByText(/^Locked \d/)).toBeVisible();
    await expect(items.nth(0)).toContainText("Unchanged since locked");
    await expect(page.getByRole("button", { name: `Move up ${firstName}` })).toHaveCount(0);

    // The listing changes after the lock: the item says so, and what changed.
    const current = await api<{ listing: { latestRevision: number } }>(
      servers.main,
      servers.tokens.admin,
      "query($s: String!) { listing(slug: $s) { latestRevision } }",
      { s: slug },
    );
    await api(
      servers.main,
      servers.tokens.admin,
      "mutation($s: String!, $r: Int!, $i: ListingInput!) { updateListing(slug: $s, baseRevision: $r, input: $i) { userErrors { message } } }",
      { s: slug, r: current.listing.latestRevision, i: { mediaTypes: ["IMAGE", "VIDEO"] } },
    );
    await approveLatest(servers, slug);
    await page.reload();
    await expect(items.nth(0)).toContainText("Changed since locked");
    await items.nth(0).locator("summary", { hasText: "What changed" }).click();
    await expect(items.nth(0).getByRole("row", { name: /Media types\s+Image\s+Image; Video/ })).toBeVisible();
    await expect(page.getByText("1 changed since locked")).toBeVisible();
    await expectAccessible(page);
    await screenshots(page, "shortlist-locked");

    // The export, downloaded through the page's link: the items in their order, with their notes.
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "Download CSV" }).click();
    const file = await (await download).path();
    const lines = readFileSync(file, "utf8").trim().split(/\r\n/);
    expect(lines).toHaveLength(3);
    const header = lines[0].split(",");
    expect(header.slice(0, 4)).toEqual(["position", "available", "slug", "name"]);
    expect(lines[1]).toContain(slug);
    expect(lines[1]).toContain("Cheaper; check vetting");
    expect(lines[2]).toContain("Hashes images; widely used");

    await page.getByRole("button", { name: "Unlock" }).click();
    await expect(page.getByRole("button", { name: "Lock", exact: true })).toBeVisible();
    await expect(page.getByText("Changed since locked")).toHaveCount(0);

    await page.getByRole("link", { name: "← All shortlists" }).click();
    await expect(page.getByRole("row", { name: new RegExp(`Tender ${term}\\s+Open, shared with 1`) })).toBeVisible();
    await expectAccessible(page);
    await screenshots(page, "shortlists");

    // The person it is shared with reads it, and may change nothing.
    await page.getByRole("button", { name: "Sign out" }).click();
    await signIn(page, servers.tokens.reviewer);
    await page.goto(shortlistUrl);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Tender ${term}`);
    await expect(page.getByText("shared with you, read-only")).toBeVisible();
    await expect(items).toHaveCount(2);
    await expect(items.nth(0)).toContainText("Note: Cheaper; check vetting");
    await expect(page.getByRole("heading", { name: "Manage" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: /^(Edit note|Move up|Move down|Remove)/ })).toHaveCount(0);
    await expectAccessible(page);
    await screenshots(page, "shortlist-shared");
  });

  test("signed out, the workspace pages ask to sign in", async ({ page }) => {
    await page.goto("/workspace/saved-searches");
    await expect(page.getByRole("link", { name: "Sign in" }).last()).toHaveAttribute(
      "href",
      "/sign-in?next=%2Fworkspace%2Fsaved-searches",
    );
    await page.goto("/workspace/shortlists");
    await expect(page.getByText("Shortlists belong to a signed-in person.")).toBeVisible();
    await expectAccessible(page);
  });
});
