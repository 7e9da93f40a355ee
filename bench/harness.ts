import { spawn, ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { MongoClient, Db } from "mongodb";
import { projectRoot } from "../src/common/paths";
import { DatabaseSource } from "../src/config";
import { connect } from "../src/db/connection";
import { Models, registerModels } from "../src/db/models";
import { resolveDatabase } from "../src/db/sources";
import { createLogger } from "../src/logger";
import { applySeed } from "../src/seed/apply";
import { buildSyntheticCatalogue } from "./synthetic";

/** Percentile of a sorted list of numbers (nearest rank). */
export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export interface Timing {
  p50: number;
  p95: number;
  mean: number;
  runs: number;
}

/** Runs `fn` a bounded number of times after a warm-up and returns millisecond percentiles. */
export async function time(fn: () => Promise<unknown>, runs: number, warmup = 5): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await fn();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    await fn();
    ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  ms.sort((a, b) => a - b);
  return { p50: percentile(ms, 50), p95: percentile(ms, 95), mean: ms.reduce((a, b) => a + b, 0) / ms.length, runs };
}

/** The API as a separate process on loopback, so its own peak resident memory can be read. */
export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Peak resident set size of the server process so far, in MiB (VmHWM). */
  peakRssMiB(): number;
  /** Current resident set size of the server process, in MiB (VmRSS). */
  rssMiB(): number;
  /** CPU time (user + system) the server process has used so far, in ms. */
  cpuMs(): number;
  stop(): Promise<void>;
}

function procStatusMiB(pid: number | undefined, field: string): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN) / 1024;
}

/** Clock ticks per second in /proc/<pid>/stat (USER_HZ, 100 on Linux). */
const USER_HZ = 100;

function procCpuMs(pid: number | undefined): number {
  // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / USER_HZ;
}

/**
 * A script built from the same sources as this harness: the compiled one when
 * the benchmarks run from dist/, else the TypeScript source through tsx.
 */
function scriptCommand(script: string, root?: string): string[] {
  if (root) return [join(root, "dist", `${script}.js`)];
  if (__filename.endsWith(".ts")) return ["--import", "tsx", join(projectRoot(), `${script}.ts`)];
  return [join(projectRoot(), "dist", `${script}.js`)];
}

/**
 * Starts the API on loopback and waits until /readyz says the database is
 * connected and set up. Benchmarks send everything from one address, so the
 * per-address rate limit is raised out of their way (it is still counted on
 * every request).
 */
export async function startServerProcess(
  mongodbUri: string,
  dbName: string,
  port: number,
  env: Record<string, string> = {},
  /** Another checkout of the project, built, to run instead of this one (a baseline to compare with). */
  root?: string,
): Promise<ServerProcess> {
  return startProcess(
    join("src", "server"),
    {
      MONGODB_URI: mongodbUri,
      DB_NAME: dbName,
      PORT: String(port),
      HOST: "127.0.0.1",
      SEED_ON_START: "false",
      LOG_LEVEL: "warn",
      NODE_ENV: "production",
      RATE_LIMIT_PER_ADDRESS: "1000000",
      ...env,
    },
    "/readyz",
    root,
  );
}

/**
 * Starts `dist/bench/bare-server.js`: the project's schema on a bare Apollo
 * server with the official express integration, the baseline `bench:load`
 * measures the API's pipeline against. Same Node, same production mode.
 */
export async function startBareServerProcess(env: Record<string, string> = {}): Promise<ServerProcess> {
  return startProcess(join("bench", "bare-server"), { PORT: "0", NODE_ENV: "production", ...env }, null);
}

/**
 * Starts a script (see scriptCommand) as a child process, waits for its
 * "ready at <url>" line and then, if `readyPath` is given, for that path to
 * answer 200. Node flags in BENCH_SERVER_NODE_ARGS (e.g. `--cpu-prof
 * --cpu-prof-dir=/tmp/prof`, to see where a server's time goes) apply to the
 * servers only, not to the load generator. The child's stdin is a pipe from
 * this process that is never written to: when this process dies, however it
 * dies, the pipe closes and the child stops (STOP_WHEN_STDIN_CLOSES), so no
 * server outlives its benchmark.
 */
