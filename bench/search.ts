import { Db, ObjectId, Document as MongoDoc } from "mongodb";
import { foldText, escapeRegExp } from "../src/common/text";
import { SEARCH_PROJECTION } from "../src/search/tool-search";
import { bumpCatalogueRevision, CatalogueSnapshots } from "../src/catalog/snapshot";
import { ANONYMOUS } from "../src/context";
import { listingIndexFor } from "../src/search/indexes";
import { benchCatalogue, fmt, gql, percentile, ServerProcess, time, Timing } from "./harness";

/**
 * bench/search: GraphQL search over HTTP against the database reads the same
 * search needs, done directly through the driver, in one run, on a synthetic
 * catalogue of 10,000 listings and 1,000 organisations. Prints p50/p95 of
 * both and their ratio, warm (catalogue snapshot current) and cold (the
 * catalogue revision moved just before the request, so the API reloads it).
 */

const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const SLOW_RUNS = Number(process.env.BENCH_SLOW_RUNS ?? 5);
const LISTINGS = Number(process.env.BENCH_LISTINGS ?? 10_000);
const ORGS = Number(process.env.BENCH_ORGS ?? 1_000);

const FACETS = `facets { capabilities { value count } mediaTypes { value count } licenseModels { value count }
  eligibility { value count } deployment { value count } kinds { value count } organisationTypes { value count }
  jurisdictions { value count } }`;

interface Case {
  name: string;
  query: string;
  variables: Record<string, unknown>;
  search?: string;
  nested: boolean;
}

const CASES: Case[] = [
  {
    name: "text + filters + facets",
    query: `query($s: String, $f: ListingFilter) { tools(search: $s, filter: $f, first: 20) { totalCount edges { node { slug name } } ${FACETS} } }`,
    variables: { s: "hash", f: { capabilities: ["detection"], jurisdictions: ["EU"] } },
    search: "hash",
    nested: false,
  },
  {
    name: "eligibility + licence + group + facets",
    query: `query($f: ListingFilter) { tools(filter: $f, first: 20) { totalCount edges { node { slug name } } ${FACETS} } }`,
    variables: {
      f: {
        eligibleFor: ["LAW_ENFORCEMENT"],
        licenseModels: ["FREE", "FREE_FOR_ELIGIBLE"],
        jurisdictions: ["FIVE_EYES"],
      },
    },
    nested: false,
  },
  {
    name: "page of 20 with nested fields",
    query: `{ tools(first: 20) { totalCount edges { node { slug name organisation { name type }
      capabilities { slug name } offers { model eligibility } availability { jurisdiction { code name } status }
      sources { document { title } locator } } } } }`,
    variables: {},
    nested: true,
  },
];

/**
 * What answering the search costs at the database alone: reading the fields
 * the filters, facets and ordering need for every visible listing (with the
 * text condition pushed down), the organisations, the taxonomy and
 * jurisdictions, and the page's full documents. No filtering, facet counting
 * or GraphQL work.
 */
async function driverWork(db: Db, c: Case): Promise<void> {
  const filter: MongoDoc = { publicationState: "PUBLISHED", visibility: { $in: ["PUBLIC"] } };
  if (c.search) filter.searchText = new RegExp(escapeRegExp(foldText(c.search)));
  const [docs] = await Promise.all([
    db.collection("tools").find(filter, { projection: SEARCH_PROJECTION }).toArray(),
    db.collection("capabilities").find({ retired: false }).toArray(),
    db.collection("jurisdictions").find({}).toArray(),
  ]);
  const orgIds = [...new Set(docs.map((d) => String(d.organisation)))].map((id) => new ObjectId(id));
  await db
    .collection("organisations")
    .find({ _id: { $in: orgIds } })
    .toArray();
  const page = await db
    .collection("tools")
    .find({ _id: { $in: docs.slice(0, 20).map((d) => d._id) } })
    .toArray();
  if (c.nested) {
    const docIds = [
      ...new Set(page.flatMap((t) => (t.sources as { document: ObjectId }[]).map((s) => String(s.document)))),
    ];
    await db
      .collection("documents")
      .find({ _id: { $in: docIds.map((id) => new ObjectId(id)) } })
      .toArray();
  }
}

/**
 * Ranked search, the same searches on the API before ranked search when
 * BENCH_BASELINE_DIR names a built checkout of it (its literal substring
 * search), and the trivial query, all in one run. What the time goes on is
 * shown by the same search with facets and with a page of 1.
 */
