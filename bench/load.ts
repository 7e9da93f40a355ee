import "reflect-metadata";
import autocannon from "autocannon";
import { DatabaseSource } from "../src/config";
import { resolveDatabase } from "../src/db/sources";
import { createLogger } from "../src/logger";
import { fmt, gql, percentile, startServerProcess } from "./harness";

/**
 * Load against the real server process on loopback, with the seed inventory:
 * 50 connections for 30 s each of (1) a mix of searches, listing reads and a
 * gap report, (2) searches alone, (3) the trivial `{ __typename }` as the
 * ceiling, in one run. Prints requests/s, p50/p95/p99, errors (socket
 * errors, timeouts, non-2xx answers and GraphQL errors in 200 answers) and
 * the server's peak resident memory. Targets: 0 errors; search p99 under
 * 10 × the trivial query's p99.
 *
 * BENCH_SECONDS and BENCH_CONNECTIONS change the defaults (30, 50).
 */

const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);

const SEARCHES = [
  `{ tools(first: 20, search: "hash") { totalCount edges { node { slug name organisation { name } } } } }`,
  `{ tools(first: 20, filter: { capabilities: ["victim-identification"], jurisdictions: ["EU"] }) { totalCount facets { capabilities { value count } jurisdictions { value count } } edges { node { slug name } } } }`,
  `{ tools(first: 50, filter: { eligibleFor: [LAW_ENFORCEMENT] }, orderBy: NAME) { totalCount edges { node { slug name capabilities { slug } } } } }`,
  `{ tools(first: 10, search: "report") { totalCount facets { mediaTypes { value count } licenseModels { value count } } edges { node { slug } } } }`,
];
const LISTING = `query($slug: String!) { tool(slug: $slug) { slug name summary kind mediaTypes
  organisation { name type website } capabilities { slug name }
  availability { status jurisdiction { code name } } offers { model eligibility }
  sources { locator url document { title } } } }`;
const GAP = `{ gapReport(input: { depth: FUNCTION }) { coverage cells { gap organisationCount singlePointOfFailure } } }`;
const TRIVIAL = `{ __typename }`;

interface Phase {
  name: string;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  requests: number;
  errors: number;
  detail: string;
}

async function run(name: string, url: string, bodies: string[], seconds: number): Promise<Phase> {
  let graphqlErrors = 0;
  const times: number[] = [];
  let done: (r: autocannon.Result) => void = () => undefined;
  let failed: (e: unknown) => void = () => undefined;
  const finished = new Promise<autocannon.Result>((resolve, reject) => {
    done = resolve;
    failed = reject;
  });
  const instance = autocannon(
    {
      url,
      connections: CONNECTIONS,
      duration: seconds,
      method: "POST",
      headers: { "content-type": "application/json" },
      requests: bodies.map((body) => ({
        method: "POST" as const,
        body,
        onResponse: (status: number, text: string) => {
          if (status === 200 && text.includes('"errors"')) graphqlErrors++;
        },
      })),
    },
    (err, result) => (err ? failed(err) : done(result)),
  );
  instance.on("response", (_client, _status, _bytes, ms) => times.push(ms));
  const result = await finished;
  times.sort((a, b) => a - b);
  const errors = result.errors + result.timeouts + result.non2xx + graphqlErrors;
  return {
    name,
    rps: times.length / seconds,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    requests: times.length,
    errors,
    detail: `socket errors ${result.errors}, timeouts ${result.timeouts}, non-2xx ${result.non2xx}, GraphQL errors ${graphqlErrors}`,
  };
}

async function main(): Promise<void> {
  const log = createLogger("warn");
  const database = await resolveDatabase({
    source: process.env.MONGODB_URI ? DatabaseSource.URI : DatabaseSource.AUTO,
    mongodbUri: process.env.MONGODB_URI,
    log,
  });
  console.log(`database: ${database.source} (${database.reason})`);
  const server = await startServerProcess(database.uri, `bench_load_${Date.now()}`, 0, { SEED_ON_START: "true" });
  try {
    const page = (await gql(server.url, `{ tools(first: 100) { totalCount edges { node { slug } } } }`)) as {
      data: { tools: { totalCount: number; edges: { node: { slug: string } }[] } };
    };
    const slugs = page.data.tools.edges.map((e) => e.node.slug);
    const body = (query: string, variables?: Record<string, unknown>) => JSON.stringify({ query, variables });
    const searches = SEARCHES.map((q) => body(q));
    const listings = slugs.slice(0, 25).map((slug) => body(LISTING, { slug }));
    // The mix, per 10 requests: 4 searches, 5 listing reads, 1 gap report.
    const mix: string[] = [];
    for (let i = 0; i < 5; i++) {
      mix.push(searches[i % searches.length], listings[(2 * i) % listings.length]);
      mix.push(i % 2 === 0 ? listings[(2 * i + 1) % listings.length] : body(GAP));
      if (i % 2 === 0) mix.push(searches[(i + 1) % searches.length]);
    }
    console.log(
      `catalogue: ${slugs.length}+ listings (the seed inventory); ${CONNECTIONS} connections, ${SECONDS} s per phase`,
    );

    await run("warm-up", server.url, mix, 3);
    const phases = [
      await run("mix: searches, listing reads, gap report", server.url, mix, SECONDS),
      await run("searches only", server.url, searches, SECONDS),
      await run("trivial { __typename } (ceiling)", server.url, [body(TRIVIAL)], SECONDS),
    ];
    console.log(
      `\n${"phase".padEnd(42)} ${"req/s".padStart(8)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)} ${"p99 ms".padStart(8)} ${"errors".padStart(7)}`,
    );
    for (const p of phases) {
      console.log(
        `${p.name.padEnd(42)} ${fmt(p.rps)} ${fmt(p.p50)} ${fmt(p.p95)} ${fmt(p.p99)} ${String(p.errors).padStart(7)}`,
      );
    }
    for (const p of phases) console.log(`  ${p.name}: ${p.requests} requests; ${p.detail}`);
    const [mixed, search, trivial] = phases;
    console.log(`\nsearch p99 / trivial p99: ${(search.p99 / trivial.p99).toFixed(2)} (target < 10)`);
    console.log(`mix p99 / trivial p99:    ${(mixed.p99 / trivial.p99).toFixed(2)}`);
    console.log(`search req/s / trivial req/s: ${(search.rps / trivial.rps).toFixed(3)}`);
    console.log(`errors: ${phases.reduce((n, p) => n + p.errors, 0)} (target 0)`);
    console.log(
      `server resident memory: ${server.rssMiB().toFixed(0)} MiB now, ${server.peakRssMiB().toFixed(0)} MiB peak`,
    );
  } finally {
    await server.stop();
    await database.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
