import type { ApolloServerPlugin } from "@apollo/server";
import type { RequestHandler } from "express";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { projectRoot } from "../common/paths";
import type { Logger } from "../logger";
import { hashedAssets } from "./assets";

/** Where `npm run build` puts the query editor (web/editor, built by Vite). */
export const EDITOR_DIR = join(projectRoot(), "dist", "editor");

/** The URL path of the editor's assets; the same as `base` in web/editor/vite.config.mts, plus its assetsDir. */
export const EDITOR_ASSETS_PATH = "/graphql/editor/assets";

/** Said instead of the editor when it has not been built, under the API's strict policy: no script, no style. */
const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Technical Inventory — GraphQL</title></head>
<body><p>The query editor has not been built: run <code>npm run build</code>.
The API answers GraphQL over HTTP at this address.</p></body></html>
`;

/**
 * Serves the editor as Apollo's landing page, so GET /graphql answers it
 * exactly when Apollo would have answered its own: a GET whose Accept header
 * prefers text/html. Every other request to /graphql is GraphQL as before.
 *
 * The page is read from disk for each such request (it is small, and asked
 * for once per visit): a rebuild while the server runs replaces the assets
 * it names, and the page read afterwards names the new ones. Not built, the
 * page says so, and the start-up log says it once.
 */
export function editorLandingPage(log: Logger): ApolloServerPlugin {
  const page = join(EDITOR_DIR, "index.html");
  return {
    async serverWillStart() {
      if (!existsSync(page)) {
        log.warn("the query editor is not built (npm run build); GET /graphql from a browser says so");
      }
      return {
        async renderLandingPage() {
          return { html: () => readFile(page, "utf8").catch(() => NOT_BUILT) };
        },
      };
    },
  };
}

/** The editor's scripts and styles (content-hashed names, cached for a year), never reaching the GraphQL handler. */
export function editorAssets(): RequestHandler[] {
  return hashedAssets(join(EDITOR_DIR, "assets"));
}
