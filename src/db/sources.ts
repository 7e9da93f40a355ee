import { spawn, spawnSync, ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { lookup } from "node:dns/promises";
import { existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createServer, createConnection } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { projectRoot } from "../common/paths";
import { DryMongoBinary, MongoMemoryServer } from "mongodb-memory-server";
import { DatabaseSource } from "../config";
import type { Logger } from "../logger";

/** A database the process can connect to, with what it took to get it and how to let it go. */
export interface ResolvedDatabase {
  uri: string;
  source: Exclude<DatabaseSource, DatabaseSource.AUTO>;
  reason: string;
  /** True when the database was started by this process and lives only as long as it. */
  embedded: boolean;
  /** The embedded database server's process id, when this process started one. */
  pid?: number;
  stop(): Promise<void>;
}

export interface SourceOptions {
  source: DatabaseSource;
  mongodbUri?: string;
  ferretdbBin?: string;
  log: Logger;
}

const FERRETDB_TOOL_DIR = join(projectRoot(), "tools", "ferretdb");

/**
 * Chooses the database as DESIGN.md orders it: MONGODB_URI; an embedded
 * MongoDB where mongodb-memory-server has or can fetch its binary; an embedded
 * FerretDB on SQLite otherwise. DB_SOURCE forces one of them.
 */
export async function resolveDatabase(opts: SourceOptions): Promise<ResolvedDatabase> {
  const { source, mongodbUri, log } = opts;
  if (source === DatabaseSource.URI || (source === DatabaseSource.AUTO && mongodbUri)) {
    if (!mongodbUri) throw new Error("DB_SOURCE=uri needs MONGODB_URI");
    return {
      uri: mongodbUri,
      source: DatabaseSource.URI,
      reason: source === DatabaseSource.URI ? "forced by DB_SOURCE" : "MONGODB_URI is set",
      embedded: false,
      stop: async () => undefined,
    };
  }
  if (source === DatabaseSource.MEMORY_SERVER) {
    return startMemoryServer("forced by DB_SOURCE");
  }
  if (source === DatabaseSource.FERRETDB) {
    return startFerretDb(opts.ferretdbBin, "forced by DB_SOURCE", log);
  }
  const why = await memoryServerUnavailable();
  if (why === null) {
    try {
      return await startMemoryServer("MONGODB_URI is not set and a MongoDB binary is available");
    } catch (e) {
      log.warn({ err: e }, "embedded MongoDB failed to start; falling back to FerretDB");
      return startFerretDb(opts.ferretdbBin, `embedded MongoDB failed to start: ${(e as Error).message}`, log);
    }
  }
  return startFerretDb(opts.ferretdbBin, `MONGODB_URI is not set and ${why}`, log);
}

/** Null when mongodb-memory-server has a cached binary or can reach its download host; else why not. */
async function memoryServerUnavailable(): Promise<string | null> {
  const opts = await DryMongoBinary.generateOptions();
  if (await DryMongoBinary.locateBinary(opts)) return null;
  const mirror = process.env.MONGOMS_DOWNLOAD_MIRROR ?? "https://fastdl.mongodb.org";
  const host = new URL(mirror).hostname;
  try {
    await lookup(host);
    return null;
  } catch {
    return `no MongoDB binary is cached and its download host (${host}) cannot be resolved`;
  }
}

async function startMemoryServer(reason: string): Promise<ResolvedDatabase> {
  const server = await MongoMemoryServer.create({ instance: { ip: "127.0.0.1" } });
  return {
    uri: server.getUri(),
    source: DatabaseSource.MEMORY_SERVER,
    reason,
    embedded: true,
    pid: server.instanceInfo?.instance.mongodProcess?.pid,
    stop: async () => {
      await server.stop();
    },
  };
}

/**
 * What the launcher is built from: a binary built from other sources (an older
 * checkout, say one without the parent watch) is rebuilt rather than trusted.
 */
function launcherSourceHash(): string {
  const hash = createHash("sha256");
  const files = readdirSync(FERRETDB_TOOL_DIR)
    .filter((f) => f.endsWith(".go") || f === "go.mod" || f === "go.sum")
    .sort();
  for (const f of files) {
    hash.update(`${f}\0`);
    hash.update(readFileSync(join(FERRETDB_TOOL_DIR, f)));
    hash.update("\0");
  }
  return hash.digest("hex");
}

/**
 * Builds the FerretDB launcher in tools/ferretdb with Go when there is no
 * binary yet or its sources changed since it was built. The binary is built
 * under a name of its own and renamed into place, so two processes building at
 * once (`npm start` and `npm test` on a fresh clone) never run a half-written one.
 */
export function ensureFerretDbBinary(explicit: string | undefined, log?: Logger): string {
  if (explicit) {
    if (!existsSync(explicit)) throw new Error(`FERRETDB_BIN: no file at ${explicit}`);
    return explicit;
  }
  const bin = join(FERRETDB_TOOL_DIR, "bin", "ferretdb");
  const stamp = `${bin}.sources`;
  const sources = launcherSourceHash();
  if (existsSync(bin) && existsSync(stamp) && readFileSync(stamp, "utf8") === sources) return bin;
  log?.info({ dir: FERRETDB_TOOL_DIR }, "building FerretDB v1.24.2 with go (first run, or its launcher changed)");
  const partial = `${bin}.${process.pid}.partial`;
  const r = spawnSync("go", ["build", "-o", partial, "."], {
    cwd: FERRETDB_TOOL_DIR,
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, GOTOOLCHAIN: process.env.GOTOOLCHAIN ?? "local" },
  });
  if (r.error || r.status !== 0 || !existsSync(partial)) {
    rmSync(partial, { force: true });
    throw new Error(
      `no database available: MONGODB_URI is not set, no MongoDB binary can be had, and building FerretDB failed (${
        r.error?.message ?? `go exited ${r.status}`
      }); install Go or set MONGODB_URI`,
    );
  }
  renameSync(partial, bin);
  writeFileSync(stamp, sources);
  return bin;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === "object" && addr ? resolve(addr.port) : reject(new Error("no port"))));
    });
  });
}

