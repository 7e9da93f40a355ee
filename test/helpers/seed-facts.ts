import { readSeed } from "../../src/seed/files";
import type { SeedListing } from "../../src/seed/seed.schema";

/**
 * The seed inventory read straight from the files, so tests can count the
 * expected answers by a path independent of the API.
 */
export const seed = readSeed().inventory;

export const publicListings: SeedListing[] = seed.listings.filter((l) => l.visibility === "PUBLIC");

/** Capability slugs in the subtree of `slug` (itself included). */
export function subtree(slug: string): Set<string> {
  const out = new Set([slug]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const c of seed.capabilities) {
      if (c.parent && out.has(c.parent) && !out.has(c.slug)) {
        out.add(c.slug);
        grew = true;
      }
    }
  }
  return out;
}

export function groupMembers(code: string): string[] {
  const g = seed.jurisdictionGroups.find((x) => x.code === code);
  if (!g) throw new Error(`no group ${code}`);
  return g.members;
}

const SERVING = (status: string) => status === "AVAILABLE" || status === "IN_USE";

/**
 * Whether a listing serves any of the countries: one it states it is
 * available or in use in; for one stated available worldwide, any country it
 * does not state unavailable or restricted in.
 */
export const servedIn = (l: SeedListing, countries: Iterable<string>) => {
  const set = new Set(countries);
  if (l.availableWorldwide) {
    const excepted = new Set(l.availability.filter((a) => !SERVING(a.status)).map((a) => a.jurisdiction));
    return [...set].some((c) => !excepted.has(c));
  }
  return l.availability.some((a) => set.has(a.jurisdiction) && SERVING(a.status));
};

export const slugsOf = (ls: SeedListing[]) => ls.map((l) => l.slug).sort();
