#!/usr/bin/env node
// Makes sure Chromium is installed for the browser tests (test/browser/),
// which drive Debian's chromium package with playwright-core. Playwright's
// own browser download needs the internet; Debian's package comes from the
// package mirror like any other. As root, a missing chromium is installed
// with apt-get; otherwise this fails naming the command to run, so the
// browser tests never silently skip. CHROMIUM_PATH names another binary.
//
// Prints nothing when the browser is there. No dependencies: this runs
// before jest, possibly on a fresh clone.
import { spawnSync } from "node:child_process";
import { accessSync, constants } from "node:fs";

const CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];

function executable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function found() {
  const given = process.env.CHROMIUM_PATH;
  if (given) return executable(given) ? given : null;
  return CANDIDATES.find(executable) ?? null;
}

function run(cmd, args) {
  console.error(`ensure-browser: ${cmd} ${args.join(" ")}`);
  const r = spawnSync(cmd, args, {
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} exited with ${r.status ?? r.signal}`);
}

function main() {
  if (found()) return;
  if (process.env.CHROMIUM_PATH) {
    throw new Error(`CHROMIUM_PATH=${process.env.CHROMIUM_PATH} is not an executable file`);
  }
  const asRoot = typeof process.getuid === "function" && process.getuid() === 0;
  const haveApt = executable("/usr/bin/apt-get");
  if (!asRoot || !haveApt) {
    throw new Error(
      "the browser tests need Chromium, which is not installed: run `sudo apt-get install -y chromium` " +
        "(Debian/Ubuntu), or set CHROMIUM_PATH to a Chromium or Chrome binary",
    );
  }
  console.error("ensure-browser: chromium is not installed; installing Debian's package for the browser tests");
  run("apt-get", ["update"]);
  run("apt-get", ["install", "-y", "chromium"]);
  if (!found()) throw new Error("apt-get installed chromium, but no chromium binary was found");
}

try {
  main();
} catch (e) {
  console.error(`ensure-browser: ${e instanceof Error ? e.message : e}`);
  process.exit(1);
}
