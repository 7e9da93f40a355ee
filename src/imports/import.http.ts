import express, { NextFunction, Request, Response, Router } from "express";
import { ErrorCode } from "../common/errors";
import type { Context } from "../context";
import { sendError } from "../http/respond";
import { IMPORT_LIMITS, ImportFileError, ImportFormat } from "./import.format";
import { importReportCsv } from "./import.report";
import { IMPORT_WRITE_BUDGET_MS, ImportService, MAY_NOT_IMPORT } from "./import.service";

const PARAMS = new Set(["dryRun", "report"]);

/** Reads the body as bytes, up to the import limit; any Content-Encoding is undone first and the limit applies after. */
const readBody = express.raw({ type: () => true, limit: IMPORT_LIMITS.bytes });

function bodyOf(req: Request, res: Response): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    readBody(req, res, (err?: unknown) => {
      if (!err) return resolve(Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0));
      if ((err as { type?: string }).type === "entity.too.large") {
        sendError(
          res,
          413,
          ErrorCode.BAD_USER_INPUT,
          `the file is over the import limit of ${IMPORT_LIMITS.bytes} bytes (2 MiB); split it into several files`,
          { argument: "file", limit: "bytes", max: IMPORT_LIMITS.bytes },
        );
        return resolve(null);
      }
      reject(err);
    });
  });
}

function one(raw: unknown, name: string, allowed: string[]): string | Error {
  if (typeof raw !== "string" || !allowed.includes(raw)) return new Error(`${name}: must be ${allowed.join(" or ")}`);
  return raw;
}

/**
 * POST /imports?dryRun=true|false[&report=csv]: a CSV (`Content-Type:
 * text/csv`) or JSON (`application/json`, an array of listings in the seed's
 * format) file as the raw request body. Answers the import report, as JSON
 * unless `report=csv`. Reviewers and admins only; the role is checked, and
 * a refusal audited, before the body is read.
 */
export function importRoutes(contextFor: (res: Response) => Context): Router {
  const router = Router();
  router.post("/", async (req: Request, res: Response, next: NextFunction) => {
    try {
      const ctx = contextFor(res);
      const imports = new ImportService(ctx);
      if (!(await imports.allowed())) {
        return ctx.viewer.kind === "anonymous"
          ? sendError(res, 401, ErrorCode.UNAUTHENTICATED, "sign in as a reviewer or admin to import listings")
          : sendError(res, 403, ErrorCode.FORBIDDEN, MAY_NOT_IMPORT);
      }
      const unknown = Object.keys(req.query).find((k) => !PARAMS.has(k));
      if (unknown !== undefined) {
        return sendError(
          res,
          400,
          ErrorCode.BAD_USER_INPUT,
          `${unknown.slice(0, 50)}: unknown parameter; expected dryRun, report`,
          {
            argument: unknown.slice(0, 50),
          },
        );
      }
      const dryRun = one(req.query.dryRun, "dryRun", ["true", "false"]);
      const report = req.query.report === undefined ? "json" : one(req.query.report, "report", ["json", "csv"]);
      for (const [bad, argument] of [
        [dryRun, "dryRun"],
        [report, "report"],
      ] as const) {
        if (bad instanceof Error) return sendError(res, 400, ErrorCode.BAD_USER_INPUT, bad.message, { argument });
      }
      const format: ImportFormat | false = req.is("text/csv") ? "csv" : req.is("application/json") ? "json" : false;
      if (!format) {
        return sendError(
          res,
          415,
          ErrorCode.BAD_USER_INPUT,
          "send the file as the request body with Content-Type text/csv or application/json",
          { argument: "Content-Type" },
        );
      }
      const body = await bodyOf(req, res);
      if (!body) return;
      const result = await imports.run(body, format, dryRun === "true", { writeBudgetMs: IMPORT_WRITE_BUDGET_MS });
      if (res.headersSent) return;
      res.setHeader("Cache-Control", "no-store");
      if (report === "csv") res.type("text/csv; charset=utf-8").send(importReportCsv(result));
      else res.type("application/json; charset=utf-8").send(JSON.stringify(result, null, 2));
    } catch (e) {
      if (e instanceof ImportFileError) {
        sendError(res, 400, ErrorCode.BAD_USER_INPUT, e.message, {
          argument: "file",
          ...(e.limit ? { limit: e.limit } : {}),
          ...e.details,
        });
      } else next(e);
    }
  });
  return router;
}
