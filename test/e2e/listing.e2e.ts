import { expect, expectAccessible, screenshots, test } from "./fixtures";
import { signIn } from "./session";

test.describe("the listing page", () => {
  test("shows organisation, capabilities, offers, availability, schemes and cited sources", async ({ page }) => {
    await page.goto("/listings/interpol-icse-database");
    const main = page.getByRole("main");
    await expect(main.getByRole("heading", { level: 1 })).toHaveText(/ICSE/);
    const section = (name: string) => page.getByRole("region", { name });
    await expect(section("Organisation").getByRole("link", { name: /INTERPOL/ })).toBeVisible();
    await expect(section("Capabilities").getByRole("listitem")).not.toHaveCount(0);
    await expect(section("Offers and who may obtain it").getByRole("row")).not.toHaveCount(1);
    const availability = section("Availability by jurisdiction");
    await expect(availability.getByRole("row")).toHaveCount(26);
    await expect(availability.getByRole("rowheader").first()).not.toBeEmpty();
    await expect(section("Classification schemes").getByRole("listitem")).toHaveCount(1);
    const sources = section("Sources").getByRole("listitem");
    await expect(sources).toHaveCount(12);
    await expect(sources.first().locator("cite")).not.toBeEmpty();
    // History is for the listing's editors and reviewers only.
    await expect(section("History")).toHaveCount(0);
    await expectAccessible(page);
    await screenshots(page, "listing");

    // A capability links to the search filtered by it.
    await section("Capabilities").getByRole("link").first().click();
    await expect(page).toHaveURL(/\/\?capability=[a-z-]+$/);
    await expect(page.getByRole("button", { name: /^Remove filter Capability: / })).toBeVisible();

    // And the organisation to the search for its listings, its chip named as the organisation is.
    await page.goBack();
    const organisation = section("Organisation").getByRole("link", { name: /INTERPOL/ });
    const name = (await organisation.textContent()) ?? "";
    await organisation.click();
    await expect(page).toHaveURL(/\/\?organisation=interpol$/);
    await expect(page.getByRole("button", { name: `Remove filter Organisation: ${name}` })).toBeVisible();
    await expect(
      page.getByRole("article", { name: "International Child Sexual Exploitation (ICSE) database" }),
    ).toBeVisible();
  });

  test("shows its history to a reviewer, with the revision they approved", async ({ page, servers }) => {
    await signIn(page, servers.tokens.reviewer);
    await page.goto(`/listings/${servers.hidden.slug}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(servers.hidden.name);
    const offers = page.getByRole("region", { name: "Offers and who may obtain it" });
    await expect(
      offers.getByRole("row", { name: /Free for those eligible\s+Law enforcement\s+Required/ }),
    ).toBeVisible();
    await expect(
      page
        .getByRole("region", { name: "Availability by jurisdiction" })
        .getByRole("row", { name: /United Kingdom\s+In use/ }),
    ).toBeVisible();
    const history = page.getByRole("region", { name: "History" });
    await expect(history.getByRole("row", { name: /^1\s+Approved/ })).toBeVisible();
    await expect(page.getByText("Law enforcement only")).toBeVisible();
    await expectAccessible(page);
    await screenshots(page, "listing-history");
  });

  test("a path that is no page says so", async ({ page }) => {
    // The server answers paths that are not the console's in the API's error shape; inside the console, a
    // path it does not know gets a page that says so.
    await page.goto("/");
    // An expression, run in the page: the test code is compiled without the DOM's types.
    await page.evaluate('history.pushState(null, "", "/listings"); dispatchEvent(new PopStateEvent("popstate"))');
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
    await expectAccessible(page);
  });
});
