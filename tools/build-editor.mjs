#!/usr/bin/env node
// Builds the query editor (web/editor) into dist/editor with Vite: part of
// `npm run build`, and run by jest's global setup with `--if-stale`, so that
// tests, which run the server from src/, always serve the editor as it is
// now. `--if-stale` builds only when a source file, the Vite config or
// package-lock.json is newer than the built page (a build takes seconds, but
// other test runs may be serving the files it would replace).
import { readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const source = join(root, "web", "editor");
const page = join(root, "dist", "editor", "index.html");

function newest(path) {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(s.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

function stale() {
  let built;
  try {
    built = statSync(page).mtimeMs;
  } catch {
    return true;
  }
  return Math.max(newest(source), newest(join(root, "package-lock.json"))) > built;
}

if (process.argv.includes("--if-stale") && !stale()) process.exit(0);
const { build } = await import("vite");
await build({ configFile: join(source, "vite.config.mts"), mode: "production" });
