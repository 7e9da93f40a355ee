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

export const servedIn = (l: SeedListing, countries: Iterable<string>) => {
  const set = new Set(countries);
  return l.availability.some((a) => set.has(a.jurisdiction) && (a.status === "AVAILABLE" || a.status === "IN_USE"));
};

export const slugsOf = (ls: SeedListing[]) => ls.map((l) => l.slug).sort();
