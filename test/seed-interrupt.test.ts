import { spawn, ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { Db, MongoClient, ObjectId } from "mongodb";
import { projectRoot } from "../src/common/paths";
import { seed } from "./helpers/seed-facts";

/*
 * `npm run seed` killed part-way and run again must leave the database exactly
 * as one clean run does. The seed command-line program runs here as a real
 * child process, killed with SIGKILL while it is writing listings, so nothing
 * in it gets a chance to clean up.
 */

const LISTINGS = seed.listings.length;
const RUN_TIMEOUT_MS = 30_000;
const POLL_MS = 50;
const KILL_ATTEMPTS = 3;

interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

interface SeedRun {
  child: ChildProcess;
  done: Promise<RunResult>;
}

type Counts = { created: number; updated: number; unchanged: number; kept: number };

const uri = process.env.TEST_MONGODB_URI ?? "";
let client: MongoClient;
const databases: string[] = [];
const running = new Set<ChildProcess>();

/** The seed CLI's own source, run by node through tsx, against a database of its own on the test server. */
function startSeed(dbName: string): SeedRun {
  const child = spawn(process.execPath, ["--import", "tsx", "src/seed/cli.ts"], {
    cwd: projectRoot(),
    env: {
      ...process.env,
      MONGODB_URI: uri,
      DB_SOURCE: "uri",
      DB_NAME: dbName,
      LOG_LEVEL: "warn",
      STOP_WHEN_STDIN_CLOSES: "true",
    },
    // A pipe nobody writes to: if this test process dies, the loader goes with it.
    stdio: ["pipe", "pipe", "pipe"],
  });
  running.add(child);
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (b: Buffer) => (stdout += b.toString()));
  child.stderr?.on("data", (b: Buffer) => (stderr += b.toString()));
  const done = new Promise<RunResult>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => {
      running.delete(child);
      resolve({ code, signal, stdout, stderr });
    });
  });
  return { child, done };
}

async function runToEnd(dbName: string): Promise<RunResult> {
  const run = startSeed(dbName);
  const timer = setTimeout(() => run.child.kill("SIGKILL"), RUN_TIMEOUT_MS);
  try {
    return await run.done;
  } finally {
    clearTimeout(timer);
  }
}

function newDatabase(): string {
  const name = `seedkill_${randomBytes(6).toString("hex")}`;
  databases.push(name);
  return name;
}

/** Per-collection counts from the lines the CLI prints after each step. */
function reported(stdout: string): Record<string, Counts> {
  const out: Record<string, Counts> = {};
  const line =
    /^\s+(\w+)\s+created\s+(\d+)\s+updated\s+(\d+)\s+unchanged\s+(\d+)(?:\s+kept \(edited through the API\) (\d+))?$/gm;
  for (const m of stdout.matchAll(line)) {
    out[m[1]] = { created: +m[2], updated: +m[3], unchanged: +m[4], kept: +(m[5] ?? 0) };
  }
  return out;
}

async function countListings(db: Db): Promise<number> {
  return db.collection("tools").countDocuments({});
}

/** The count once a write the killed process had already sent can no longer land. */
async function settledListings(db: Db): Promise<number> {
  let last = await countListings(db);
  for (let i = 0; i < 20; i++) {
    await sleep(POLL_MS * 2);
    const now = await countListings(db);
    if (now === last) return now;
    last = now;
  }
  throw new Error("the listing count kept moving after the seed process was killed");
}

/**
 * Starts the seed and SIGKILLs it as soon as listings start appearing. The
 * kill can miss (the run may end between two polls), so a miss is retried on
 * a fresh database a bounded number of times.
 */
async function interruptWhileWritingListings(): Promise<{ dbName: string; written: number; killed: RunResult }> {
  for (let attempt = 1; attempt <= KILL_ATTEMPTS; attempt++) {
    const dbName = newDatabase();
    const db = client.db(dbName);
    const run = startSeed(dbName);
    let exited = false;
    void run.done.then(() => (exited = true));
    const deadline = Date.now() + RUN_TIMEOUT_MS;
    while (!exited && Date.now() < deadline && (await countListings(db)) === 0) await sleep(POLL_MS);
    run.child.kill("SIGKILL");
    const killed = await run.done;
    const written = await settledListings(db);
    if (killed.signal === "SIGKILL" && written > 0 && written < LISTINGS) return { dbName, written, killed };
    if (killed.code !== null && killed.code !== 0) throw new Error(`the seed failed on its own:\n${killed.stderr}`);
  }
  throw new Error(`no kill out of ${KILL_ATTEMPTS} landed while listings were being written`);
}

const VOLATILE = new Set(["createdAt", "updatedAt", "changedAt"]);

const byCodeUnit = ([a]: [string, unknown], [b]: [string, unknown]) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Every collection in the database as plain comparable data: documents keyed
 * by slug (or code, or for a scheme mapping its two levels), generated ids dropped, references replaced by the
 * `collection:slug` of what they point at, timestamps dropped, keys sorted.
 */
