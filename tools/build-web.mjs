#!/usr/bin/env node
// Builds the browser apps the server serves, each with Vite: the console
// (web/console, into dist/console, served at /) and the query editor
// (web/editor, into dist/editor, served at GET /graphql). Part of `npm run
// build`; jest's and Playwright's global set-ups run it with `--if-stale`,
// so that tests, which run the server from src/, serve the apps as they are
// now. `--if-stale` builds an app only when one of its files, schema.graphql
// or package-lock.json is newer than its built page (a build takes seconds,
// but other test runs may be serving the files it would replace). Names
// given (`console`, `editor`) build only those.
import { readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const APPS = ["console", "editor"];

function newest(path) {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(s.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

function stale(app) {
  let built;
  try {
    built = statSync(join(root, "dist", app, "index.html")).mtimeMs;
  } catch {
    return true;
  }
  const inputs = [join(root, "web", app), join(root, "package-lock.json"), join(root, "schema.graphql")];
  return Math.max(...inputs.map(newest)) > built;
}

const named = process.argv.slice(2).filter((a) => !a.startsWith("--"));
const unknown = named.filter((a) => !APPS.includes(a));
if (unknown.length) {
  console.error(`unknown app ${unknown.join(", ")}: expected ${APPS.join(" or ")}`);
  process.exit(2);
}
const wanted = (named.length ? named : APPS).filter((app) => !process.argv.includes("--if-stale") || stale(app));
if (wanted.length) {
  const { build } = await import("vite");
  for (const app of wanted) {
    await build({ configFile: join(root, "web", app, "vite.config.mts"), mode: "production" });
  }
}
