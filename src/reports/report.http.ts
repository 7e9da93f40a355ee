import { validate } from "class-validator";
import { NextFunction, Router, Request, Response } from "express";
import { GraphQLError } from "graphql";
import { BadUserInputError, ErrorCode } from "../common/errors";
import type { Context } from "../context";
import { sendError } from "../http/respond";
import {
  completenessReportCsv,
  completenessReportJson,
  duplicationReportCsv,
  duplicationReportJson,
  gapReportCsv,
  gapReportJson,
} from "./report.export";
import { CompletenessReportInput, DuplicationReportInput, GapReportInput } from "./report.input";
import { ReportService } from "./report.service";
import { gapReportSvg } from "./report.svg";
import { CrosswalkService } from "../crosswalk/crosswalk.service";
import { crosswalkCsv, crosswalkSvg } from "../crosswalk/crosswalk.export";

const LIST = [
  "jurisdictions",
  "capabilities",
  "eligibleFor",
  "licenseModels",
  "mediaTypes",
  "languages",
  "kinds",
  "deployment",
  "standards",
  "organisations",
  "organisationTypes",
  "status",
] as const;
// minTools: the deprecated name of minListings, still accepted.
const GAP_PARAMS = new Set<string>([...LIST, "depth", "minListings", "minTools"]);
const DUPLICATION_PARAMS = new Set<string>([...LIST, "threshold", "minClusterSize"]);
/** The completeness scope, and (prefixed `gap.`) the gap report it is weighed against, when that is another. */
const GAP_PREFIX = "gap.";
const COMPLETENESS_PARAMS = new Set<string>([...LIST, ...[...GAP_PARAMS].map((p) => `${GAP_PREFIX}${p}`)]);

/** Query-string values as strings: a key may repeat, and a list value may also be comma-separated. */
function values(raw: unknown, name: string): string[] {
  const parts = (Array.isArray(raw) ? raw : [raw]).map((v) => {
    if (typeof v !== "string") throw new BadUserInputError(name, "must be a plain value");
    return v;
  });
  return parts
    .flatMap((p) => p.split(","))
    .map((v) => v.trim())
    .filter(Boolean);
}

function number(raw: unknown, name: string, integer: boolean): number {
  const [v, ...rest] = values(raw, name);
  const n = Number(v);
  if (rest.length || v === undefined || !Number.isFinite(n) || (integer && !Number.isInteger(n))) {
    throw new BadUserInputError(name, `must be ${integer ? "a whole number" : "a number"}`);
  }
  return n;
}

/**
 * Builds a report input from the query string and validates it with the same
 * rules as the GraphQL input; an unknown parameter or a bad value is
 * BAD_USER_INPUT naming it.
 */
async function parseInput<T extends object>(query: Request["query"], allowed: Set<string>, target: T): Promise<T> {
  const fields: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(query)) {
    if (!allowed.has(key))
      throw new BadUserInputError(key, `unknown parameter; expected one of ${[...allowed].join(", ")}`);
    if ((LIST as readonly string[]).includes(key)) fields[key] = values(raw, key);
    else if (key === "depth") fields[key] = values(raw, key)[0];
    else fields[key] = number(raw, key, key !== "threshold");
  }
  const input = Object.assign(target, fields);
  const errors = await validate(input, { forbidUnknownValues: false });
  if (errors.length) {
    const e = errors[0];
    throw new BadUserInputError(e.property, Object.values(e.constraints ?? {})[0] ?? "is not valid");
  }
  return input;
}

/** Answers a download: the body as an attachment, never cached. */
export function send(res: Response, type: string, filename: string, body: string) {
  if (res.headersSent) return;
  res.setHeader("Content-Type", `${type}; charset=utf-8`);
  res.setHeader("Content-Disposition", `attachment; filename="${filename}"`);
  res.setHeader("Cache-Control", "no-store");
  res.send(body);
}

/**
 * GET exports of the reports, taking the report inputs as query parameters:
 * /reports/gaps.{csv,json,svg}, /reports/duplication.{csv,json} and
 * /reports/completeness.{csv,json}. They run
 * through the same service, visibility rule and validation as GraphQL.
 */
