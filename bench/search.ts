import { Db, ObjectId, Document as MongoDoc } from "mongodb";
import { foldText, escapeRegExp } from "../src/common/text";
import { SEARCH_PROJECTION } from "../src/search/tool-search";
import { bumpCatalogueRevision } from "../src/catalog/snapshot";
import { benchCatalogue, fmt, gql, time, Timing } from "./harness";

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
    query: `query($s: String, $f: ToolFilter) { tools(search: $s, filter: $f, first: 20) { totalCount edges { node { slug name } } ${FACETS} } }`,
    variables: { s: "hash", f: { capabilities: ["detection"], jurisdictions: ["EU"] } },
    search: "hash",
    nested: false,
  },
  {
    name: "eligibility + licence + group + facets",
    query: `query($f: ToolFilter) { tools(filter: $f, first: 20) { totalCount edges { node { slug name } } ${FACETS} } }`,
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

async function main(): Promise<void> {
  const bench = await benchCatalogue("search", LISTINGS, ORGS);
  const { models, server, db } = bench;
  try {
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
  } finally {
    await bench.close();
  }
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
