import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { Browser, chromium } from "playwright-core";
import { startTestApp, TestApp } from "./app";
import { chromiumPath, CHROMIUM_ARGS } from "./chromium";

export { chromiumPath, CHROMIUM_ARGS };

/** Screenshots, for a person to look at (gitignored). */
export const ARTIFACTS = join(__dirname, "..", "..", "test-artifacts");

/**
 * The seeded app and Chromium for one browser test file, started in its
 * beforeAll and closed in its afterAll: `get()` answers them once started.
 */
export function browserSuite(): () => { t: TestApp; base: string; browser: Browser } {
  let t: TestApp | undefined;
  let base = "";
  let browser: Browser | undefined;
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    t = await startTestApp({ seed: true });
    base = t.runtime.url.replace(/\/graphql$/, "");
    browser = await chromium.launch({
      executablePath: chromiumPath(),
      // Any host name resolves to nothing: with the pages' routes, nothing can leave the machine.
      args: [...CHROMIUM_ARGS, "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"],
      timeout: 30_000,
    });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });
  return () => ({ t: t!, base, browser: browser! });
}