const RANKED: { name: string; search: string | null; facets?: boolean; first?: number }[] = [
  { name: "trivial { __typename }", search: null },
  { name: "one word: hash", search: "hash" },
  { name: "one word, page of 1", search: "hash", first: 1 },
  { name: "one word + all facets", search: "hash", facets: true },
  { name: "rare word: listing-1234's name", search: "1234" },
  { name: "two words: hash video", search: "hash video" },
  { name: "three words: victim crawler lab", search: "victim crawler lab" },
  { name: "last word as prefix: foren", search: "foren" },
  { name: "typos: victm crawlr", search: "victm crawlr" },
];

function rankedQuery(c: (typeof RANKED)[number]): { query: string; variables: Record<string, unknown> } {
  if (c.search === null) return { query: "{ __typename }", variables: {} };
  return {
    query: `query($s: String, $first: Int) { tools(search: $s, first: $first) { totalCount edges { node { slug name } } ${c.facets ? FACETS : ""} } }`,
    variables: { s: c.search, first: c.first ?? 20 },
  };
}

async function rankedSection(bench: Awaited<ReturnType<typeof benchCatalogue>>): Promise<void> {
  const baselineDir = process.env.BENCH_BASELINE_DIR;
  // The same API keeping no search results (SEARCH_RESULTS_KEPT=0): what a search costs the first time it is asked.
  const unkept = await bench.startAnother(undefined, { SEARCH_RESULTS_KEPT: "0" });
  const baseline: ServerProcess | null = baselineDir ? await bench.startAnother(baselineDir) : null;
  const servers: [string, ServerProcess][] = [
    ["ranked", bench.server],
    ["first time", unkept],
    ...(baseline ? [["literal", baseline] as [string, ServerProcess]] : []),
  ];
  // Resident memory before any search (the snapshot loaded by the trivial query), after the first search (the
  // index built), and after one of each search: to tell the index's share of the peak from the searches'.
  const memory = new Map<string, number[]>();
  for (const [name, server] of servers) {
    await gql(server.url, "{ __typename tools(first: 1) { totalCount } }", {});
    const before = server.rssMiB();
    await gql(server.url, rankedQuery(RANKED[1]).query, rankedQuery(RANKED[1]).variables);
    const indexed = server.rssMiB();
    for (const c of RANKED) {
      const { query, variables } = rankedQuery(c);
      await gql(server.url, query, variables);
    }
    memory.set(name, [before, indexed, server.rssMiB(), server.peakRssMiB()]);
  }
  console.log(`
ranked search (results kept, as served), the same API keeping none ("first time": every search worked out)${baseline ? `, and the literal search of ${baselineDir}` : ""}: ${RUNS} warm runs each, requests alternating between the servers, times in ms
`);
  console.log(
    `${"case".padEnd(36)}${"hits".padStart(7)}${"p50".padStart(9)}${"p95".padStart(9)}${"1st p50".padStart(9)}${"1st p95".padStart(9)}${baseline ? `${"lit p50".padStart(9)}${"lit p95".padStart(9)}${"vs lit".padStart(8)}${"1st/lit".padStart(8)}` : ""}${"vs trivial".padStart(11)}${"1st/triv".padStart(9)}`,
  );
  let trivial = NaN;
  let trivialFirst = NaN;
  const worst = { trivial: 0, first: 0, literal: 0, firstLiteral: 0 };
  for (const c of RANKED) {
    const { query, variables } = rankedQuery(c);
    const hits =
      c.search === null
        ? 0
        : ((await gql(bench.server.url, query, variables)) as { data: { tools: { totalCount: number } } }).data.tools
            .totalCount;
    // Alternate the servers run by run, so drift in the machine's load falls on all of them.
    const times = new Map<string, number[]>(servers.map(([name]) => [name, []]));
    for (let i = 0; i < RUNS; i++) {
      for (const [name, server] of servers) {
        const t0 = performance.now();
        await gql(server.url, query, variables);
        times.get(name)?.push(performance.now() - t0);
      }
    }
    const r = summarise(times.get("ranked") ?? []);
    const u = summarise(times.get("first time") ?? []);
    const l = baseline ? summarise(times.get("literal") ?? []) : null;
    if (c.search === null) {
      trivial = r.p50;
      trivialFirst = u.p50;
    } else {
      worst.trivial = Math.max(worst.trivial, r.p50 / trivial);
      worst.first = Math.max(worst.first, u.p50 / trivialFirst);
      if (l) {
        worst.literal = Math.max(worst.literal, r.p50 / l.p50);
        worst.firstLiteral = Math.max(worst.firstLiteral, u.p50 / l.p50);
      }
    }
    console.log(
      `${c.name.padEnd(36)}${String(hits).padStart(7)}${fmt(r.p50)} ${fmt(r.p95)}${fmt(u.p50)} ${fmt(u.p95)}${l ? `${fmt(l.p50)} ${fmt(l.p95)} ${(r.p50 / l.p50).toFixed(2).padStart(7)} ${(u.p50 / l.p50).toFixed(2).padStart(7)}` : ""}${(r.p50 / trivial).toFixed(2).padStart(11)}${(u.p50 / trivialFirst).toFixed(2).padStart(9)}`,
    );
  }
  console.log(`
worst ranked p50 / trivial p50: ${worst.trivial.toFixed(2)} as served, ${worst.first.toFixed(2)} the first time (target <= 5)`);
  if (baseline) {
    console.log(
      `worst ranked p50 / literal p50: ${worst.literal.toFixed(2)} as served, ${worst.firstLiteral.toFixed(2)} the first time (target <= 1)`,
    );
  }

  // The index is built beside the snapshot; its build against the snapshot's own cold load, in this process.
  const loads: number[] = [];
  const builds: number[] = [];
  for (let i = 0; i < SLOW_RUNS; i++) {
    await bumpCatalogueRevision(bench.models);
    const t0 = performance.now();
    const snapshot = await new CatalogueSnapshots(bench.models).current();
    const t1 = performance.now();
    listingIndexFor(snapshot, ANONYMOUS);
    loads.push(t1 - t0);
    builds.push(performance.now() - t1);
  }
  const load = summarise(loads).p50;
  const build = summarise(builds).p50;
  console.log(
    `cold snapshot load p50 ${load.toFixed(1)} ms; search index build (anonymous audience) p50 ${build.toFixed(1)} ms = ${((build / load) * 100).toFixed(1)} % of the load (target < 25 %)`,
  );
  for (const [name, [before, indexed, warm, peak]] of memory) {
    console.log(
      `${name}: resident memory before any search ${before.toFixed(0)} MiB, after the first search ${indexed.toFixed(0)} MiB, after one of each ${warm.toFixed(0)} MiB (peak so far ${peak.toFixed(0)} MiB)`,
    );
  }
  console.log(
    `server peak resident memory: ranked ${bench.server.peakRssMiB().toFixed(0)} MiB, first time ${unkept.peakRssMiB().toFixed(0)} MiB${baseline ? `, literal ${baseline.peakRssMiB().toFixed(0)} MiB (differences ${(bench.server.peakRssMiB() - baseline.peakRssMiB()).toFixed(0)} and ${(unkept.peakRssMiB() - baseline.peakRssMiB()).toFixed(0)} MiB; target <= 100)` : ""}`,
  );
}

