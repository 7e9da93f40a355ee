import { defineConfig } from "@playwright/test";
import { chromiumPath, CHROMIUM_ARGS } from "./test/helpers/chromium";

/**
 * The console's end-to-end tests (test/e2e/*.e2e.ts), run by `npm test`
 * after jest. They drive Debian's chromium package (never a downloaded
 * browser) against the real app on a real database: test/e2e/global-setup.ts
 * starts the servers. One worker: the machines that run them have two cores,
 * and the servers are shared.
 */
export default defineConfig({
  testDir: "test/e2e",
  testMatch: "**/*.e2e.ts",
  outputDir: "test-artifacts/playwright",
  globalSetup: "./test/e2e/global-setup.ts",
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    viewport: { width: 1280, height: 800 },
    screenshot: "only-on-failure",
    trace: "off",
    launchOptions: {
      executablePath: chromiumPath(),
      // Any host name resolves to nothing: nothing the pages do can leave the machine.
      args: [...CHROMIUM_ARGS, "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"],
    },
  },
});
