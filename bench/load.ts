import "reflect-metadata";
import { loadavg } from "node:os";
import autocannon from "autocannon";
import { DatabaseSource } from "../src/config";
import { resolveDatabase } from "../src/db/sources";
import { createLogger } from "../src/logger";
import { fmt, gql, percentile, ServerProcess, startBareServerProcess, startServerProcess } from "./harness";

/**
 * Load against the real server process on loopback, with the seed inventory.
 *
 * First, the cost of the pipeline: the API and a bare Apollo server on the
 * same schema (bench/bare-server.ts, its own process, started the same way)
 * both answer `{ __typename }` to 20 connections, in alternating rounds of
 * 10 s (bare, API, API, bare, …, so drift in the machine's load falls on
 * both alike). Prints each one's requests/s, p50/p99 and peak resident
 * memory, and API / bare requests/s per round and over all rounds. Target:
 * at least 0.85.
 *
 * Then 50 connections for 30 s each of (1) a mix of searches, listing reads
 * and a gap report, (2) searches alone, (3) the trivial `{ __typename }` as
 * the ceiling. Prints requests/s, p50/p95/p99, errors (socket errors,
 * timeouts, non-2xx answers and GraphQL errors in 200 answers) and the
 * server's peak resident memory. Targets: 0 errors; search p99 under 10 × the
 * trivial query's p99.
 *
 * BENCH_SECONDS and BENCH_CONNECTIONS change the defaults of the phases (30,
 * 50); BENCH_COMPARE_SECONDS, BENCH_COMPARE_ROUNDS and
 * BENCH_COMPARE_CONNECTIONS those of the comparison (10, 4, 20);
 * BENCH_COMPARE_ONLY=1 stops after the comparison.
 */

const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const COMPARE_SECONDS = Number(process.env.BENCH_COMPARE_SECONDS ?? 10);
const COMPARE_ROUNDS = Number(process.env.BENCH_COMPARE_ROUNDS ?? 4);
const COMPARE_CONNECTIONS = Number(process.env.BENCH_COMPARE_CONNECTIONS ?? 20);

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
  /** Every response's latency in ms, sorted. */
  times: number[];
}

async function run(
  name: string,
  url: string,
  bodies: string[],
  seconds: number,
  connections = CONNECTIONS,
): Promise<Phase> {
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
      connections,
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
    times,
  };
}

/** Several phases taken as one: requests/s over their whole time, percentiles over every response. */
function pooled(name: string, phases: Phase[], seconds: number): Phase {
  const times = phases.flatMap((p) => p.times).sort((a, b) => a - b);
  const errors = phases.reduce((n, p) => n + p.errors, 0);
  return {
    name,
    rps: times.length / (seconds * phases.length),
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    requests: times.length,
    errors,
    detail: phases.map((p) => p.detail).join("; "),
    times,
  };
}

const loadAverage = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(", ");

interface Side {
  name: string;
  server: ServerProcess;
  phases: Phase[];
  /** Server CPU time (user + system) during each phase, in ms. */
  cpuMs: number[];
}

/**
 * The API against the bare Apollo server on the trivial query, in
 * alternating rounds; both were warmed up before. Besides requests/s it
 * prints each server's CPU time per request, which depends far less on what
 * else the machine is doing. Returns API / bare requests/s over all rounds.
 */
