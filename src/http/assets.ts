import express, { RequestHandler } from "express";
import Negotiator from "negotiator";
import { stat } from "node:fs/promises";
import { extname, join, normalize, sep } from "node:path";
import { ErrorCode } from "../common/errors";
import { sendError } from "./respond";

/**
 * The encodings `npm run build` writes beside each asset worth compressing
 * (tools/build-web.mjs), best first: Brotli (`x.js.br`), then gzip
 * (`x.js.gz`).
 */
export const PRECOMPRESSED = [
  { encoding: "br", suffix: ".br" },
  { encoding: "gzip", suffix: ".gz" },
] as const;

const OFFERED = [...PRECOMPRESSED.map((p) => p.encoding), "identity"];

/**
 * A browser app's built files (the console's, the editor's). Their names carry
 * a hash of their content, so they are cached for a year without
 * revalidation; a name not found is a 404 in the API's error shape, and goes
 * no further.
 *
 * A file is sent compressed when the build wrote a compressed copy beside it
 * and the request's Accept-Encoding takes that encoding: negotiated by
 * `negotiator` (express's own), q-values first, then the server's order,
 * Brotli before gzip (browsers list gzip first; Brotli is smaller), and a
 * request preferring identity gets the file as it is. Nothing is compressed while serving: the copies are made
 * once, at build time, at the highest levels. Whether a copy exists is
 * looked up for each request, so a rebuild while the server runs is served
 * compressed at once. Every answer varies by Accept-Encoding, for caches.
 */
export function hashedAssets(dir: string): RequestHandler[] {
  const root = normalize(dir + sep);
  const precompressed: RequestHandler = async (req, res, next) => {
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    res.vary("Accept-Encoding");
    let file: string;
    try {
      file = normalize(join(root, decodeURIComponent(req.path)));
    } catch {
      return next(); // a malformed escape: express.static answers it
    }
    if (!file.startsWith(root) || file === root) return next();
    const accepted = new Negotiator(req).encodings(OFFERED, { preferred: OFFERED })[0];
    const choice = PRECOMPRESSED.find((p) => p.encoding === accepted);
    if (!choice) return next();
    try {
      if (!(await stat(file + choice.suffix)).isFile()) return next();
    } catch {
      return next();
    }
    // The type is the original file's; express.static keeps a Content-Type already set.
    res.type(extname(file));
    res.setHeader("Content-Encoding", choice.encoding);
    req.url = req.url.replace(/^([^?]*)/, `$1${choice.suffix}`);
    next();
  };
  return [
    precompressed,
    express.static(dir, { immutable: true, maxAge: "365d", index: false, redirect: false, dotfiles: "ignore" }),
    (_req, res) => sendError(res, 404, ErrorCode.NOT_FOUND, "no such path"),
  ];
}
