import { RequestHandler, Router } from "express";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { projectRoot } from "../common/paths";
import type { Logger } from "../logger";
import { hashedAssets } from "./assets";
import { CONSOLE_PAGE_POLICY } from "./security-headers";

/** Where `npm run build` puts the console (web/console, built by Vite). */
export const CONSOLE_DIR = join(projectRoot(), "dist", "console");

/**
 * The console's pages: each answers the same document, and the console
 * routes in the browser (web/console/src/app.tsx). Paths the API uses
 * (/graphql, /reports, /shortlists, /imports, /auth, health, metrics) are
 * never among them.
 */
export const CONSOLE_PAGES = [
  "/",
  "/listings/:slug",
  "/sign-in",
  "/compare",
  "/workspace/saved-searches",
  "/workspace/shortlists",
  "/workspace/shortlists/:id",
  "/vendor",
  // Not under /vendor/listings/: a listing may be called "new".
  "/vendor/new",
  "/vendor/listings/:slug",
  "/review",
  "/review/:slug/:revision",
  // The working group's reports.
  "/gaps",
  "/gaps/single-points",
  "/gaps/saved",
  "/gaps/saved/compare",
  "/gaps/saved/:id",
  "/duplication",
  "/stale",
];

/** Said instead of the console when it has not been built, under the same policy: no script, no style. */
const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Technical Inventory</title></head>
<body><main><h1>Technical Inventory</h1><p>The console has not been built: run <code>npm run build</code>.
The API answers GraphQL over HTTP at <a href="/graphql">/graphql</a>.</p></main></body></html>
`;

/**
 * The console: its page at each of CONSOLE_PAGES, under its own strict
 * Content-Security-Policy and never cached (it names the current assets);
 * its assets, whose names carry a hash of their content, cached for a year;
 * its icon. Needs neither the database nor a caller: the page asks the API
 * itself. The page is read from disk for each visit, so a rebuild while the
 * server runs is served at once.
 */
export function consoleRoutes(log: Logger): Router {
  const page = join(CONSOLE_DIR, "index.html");
  if (!existsSync(page)) log.warn("the console is not built (npm run build); / says so");
  const router = Router();
  const sendPage: RequestHandler = async (_req, res, next) => {
    try {
      const html = await readFile(page, "utf8").catch(() => NOT_BUILT);
      res.setHeader("Content-Security-Policy", CONSOLE_PAGE_POLICY);
      res.setHeader("Cache-Control", "no-cache");
      res.type("html").send(html);
    } catch (e) {
      next(e);
    }
  };
  router.get(CONSOLE_PAGES, sendPage);
  router.use("/assets", ...hashedAssets(join(CONSOLE_DIR, "assets")));
  router.get("/favicon.svg", (_req, res, next) => {
    res.sendFile(join(CONSOLE_DIR, "favicon.svg"), { maxAge: "1d" }, (err) => {
      if (err) next();
    });
  });
  return router;
}
