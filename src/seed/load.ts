import { Model, Types } from "mongoose";
import type { Logger } from "../logger";
import { contentToToolFields, IdLookups, sourcesToDocs } from "../listings/content";
import { isoCountries } from "../catalog/jurisdictions/countries";
import { foldText } from "../common/text";
import { JurisdictionKind, PublicationState } from "../catalog/enums";
import { Models, ensureIndexes } from "../db/models";
import { SeedInventory, SeedSource } from "./seed.schema";
import { bumpCatalogueRevision } from "../catalog/snapshot";
import { CATALOGUE_STATE_ID } from "../catalog/catalogue.model";
import { SchemeMappingStatus } from "../crosswalk/scheme-mapping.model";
import { levelKeyOf } from "../catalog/classification-schemes/classification-scheme.model";

/** The key a seeded mapping is upserted by. */
export const seedMappingKey = (m: { fromScheme: string; fromLevel: string; toScheme: string; toLevel: string }) =>
  `${m.fromScheme}/${m.fromLevel}->${m.toScheme}/${m.toLevel}`;

export interface SyncCounts {
  created: number;
  updated: number;
  unchanged: number;
  /** Records left as they are because they have been edited through the API since. */
  kept: number;
}

export type SeedReport = Record<string, SyncCounts>;

/** Thrown when the inventory refers to something that does not exist; nothing has been written by then. */
export class SeedReferenceError extends Error {}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => {
    if (v instanceof Types.ObjectId) return v.toHexString();
    if (v && typeof v === "object" && !Array.isArray(v) && !(v instanceof Date)) {
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)));
    }
    return v;
  });
}

/**
 * Upserts records by their key, one document write each, so an interrupted
 * run leaves whole documents and a rerun converges. A record whose stored
 * fields already equal it is not written.
 */
async function sync<D, T extends Record<string, unknown>>(
  model: Model<D>,
  key: "slug" | "code" | "seedKey",
  records: T[],
  keep: (stored: Record<string, unknown>) => boolean = () => false,
): Promise<{ counts: SyncCounts; ids: Map<string, Types.ObjectId>; lastUpdated: number }> {
  const fields = [...new Set(records.flatMap((r) => Object.keys(r)))];
  const existing = await model
    .find({}, Object.fromEntries([...fields, "_id", "updatedAt"].map((f) => [f, 1])))
    .lean<(Record<string, unknown> & { _id: Types.ObjectId })[]>();
  const byKey = new Map(existing.map((e) => [String(e[key]), e]));
  const counts: SyncCounts = { created: 0, updated: 0, unchanged: 0, kept: 0 };
  const ids = new Map<string, Types.ObjectId>(existing.map((e) => [String(e[key]), e._id]));
  for (const record of records) {
    const found = byKey.get(String(record[key]));
    if (!found) {
      const _id = new Types.ObjectId();
      await model.create([{ _id, ...record } as unknown as D]);
      ids.set(String(record[key]), _id);
      counts.created++;
      continue;
    }
    const stored = Object.fromEntries(Object.keys(record).map((f) => [f, found[f] ?? null]));
    if (keep(found)) {
      counts.kept++;
    } else if (canonical(stored) === canonical(record)) {
      counts.unchanged++;
    } else {
      await model.updateOne({ _id: found._id }, { $set: record as Partial<D> }, { runValidators: true });
      counts.updated++;
    }
  }
  const lastUpdated = Math.max(0, ...existing.map((e) => (e.updatedAt instanceof Date ? e.updatedAt.getTime() : 0)));
  return { counts, ids, lastUpdated };
}

function resolver(kind: string, ids: Map<string, Types.ObjectId>) {
  return (slug: string, where: string): Types.ObjectId => {
    const id = ids.get(slug);
    if (!id) throw new SeedReferenceError(`${where}: unknown ${kind} "${slug}"`);
    return id;
  };
}

/**
 * Loads a validated inventory idempotently: upsert by slug (or code), in
 * dependency order, reporting per collection what was created, updated or
 * left unchanged.
 */
