import type { Db } from "mongodb";
import { bumpCatalogueRevision } from "../src/catalog/snapshot";
import { SEARCH_PROJECTION } from "../src/search/tool-search";
import { benchCatalogue, fmt, gql, time, Timing } from "./harness";

/**
 * bench/reports: on a synthetic catalogue (10,000 listings, every country, the
 * full taxonomy), the full gap report and the duplication report over HTTP,
 * against reading the same projected documents straight from the database,
 * in one run. Prints p50/p95, the ratios (target ≤ 2) and the server's memory,
 * and the full gap report's warm time on a line of its own, to compare
 * across commits (the three-way cells may cost at most 1.3× the old report),
 * with the completeness report's (which runs the same gap computation) beside it.
 * A case the server refuses is reported and the others still run.
 */

const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const SLOW_RUNS = Number(process.env.BENCH_SLOW_RUNS ?? 4);
const LISTINGS = Number(process.env.BENCH_LISTINGS ?? 10_000);
const ORGS = Number(process.env.BENCH_ORGS ?? 1_000);

const CASES = [
  {
    name: "full gap report (all countries)",
    query: `{ gapReport(input: {}) { catalogueRevision coverage cells { toolCount organisationCount gap singlePointOfFailure toolSlugs }
      gaps { capability { slug } jurisdiction { code } } rowCoverage { coverage } columnCoverage { coverage } emptyCapabilities { slug } } }`,
  },
  {
    name: "gap report, three-way cells",
    // The new fields in place of some old ones: all of them at once exceed the query cost budget.
    query: `{ gapReport(input: {}) { catalogueRevision coverage possibleCoverage
      cells { toolCount unknownCount unavailableCount state toolSlugs }
      rowCoverage { coverage possibleCoverage } columnCoverage { coverage possibleCoverage } emptyCapabilities { slug } } }`,
  },
  {
    name: "completeness report",
    // Every country, the default gap report: the unknowns of 10,000 listings weighed against its cells.
    query: `{ completenessReport { catalogueRevision listingCount incompleteShare fields { field unknownCount }
      organisations { organisation { slug } affectedCellCount couldCoverCellCount }
      listings { listing { slug } unknownFields affectedCellCount } } }`,
  },
  {
    name: "duplication report",
    query: `{ duplicationReport { catalogueRevision crowding { capability { slug } toolCount organisationCount }
      clusters { tools { slug } sharedCapabilities { slug } similarity } likelyDuplicates { tools { slug } kind } } }`,
  },
];

/** The documents a report reads, projected as the report needs them, read directly through the driver. */
async function readProjected(db: Db): Promise<void> {
  await Promise.all([
    db
      .collection("tools")
      .find({ publicationState: "PUBLISHED", visibility: { $in: ["PUBLIC"] } }, { projection: SEARCH_PROJECTION })
      .toArray(),
    db
      .collection("organisations")
      .find({}, { projection: { slug: 1, name: 1, type: 1 } })
      .toArray(),
    db.collection("capabilities").find({ retired: false }).toArray(),
    db.collection("jurisdictions").find({}).toArray(),
  ]);
}

async function main(): Promise<void> {
  const bench = await benchCatalogue("reports", LISTINGS, ORGS);
  const { models, server, db } = bench;
  try {
    const sizes = await gql(
      server.url,
      `{ gapReport(input: {}) { rows { slug } columns { code } cells { toolCount } } }`,
    );
    const g = (sizes as { data: { gapReport: { rows: unknown[]; columns: unknown[]; cells: unknown[] } } }).data
      .gapReport;
    console.log(
      `gap matrix: ${g.rows.length} capabilities × ${g.columns.length} jurisdictions = ${g.cells.length} cells`,
    );
    console.log(`\nwarm: ${RUNS} runs, cold and read: ${SLOW_RUNS} runs per case, after warm-up; times in ms\n`);
    console.log(
      `${"case".padEnd(34)}${"api p50".padStart(9)}${"api p95".padStart(9)}${"cold p50".padStart(9)}${"read p50".padStart(9)}${"read p95".padStart(9)}${"ratio".padStart(7)}${"cold/read".padStart(10)}`,
    );
    const results: { api: Timing; cold: Timing; read: Timing }[] = [];
    const warm: string[] = [];
    const warmP50 = new Map<string, number>();
    for (const c of CASES) {
      const probe = await gql(server.url, c.query).catch((e: unknown) => e);
      if (probe instanceof Error) {
        console.log(`${c.name.padEnd(34)}failed: ${probe.message.slice(0, 200)}`);
        continue;
      }
      const api = await time(() => gql(server.url, c.query), RUNS, 2);
      const cold = await time(
        async () => {
          await bumpCatalogueRevision(models);
          await gql(server.url, c.query);
        },
        SLOW_RUNS,
        1,
      );
      const read = await time(() => readProjected(db), SLOW_RUNS, 1);
      results.push({ api, cold, read });
      console.log(
        `${c.name.padEnd(34)}${fmt(api.p50)} ${fmt(api.p95)} ${fmt(cold.p50)} ${fmt(read.p50)} ${fmt(read.p95)} ${(api.p50 / read.p50).toFixed(2).padStart(6)} ${(cold.p50 / read.p50).toFixed(2).padStart(9)}`,
      );
      warm.push(`${c.name}: warm p50 ${api.p50.toFixed(1)} ms, p95 ${api.p95.toFixed(1)} ms`);
      warmP50.set(c.name, api.p50);
    }
    console.log(`\n${warm.join("\n")}`);
    const gapP50 = warmP50.get("gap report, three-way cells");
    const completenessP50 = warmP50.get("completeness report");
    if (gapP50 !== undefined && completenessP50 !== undefined) {
      console.log(
        `completeness report beside the gap report (warm p50): ${completenessP50.toFixed(1)} ms vs ${gapP50.toFixed(1)} ms (${(completenessP50 / gapP50).toFixed(2)}×)`,
      );
    }
    console.log(
      `\nworst ratios (report / read): warm ${Math.max(...results.map((r) => r.api.p50 / r.read.p50)).toFixed(2)}, cold ${Math.max(...results.map((r) => r.cold.p50 / r.read.p50)).toFixed(2)} (target <= 2)`,
    );
    console.log(
      `server resident memory: ${server.rssMiB().toFixed(0)} MiB at the end, peak ${server.peakRssMiB().toFixed(0)} MiB`,
    );
  } finally {
    await bench.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
