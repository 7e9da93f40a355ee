import DataLoader from "dataloader";
import mongoose, { Types } from "mongoose";
import type { Models } from "../db/models";
import type { UserDoc } from "../accounts/user.model";
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

/** A loader answering from one of the snapshot's maps: no query. */
function fromSnapshot<T extends { _id: Types.ObjectId }>(
  catalogue: () => Promise<CatalogueSnapshot>,
  map: (s: CatalogueSnapshot) => Map<string, T>,
) {
  return byIdLoader<T>(async (ids) => {
    const byId = map(await catalogue());
    return ids.flatMap((id) => byId.get(id.toHexString()) ?? []);
  });
}

/**
 * Per-request loaders: every field resolver goes through these. Listings,
 * organisations and the reference data they point at are all in the
 * catalogue snapshot, so a page of any size costs no query beyond the
 * snapshot's revision check. Users are not in the snapshot: a page of
 * tokens or saved reports costs one `_id $in` read for all their users.
 */
export function createLoaders(catalogue: () => Promise<CatalogueSnapshot>, models: Models) {
  const allCapabilities = once(async (): Promise<CapabilityDoc[]> => (await catalogue()).capabilities);
  const allJurisdictions = once(async (): Promise<JurisdictionDoc[]> => (await catalogue()).jurisdictions);
  return {
    organisation: fromSnapshot<OrganisationDoc>(catalogue, (s) => s.organisationById),
    document: fromSnapshot<DocumentDoc>(catalogue, (s) => s.documentById),
    classificationScheme: fromSnapshot<ClassificationSchemeDoc>(catalogue, (s) => s.classificationSchemeById),
    user: byIdLoader<UserDoc>((ids) => models.User.find({ _id: mongoose.trusted({ $in: ids }) }).lean<UserDoc[]>()),
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
