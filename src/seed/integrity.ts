import { LicenseModel } from "../catalog/enums";
import { isCountryCode } from "../catalog/jurisdictions/countries";
import { listingSlugNamespace, SeedInventory, SeedListing, SeedSource } from "./seed.schema";
import { SeedProblem } from "./files";
import { synonymProblems } from "../catalog/capabilities/synonyms";
import { levelSetProblems, MappingEdge, MappingRelation, mappingProblems } from "../crosswalk/crosswalk";

/**
 * Cross-file checks on a validated inventory: every reference resolves, and
 * no slug or name is used twice. Pure: it reads nothing but its argument.
 */
export function checkIntegrity(inv: SeedInventory): SeedProblem[] {
  const problems: SeedProblem[] = [];
  const report = (file: string, where: string, message: string) => problems.push({ file, where, message });

  const uniques = <T>(items: T[], file: string, keyOf: (t: T) => string, what: string, labelOf: (t: T) => string) => {
    const seen = new Map<string, string>();
    for (const item of items) {
      const key = keyOf(item);
      const other = seen.get(key);
      if (other !== undefined) report(file, labelOf(item), `duplicate ${what} (also ${other})`);
      else seen.set(key, labelOf(item));
    }
    return new Set(seen.keys());
  };
  const normName = (s: string) => s.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().replace(/\s+/g, " ").trim();

  const docs = uniques(
    inv.documents,
    "documents.json",
    (d) => d.slug,
    "slug",
    (d) => d.slug,
  );
  const caps = uniques(
    inv.capabilities,
    "capabilities.json",
    (c) => c.slug,
    "slug",
    (c) => c.slug,
  );
  const orgs = uniques(
    inv.organisations,
    "organisations/",
    (o) => o.slug,
    "slug",
    (o) => o.slug,
  );
  uniques(
    inv.organisations,
    "organisations/",
    (o) => normName(o.name),
    "name",
    (o) => o.slug,
  );
  const schemes = uniques(
    inv.classificationSchemes,
    "classification-schemes.json",
    (s) => s.slug,
    "slug",
    (s) => s.slug,
  );
  uniques(
    inv.listings,
    "listings/",
    (l) => l.slug,
    "slug",
    (l) => l.slug,
  );
  uniques(
    inv.listings,
    "listings/",
    (l) => normName(l.name),
    "name",
    (l) => l.slug,
  );
  uniques(
    inv.jurisdictionGroups,
    "jurisdiction-groups.json",
    (g) => g.code,
    "code",
    (g) => g.code,
  );

  const checkSources = (file: string, label: string, sources: SeedSource[]) =>
    sources.forEach((s, i) => {
      if (s.document && !docs.has(s.document))
        report(file, `${label}.sources.${i}`, `unknown document "${s.document}"`);
    });
  const checkCountry = (file: string, where: string, c: string | null) => {
    if (c !== null && !isCountryCode(c)) report(file, where, `unknown country code "${c}"`);
  };

  const parentOf = new Map(inv.capabilities.map((c) => [c.slug, c.parent]));
  for (const c of inv.capabilities) {
    if (c.parent !== null && !caps.has(c.parent)) report("capabilities.json", c.slug, `unknown parent "${c.parent}"`);
    const seen = new Set<string>();
    for (let p: string | null | undefined = c.slug; p; p = parentOf.get(p)) {
      if (seen.has(p)) {
        report("capabilities.json", c.slug, "the parent chain loops");
        break;
      }
      seen.add(p);
    }
  }

  for (const c of inv.capabilities) {
    for (const p of synonymProblems(c.name, c.synonyms ?? [], docs))
      report("capabilities.json", [c.slug, "synonyms", ...p.path].join("."), p.message);
  }

  for (const o of inv.organisations) {
    const file = `organisations/${o.slug}.json`;
    checkCountry(file, "country", o.country);
    checkSources(file, "", o.sources);
    if (!citesDocument(o.sources)) report(file, "sources", CITE_A_DOCUMENT);
  }

  for (const s of inv.classificationSchemes) {
    s.jurisdictions.forEach((j, i) => checkCountry("classification-schemes.json", `${s.slug}.jurisdictions.${i}`, j));
    checkSources("classification-schemes.json", s.slug, s.sources);
    for (const p of levelSetProblems(s.levels))
      report("classification-schemes.json", `${s.slug}.levels.${p.index}.${p.field}`, p.message);
    s.levels.forEach((l, i) => {
      const label = `${s.slug}.levels.${i}`;
      checkSources("classification-schemes.json", label, l.sources);
      if (!citesDocument(l.sources)) report("classification-schemes.json", `${label}.sources`, CITE_A_SOURCE);
    });
  }

  const levelsOf = new Map(inv.classificationSchemes.map((s) => [s.slug, s.levels.map((l) => l.code)]));
  const accepted: MappingEdge[] = [];
  inv.schemeMappings.forEach((m, i) => {
    const label = `[${i}] ${m.fromScheme}/${m.fromLevel} -> ${m.toScheme}/${m.toLevel}`;
    checkSources("scheme-mappings.json", label, m.sources);
    if (!citesDocument(m.sources)) report("scheme-mappings.json", `${label}.sources`, CITE_A_SOURCE);
    const relation = m.relation as MappingRelation;
    const problems = mappingProblems({ ...m, relation }, (slug) => levelsOf.get(slug), accepted);
    for (const p of problems) report("scheme-mappings.json", `${label}.${p.field}`, p.message);
    if (!problems.length)
      accepted.push({
        id: String(i),
        from: { scheme: m.fromScheme, level: m.fromLevel },
        to: { scheme: m.toScheme, level: m.toLevel },
        relation,
      });
  });

  for (const g of inv.jurisdictionGroups) {
    g.members.forEach((m, i) => checkCountry("jurisdiction-groups.json", `${g.code}.members.${i}`, m));
    if (new Set(g.members).size !== g.members.length)
      report("jurisdiction-groups.json", g.code, "a member is listed twice");
    checkSources("jurisdiction-groups.json", g.code, g.sources);
  }

  for (const l of inv.listings) {
    for (const p of listingReferenceProblems(l, {
      organisations: orgs,
      capabilities: caps,
      schemes,
      documents: docs,
    })) {
      report("listings/", `${l.slug}.${p.path.join(".")}`, p.message);
    }
    for (const p of seedListingProblems(l)) report("listings/", `${l.slug}.${p.path.join(".")}`, p.message);
  }
  return problems;
}

