import { expect, expectAccessible, screenshots, test } from "./fixtures";

test.describe("when the API cannot answer", () => {
  test("the database is away (503): a clear message on every page, and a way to try again", async ({
    page,
    servers,
  }) => {
    const api = await fetch(`${servers.away}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ me { authenticated } }" }),
    });
    expect(api.status).toBe(503);
    expect(api.headers.get("retry-after")).toMatch(/^\d+$/);

    await page.goto(`${servers.away}/?q=hash`);
    const alert = page.getByRole("alert");
    await expect(alert).toContainText("The inventory is unavailable");
    await expect(alert).toContainText("Its database cannot be reached just now.");
    await expect(alert.getByRole("button", { name: "Try again" })).toBeEnabled();
    await expect(page.getByRole("article")).toHaveCount(0);
    await expectAccessible(page);
    await screenshots(page, "state-unavailable");

    await page.goto(`${servers.away}/listings/photodna`);
    await expect(page.getByRole("alert")).toContainText("The inventory is unavailable");
    await expectAccessible(page);
  });

  test("too many requests (429): says how long to wait, from Retry-After, and counts it down before offering to retry", async ({
    page,
    servers,
  }) => {
    const limited = page.waitForResponse((r) => r.url().endsWith("/graphql") && r.status() === 429);
    await page.goto(`${servers.limited}/`);
    const box = page.getByRole("combobox", { name: "Search the inventory" });
    for (const word of ["hash", "video", "triage", "grooming", "crawler"]) {
      await box.fill(word);
      await page.waitForTimeout(300);
    }
    const refused = await limited;
    const wait = Number(refused.headers()["retry-after"]);
    expect(wait).toBeGreaterThan(0);

    const alert = page.getByRole("alert").filter({ hasText: "Too many requests" });
    await expect(alert).toBeVisible();
    await expect(alert).toContainText(/The server asks you to wait \d+ seconds? before the next request\./);
    await expect(alert.getByRole("button", { name: "Try again" })).toBeDisabled();
    const seconds = async () => Number(/wait (\d+) second/.exec((await alert.textContent()) ?? "")?.[1]);
    const first = await seconds();
    expect(first).toBeLessThanOrEqual(wait);
    await expect.poll(seconds, { timeout: 5000 }).toBeLessThan(first);
    await expectAccessible(page);
    await screenshots(page, "state-rate-limited");
  });
});
