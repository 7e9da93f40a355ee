import { accessSync, constants } from "node:fs";

// Apart from browser.ts, which starts the app: Playwright's test runner loads this too (playwright.config.ts),
// and its TypeScript transform cannot load the app's decorated classes.

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