async function startProcess(
  script: string,
  env: Record<string, string>,
  readyPath: string | null,
  root?: string,
): Promise<ServerProcess> {
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? "").split(/\s+/).filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, ...scriptCommand(script, root)], {
    env: { ...process.env, STOP_WHEN_STDIN_CLOSES: "true", ...env },
    stdio: ["pipe", "pipe", "inherit"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not start within 30 s`)), 30_000);
    const onData = (b: Buffer) => {
      const m = /ready at (\S+)/.exec(b.toString());
      if (m) {
        clearTimeout(timer);
        // From here on the output (request logs, at LOG_LEVEL=info) is drained unread.
        child.stdout?.off("data", onData);
        child.stdout?.resume();
        resolve(m[1]);
      }
    };
    child.stdout?.on("data", onData);
    child.once("exit", (code) => reject(new Error(`${script} exited with ${code}`)));
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGTERM");
    // Bounded like the server's own shutdown (24 s); a server stuck past it is killed rather than awaited forever.
    let timer: NodeJS.Timeout | undefined;
    const late = await Promise.race([exited, new Promise((r) => (timer = setTimeout(() => r("late"), 30_000)))]);
    clearTimeout(timer);
    if (late === "late") child.kill("SIGKILL");
  };
  if (readyPath) {
    const ready = url.replace(/\/graphql$/, readyPath);
    for (const until = Date.now() + 120_000; ;) {
      const r = await fetch(ready).catch(() => null);
      if (r?.status === 200) break;
      if (Date.now() > until) {
        await stop();
        throw new Error(`${script} did not become ready within 120 s`);
      }
      await new Promise((res) => setTimeout(res, 200));
    }
  }
  return {
    url,
    child,
    peakRssMiB: () => procStatusMiB(child.pid, "VmHWM"),
    rssMiB: () => procStatusMiB(child.pid, "VmRSS"),
    cpuMs: () => procCpuMs(child.pid),
    stop,
  };
}

export async function gql(url: string, query: string, variables?: Record<string, unknown>): Promise<unknown> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { errors?: unknown[] };
  if (res.status !== 200 || body.errors) throw new Error(`query failed: ${res.status} ${JSON.stringify(body.errors)}`);
  return body;
}

export interface BenchCatalogue {
  models: Models;
  server: ServerProcess;
  /** A plain driver connection to the same database, for the baseline. */
  db: Db;
  /** Starts another API process on the same database: another checkout's, if `root` is given. */
  startAnother(root?: string, env?: Record<string, string>): Promise<ServerProcess>;
  close(): Promise<void>;
}

/**
 * A database (MONGODB_URI, else embedded) loaded with the seed's taxonomy and
 * jurisdictions and a synthetic catalogue (or, for 0 listings, the seed
 * inventory itself), and the API running on it as a separate process on
 * loopback.
 */
export async function benchCatalogue(name: string, listings: number, organisations: number): Promise<BenchCatalogue> {
  const log = createLogger("warn");
  const database = await resolveDatabase({
    source: process.env.MONGODB_URI ? DatabaseSource.URI : DatabaseSource.AUTO,
    mongodbUri: process.env.MONGODB_URI,
    log,
  });
  const dbName = `bench_${name}_${Date.now()}`;
  console.log(`database: ${database.source} (${database.reason})`);
  const conn = await connect({ uri: database.uri, dbName });
  const models = registerModels(conn);
  const t0 = Date.now();
  await applySeed(models, log);
  // With no synthetic listings asked for, the seed inventory's own listings stay.
  if (listings > 0) await buildSyntheticCatalogue(models, listings, organisations);
  console.log(
    `catalogue: ${await models.Tool.countDocuments({})} listings, ${await models.Organisation.countDocuments({})} organisations (built in ${((Date.now() - t0) / 1000).toFixed(1)} s)`,
  );
  // These benchmarks time cold snapshot loads of 10,000 listings, which on a busy FerretDB can pass the
  // 10 s execution timeout; the limit is raised here so they measure the load rather than the cut-off.
  const server = await startServerProcess(database.uri, dbName, 0, { REQUEST_TIMEOUT_MS: "60000" });
  const client = await MongoClient.connect(database.uri);
  const others: ServerProcess[] = [];
  return {
    models,
    server,
    db: client.db(dbName),
    async startAnother(root?: string, env: Record<string, string> = {}) {
      const other = await startServerProcess(database.uri, dbName, 0, { REQUEST_TIMEOUT_MS: "60000", ...env }, root);
      others.push(other);
      return other;
    },
    async close() {
      await client.close();
      for (const other of others) await other.stop();
      await server.stop();
      await conn.dropDatabase().catch(() => undefined);
      await conn.close();
      await database.stop();
    },
  };
}

export const fmt = (n: number) => n.toFixed(1).padStart(8);
