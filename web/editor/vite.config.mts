import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * The query editor the API serves at GET /graphql (src/http/editor.ts).
 * Everything it needs is bundled here, so the page loads nothing from outside
 * the API and works with no internet. The built page is read by the server;
 * its assets have content-hashed names under /graphql/editor/assets/, served
 * with a long, immutable cache.
 */
export default defineConfig({
  root: here("."),
  base: "/graphql/editor/",
  logLevel: "warn",
  // Node's `process.env.NODE_ENV` checks in React and GraphiQL: production builds, without development warnings.
  define: { "process.env.NODE_ENV": JSON.stringify("production") },
  // JSX for React 17 and later; production output whoever runs the build (Node's API does not set NODE_ENV).
  // Radix's dialogs and menus would add a <style> element at run time, which the page's policy blocks.
  resolve: { alias: { "react-style-singleton": here("style-singleton.ts") } },
  oxc: { jsx: { runtime: "automatic", development: false } },
  build: {
    outDir: here("../../dist/editor"),
    emptyOutDir: true,
    assetsDir: "assets",
    // Any modern browser loads modules itself; the polyfill would only add code.
    modulePreload: { polyfill: false },
    // Nothing inlined into the page as data: URLs beyond what GraphiQL's own CSS carries.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 4096,
    rolldownOptions: {
      // React, Radix and framer-motion mark modules "use client" for server rendering; a client bundle ignores it.
      onwarn(warning, warn) {
        if (warning.code !== "MODULE_LEVEL_DIRECTIVE") warn(warning);
      },
    },
  },
});