async function dump(db: Db): Promise<Record<string, Record<string, unknown>>> {
  const names = (await db.listCollections({}, { nameOnly: true }).toArray())
    .map((c) => c.name)
    .filter((n) => !n.startsWith("system."));
  const raw = new Map<string, Record<string, unknown>[]>();
  for (const name of names) raw.set(name, await db.collection(name).find({}).toArray());
  // A scheme mapping has no slug: it is known by the two levels it links (the seed refuses a second between them).
  const keyOf = (d: Record<string, unknown>) =>
    String(
      d.slug ??
        d.code ??
        (d.fromScheme
          ? `${String(d.fromScheme)}:${String(d.fromLevel)}->${String(d.toScheme)}:${String(d.toLevel)}`
          : d._id),
    );
  const labels = new Map<string, string>();
  for (const [name, docs] of raw) {
    for (const d of docs) if (d._id instanceof ObjectId) labels.set(d._id.toHexString(), `${name}:${keyOf(d)}`);
  }
  const normalise = (v: unknown): unknown => {
    if (v instanceof ObjectId) return labels.get(v.toHexString()) ?? `dangling:${v.toHexString()}`;
    if (v instanceof Date) return v.toISOString();
    if (Array.isArray(v)) return v.map(normalise);
    if (v && typeof v === "object") {
      return Object.fromEntries(
        Object.entries(v as Record<string, unknown>)
          .filter(([k, x]) => !VOLATILE.has(k) && !(k === "_id" && x instanceof ObjectId))
          .sort(byCodeUnit)
          .map(([k, x]) => [k, normalise(x)]),
      );
    }
    return v;
  };
  const out: Record<string, Record<string, unknown>> = {};
  for (const [name, docs] of [...raw].sort(byCodeUnit)) {
    const entries = docs.map((d): [string, unknown] => [keyOf(d), normalise(d)]).sort(byCodeUnit);
    const keyed = Object.fromEntries(entries);
    // Two documents under one key would otherwise collapse into one.
    expect(Object.keys(keyed)).toHaveLength(docs.length);
    out[name] = keyed;
  }
  return out;
}

describe("an interrupted `npm run seed`", () => {
  let clean: { dbName: string; run: RunResult };
  let interrupted: { dbName: string; written: number; killed: RunResult };
  let rerun: RunResult;

  beforeAll(async () => {
    if (!uri) throw new Error("TEST_MONGODB_URI is not set; run the tests through jest's global setup");
    client = await MongoClient.connect(uri, { serverSelectionTimeoutMS: 5000 });
    const cleanDb = newDatabase();
    clean = { dbName: cleanDb, run: await runToEnd(cleanDb) };
    interrupted = await interruptWhileWritingListings();
    rerun = await runToEnd(interrupted.dbName);
  }, 90_000);

  afterAll(async () => {
    for (const child of running) child.kill("SIGKILL");
    for (const name of databases) await client?.db(name).dropDatabase();
    await client?.close();
  });

  it("was killed while listings were being written, before it could report or finish", () => {
    expect(interrupted.killed.signal).toBe("SIGKILL");
    expect(interrupted.written).toBeGreaterThan(0);
    expect(interrupted.written).toBeLessThan(LISTINGS);
    expect(reported(interrupted.killed.stdout).listings).toBeUndefined();
    expect(interrupted.killed.stdout).not.toMatch(/seed loaded/);
  });

  it("is finished by a rerun that reports creating exactly the listings that were missing", () => {
    expect(clean.run).toMatchObject({ code: 0, stderr: "" });
    expect(reported(clean.run.stdout).listings).toEqual({ created: LISTINGS, updated: 0, unchanged: 0, kept: 0 });
    expect(rerun).toMatchObject({ code: 0, stderr: "" });
    expect(rerun.stdout).toMatch(/^seed loaded$/m);
    const counts = reported(rerun.stdout);
    expect(Object.keys(counts).sort()).toEqual(Object.keys(reported(clean.run.stdout)).sort());
    expect(counts.listings).toEqual({
      created: LISTINGS - interrupted.written,
      updated: 0,
      unchanged: interrupted.written,
      kept: 0,
    });
    const { listings: _listings, ...before } = counts;
    for (const [name, c] of Object.entries(before)) {
      expect({ name, ...c }).toEqual({ name, created: 0, updated: 0, unchanged: c.unchanged, kept: 0 });
      expect(c.unchanged).toBe(reported(clean.run.stdout)[name].created);
    }
  });

  it("leaves the same database as one clean run", async () => {
    const converged = await dump(client.db(interrupted.dbName));
    const reference = await dump(client.db(clean.dbName));
    expect(Object.keys(converged.tools)).toHaveLength(LISTINGS);
    expect(converged).toEqual(reference);
  });

  it("is left alone by a third run, which says nothing changed", async () => {
    const third = await runToEnd(interrupted.dbName);
    expect(third).toMatchObject({ code: 0, stderr: "" });
    expect(third.stdout).toMatch(/^seed already up to date: nothing changed$/m);
    for (const [name, c] of Object.entries(reported(third.stdout))) {
      expect({ name, created: c.created, updated: c.updated }).toEqual({ name, created: 0, updated: 0 });
    }
    expect(await dump(client.db(interrupted.dbName))).toEqual(await dump(client.db(clean.dbName)));
  });
});