async function comparePipeline(api: ServerProcess, bare: ServerProcess, trivial: string): Promise<number> {
  console.log(
    `\npipeline cost: { __typename }, ${COMPARE_CONNECTIONS} connections, ${COMPARE_ROUNDS} rounds of ${COMPARE_SECONDS} s each (load average ${loadAverage()})`,
  );
  const b: Side = { name: "bare @apollo/server + express5", server: bare, phases: [], cpuMs: [] };
  const a: Side = { name: "API (the whole pipeline)", server: api, phases: [], cpuMs: [] };
  const measure = async (side: Side) => {
    const cpu = side.server.cpuMs();
    side.phases.push(await run(side.name, side.server.url, [trivial], COMPARE_SECONDS, COMPARE_CONNECTIONS));
    side.cpuMs.push(side.server.cpuMs() - cpu);
  };
  const cpuPerRequestUs = (side: Side, i?: number) => {
    const ms = i === undefined ? side.cpuMs.reduce((x, y) => x + y, 0) : side.cpuMs[i];
    const requests = i === undefined ? side.phases.reduce((n, p) => n + p.requests, 0) : side.phases[i].requests;
    return (ms * 1000) / requests;
  };
  for (let round = 0; round < COMPARE_ROUNDS; round++) {
    // Alternate which goes first, so a trend in the machine's load does not favour one of them.
    for (const side of round % 2 ? [a, b] : [b, a]) await measure(side);
    const [pa, pb] = [a.phases[round], b.phases[round]];
    console.log(
      `  round ${round + 1}: bare ${pb.rps.toFixed(0)} req/s, API ${pa.rps.toFixed(0)} req/s, API / bare ${(pa.rps / pb.rps).toFixed(3)}; CPU per request bare ${cpuPerRequestUs(b, round).toFixed(0)} µs, API ${cpuPerRequestUs(a, round).toFixed(0)} µs`,
    );
  }
  const [pa, pb] = [pooled(a.name, a.phases, COMPARE_SECONDS), pooled(b.name, b.phases, COMPARE_SECONDS)];
  console.log(
    `\n${"server".padEnd(34)} ${"req/s".padStart(8)} ${"p50 ms".padStart(8)} ${"p99 ms".padStart(8)} ${"CPU µs/req".padStart(11)} ${"errors".padStart(7)} ${"peak RSS MiB".padStart(13)}`,
  );
  for (const [side, p] of [
    [b, pb],
    [a, pa],
  ] as const) {
    console.log(
      `${p.name.padEnd(34)} ${fmt(p.rps)} ${fmt(p.p50)} ${fmt(p.p99)} ${cpuPerRequestUs(side).toFixed(0).padStart(11)} ${String(p.errors).padStart(7)} ${side.server.peakRssMiB().toFixed(0).padStart(13)}`,
    );
  }
  const ratio = pa.rps / pb.rps;
  const ratios = a.phases.map((p, i) => p.rps / b.phases[i].rps);
  console.log(
    `API / bare req/s: ${ratio.toFixed(3)} (target ≥ 0.85; rounds ${Math.min(...ratios).toFixed(3)} to ${Math.max(...ratios).toFixed(3)})`,
  );
  console.log(
    `bare / API CPU per request: ${(cpuPerRequestUs(b) / cpuPerRequestUs(a)).toFixed(3)}; bare p50 / API p50: ${(pb.p50 / pa.p50).toFixed(3)}; bare p99 / API p99: ${(pb.p99 / pa.p99).toFixed(3)} (load average ${loadAverage()})`,
  );
  return ratio;
}

async function main(): Promise<void> {
  const log = createLogger("warn");
  const database = await resolveDatabase({
    source: process.env.MONGODB_URI ? DatabaseSource.URI : DatabaseSource.AUTO,
    mongodbUri: process.env.MONGODB_URI,
    log,
  });
  console.log(`database: ${database.source} (${database.reason})`);
  // Logging as in production: one line per request.
  const server = await startServerProcess(database.uri, `bench_load_${Date.now()}`, 0, {
    SEED_ON_START: "true",
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? "info",
  });
  const bare = await startBareServerProcess().catch(async (e: unknown) => {
    await server.stop();
    await database.stop();
    throw e;
  });
  // Start-up (the seed, the first snapshot) has its own peak; the figures below say whether load passed it.
  console.log(
    `peak resident memory after start-up: API ${server.peakRssMiB().toFixed(0)} MiB, bare ${bare.peakRssMiB().toFixed(0)} MiB`,
  );
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
    for (const s of [bare, server]) await run("warm-up", s.url, [body(TRIVIAL)], 3, COMPARE_CONNECTIONS);
    await comparePipeline(server, bare, body(TRIVIAL));
    if (process.env.BENCH_COMPARE_ONLY === "1") return;

    console.log(`\nthe API alone: ${CONNECTIONS} connections, ${SECONDS} s per phase (load average ${loadAverage()})`);
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
    await bare.stop();
    await server.stop();
    await database.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
