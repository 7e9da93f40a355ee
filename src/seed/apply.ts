import type { Models } from "../db/models";
import type { Logger } from "../logger";
import { readSeed } from "./files";
import { checkIntegrity } from "./integrity";
import { loadSeed, reportChanged, SeedReport, SyncCounts } from "./load";

/** Thrown when the seed files do not validate; lists every problem, and nothing has been written. */
export class SeedInvalidError extends Error {}

/** Validates the seed files, then loads them; refuses to write anything if any file is invalid. */
export async function applySeed(
  models: Models,
  log: Logger,
  dir?: string,
  onStep?: (collection: string, counts: SyncCounts) => void,
): Promise<{ report: SeedReport; changed: boolean }> {
  const { inventory, problems } = readSeed(dir);
  const all = [...problems, ...checkIntegrity(inventory)];
  if (all.length) {
    throw new SeedInvalidError(
      `seed files are invalid (${all.length} problem(s)):\n  ${all
        .map((p) => `${p.file}${p.where ? ` ${p.where}` : ""}: ${p.message}`)
        .join("\n  ")}`,
    );
  }
  const report = await loadSeed(models, inventory, log, onStep);
  return { report, changed: reportChanged(report) };
}
