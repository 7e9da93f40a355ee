import DataLoader from "dataloader";
import mongoose, { Types } from "mongoose";
import type { Models } from "../db/models";
import type { CapabilityDoc } from "./capabilities/capability.model";
import type { ClassificationSchemeDoc } from "./classification-schemes/classification-scheme.model";
import type { DocumentDoc } from "./documents/document.model";
import type { JurisdictionDoc } from "./jurisdictions/jurisdiction.model";
import type { CatalogueSnapshot } from "./snapshot";
import type { OrganisationDoc } from "./organisations/organisation.model";

/** Batches lookups by id into one `$in` query and answers in key order, `null` for a miss. */
function byIdLoader<T extends { _id: Types.ObjectId }>(fetch: (ids: Types.ObjectId[]) => Promise<T[]>) {
  return new DataLoader<string, T | null>(
    async (keys) => {
      const ids = keys.filter((k) => Types.ObjectId.isValid(k)).map((k) => new Types.ObjectId(k));
      const found = new Map((await fetch(ids)).map((d) => [d._id.toHexString(), d]));
      return keys.map((k) => found.get(k) ?? null);
    },
    { maxBatchSize: 1000 },
  );
}

/** Memoises one whole-collection read for the life of a request. */
function once<T>(read: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | undefined;
  return () => (p ??= read());
}

/**
 * Per-request loaders: every field resolver goes through these, so a page of
 * any size costs the same few queries. Small reference collections (the
 * taxonomy, jurisdictions) are read whole once per request.
 */
export function createLoaders(m: Models, catalogue: () => Promise<CatalogueSnapshot>) {
  const allCapabilities = once(() =>
    m.Capability.find({ retired: false }).sort({ order: 1, slug: 1 }).lean<CapabilityDoc[]>(),
  );
  const allJurisdictions = once(() => m.Jurisdiction.find({}).sort({ code: 1 }).lean<JurisdictionDoc[]>());
  return {
    // Organisations are part of the catalogue snapshot, so this batch costs no query.
    organisation: byIdLoader<OrganisationDoc>(async (ids) => {
      const { organisationById } = await catalogue();
      return ids.flatMap((id) => organisationById.get(id.toHexString()) ?? []);
    }),
    document: byIdLoader((ids) => m.Document.find({ _id: mongoose.trusted({ $in: ids }) }).lean<DocumentDoc[]>()),
    classificationScheme: byIdLoader((ids) =>
      m.ClassificationScheme.find({ _id: mongoose.trusted({ $in: ids }) }).lean<ClassificationSchemeDoc[]>(),
    ),
    allCapabilities,
    allJurisdictions,
    capabilityIndex: once(async () => {
      const all = await allCapabilities();
      return {
        all,
        byId: new Map(all.map((c) => [c._id.toHexString(), c])),
        bySlug: new Map(all.map((c) => [c.slug, c])),
      };
    }),
    jurisdictionIndex: once(async () => {
      const all = await allJurisdictions();
      return { all, byCode: new Map(all.map((j) => [j.code, j])) };
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
