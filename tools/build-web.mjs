#!/usr/bin/env node
// Builds the browser apps the server serves, each with Vite: the console
// (web/console, into dist/console, served at /) and the query editor
// (web/editor, into dist/editor, served at GET /graphql). Part of `npm run
// build`; jest's and Playwright's global set-ups run it with `--if-stale`,
// so that tests, which run the server from src/, serve the apps as they are
// now. `--if-stale` builds an app only when one of its files, schema.graphql,
// package-lock.json or this script is newer than its built page (a build takes seconds,
// but other test runs may be serving the files it would replace). Names
// given (`console`, `editor`) build only those.
//
// Each app's assets that compress well get a Brotli (`.br`) and a gzip
// (`.gz`) copy beside them, made here once at the highest levels, so the
// server sends them compressed without compressing anything per request
// (src/http/assets.ts).
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const APPS = ["console", "editor"];

/** Text assets; images and fonts are compressed already. */
const COMPRESSIBLE = new Set([".js", ".mjs", ".css", ".svg", ".json", ".html", ".txt", ".map"]);
/** Below this, the headers outweigh the saving. */
const MIN_BYTES = 1024;

/** Writes `x.br` and `x.gz` beside each compressible asset of `dir`, when smaller than it; returns the bytes before and after Brotli. */
function precompress(dir) {
  const total = { plain: 0, br: 0 };
  for (const name of readdirSync(dir)) {
    const file = join(dir, name);
    if (statSync(file).isDirectory()) {
      const sub = precompress(file);
      total.plain += sub.plain;
      total.br += sub.br;
      continue;
    }
    if (!COMPRESSIBLE.has(extname(name))) continue;
    const body = readFileSync(file);
    if (body.length < MIN_BYTES) continue;
    const br = brotliCompressSync(body, {
      params: {
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      },
    });
    const gz = gzipSync(body, { level: 9 });
    if (br.length < body.length) writeFileSync(`${file}.br`, br);
    if (gz.length < body.length) writeFileSync(`${file}.gz`, gz);
    total.plain += body.length;
    total.br += Math.min(br.length, body.length);
  }
  return total;
}

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
  const inputs = [
    join(root, "web", app),
    join(root, "package-lock.json"),
    join(root, "schema.graphql"),
    fileURLToPath(import.meta.url),
  ];
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
    const { plain, br } = precompress(join(root, "dist", app, "assets"));
    console.log(`${app}: assets ${(plain / 1024).toFixed(1)} kB, ${(br / 1024).toFixed(1)} kB with Brotli`);
  }
}
