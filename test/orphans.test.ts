import { spawn, spawnSync, ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { projectRoot } from "../src/common/paths";
import { ensureFerretDbBinary } from "../src/db/sources";

/**
 * No process the project starts outlives the one that started it: the
 * embedded FerretDB stops with the server (or test run, or benchmark) that
 * started it, and a server started by a benchmark stops with the benchmark,
 * also when the parent is killed with SIGKILL and has no chance to clean up.
 * Real processes and real signals throughout.
 */

const ROOT = projectRoot();
const GONE_WITHIN_MS = 8_000;

/**
 * True once `pid` no longer runs. A process whose parent died is handed to
 * PID 1; where PID 1 does not reap its adopted children (some container
 * inits), a dead one lingers as a zombie, which signal 0 still reaches, so
 * the state in /proc decides then.
 */
function gone(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ESRCH") return true;
    throw e;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return /^[ZX]$/.test(stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3));
  } catch {
    return true;
  }
}

async function waitGone(pid: number, boundMs: number): Promise<number> {
  const started = Date.now();
  for (let i = 0; i < boundMs / 50 && Date.now() - started < boundMs; i++) {
    if (gone(pid)) return Date.now() - started;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`process ${pid} still running ${boundMs} ms after its parent stopped`);
}

/** Collects a child's output and resolves with the first match of `pattern`, bounded in time. */
function waitForOutput(child: ChildProcess, pattern: RegExp, boundMs: number): Promise<RegExpExecArray> {
  let output = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${pattern} within ${boundMs} ms:\n${output}`)), boundMs);
    const onData = (b: Buffer) => {
      output += b.toString();
      const m = pattern.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m);
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`exited (${code ?? signal}) before ${pattern}:\n${output}`));
    });
  });
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once("exit", (code) => resolve(code)));
}

/** The -sqlite-dir a running FerretDB launcher was given, from its command line. */
function sqliteDirOf(pid: number): string {
  const args = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
  return args[args.indexOf("-sqlite-dir") + 1];
}

const started: ChildProcess[] = [];
/** Grandchildren a test expects to be gone; any that is not (the test failed) is killed. */
const expectedGone: number[] = [];
afterEach(() => {
  // A failed expectation must not leave its processes behind, nor pipes that would keep jest waiting.
  for (const c of started.splice(0)) {
    if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
    c.stdout?.destroy();
    c.stderr?.destroy();
  }
  for (const pid of expectedGone.splice(0)) if (!gone(pid)) process.kill(pid, "SIGKILL");
});

const goAvailable = spawnSync("go", ["version"], { stdio: "ignore" }).status === 0;
const haveFerretDb = goAvailable || existsSync(join(ROOT, "tools", "ferretdb", "bin", "ferretdb"));
const withFerretDb = haveFerretDb ? describe : describe.skip;
if (!haveFerretDb) console.warn("orphans: FerretDB cases skipped (no Go to build the launcher)");

withFerretDb("the embedded FerretDB", () => {
  let bin: string;
  beforeAll(() => {
    // Built here (once, bounded by the test timeout) rather than inside the server, whose start is timed below.
    bin = ensureFerretDbBinary(undefined);
  }, 300_000);

  /** The API on an embedded FerretDB of its own, as `npm start` runs it, with the launcher's pid. */
  async function serverWithFerretDb(): Promise<{ server: ChildProcess; ferretdb: number; dir: string }> {
    const server = spawn(process.execPath, ["--import", "tsx", join(ROOT, "src", "server.ts")], {
      cwd: ROOT,
      env: {
        ...process.env,
        MONGODB_URI: "",
        DB_SOURCE: "ferretdb",
        DB_NAME: `orphans_${randomBytes(5).toString("hex")}`,
        SEED_ON_START: "false",
        HOST: "127.0.0.1",
        PORT: "0",
        SHUTDOWN_GRACE_MS: "0",
        LOG_LEVEL: "info",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    started.push(server);
    // Once it says it is ready, its signal handlers are in place. Log lines are written in batches, so the line
    // naming the database's pid may come after the ready line (written at once): both are waited for.
    const [, database] = await Promise.all([
      waitForOutput(server, /ready at http:\/\/127\.0\.0\.1:\d+/, 60_000),
      waitForOutput(server, /"source":"ferretdb".*?"databasePid":(\d+)/, 60_000),
    ]);
    const ferretdb = Number(database[1]);
    expect(gone(ferretdb)).toBe(false);
    expectedGone.push(ferretdb);
    const dir = sqliteDirOf(ferretdb);
    expect(existsSync(dir)).toBe(true);
    return { server, ferretdb, dir };
  }

  it("stops, and its data directory goes, when the server that started it is killed with SIGKILL", async () => {
    const { server, ferretdb, dir } = await serverWithFerretDb();
    server.kill("SIGKILL");
    await exited(server);
    const took = await waitGone(ferretdb, GONE_WITHIN_MS);
    expect(took).toBeLessThan(GONE_WITHIN_MS);
    expect(existsSync(dir)).toBe(false);
  }, 90_000);

  it("stops with the server on SIGTERM, the normal path", async () => {
    const { server, ferretdb, dir } = await serverWithFerretDb();
    server.kill("SIGTERM");
    expect(await exited(server)).toBe(0);
    // The server waits for its database to stop before exiting, so it is gone already.
    expect(gone(ferretdb)).toBe(true);
    expect(existsSync(dir)).toBe(false);
  }, 90_000);

  it("stops at once when the process it was told is its parent had already died before it started watching", async () => {
    const dir = mkdtempSync(join(tmpdir(), "orphans-ferretdb-"));
    // pid 1 is not its parent: exactly what it sees when the parent died between spawning it and arming the watch.
    const args = ["-listen-addr", "127.0.0.1:0", "-sqlite-dir", dir, "-parent-pid", "1", "-remove-sqlite-dir"];
    const launcher = spawn(bin, args, { stdio: "ignore" });
    started.push(launcher);
    const t0 = Date.now();
    const code = await Promise.race([exited(launcher), new Promise((r) => setTimeout(() => r("running"), 5_000))]);
    expect(code).toBe(0);
    expect(Date.now() - t0).toBeLessThan(5_000);
    expect(existsSync(dir)).toBe(false);
  }, 30_000);
});

describe("a server started the way the benchmarks start it", () => {
  it("stops when the benchmark is killed with SIGKILL", async () => {
    const bench = spawn(process.execPath, ["--import", "tsx", join(ROOT, "test", "helpers", "bench-parent.ts")], {
      cwd: ROOT,
      env: { ...process.env, DB_NAME: `orphans_${randomBytes(5).toString("hex")}` },
      stdio: ["ignore", "pipe", "pipe"],
    });
    started.push(bench);
    const server = Number((await waitForOutput(bench, /server (\d+)/, 60_000))[1]);
    expect(gone(server)).toBe(false);
    expectedGone.push(server);
    bench.kill("SIGKILL");
    await exited(bench);
    const took = await waitGone(server, GONE_WITHIN_MS);
    expect(took).toBeLessThan(GONE_WITHIN_MS);
  }, 90_000);
});
