import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * The console the API serves at `/` (src/http/console.ts): Preact, urql and
 * the operations typed by GraphQL Code Generator, bundled so that the page
 * loads nothing from outside the API and works with no internet. The built
 * page is read by the server for each visit; its assets have content-hashed
 * names under /assets/, served with a long, immutable cache.
 */
export default defineConfig({
  root: here("."),
  base: "/",
  logLevel: "warn",
  define: { "process.env.NODE_ENV": JSON.stringify("production") },
  // downshift is written for React: Preact's compatibility layer stands in for it (a few kB instead of ~60).
  resolve: {
    alias: {
      react: "preact/compat",
      "react-dom": "preact/compat",
      "react/jsx-runtime": "preact/jsx-runtime",
    },
  },
  oxc: { jsx: { runtime: "automatic", importSource: "preact", development: false } },
  build: {
    outDir: here("../../dist/console"),
    emptyOutDir: true,
    assetsDir: "assets",
    modulePreload: { polyfill: false },
    // No data: URLs: the page's policy allows images, fonts and styles from the API's own files only.
    assetsInlineLimit: 0,
  },
});
