import type { Models } from "../db/models";
import { CATALOGUE_STATE_ID } from "./catalogue.model";
import { PublicationState } from "./enums";
import type { OrganisationDoc } from "./organisations/organisation.model";
import type { ToolDoc } from "./tools/tool.model";

/**
 * Every published listing and every organisation, as of one catalogue
 * revision. Search, facets, counts and reports run over this in memory; the
 * database is asked once per request whether the revision has moved.
 */
export interface CatalogueSnapshot {
  revision: number;
  listings: ToolDoc[];
  listingById: Map<string, ToolDoc>;
  listingBySlug: Map<string, ToolDoc>;
  organisationById: Map<string, OrganisationDoc>;
  organisationBySlug: Map<string, OrganisationDoc>;
}

/** Bumps the catalogue revision; every write to listings or organisations calls this after writing. */
export async function bumpCatalogueRevision(models: Models): Promise<number> {
  await models.CatalogueState.updateOne(
    { _id: CATALOGUE_STATE_ID },
    { $inc: { revision: 1 }, $set: { changedAt: new Date() } },
    { upsert: true },
  );
  return readRevision(models);
}

async function readRevision(models: Models): Promise<number> {
  const state = await models.CatalogueState.findOne({ _id: CATALOGUE_STATE_ID }).lean();
  return state?.revision ?? 0;
}

/**
 * Keeps the latest snapshot of the catalogue for this process. A request
 * reads the revision (one lookup by `_id`, which both MongoDB and FerretDB
 * answer from an index) and reuses the snapshot if it is current; otherwise
 * one load is shared by all requests waiting for it. Reading the revision
 * before the listings means a write racing the load is picked up by the next
 * request, never lost.
 */
export class CatalogueSnapshots {
  private latest: CatalogueSnapshot | null = null;
  private loading: { revision: number; promise: Promise<CatalogueSnapshot> } | null = null;

  constructor(private readonly models: Models) {}

  async current(): Promise<CatalogueSnapshot> {
    const revision = await readRevision(this.models);
    if (this.latest && this.latest.revision === revision) return this.latest;
    if (this.loading && this.loading.revision === revision) return this.loading.promise;
    const promise = this.load(revision).finally(() => {
      if (this.loading?.promise === promise) this.loading = null;
    });
    this.loading = { revision, promise };
    return promise;
  }

  private async load(revision: number): Promise<CatalogueSnapshot> {
    const [listings, organisations] = await Promise.all([
      this.models.Tool.find({ publicationState: PublicationState.PUBLISHED }).lean<ToolDoc[]>(),
      this.models.Organisation.find({}).lean<OrganisationDoc[]>(),
    ]);
    const snapshot: CatalogueSnapshot = {
      revision,
      listings,
      listingById: new Map(listings.map((t) => [t._id.toHexString(), t])),
      listingBySlug: new Map(listings.map((t) => [t.slug, t])),
      organisationById: new Map(organisations.map((o) => [o._id.toHexString(), o])),
      organisationBySlug: new Map(organisations.map((o) => [o.slug, o])),
    };
    if (!this.latest || this.latest.revision <= revision) this.latest = snapshot;
    return snapshot;
  }
}
