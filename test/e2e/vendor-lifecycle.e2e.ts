import type { Page } from "@playwright/test";
import { expect, expectAccessible, screenshots, test } from "./fixtures";
import { api, publishListing } from "./publish";
import { signIn } from "./session";

/**
 * A listing's life from the vendor's side: created (once, however often the
 * button is pressed), submitted, withdrawn, changed and submitted again; and
 * what the reviewer then sees. The tests run in order on one server, each
 * building on the listing the one before left. The listing belongs to the
 * e2e vendor's organisation, whose listings no test outside the vendor's
 * and reviewer's files reads; its name matches no other listing.
 */
test.describe.configure({ mode: "serial" });

const NAME = "Lanternfish Triage Kit";
/** A seeded source document, cited by its slug. */
const DOCUMENT = {
  slug: "ga-2015-report",
  title: "The 2015 Report of the Global Alliance Against Child Sexual Abuse Online",
};
/** A vendor's new listing takes its slug from its name, in its organisation's namespace. */
const slugOf = (organisation: string) => `lanternfish-triage-kit--${organisation}`;

/** The field a label names, within the page's main region. */
const field = (page: Page, label: string) => page.getByRole("main").getByLabel(label, { exact: true });

async function gql<T>(base: string, token: string, query: string, variables: Record<string, unknown> = {}) {
  const res = await fetch(`${base}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data: T; errors?: unknown[] };
}

/**
 * The names in the vendor's organisation's unpublished revisions, one per
 * revision, as the API gives them (a listing never published is in no
 * listing query, only in its revisions).
 */
async function ownListingNames(base: string, token: string): Promise<string[]> {
  const r = await gql<{ openRevisions: { content: { name: string } }[] }>(base, token, "{ openRevisions { content } }");
  return r.data.openRevisions.map((rev) => rev.content.name);
}

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("banner")).not.toContainText("Signed in as");
}

test("a vendor creates a listing: its mistakes shown at their fields, then made exactly once though the button is pressed twice", async ({
  page,
  servers,
}) => {
  await signIn(page, servers.tokens.vendor);
  await page.goto("/vendor");
  await page.getByRole("main").getByRole("link", { name: "New listing" }).click();
  await expect(page).toHaveURL(/\/vendor\/new$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("New listing");
  // Their organisation, said, and nothing to choose another with.
  await expect(page.locator("#f-organisation")).toContainText("NetClean");
  await expect(field(page, "Organisation")).toHaveCount(0);
  await expectAccessible(page);
  await screenshots(page, "vendor-new");

  // Two mistakes: no summary, and a source that names neither a document nor a web page.
  await field(page, "Name").fill(NAME);
  await page.getByRole("group", { name: "Source 1" }).getByLabel("Where in it").fill("home page");
  await page.getByRole("button", { name: "Create draft" }).click();
  const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
  await expect(summary).toBeFocused();
  // Each says which field it is about, in the form's words.
  await expect(summary.getByRole("link")).toHaveText([
    "Summary: must not be empty",
    /^Source 1: a source names either a document or a url/,
  ]);
  await expect(field(page, "Summary")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("group", { name: "Source 1" })).toContainText("Error:");
  await expect(page).toHaveURL(/\/vendor\/new$/);
  await expectAccessible(page);
  await screenshots(page, "vendor-new-errors");
  expect(await ownListingNames(servers.main, servers.tokens.vendor)).not.toContain(NAME);

  await field(page, "Summary").fill(
    "Sorts seized images by likely urgency, so that investigators see the worst first.",
  );
  await page.getByRole("group", { name: "Source 1" }).getByLabel("Web page").fill("https://example.org/lanternfish");
  await page.getByRole("group", { name: "Capabilities" }).getByRole("checkbox", { name: "Hash matching" }).check();

  // Pressed twice before the page can redraw: two requests, one listing, both answered with it.
  const answers: Promise<unknown>[] = [];
  page.on("response", (r) => {
    if (r.url().endsWith("/graphql") && r.request().postData()?.includes("mutation CreateListing"))
      answers.push(r.json());
  });
  await page.getByRole("button", { name: "Create draft" }).evaluate((button) => {
    button.click();
    button.click();
  });
  const slug = slugOf(servers.vendorOrganisation);
  await expect(page).toHaveURL(`/vendor/listings/${slug}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Edit ${NAME}`);
  await expect.poll(() => answers.length).toBe(2);
  const payloads = (await Promise.all(answers)) as {
    data: { createListing: { listing: { slug: string } | null; userErrors: unknown[] } } | null;
  }[];
  // Without the form's one key the second is refused, or fails outright on the slug the first has just taken.
  expect(payloads.map((p) => p.data?.createListing ?? p)).toMatchObject([
    { listing: { slug, latestRevision: 1 }, userErrors: [] },
    { listing: { slug, latestRevision: 1 }, userErrors: [] },
  ]);
  expect((await ownListingNames(servers.main, servers.tokens.vendor)).filter((n) => n === NAME)).toHaveLength(1);

  await expect(page.getByText("Your new listing is created as a draft.")).toBeVisible();
  await expect(page.getByText("Revision 1 is a draft", { exact: true })).toBeVisible();
  await expect(field(page, "Name")).toHaveValue(NAME);
  await expectAccessible(page);
  await screenshots(page, "vendor-new-created");

  await page.getByRole("link", { name: "My organisation's listings" }).click();
  const row = page.getByRole("row", { name: new RegExp(NAME) });
  await expect(row).toContainText("Revision 1: Draft");
  // Not published, so no page of its own to link to; the form is.
  await expect(row.getByRole("link", { name: NAME, exact: true })).toHaveCount(0);
  await expect(row.getByRole("link", { name: `Edit ${NAME}` })).toBeVisible();
  await expectAccessible(page);
  await screenshots(page, "vendor-listings-draft");
});

test("a vendor submits it, withdraws it behind a confirmation, and it is an editable draft again", async ({
  page,
  servers,
}) => {
  const slug = slugOf(servers.vendorOrganisation);
  await signIn(page, servers.tokens.vendor);
  await page.goto(`/vendor/listings/${slug}`);
  await page.getByRole("button", { name: "Submit for review" }).click();
  await expect(page.getByText("Revision 1 is waiting for review")).toBeVisible();

  const withdraw = page.getByRole("button", { name: "Withdraw from review" });
  const dialog = page.getByRole("dialog", { name: "Withdraw revision 1 from review?" });
  await withdraw.click();
  await expect(dialog).toBeVisible();
  await expect(dialog).toHaveAccessibleDescription(/goes back to being a draft/);
  // The choice that changes nothing has focus; Escape takes it.
  await expect(dialog.getByRole("button", { name: "Keep it waiting" })).toBeFocused();
  await expectAccessible(page);
  await screenshots(page, "vendor-withdraw-confirm");
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(withdraw).toBeFocused();
  await expect(page.getByText("Revision 1 is waiting for review")).toBeVisible();

  await withdraw.click();
  await dialog.getByRole("button", { name: "Withdraw it" }).click();
  await expect(page.getByText("Withdrawn from review: revision 1 is a draft again.")).toBeVisible();
  await expect(page.getByText("Revision 1 is a draft", { exact: true })).toBeVisible();
  await expect(withdraw).toHaveCount(0);
  await expectAccessible(page);
  await screenshots(page, "vendor-withdrawn");

  // Editable: changed, saved and submitted again. What is cited by slug or code is named as it is typed.
  await field(page, "Other names").fill("Lanternfish");
  await page.getByRole("button", { name: "Add a source" }).click();
  const source = page.getByRole("group", { name: "Source 2" });
  await source.getByLabel("Document").fill(DOCUMENT.slug);
  await source.getByLabel("Where in it").fill("p. 12");
  await expect(source.getByLabel("Document")).toHaveAccessibleDescription(`Cites “${DOCUMENT.title}”.`);
  await page.getByRole("button", { name: "Add a jurisdiction" }).click();
  const country = page.getByRole("group", { name: "Jurisdiction 1" }).getByLabel("Country code");
  await country.fill("DE");
  await expect(country).toHaveAccessibleDescription("Germany");
  await expectAccessible(page);
  await screenshots(page, "vendor-edit-names");
  await page.getByRole("button", { name: "Save and submit for review" }).click();
  await expect(page.getByText("Revision 2 is waiting for review")).toBeVisible();
});

test("a withdrawal with nothing left to withdraw is explained", async ({ page, servers }) => {
  const slug = slugOf(servers.vendorOrganisation);
  await signIn(page, servers.tokens.vendor);
  await page.goto(`/vendor/listings/${slug}`);
  await expect(page.getByText("Revision 2 is waiting for review")).toBeVisible();
  // Withdrawn meanwhile, from elsewhere.
  const r = await gql<{ withdrawSubmission: { userErrors: unknown[] } }>(
    servers.main,
    servers.tokens.vendor,
    "mutation($s: String!) { withdrawSubmission(slug: $s) { userErrors { message } } }",
    { s: slug },
  );
  expect(r.data.withdrawSubmission.userErrors).toEqual([]);

  await page.getByRole("button", { name: "Withdraw from review" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Withdraw it" }).click();
  const refused = page.getByRole("alert").filter({ hasText: "Not withdrawn" });
  await expect(refused).toContainText("There is nothing to withdraw: revision 2 is no longer waiting for review.");
  await expect(page.locator(":focus")).toContainText("Not withdrawn");
  await expectAccessible(page);
  await screenshots(page, "vendor-withdraw-refused");
  await refused.getByRole("button", { name: "Load the latest version" }).click();
  await expect(page.getByText("Revision 2 is a draft", { exact: true })).toBeVisible();

  await page.getByRole("button", { name: "Submit for review" }).click();
  await expect(page.getByText("Revision 2 is waiting for review")).toBeVisible();
});

test("a reviewer finds it in the queue, and the diff names its capabilities, organisation and sources", async ({
  page,
  servers,
}) => {
  const slug = slugOf(servers.vendorOrganisation);
  await signIn(page, servers.tokens.reviewer);
  await page.goto("/review");
  await page.getByRole("link", { name: NAME }).click();
  await expect(page).toHaveURL(`/review/${slug}/2`);
  const diff = page.getByRole("table", { name: "Fields this revision changes" });
  // Against nothing published: what the revision states, and no row for what it leaves empty.
  await expect(diff.getByRole("row", { name: /^Media types/ })).toHaveCount(0);
  const capabilities = diff.getByRole("row", { name: /^Capabilities/ });
  await expect(capabilities.locator("ins")).toHaveText([/Added: Hash matching/]);
  await expect(capabilities.locator("ins")).not.toContainText("hash-matching");
  await expect(diff.getByRole("row", { name: /^Organisation/ }).locator("ins")).toHaveText(/^NetClean/);
  const sources = diff.getByRole("row", { name: /^Sources/ });
  await expect(sources.locator("ins")).toHaveText([
    // The mark, hidden from screen readers, then the change in words.
    "+Added: https://example.org/lanternfish, home page (unverified)",
    `+Added: ${DOCUMENT.title}, p. 12`,
  ]);
  await expect(diff.getByRole("row", { name: /^Availability/ }).locator("ins")).toHaveText([
    "+Added: Germany (DE): Available",
  ]);
  await expectAccessible(page);
  await screenshots(page, "review-new-listing");
  await signOut(page);
});

test("a revision of a listing withdrawn from the catalogue is not said to be of a listing never published", async ({
  page,
  servers,
}) => {
  const slug = `withdrawn-sieve-${Date.now().toString(36)}`;
  const { admin } = servers.tokens;
  await publishListing(servers, {
    slug,
    name: "Withdrawn Sieve",
    kind: "TOOL",
    summary: "A hash-matching tool, published and then withdrawn from the catalogue.",
    capabilities: ["hash-matching"],
    sources: [{ url: `https://example.org/${slug}`, locator: "home page", unverified: true }],
    visibility: "PUBLIC",
  });
  await api(servers.main, admin, "mutation($s: String!) { archiveListing(slug: $s) { userErrors { message } } }", {
    s: slug,
  });
  await signIn(page, servers.tokens.reviewer);
  await page.goto(`/review/${slug}/1`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Withdrawn Sieve: revision 1");
  await expect(page.getByRole("main")).toContainText("not published now");
  await expect(page.getByRole("main")).not.toContainText("never published");
  await expectAccessible(page);
});

