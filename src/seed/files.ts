import { readdirSync, readFileSync, existsSync } from "node:fs";
import { basename, join, relative } from "node:path";
import { z } from "zod";
import { projectRoot } from "../common/paths";
import {
  capabilitySchema,
  classificationSchemeSchema,
  documentSchema,
  jurisdictionGroupSchema,
  listingSchema,
  organisationSchema,
  schemeMappingSchema,
  SeedInventory,
} from "./seed.schema";

/** A problem found in the seed files, named by file and position so a reviewer can find it. */
export interface SeedProblem {
  file: string;
  where: string;
  message: string;
}

export const DEFAULT_SEED_DIR = join(projectRoot(), "seed");

function readJson(path: string, problems: SeedProblem[], root: string): unknown {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    problems.push({ file: relative(root, path), where: "", message: `not valid JSON: ${(e as Error).message}` });
    return undefined;
  }
}

function parseInto<T>(
  schema: z.ZodType<T>,
  value: unknown,
  file: string,
  where: string,
  problems: SeedProblem[],
  out: T[],
): void {
  const r = schema.safeParse(value);
  if (r.success) {
    out.push(r.data);
    return;
  }
  for (const issue of r.error.issues) {
    const path = issue.path.length ? `.${issue.path.join(".")}` : "";
    problems.push({ file, where: `${where}${path}`, message: issue.message });
  }
}

function parseArrayFile<T>(schema: z.ZodType<T>, path: string, root: string, problems: SeedProblem[], out: T[]): void {
  const file = relative(root, path);
  const value = readJson(path, problems, root);
  if (value === undefined) return;
  if (!Array.isArray(value)) {
    problems.push({ file, where: "", message: "must be a JSON array" });
    return;
  }
  value.forEach((item, i) => {
    const label = item && typeof item === "object" && "slug" in item ? `[${i}] ${String(item.slug)}` : `[${i}]`;
    parseInto(schema, item, file, label, problems, out);
  });
}

function jsonFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => join(dir, f));
}

/**
 * Reads and validates every seed file under `dir`. Shape errors are returned,
 * not thrown, so that a reviewer sees all of them at once.
 */
export function readSeed(dir: string = DEFAULT_SEED_DIR): { inventory: SeedInventory; problems: SeedProblem[] } {
  const problems: SeedProblem[] = [];
  const inv: SeedInventory = {
    documents: [],
    capabilities: [],
    organisations: [],
    listings: [],
    classificationSchemes: [],
    jurisdictionGroups: [],
    schemeMappings: [],
  };
  const required = <T>(schema: z.ZodType<T>, name: string, out: T[]) => {
    const path = join(dir, name);
    if (existsSync(path)) parseArrayFile(schema, path, dir, problems, out);
    else problems.push({ file: name, where: "", message: "file is missing" });
  };
  required(documentSchema, "documents.json", inv.documents);
  required(capabilitySchema, "capabilities.json", inv.capabilities);
  required(classificationSchemeSchema, "classification-schemes.json", inv.classificationSchemes);
  required(jurisdictionGroupSchema, "jurisdiction-groups.json", inv.jurisdictionGroups);
  // Optional: a seed without mappings has a crosswalk with no cells.
  const mappings = join(dir, "scheme-mappings.json");
  if (existsSync(mappings)) parseArrayFile(schemeMappingSchema, mappings, dir, problems, inv.schemeMappings);
  for (const path of jsonFiles(join(dir, "organisations"))) {
    const file = relative(dir, path);
    const value = readJson(path, problems, dir);
    if (value === undefined) continue;
    const before = inv.organisations.length;
    parseInto(organisationSchema, value, file, "", problems, inv.organisations);
    const org = inv.organisations[before];
    if (org && `${org.slug}.json` !== basename(path)) {
      problems.push({ file, where: "slug", message: `the file name must be the slug: ${org.slug}.json` });
    }
  }
  for (const path of jsonFiles(join(dir, "listings"))) {
    parseArrayFile(listingSchema, path, dir, problems, inv.listings);
  }
  return { inventory: inv, problems };
}
