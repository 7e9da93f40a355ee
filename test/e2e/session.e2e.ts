import { expect, expectAccessible, screenshots, test } from "./fixtures";
import { signIn } from "./session";

test.describe("signing in and out", () => {
  test("a token is exchanged for a session: the header shows who and their role; signing out ends it", async ({
    page,
    servers,
  }) => {
    await page.goto("/?q=hash");
    const header = page.getByRole("banner");
    await header.getByRole("link", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/sign-in\?next=%2F%3Fq%3Dhash$/);
    await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
    await expectAccessible(page);
    await screenshots(page, "sign-in");

    await page.getByLabel("API token").fill("ti_not-a-token-anyone-issued");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert")).toHaveText("That token was not accepted: check it, or ask for a new one.");
    await expect(page.getByLabel("API token")).toHaveAttribute("aria-invalid", "true");
    await expectAccessible(page);

    await page.getByLabel("API token").fill(servers.tokens.lawEnforcement);
    await page.getByRole("button", { name: "Sign in" }).click();
    // Back where they were, signed in; the token is in no cookie or storage the page can read.
    await expect(page).toHaveURL(/\/\?q=hash$/);
    await expect(header).toContainText(/Signed in as law_enforcement-\d+-\d+@example\.org/);
    await expect(header.getByText("Law enforcement", { exact: true })).toBeVisible();
    const cookies = await page.context().cookies();
    expect(cookies.find((c) => c.name === "ti_session")).toMatchObject({ httpOnly: true, sameSite: "Strict" });
    expect(JSON.stringify(cookies)).not.toContain(servers.tokens.lawEnforcement);
    expect(
      await page.evaluate("document.cookie + JSON.stringify(localStorage) + JSON.stringify(sessionStorage)"),
    ).not.toContain("ti_");
    await expectAccessible(page);
    await screenshots(page, "signed-in");

    await header.getByRole("button", { name: "Sign out" }).click();
    await expect(header.getByRole("status").filter({ hasText: "You have signed out." })).toBeVisible();
    await expect(header.getByRole("link", { name: "Sign in" })).toBeVisible();
    await expect(header).not.toContainText("Signed in as");
    expect((await page.context().cookies()).find((c) => c.name === "ti_session")).toBeUndefined();
  });

  test("an admin sees their role", async ({ page, servers }) => {
    await signIn(page, servers.tokens.admin);
    await expect(page.getByRole("banner").getByText("Administrator", { exact: true })).toBeVisible();
  });

  test("a session that ends while the page is open: a clear message, and back to signed out", async ({
    page,
    servers,
  }) => {
    await signIn(page, servers.tokens.lawEnforcement);
    await page.goto("/?q=triage");
    await expect(page.getByRole("article", { name: servers.hidden.name })).toBeVisible();
    // The session is ended elsewhere (another tab signing out, or its expiry): the browser still holds the cookie.
    const cookie = (await page.context().cookies()).find((c) => c.name === "ti_session");
    expect(cookie).toBeDefined();
    const ended = await fetch(`${servers.main}/auth/session`, {
      method: "DELETE",
      headers: { cookie: `ti_session=${cookie?.value}`, origin: servers.main },
    });
    expect(ended.status).toBe(204);

    await page.getByRole("combobox", { name: "Search the inventory" }).fill("triage assistant");
    const header = page.getByRole("banner");
    await expect(header.getByRole("status").filter({ hasText: "Your session has ended." })).toBeVisible();
    await expect(header.getByRole("link", { name: "Sign in" })).toBeVisible();
    await expect(header).not.toContainText("Signed in as");
    // Searching goes on, as an anonymous visitor: the law-enforcement listing is gone.
    await expect(page.getByRole("status").filter({ hasText: /listing|No listings/ })).toHaveText(
      /for “triage assistant”$|^No listings match\.$/,
    );
    await expect(page.getByRole("article", { name: servers.hidden.name })).toHaveCount(0);
    await expectAccessible(page);
    await screenshots(page, "session-ended");
  });
});
