#!/usr/bin/env node
// Installs the dependencies (npm ci) when node_modules is missing or does not
// match package-lock.json, so that `npm start`, `npm test` and the other
// scripts work as the first command run on a fresh clone. When node_modules is
// current it does nothing and prints nothing: `npm ci` deletes node_modules
// first, so running it needlessly would cost a minute and could pull the
// ground from under another command running in the same tree.
//
// "Current" is decided the way npm records it: npm writes the tree it
// installed to node_modules/.package-lock.json, so that file must list every
// package of package-lock.json at the same version, source and integrity
// (platform-specific optional packages may be absent), nothing more, and each
// listed folder must exist. package.json's dependency ranges must match the
// lock's root entry, else the lock is out of date and `npm install` is needed.
//
// `--check` only reports (exit 1 when an install is needed). No dependencies:
// this runs before any are installed.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const lockDir = join(root, ".ensure-deps.lock");
const WAIT_FOR_OTHER_INSTALL_MS = 15 * 60_000;
const DEP_FIELDS = ["dependencies", "devDependencies", "optionalDependencies", "peerDependencies"];
const ENTRY_FIELDS = ["version", "resolved", "integrity", "link"];

function readJson(path) {
  return JSON.parse(readFileSync(path, "utf8"));
}

function sameRanges(a = {}, b = {}) {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}

/** Why an install is needed, or null when node_modules matches package-lock.json. */
function staleReason() {
  const manifest = readJson(join(root, "package.json"));
  const lock = readJson(join(root, "package-lock.json"));
  const wanted = lock.packages ?? {};
  const rootEntry = wanted[""] ?? {};
  for (const field of DEP_FIELDS) {
    if (!sameRanges(manifest[field], rootEntry[field])) {
      throw new Error(`package.json's ${field} differ from package-lock.json: run \`npm install\` to update the lock`);
    }
  }
  const hiddenPath = join(root, "node_modules", ".package-lock.json");
  if (!existsSync(hiddenPath)) return "node_modules is not installed";
  const installed = readJson(hiddenPath).packages ?? {};
  for (const [path, entry] of Object.entries(wanted)) {
    if (path === "") continue;
    const have = installed[path];
    if (!have) {
      if (entry.optional || entry.devOptional) continue;
      return `${path} is not installed`;
    }
    for (const f of ENTRY_FIELDS) {
      if (have[f] !== entry[f]) return `${path}: installed ${f} ${have[f]}, package-lock.json has ${entry[f]}`;
    }
    if (!existsSync(join(root, path))) return `${path} is missing`;
  }
  for (const path of Object.keys(installed)) {
    if (!(path in wanted)) return `${path} is installed but not in package-lock.json`;
  }
  return null;
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === "EPERM";
  }
}

function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Two commands started together on a fresh clone (say `npm start` and
 * `npm test` in two terminals) would each run `npm ci` and delete the other's
 * node_modules. A directory made with mkdir (atomic) lets one install while
 * the other waits, bounded; a lock left by a process that died is taken over.
 */
function acquireLock() {
  for (const until = Date.now() + WAIT_FOR_OTHER_INSTALL_MS; Date.now() < until;) {
    try {
      mkdirSync(lockDir);
      writeFileSync(join(lockDir, "pid"), String(process.pid));
      return;
    } catch (e) {
      if (e.code !== "EEXIST") throw e;
    }
    let owner = NaN;
    try {
      owner = Number(readFileSync(join(lockDir, "pid"), "utf8"));
    } catch {
      // Just made by another process that has not written its pid yet.
    }
    if (Number.isInteger(owner) && owner > 0 && !alive(owner)) {
      rmSync(lockDir, { recursive: true, force: true });
      continue;
    }
    sleep(500);
  }
  throw new Error(`another install has held ${lockDir} for ${WAIT_FOR_OTHER_INSTALL_MS / 60_000} min`);
}

function npmCommand() {
  // Inside an npm script, use the npm that is running it.
  const cli = process.env.npm_execpath;
  if (cli && cli.endsWith(".js")) return [process.execPath, [cli]];
  return [process.platform === "win32" ? "npm.cmd" : "npm", []];
}

function main() {
  if (process.argv.includes("--check")) {
    const reason = staleReason();
    if (reason !== null) console.error(`dependencies need installing: ${reason}`);
    process.exit(reason === null ? 0 : 1);
  }
  if (staleReason() === null) return;
  acquireLock();
  try {
    const reason = staleReason();
    if (reason === null) return;
    console.error(`installing dependencies with npm ci (${reason})`);
    const [cmd, pre] = npmCommand();
    const r = spawnSync(cmd, [...pre, "ci", "--no-audit", "--no-fund"], { cwd: root, stdio: "inherit" });
    if (r.error) throw r.error;
    if (r.status !== 0) throw new Error(`npm ci exited with ${r.status ?? r.signal}`);
    const after = staleReason();
    // Not fatal: the install succeeded, and a mismatch here would otherwise mean an npm ci on every run.
    if (after !== null) console.error(`warning: after npm ci, node_modules still differs from the lock (${after})`);
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

try {
  main();
} catch (e) {
  console.error(`ensure-deps: ${e instanceof Error ? e.message : e}`);
  process.exit(1);
}
