import { accessSync, constants, mkdirSync } from "node:fs";
import { join } from "node:path";
import { Browser, chromium } from "playwright-core";
import { startTestApp, TestApp } from "./app";

/**
 * The Chromium binary the browser tests drive: CHROMIUM_PATH, or Debian's
 * chromium package, which `npm test` installs when it is missing
 * (tools/ensure-browser.mjs). Missing, it fails the test, never skips it.
 */
export function chromiumPath(): string {
  const candidates = process.env.CHROMIUM_PATH
    ? [process.env.CHROMIUM_PATH]
    : ["/usr/bin/chromium", "/usr/bin/chromium-browser"];
  for (const path of candidates) {
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      // Try the next.
    }
  }
  throw new Error(
    `no Chromium at ${candidates.join(" or ")}: run \`node tools/ensure-browser.mjs\` (as root) or set CHROMIUM_PATH`,
  );
}

/**
 * Flags for Chromium in a container as root, with no network: no sandbox (it
 * needs user namespaces a container may not give root), /tmp instead of a
 * small /dev/shm, and none of the browser's own calls home (updates,
 * component downloads, metrics), so the only requests are the page's.
 */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-default-apps",
  "--disable-sync",
  "--metrics-recording-only",
  "--no-first-run",
];

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