export function reportRoutes(contextFor: (res: Response) => Context): Router {
  const router = Router();
  const handle =
    (work: (req: Request, res: Response, service: ReportService) => Promise<void>) =>
    async (req: Request, res: Response, next: NextFunction) => {
      try {
        await work(req, res, new ReportService(contextFor(res), ""));
      } catch (e) {
        // Input errors are answered here; the app's error handler answers the rest (503, 500).
        if (e instanceof GraphQLError && e.extensions.code === ErrorCode.BAD_USER_INPUT) {
          sendError(res, 400, ErrorCode.BAD_USER_INPUT, e.message, e.extensions);
        } else next(e);
      }
    };

  const gap = (req: Request) => parseInput(req.query, GAP_PARAMS, new GapReportInput());
  const completeness = async (req: Request) => {
    const own: Request["query"] = {};
    const ofGap: Request["query"] = {};
    for (const [key, raw] of Object.entries(req.query)) {
      if (!COMPLETENESS_PARAMS.has(key)) {
        throw new BadUserInputError(key, `unknown parameter; expected one of ${[...COMPLETENESS_PARAMS].join(", ")}`);
      }
      if (key.startsWith(GAP_PREFIX)) ofGap[key.slice(GAP_PREFIX.length)] = raw;
      else own[key] = raw;
    }
    const input = await parseInput(own, new Set(LIST), new CompletenessReportInput());
    if (Object.keys(ofGap).length) {
      input.gapReport = await parseInput(ofGap, GAP_PARAMS, new GapReportInput()).catch((e: unknown) => {
        throw e instanceof GraphQLError && typeof e.extensions.argument === "string"
          ? new BadUserInputError(`${GAP_PREFIX}${e.extensions.argument}`, e.message.replace(/^[^:]*: /, ""))
          : e;
      });
    }
    return input;
  };
  const duplication = (req: Request) => parseInput(req.query, DUPLICATION_PARAMS, new DuplicationReportInput());

  /** A report's JSON and CSV exports, at /<name>.json and /<name>.csv. */
  const both = <R extends { catalogueRevision: string }>(
    name: string,
    file: string,
    compute: (req: Request, svc: ReportService) => Promise<R>,
    json: (r: R) => unknown,
    csv: (r: R) => string,
  ) => {
    router.get(
      `/${name}.json`,
      handle(async (req, res, svc) => {
        const r = await compute(req, svc);
        send(res, "application/json", `${file}-r${r.catalogueRevision}.json`, JSON.stringify(json(r), null, 2));
      }),
    );
    router.get(
      `/${name}.csv`,
      handle(async (req, res, svc) => {
        const r = await compute(req, svc);
        send(res, "text/csv", `${file}-r${r.catalogueRevision}.csv`, csv(r));
      }),
    );
  };

  both("gaps", "gap-report", async (req, svc) => svc.gap(await gap(req)), gapReportJson, gapReportCsv);
  router.get(
    "/gaps.svg",
    handle(async (req, res, svc) => {
      const r = await svc.gap(await gap(req));
      const svg = gapReportSvg(r, await svc.heatmapLookups());
      if (res.headersSent) return;
      res.setHeader("Content-Type", "image/svg+xml; charset=utf-8");
      res.setHeader("Content-Disposition", `inline; filename="gap-report-r${r.catalogueRevision}.svg"`);
      res.setHeader("Cache-Control", "no-store");
      res.send(svg);
    }),
  );
  both(
    "duplication",
    "duplication-report",
    async (req, svc) => svc.duplication(await duplication(req)),
    duplicationReportJson,
    duplicationReportCsv,
  );
  both(
    "completeness",
    "completeness-report",
    async (req, svc) => svc.completeness(await completeness(req)),
    completenessReportJson,
    completenessReportCsv,
  );

  /** The crosswalk of `schemes=a,b` (repeatable or comma-separated); no other parameter. */
  const crosswalk = (req: Request, res: Response) => {
    for (const key of Object.keys(req.query))
      if (key !== "schemes") throw new BadUserInputError(key, "unknown parameter; expected schemes");
    return new CrosswalkService(contextFor(res)).crosswalk(values(req.query.schemes ?? [], "schemes"));
  };
  router.get(
    "/crosswalk.csv",
    handle(async (req, res) => {
      const c = await crosswalk(req, res);
      send(res, "text/csv", `crosswalk-${c.schemes.map((s) => s.slug).join("--")}.csv`, crosswalkCsv(c));
    }),
  );
  router.get(
    "/crosswalk.svg",
    handle(async (req, res) => {
      const svg = crosswalkSvg(await crosswalk(req, res));
      if (res.headersSent) return;
      res.setHeader("Content-Type", "image/svg+xml; charset=utf-8");
      res.setHeader("Content-Disposition", `inline; filename="crosswalk.svg"`);
      res.setHeader("Cache-Control", "no-store");
      res.send(svg);
    }),
  );
  return router;
}
