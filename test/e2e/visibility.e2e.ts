import { expect, expectAccessible, screenshots, test } from "./fixtures";
import { signIn } from "./session";

async function anonymous<T>(base: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await fetch(`${base}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query, variables }),
  });
  return ((await res.json()) as { data: T }).data;
}

test.describe("what a signed-out visitor sees", () => {
  test("never a law-enforcement-only listing: not in results, counts, suggestions or by its address", async ({
    page,
    servers,
  }) => {
    const { hidden } = servers;
    const api = await anonymous<{
      all: { totalCount: number };
      named: { totalCount: number };
      suggest: { slug: string }[];
    }>(
      servers.main,
      `query($q: String!) { all: listings { totalCount } named: listings(search: $q) { totalCount } suggest(prefix: $q) { slug } }`,
      { q: "covert triage" },
    );
    expect(api.named.totalCount).toBe(0);
    expect(api.suggest.map((s) => s.slug)).not.toContain(hidden.slug);

    const summary = page.getByRole("status").filter({ hasText: /listing|No listings/ });
    await page.goto("/");
    await expect(summary).toHaveText(`${api.all.totalCount} listings`);
    await page.goto("/?q=covert%20triage");
    await expect(summary).toHaveText("No listings match.");
    await page.goto("/?capability=triage");
    await expect(page.getByRole("article")).not.toHaveCount(0);
    await expect(page.getByRole("article", { name: hidden.name })).toHaveCount(0);
    await expect(page.getByText(hidden.name)).toHaveCount(0);

    await page.goto("/");
    await page.getByRole("combobox", { name: "Search the inventory" }).pressSequentially("covert", { delay: 30 });
    await page.waitForResponse(
      (r) => r.url().endsWith("/graphql") && r.request().postData()?.includes("Suggest") === true,
    );
    await expect(page.getByRole("option", { name: new RegExp(hidden.name) })).toHaveCount(0);

    await page.goto(`/listings/${hidden.slug}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Listing not found");
    await expect(page.getByText(hidden.name)).toHaveCount(0);
    await expectAccessible(page);
    await screenshots(page, "listing-not-found");

    // The same browser, signed in as law enforcement, does see it: the checks above can fail.
    await signIn(page, servers.tokens.lawEnforcement);
    await page.goto("/");
    await expect(summary).toHaveText(`${api.all.totalCount + 1} listings`);
    await page.goto("/?q=covert%20triage");
    const article = page.getByRole("article", { name: hidden.name });
    await expect(article).toBeVisible();
    await expect(article.getByText("Law enforcement only")).toBeVisible();
  });
});
