import { NextFunction, Request, Response, Router } from "express";
import { GraphQLError } from "graphql";
import { ErrorCode } from "../common/errors";
import type { Context } from "../context";
import { sendError } from "../http/respond";
import { ToolService } from "../catalog/tools/tool.service";
import { keyOf } from "../node/global-id";
import { send } from "../reports/report.http";
import { shortlistCsv, shortlistJson } from "./shortlist.export";
import { ShortlistService } from "./shortlist.service";

/**
 * GET /shortlists/:id.csv and .json: a shortlist of the caller's own or
 * shared with them, as `shortlist(id)` shows it to them (the listings as
 * locked, on a locked shortlist). Any other id is 404, whether or not it
 * exists; without a signed-in caller, 401.
 */
export function shortlistRoutes(contextFor: (res: Response) => Context): Router {
  const router = Router();
  router.get("/:file", async (req: Request, res: Response, next: NextFunction) => {
    try {
      const file = /^(.{1,200})\.(csv|json)$/.exec(String(req.params.file));
      if (!file) return sendError(res, 404, ErrorCode.NOT_FOUND, "no such path: ask for /shortlists/<id>.csv or .json");
      const ctx = contextFor(res);
      if (ctx.viewer.kind !== "user") {
        return sendError(res, 401, ErrorCode.UNAUTHENTICATED, "sign in to export a shortlist");
      }
      const [, id, format] = file;
      const shortlists = new ShortlistService(ctx);
      const s = await shortlists.readable(keyOf("Shortlist", id, "id"));
      if (!s) return sendError(res, 404, ErrorCode.NOT_FOUND, "you have no shortlist with this id");
      const [items, look] = await Promise.all([shortlists.items(s), new ToolService(ctx).compareLookups()]);
      const name = `shortlist-${s._id.toHexString()}${s.lockedAt ? "-locked" : ""}`;
      if (format === "csv") send(res, "text/csv", `${name}.csv`, shortlistCsv(items, look));
      else send(res, "application/json", `${name}.json`, JSON.stringify(shortlistJson(s, items, look), null, 2));
    } catch (e) {
      // A malformed id is answered here; the app's error handler answers the rest (503, 500).
      if (e instanceof GraphQLError && e.extensions.code === ErrorCode.BAD_USER_INPUT) {
        sendError(res, 400, ErrorCode.BAD_USER_INPUT, e.message, e.extensions);
      } else next(e);
    }
  });
  return router;
}
