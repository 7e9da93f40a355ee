import { spawn, ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { request } from "node:http";
import { join } from "node:path";

const ROOT = join(__dirname, "..", "..");

export interface ServerProcess {
  child: ChildProcess;
  /** The GraphQL endpoint. */
  url: string;
  /** The server's root, for /livez, /readyz, /metrics. */
  base: string;
  /** Everything the process printed. */
  output: string[];
  exited: Promise<{ code: number | null; at: number }>;
}

/**
 * Starts the real server (src/server.ts) as its own process on the test
 * database server, with a database of its own and the seed loaded, and
 * resolves once it prints its address.
 */
export function startServerProcess(env: Record<string, string> = {}): Promise<ServerProcess> {
  const output: string[] = [];
  const child = spawn(process.execPath, ["--import", "tsx", join(ROOT, "src", "server.ts")], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: "production",
      MONGODB_URI: process.env.TEST_MONGODB_URI,
      DB_SOURCE: "uri",
      DB_NAME: `proc_${randomBytes(5).toString("hex")}`,
      SEED_ON_START: "true",
      HOST: "127.0.0.1",
      PORT: "0",
      SHUTDOWN_GRACE_MS: "1000",
      RATE_LIMIT_PER_ADDRESS: "0",
      LOG_LEVEL: "info",
      STOP_WHEN_STDIN_CLOSES: "true",
      ...env,
    },
    // A pipe nobody writes to: if this test process dies, the server goes with it.
    stdio: ["pipe", "pipe", "pipe"],
  });
  const exited = new Promise<{ code: number | null; at: number }>((resolve) =>
    child.on("exit", (code) => resolve({ code, at: Date.now() })),
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`server did not start:\n${output.join("")}`));
    }, 30_000);
    const onData = (chunk: Buffer) => {
      output.push(chunk.toString());
      const m = /ready at (http:\/\/127\.0\.0\.1:\d+\/graphql)/.exec(output.join(""));
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1], base: m[1].replace(/\/graphql$/, ""), output, exited });
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (c: Buffer) => output.push(c.toString()));
    child.on("exit", (code) => reject(new Error(`server exited early (${code}):\n${output.join("")}`)));
  });
}

/** Polls /readyz until it answers 200, for at most `boundMs`. */
export async function waitReady(base: string, boundMs: number): Promise<void> {
  for (const until = Date.now() + boundMs; Date.now() < until;) {
    const r = await fetch(`${base}/readyz`).catch(() => null);
    if (r?.status === 200) return;
    await new Promise((res) => setTimeout(res, 100));
  }
  throw new Error("server never became ready");
}

/**
 * One GET on a connection of its own, closed after the answer, as a health
 * probe makes it; resolves with the status and the milliseconds it took.
 */
export function probe(url: string, timeoutMs = 5000): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: false, headers: { connection: "close" }, timeout: timeoutMs }, (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started }));
    });
    req.on("timeout", () => req.destroy(new Error(`no answer from ${url} within ${timeoutMs} ms`)));
    req.on("error", reject);
    req.end();
  });
}
