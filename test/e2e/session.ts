import type { Page } from "@playwright/test";
import { expect } from "./fixtures";

/** Signs in through the console's own form, as a person pasting their token would. */
export async function signIn(page: Page, token: string): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("API token").fill(token);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("banner")).toContainText("Signed in as");
}