const CITE_A_DOCUMENT =
  "cite at least one source document with a locator; URLs alone are facts from elsewhere and cannot carry an entry";

/** Levels and mappings are claims about what a source says: no citation, no level, no mapping. */
const CITE_A_SOURCE = "cite at least one source document with a locator: no source, no level or mapping";

const citesDocument = (sources: SeedSource[]) =>
  sources.some((s) => Boolean(s.document) && s.locator.trim().length > 0);

/**
 * What the seed holds itself to beyond what the listing editor accepts from
 * vendors: a listing rests on a cited document with a locator, never on URLs
 * alone, and an OPEN_SOURCE offer names the SPDX licence read from the tool's
 * licence file (an unread licence is the UNKNOWN model, not open source with
 * a blank). Pure, like the rest of this file.
 */
export function seedListingProblems(l: SeedListing): { path: string[]; message: string }[] {
  const out: { path: string[]; message: string }[] = [];
  if (!citesDocument(l.sources)) out.push({ path: ["sources"], message: CITE_A_DOCUMENT });
  l.offers.forEach((o, i) => {
    if (o.model === LicenseModel.OPEN_SOURCE && !o.spdxLicense)
      out.push({
        path: ["offers", String(i), "spdxLicense"],
        message:
          "an OPEN_SOURCE offer names its SPDX licence from the tool's licence file; when none was read, the model is UNKNOWN",
      });
  });
  return out;
}

/** The slugs and codes a listing may refer to. */
export interface KnownReferences {
  organisations: Set<string>;
  capabilities: Set<string>;
  schemes: Set<string>;
  documents: Set<string>;
}

/**
 * What in one listing refers to something that does not exist, with the path
 * of the field; shared by the seed checker and the listing editor so both
 * apply the same rules.
 */
export function listingReferenceProblems(
  l: SeedListing,
  known: KnownReferences,
): { path: string[]; message: string; code?: "INVALID" }[] {
  const out: { path: string[]; message: string; code?: "INVALID" }[] = [];
  const namespace = listingSlugNamespace(l.slug);
  if (namespace !== null && namespace !== l.organisation) {
    // Keeps each organisation's namespace to its own listings, so a vendor's new slug collides only with those.
    out.push({
      path: ["slug"],
      message: `a slug ending in "--${namespace}" is for listings of "${namespace}" only`,
      code: "INVALID",
    });
  }
  if (l.organisation !== null && !known.organisations.has(l.organisation)) {
    out.push({ path: ["organisation"], message: `unknown organisation "${l.organisation}"` });
  }
  l.capabilities.forEach((c, i) => {
    if (!known.capabilities.has(c))
      out.push({ path: ["capabilities", String(i)], message: `unknown capability "${c}"` });
  });
  l.classificationSchemes.forEach((c, i) => {
    if (!known.schemes.has(c))
      out.push({ path: ["classificationSchemes", String(i)], message: `unknown classification scheme "${c}"` });
  });
  l.availability.forEach((a, i) => {
    if (!isCountryCode(a.jurisdiction))
      out.push({
        path: ["availability", String(i), "jurisdiction"],
        message: `unknown country code "${a.jurisdiction}"`,
      });
  });
  if (new Set(l.availability.map((a) => a.jurisdiction)).size !== l.availability.length) {
    out.push({ path: ["availability"], message: "a jurisdiction is listed twice" });
  }
  l.sources.forEach((s, i) => {
    if (s.document && !known.documents.has(s.document))
      out.push({ path: ["sources", String(i), "document"], message: `unknown document "${s.document}"` });
  });
  return out;
}
