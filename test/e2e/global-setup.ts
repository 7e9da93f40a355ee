import { spawn, spawnSync } from "node:child_process";
import { join } from "node:path";
import type { E2eServers } from "./serve";

const ROOT = join(__dirname, "..", "..");

/**
 * Builds the console when its sources changed, then starts the servers the
 * tests drive (serve.ts) and hands their addresses and tokens to the test
 * workers in E2E_SERVERS. The returned function stops them: closing the
 * process's stdin stops it, and it goes with this process if that dies.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const built = spawnSync(process.execPath, [join(ROOT, "tools", "build-web.mjs"), "console", "--if-stale"], {
    cwd: ROOT,
    stdio: "inherit",
  });
  if (built.status !== 0) throw new Error(`building the console failed (exit ${built.status ?? built.signal})`);

  const child = spawn(process.execPath, ["--import", "tsx", join(__dirname, "serve.ts")], {
    cwd: ROOT,
    stdio: ["pipe", "pipe", "pipe"],
  });
  const output: string[] = [];
  const servers = await new Promise<E2eServers>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`the test servers did not start within 5 minutes:\n${output.join("")}`));
    }, 300_000);
    child.stdout.on("data", (chunk: Buffer) => {
      output.push(chunk.toString());
      const m = /^E2E_READY (.*)$/m.exec(output.join(""));
      if (m) {
        clearTimeout(timer);
        resolve(JSON.parse(m[1]) as E2eServers);
      }
    });
    child.stderr.on("data", (chunk: Buffer) => output.push(chunk.toString()));
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the test servers exited (${code}):\n${output.join("")}`));
    });
  });
  process.env.E2E_SERVERS = JSON.stringify(servers);
  return async () => {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.stdin.end();
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  };
}