test("a vendor cannot create a listing for another organisation", async ({ servers }) => {
  const other = await gql<{ listing: { organisation: { slug: string } } }>(
    servers.main,
    servers.tokens.vendor,
    '{ listing(slug: "photodna") { organisation { slug } } }',
  );
  const organisation = other.data.listing.organisation.slug;
  expect(organisation).not.toBe(servers.vendorOrganisation);
  const r = await gql<{ createListing: { listing: unknown; userErrors: { field: string[]; code: string }[] } }>(
    servers.main,
    servers.tokens.vendor,
    "mutation($i: ListingInput!) { createListing(input: $i) { listing { slug } userErrors { field code } } }",
    {
      i: {
        name: "Someone else's scanner",
        kind: "TOOL",
        summary: "Claimed for another organisation.",
        organisation,
        sources: [{ url: "https://example.org/elsewhere", locator: "home page", unverified: true }],
      },
    },
  );
  expect(r.data.createListing.listing).toBeNull();
  expect(r.data.createListing.userErrors).toContainEqual({ field: ["input", "organisation"], code: "FORBIDDEN" });
  expect(await ownListingNames(servers.main, servers.tokens.vendor)).not.toContain("Someone else's scanner");
});

test("a reviewer creates a listing for an organisation chosen by name", async ({ page, servers }) => {
  const name = "Sandpiper Intake Register";
  await signIn(page, servers.tokens.reviewer);
  await page.goto("/review");
  await page.getByRole("main").getByRole("link", { name: "New listing" }).click();
  await expect(page).toHaveURL(/\/vendor\/new$/);
  await expect(page.getByRole("main").getByRole("link", { name: "Review queue" })).toBeVisible();

  // Chosen by name, by keyboard; once one is chosen the field gives way to it, and focus goes with it.
  const box = page.getByRole("combobox", { name: "Organisation" });
  await expect(box).toHaveAccessibleDescription(/None chosen: the listing's owner is not known/);
  await box.pressSequentially("thor", { delay: 30 });
  await expect(page.getByRole("option").first()).toHaveText(/^Thorn/);
  await box.press("ArrowDown");
  await box.press("Enter");
  const chosen = page.getByRole("button", { name: "Remove organisation Thorn" });
  await expect(chosen).toBeFocused();
  await expect(box).toBeHidden();
  await expectAccessible(page);
  await screenshots(page, "reviewer-new");
  // Taken out, the field is back and has the focus; chosen again.
  await chosen.click();
  await expect(box).toBeFocused();
  await box.pressSequentially("thorn", { delay: 30 });
  await expect(page.getByRole("option").first()).toHaveText(/^Thorn/);
  await box.press("ArrowDown");
  await box.press("Enter");
  await expect(chosen).toBeVisible();

  await field(page, "Name").fill(name);
  await field(page, "Summary").fill("Records what a hotline receives, so that each report is seen once.");
  await page.getByRole("group", { name: "Source 1" }).getByLabel("Web page").fill("https://example.org/sandpiper");
  await page.getByRole("group", { name: "Source 1" }).getByLabel("Where in it").fill("home page");
  await page.getByRole("group", { name: "Capabilities" }).getByRole("checkbox", { name: "Hash matching" }).check();
  await page.getByRole("button", { name: "Create draft" }).click();
  await expect(page).toHaveURL(/\/vendor\/listings\/[a-z0-9-]+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Edit ${name}`);
  await expect(page.getByRole("main").getByRole("link", { name: "Review queue" })).toBeVisible();
  const slug = new URL(page.url()).pathname.split("/").pop() ?? "";

  const thorn = await gql<{ organisation: { slug: string } | null }>(
    servers.main,
    servers.tokens.reviewer,
    `{ organisation(slug: "thorn") { slug } }`,
  );
  const history = await gql<{ listingHistory: { revision: number; content: { organisation?: string | null } }[] }>(
    servers.main,
    servers.tokens.reviewer,
    "query($s: String!) { listingHistory(slug: $s) { revision content } }",
    { s: slug },
  );
  expect(history.errors).toBeUndefined();
  expect(history.data.listingHistory).toHaveLength(1);
  expect(history.data.listingHistory[0].content.organisation).toBe(thorn.data.organisation?.slug ?? "(no thorn)");
});