export async function loadSeed(
  models: Models,
  inv: SeedInventory,
  log?: Logger,
  onStep?: (collection: string, counts: SyncCounts) => void,
): Promise<SeedReport> {
  await ensureIndexes(models);
  const report: SeedReport = {};
  const step = (name: string, counts: SyncCounts) => {
    report[name] = counts;
    log?.info({ collection: name, ...counts }, `seed: ${name}`);
    onStep?.(name, counts);
  };

  const docs = await sync(
    models.Document,
    "slug",
    inv.documents.map((d) => ({ ...d, summary: d.summary ?? null })),
  );
  step("documents", docs.counts);
  const sources = (list: SeedSource[], where: string) => {
    try {
      return sourcesToDocs(list, { document: (slug) => docs.ids.get(slug) });
    } catch (e) {
      throw new SeedReferenceError(`${where}: ${(e as Error).message}`);
    }
  };

  // Capabilities parent-first, so every parent id exists when a child is written.
  const bySlug = new Map(inv.capabilities.map((c) => [c.slug, c]));
  const pathOf = (slug: string): string[] => {
    const c = bySlug.get(slug);
    if (!c) throw new SeedReferenceError(`capabilities: unknown capability "${slug}"`);
    return c.parent ? [...pathOf(c.parent), slug] : [slug];
  };
  const ordered = [...inv.capabilities].sort((a, b) => pathOf(a.slug).length - pathOf(b.slug).length);
  const capCounts: SyncCounts = { created: 0, updated: 0, unchanged: 0, kept: 0 };
  let capIds = new Map<string, Types.ObjectId>();
  for (let depth = 1; ordered.some((c) => pathOf(c.slug).length === depth); depth++) {
    const level = ordered.filter((c) => pathOf(c.slug).length === depth);
    const r = await sync(
      models.Capability,
      "slug",
      level.map((c) => ({
        slug: c.slug,
        name: c.name,
        description: c.description ?? null,
        parent: c.parent ? resolver("capability", capIds)(c.parent, `capabilities ${c.slug}`) : null,
        path: `/${pathOf(c.slug).join("/")}/`,
        depth: depth - 1,
        order: inv.capabilities.indexOf(c),
        synonyms: (c.synonyms ?? []).map((y) => ({
          term: y.term,
          sources: sources(y.sources, `capabilities ${c.slug} synonyms`),
        })),
      })),
    );
    capIds = new Map([...capIds, ...r.ids]);
    capCounts.created += r.counts.created;
    capCounts.updated += r.counts.updated;
    capCounts.unchanged += r.counts.unchanged;
  }
  step("capabilities", capCounts);

  const jurisdictions = [
    ...isoCountries().map((c) => ({
      code: c.code,
      name: c.name,
      kind: JurisdictionKind.COUNTRY,
      members: [] as string[],
      sources: [] as ReturnType<typeof sources>,
    })),
    ...inv.jurisdictionGroups.map((g) => ({
      code: g.code,
      name: g.name,
      kind: JurisdictionKind.GROUP,
      members: [...g.members].sort(),
      sources: sources(g.sources, `jurisdiction-groups ${g.code}`),
    })),
  ];
  step("jurisdictions", (await sync(models.Jurisdiction, "code", jurisdictions)).counts);

  const orgs = await sync(
    models.Organisation,
    "slug",
    inv.organisations.map((o) => ({
      ...o,
      sortName: foldText(o.name),
      sources: sources(o.sources, `organisations/${o.slug}`),
    })),
  );
  step("organisations", orgs.counts);

  // A scheme whose levels a reviewer has changed through the API is theirs now: the seed never overwrites it.
  const curated = new Set(
    (await models.ClassificationScheme.find({ curated: true }, { slug: 1 }).lean<{ slug: string }[]>()).map(
      (s) => s.slug,
    ),
  );
  const schemes = await sync(
    models.ClassificationScheme,
    "slug",
    inv.classificationSchemes.map((s) => ({
      ...s,
      levels: s.levels.map((l) => ({
        key: levelKeyOf(s.slug, l),
        ...l,
        sources: sources(l.sources, `classification-schemes ${s.slug} ${l.code}`),
      })),
      sources: sources(s.sources, `classification-schemes ${s.slug}`),
    })),
    (stored) => curated.has(String(stored.slug)),
  );
  step("classificationSchemes", schemes.counts);

  // A seeded mapping that a reviewer has since retired is theirs now: the seed never brings it back.
  const mappings = await sync(
    models.SchemeMapping,
    "seedKey",
    inv.schemeMappings.map((m) => ({
      seedKey: seedMappingKey(m),
      ...m,
      sources: sources(m.sources, `scheme-mappings ${seedMappingKey(m)}`),
      status: SchemeMappingStatus.APPROVED,
    })),
    (stored) => stored.status !== SchemeMappingStatus.APPROVED,
  );
  step("schemeMappings", mappings.counts);

  const orgById = new Map(inv.organisations.map((o) => [o.slug, o.name]));
  const lookups: IdLookups = {
    organisation: (slug) => {
      const id = orgs.ids.get(slug);
      return id ? { id, name: orgById.get(slug) ?? slug } : undefined;
    },
    capability: (slug) => capIds.get(slug),
    scheme: (slug) => schemes.ids.get(slug),
    document: (slug) => docs.ids.get(slug),
  };
  const tools = inv.listings.map((l) => {
    try {
      return {
        ...contentToToolFields(l, lookups),
        publicationState: PublicationState.PUBLISHED,
        revision: 1,
        latestRevision: 1,
      };
    } catch (e) {
      throw new SeedReferenceError(`listings ${l.slug}: ${(e as Error).message}`);
    }
  });
  // A listing edited, reviewed or archived through the API belongs to its
  // editors now: the seed never overwrites it.
  const listings = await sync(
    models.Tool,
    "slug",
    tools,
    (stored) =>
      (typeof stored.latestRevision === "number" && stored.latestRevision > 1) ||
      (typeof stored.revision === "number" && stored.revision !== 1) ||
      (stored.publicationState !== undefined && stored.publicationState !== PublicationState.PUBLISHED),
  );
  step("listings", listings.counts);

  // Readers cache the catalogue by revision: bump it when anything changed,
  // or when an earlier run wrote documents but stopped before bumping.
  const state = await models.CatalogueState.findOne({ _id: CATALOGUE_STATE_ID }).lean();
  const lastWrite = Math.max(orgs.lastUpdated, listings.lastUpdated);
  if (reportChanged(report) || !state || state.changedAt.getTime() < lastWrite) {
    const revision = await bumpCatalogueRevision(models);
    log?.info({ revision }, "seed: catalogue revision moved");
  }
  return report;
}

export function reportChanged(report: SeedReport): boolean {
  return Object.values(report).some((c) => c.created > 0 || c.updated > 0);
}