function waitForPort(port: number, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      if (child.exitCode !== null) return reject(new Error(`FerretDB exited with code ${child.exitCode}`));
      const sock = createConnection({ host: "127.0.0.1", port }, () => {
        sock.end();
        resolve();
      });
      sock.on("error", () => {
        sock.destroy();
        if (Date.now() > deadline) reject(new Error(`FerretDB did not listen on port ${port} within ${timeoutMs} ms`));
        else setTimeout(attempt, 50);
      });
    };
    attempt();
  });
}

/**
 * Starts FerretDB on SQLite in a temporary directory, on loopback, telemetry
 * off; removed on stop. The launcher is told this process's pid and stops
 * (removing the directory) when this process dies, however it dies, so the
 * database never outlives it.
 */
export async function startFerretDb(
  explicitBin: string | undefined,
  reason: string,
  log: Logger,
): Promise<ResolvedDatabase> {
  const bin = ensureFerretDbBinary(explicitBin, log);
  const dir = mkdtempSync(join(tmpdir(), "technical-inventory-ferretdb-"));
  const port = await freePort();
  const args = ["-listen-addr", `127.0.0.1:${port}`, "-sqlite-dir", dir, "-log-level", "error"];
  const child = spawn(bin, [...args, "-parent-pid", String(process.pid), "-remove-sqlite-dir"], {
    stdio: ["ignore", "ignore", "pipe"],
    env: { ...process.env, FERRETDB_TELEMETRY: "disable", DO_NOT_TRACK: "1" },
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    const line = chunk.toString().trim();
    if (line && !line.startsWith("ferretdb listening")) log.warn({ ferretdb: line }, "FerretDB says");
  });
  // An exit that skips stop() cannot wait for the launcher; SIGTERM rather than SIGKILL lets it remove its
  // directory, and it bounds its own stop (5 s).
  const killOnExit = () => child.kill("SIGTERM");
  process.once("exit", killOnExit);
  try {
    await waitForPort(port, child, 20_000);
  } catch (e) {
    child.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  return {
    uri: `mongodb://127.0.0.1:${port}/`,
    source: DatabaseSource.FERRETDB,
    reason,
    embedded: true,
    pid: child.pid,
    stop: async () => {
      process.removeListener("exit", killOnExit);
      if (child.exitCode === null) {
        let timer: NodeJS.Timeout | undefined;
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, 5000)))]);
        clearTimeout(timer);
        if (child.exitCode === null) child.kill("SIGKILL");
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
