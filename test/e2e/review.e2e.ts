import type { Page } from "@playwright/test";
import { expect, expectAccessible, screenshots, test } from "./fixtures";
import { signIn } from "./session";

/**
 * A vendor's edit, a reviewer's decision, and what each sees of the other's.
 * The tests run in order on one server: each builds on the revisions the one
 * before left (the seeded listings of the vendor's organisation start at
 * revision 1).
 */
test.describe.configure({ mode: "serial" });

const LISTING = { slug: "netclean-digital-investigator", name: "NetClean Digital Investigator" };
/** A word no listing has, so that search finds the listing by it only once the change is published. */
const WORD = "Quillbright";

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("banner")).not.toContainText("Signed in as");
}

/** The field a label names, within the page's main region. */
const field = (page: Page, label: string) => page.getByRole("main").getByLabel(label, { exact: true });

async function asVendor<T>(base: string, token: string, query: string, variables: Record<string, unknown>) {
  const res = await fetch(`${base}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data: T };
}

test("the vendor's and reviewer's pages say when the database is away, not that you are signed out", async ({
  page,
  servers,
}) => {
  for (const path of ["/vendor", "/vendor/new", "/vendor/listings/photodna", "/review", "/review/photodna/2"]) {
    await page.goto(`${servers.away}${path}`);
    await expect(page.getByRole("alert")).toContainText("The inventory is unavailable");
    await expect(page.getByRole("main").getByRole("link", { name: "Sign in" })).toHaveCount(0);
  }
  await expectAccessible(page);
  await screenshots(page, "review-unavailable");
});

test.describe("a vendor edits, a reviewer decides", () => {
  test("a vendor's edit with mistakes shows each at its field; fixed, it is submitted for review", async ({
    page,
    servers,
  }) => {
    await signIn(page, servers.tokens.vendor);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My listings" }).click();
    await expect(page).toHaveURL(/\/vendor$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("My organisation's listings");
    const row = page.getByRole("row", { name: new RegExp(LISTING.name) });
    await expect(row.getByRole("cell").nth(1)).toHaveText("None");
    await expectAccessible(page);
    await screenshots(page, "vendor-listings");

    await row.getByRole("link", { name: `Edit ${LISTING.name}` }).click();
    await expect(page).toHaveURL(`/vendor/listings/${LISTING.slug}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Edit ${LISTING.name}`);
    await expect(field(page, "Name")).toHaveValue(LISTING.name);
    // Its capabilities ticked in the taxonomy's tree.
    const capabilities = page.getByRole("group", { name: "Capabilities" });
    await expect(capabilities.getByRole("checkbox", { checked: true })).toHaveCount(3);
    await expect(capabilities.getByRole("checkbox", { name: "Triage" })).toBeChecked();

    // Two mistakes: no name, and a country code that is not one (after the listing's two countries).
    await field(page, "Name").fill("");
    await page.getByRole("button", { name: "Add a jurisdiction" }).click();
    const jurisdiction = page.getByRole("group", { name: "Jurisdiction 3" });
    await jurisdiction.getByLabel("Country code").fill("D");
    await page.getByRole("button", { name: "Save draft" }).click();

    const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
    await expect(summary).toBeFocused();
    await expect(summary.getByRole("link")).toHaveCount(2);
    await expect(field(page, "Name")).toHaveAttribute("aria-invalid", "true");
    await expect(field(page, "Name")).toHaveAccessibleDescription(/Error: /);
    await expect(jurisdiction.getByLabel("Country code")).toHaveAttribute("aria-invalid", "true");
    await expectAccessible(page);
    await screenshots(page, "vendor-edit-errors");

    // The summary's links take the person to the field.
    await summary.getByRole("link").first().click();
    await expect(field(page, "Name")).toBeFocused();

    await field(page, "Name").fill(LISTING.name);
    await jurisdiction.getByLabel("Country code").fill("DE");
    await jurisdiction.getByLabel("Standing").selectOption("IN_USE");
    const text = await field(page, "Summary").inputValue();
    await field(page, "Summary").fill(`${text} Known to its users as ${WORD}.`);
    await page.getByRole("button", { name: "Save and submit for review" }).click();

    await expect(page.getByText("Submitted for review.")).toBeInViewport();
    await expect(page.getByText("Revision 2 is waiting for review")).toBeVisible();
    await expect(page.getByRole("alert").filter({ hasText: "There is a problem" })).toHaveCount(0);
    await expectAccessible(page);
    await screenshots(page, "vendor-edit-submitted");

    await page.getByRole("link", { name: "My organisation's listings" }).click();
    await expect(page.getByRole("row", { name: new RegExp(LISTING.name) })).toContainText(
      "Revision 2: Waiting for review",
    );
  });

  test("a reviewer sees the revision's changes field by field, approves it, and search finds it", async ({
    page,
    servers,
  }) => {
    await page.goto(`/?q=${WORD.toLowerCase()}`);
    await expect(page.getByRole("article", { name: LISTING.name })).toHaveCount(0);

    await signIn(page, servers.tokens.reviewer);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Review queue" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Review queue");
    await expectAccessible(page);
    await screenshots(page, "review-queue");

    await page.getByRole("link", { name: LISTING.name }).click();
    await expect(page).toHaveURL(`/review/${LISTING.slug}/2`);
    const diff = page.getByRole("table", { name: "Fields this revision changes" });
    // Exactly the two fields the vendor changed, each saying in words how.
    await expect(diff.locator("tbody tr")).toHaveCount(2);
    const summary = diff.getByRole("row", { name: /^Summary/ });
    await expect(summary.getByRole("cell").nth(0)).toHaveText("Changed");
    // Word by word: only the sentence the vendor added is marked, and nothing as removed.
    await expect(summary.locator("ins")).toHaveText([`[added: Known to its users as ${WORD}.]`]);
    await expect(summary.locator("del")).toHaveCount(0);
    const availability = diff.getByRole("row", { name: /^Availability by jurisdiction/ });
    await expect(availability.getByRole("cell").nth(0)).toHaveText("Changed");
    await expect(availability.locator("ins")).toHaveText(/Added: Germany \(DE\): In use/);
    await expect(availability.locator("del")).toHaveCount(0);
    await expect(availability).toContainText("Unchanged: 2 items");
    await expectAccessible(page);
    await screenshots(page, "review-diff");

    await page.getByRole("button", { name: "Approve and publish" }).click();
    await expect(page.getByText("Revision 2 is approved and published.")).toBeVisible();
    await expect(page.getByRole("button", { name: "Approve and publish" })).toHaveCount(0);

    await page.getByRole("link", { name: "Back to the review queue" }).click();
    await expect(page.getByRole("link", { name: LISTING.name })).toHaveCount(0);

    // Published: the console's search finds it by the new word.
    await page.goto(`/?q=${WORD.toLowerCase()}`);
    const result = page.getByRole("article", { name: LISTING.name });
    await expect(result).toBeVisible();
    await expect(result.locator("mark").first()).toHaveText(new RegExp(WORD, "i"));
  });

  test("a revision sent back needs a reason, and the vendor sees it", async ({ page, servers }) => {
    await signIn(page, servers.tokens.vendor);
    await page.goto(`/vendor/listings/${LISTING.slug}`);
    await expect(page.getByText("Revision 2 was approved")).toBeVisible();
    await field(page, "Other names").fill("NDI");
    await page.getByRole("group", { name: "Capabilities" }).getByRole("checkbox", { name: "Hash matching" }).check();
    await page.getByRole("button", { name: "Save and submit for review" }).click();
    await expect(page.getByText("Revision 3 is waiting for review")).toBeVisible();
    await signOut(page);

    await signIn(page, servers.tokens.reviewer);
    await page.goto(`/review/${LISTING.slug}/3`);
    const diff = page.getByRole("table", { name: "Fields this revision changes" });
    await expect(diff.locator("tbody tr")).toHaveCount(2);
    await expect(diff.getByRole("row", { name: /^Other names/ }).locator("ins")).toHaveText(/NDI/);
    await expect(diff.getByRole("row", { name: /^Capabilities/ }).locator("ins")).toHaveText(/Added: Hash matching/);
    await page.getByRole("button", { name: "Send back" }).click();
    const reason = page.getByLabel("Reason for sending it back");
    await expect(reason).toBeFocused();
    await expect(reason).toHaveAttribute("aria-invalid", "true");
    await expect(reason).toHaveAccessibleDescription(/Say why/);
    const why = "Cite where a source calls it NDI.";
    await reason.fill(why);
    await page.getByRole("button", { name: "Send back" }).click();
    await expect(page.getByText("Revision 3 is sent back to the vendor with your reason.")).toBeVisible();
    await signOut(page);

    await signIn(page, servers.tokens.vendor);
    await page.goto("/vendor");
    await expect(page.getByRole("row", { name: new RegExp(LISTING.name) })).toContainText(
      `Revision 3: Sent back — “${why}”`,
    );
    await page.getByRole("link", { name: `Edit ${LISTING.name}` }).click();
    const outcome = page.getByRole("alert").filter({ hasText: "Revision 3 was sent back by a reviewer" });
    await expect(outcome).toContainText(why);
    // The form holds the revision sent back, to change and submit again.
    await expect(field(page, "Other names")).toHaveValue("NDI");
    await expectAccessible(page);
    await screenshots(page, "vendor-rejected");
  });

  test("an edit that someone else's change overtook is explained, and their version can be loaded", async ({
    page,
    servers,
  }) => {
    const slug = "netclean-product-suite";
    await signIn(page, servers.tokens.vendor);
    await page.goto(`/vendor/listings/${slug}`);
    await expect(field(page, "Summary")).not.toHaveValue("");

    // A colleague saves a change first.
    const theirs = "Range of products from NetClean, as a colleague has just described it.";
    const r = await asVendor<{ updateListing: { userErrors: unknown[] } }>(
      servers.main,
      servers.tokens.vendor,
      `mutation($s: String!, $i: ListingInput!) { updateListing(slug: $s, baseRevision: 1, input: $i) { userErrors { message } } }`,
      { s: slug, i: { summary: theirs } },
    );
    expect(r.data.updateListing.userErrors).toEqual([]);

    await field(page, "Summary").fill("My own description, written at the same time.");
    await page.getByRole("button", { name: "Save draft" }).click();
    const conflict = page.getByRole("alert").filter({ hasText: "Someone else changed this listing first" });
    await expect(conflict).toBeVisible();
    // Said at the top of the form, and the person is taken there from the button at its foot.
    await expect(page.locator(":focus")).toContainText("Someone else changed this listing first");
    await expect(conflict).toBeInViewport();
    await expect(conflict).toContainText("revision 2 is the latest");
    await expectAccessible(page);
    await screenshots(page, "vendor-conflict");

    await conflict.getByRole("button", { name: "Load their version" }).click();
    await expect(field(page, "Summary")).toHaveValue(theirs);
    await expect(page.getByText("Revision 2 is a draft")).toBeVisible();
  });

  test("a vendor is offered nothing outside their organisation", async ({ page, servers }) => {
    await signIn(page, servers.tokens.vendor);
    await page.goto("/vendor/listings/photodna");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Listing not found");
    await expect(page.getByRole("main").getByRole("textbox")).toHaveCount(0);
    await page.goto("/review");
    await expect(page.getByText("This page is for reviewers and administrators.")).toBeVisible();
    await page.goto("/listings/photodna");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(/PhotoDNA/);
    await expect(page.getByRole("main").getByRole("link", { name: /^Edit/ })).toHaveCount(0);
    await expectAccessible(page);
    // Their own listing's page offers the form.
    await page.goto("/listings/netclean-analyze");
    await page.getByRole("main").getByRole("link", { name: "Edit this listing" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Edit NetClean Analyze");
  });
});