function summarise(xs: number[]): { p50: number; p95: number } {
  const sorted = [...xs].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95) };
}

async function main(): Promise<void> {
  const bench = await benchCatalogue("search", LISTINGS, ORGS);
  const { models, server, db } = bench;
  try {
    if (process.env.BENCH_RANKED_ONLY) return await rankedSection(bench);
    console.log(`\nwarm: ${RUNS} runs, cold and driver: ${SLOW_RUNS} runs per case, after warm-up; times in ms\n`);
    console.log(
      `${"case".padEnd(40)}${"api p50".padStart(9)}${"api p95".padStart(9)}${"cold p50".padStart(9)}${"drv p50".padStart(9)}${"drv p95".padStart(9)}${"ratio".padStart(7)}${"cold/drv".padStart(9)}${"api req/s".padStart(10)}`,
    );
    const results: { c: Case; api: Timing; cold: Timing; drv: Timing }[] = [];
    await gql(server.url, CASES[0].query, CASES[0].variables);
    const rssAfterFirstLoad = server.rssMiB();
    for (const c of CASES) {
      const api = await time(() => gql(server.url, c.query, c.variables), RUNS);
      const cold = await time(
        async () => {
          await bumpCatalogueRevision(models);
          await gql(server.url, c.query, c.variables);
        },
        SLOW_RUNS,
        1,
      );
      const drv = await time(() => driverWork(db, c), SLOW_RUNS, 1);
      results.push({ c, api, cold, drv });
      console.log(
        `${c.name.padEnd(40)}${fmt(api.p50)} ${fmt(api.p95)} ${fmt(cold.p50)} ${fmt(drv.p50)} ${fmt(drv.p95)} ${(api.p50 / drv.p50).toFixed(2).padStart(6)} ${(cold.p50 / drv.p50).toFixed(2).padStart(8)}${(1000 / api.mean).toFixed(1).padStart(10)}`,
      );
    }
    const worst = Math.max(...results.map((r) => r.api.p50 / r.drv.p50));
    console.log(`\nworst warm p50 ratio (API / driver): ${worst.toFixed(2)} (target <= 1.5)`);
    console.log(
      `server resident memory: ${rssAfterFirstLoad.toFixed(0)} MiB after the first snapshot load, ${server.rssMiB().toFixed(0)} MiB at the end, peak ${server.peakRssMiB().toFixed(0)} MiB`,
    );
    await rankedSection(bench);
  } finally {
    await bench.close();
  }
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
