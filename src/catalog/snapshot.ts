import { createHash } from "node:crypto";
import type { Models } from "../db/models";
import { CATALOGUE_STATE_ID } from "./catalogue.model";
import { PublicationState } from "./enums";
import type { OrganisationDoc } from "./organisations/organisation.model";
import type { ToolDoc } from "./tools/tool.model";
import type { CapabilityDoc } from "./capabilities/capability.model";
import type { JurisdictionDoc } from "./jurisdictions/jurisdiction.model";
import type { DocumentDoc } from "./documents/document.model";
import type { ClassificationSchemeDoc } from "./classification-schemes/classification-scheme.model";

/**
 * Every published listing and every organisation, and the reference data
 * they point at (the live taxonomy, jurisdictions, documents, classification
 * schemes), as of one catalogue revision. Search, facets, counts and reports
 * run over this in memory; the database is asked once per request whether
 * the revision has moved.
 */
export interface CatalogueSnapshot {
  revision: number;
  listings: ToolDoc[];
  listingById: Map<string, ToolDoc>;
  listingBySlug: Map<string, ToolDoc>;
  organisationById: Map<string, OrganisationDoc>;
  organisationBySlug: Map<string, OrganisationDoc>;
  /** Capabilities not retired, in taxonomy order, each with its synonyms (`[]` when it has none). */
  capabilities: CapabilityDoc[];
  /** Countries and groups, by code. */
  jurisdictions: JurisdictionDoc[];
  documentById: Map<string, DocumentDoc>;
  classificationSchemeById: Map<string, ClassificationSchemeDoc>;
}

/**
 * Fields left out of fingerprints: bookkeeping that moves when nobody's view
 * changes (an unpublished edit raises a published listing's
 * `latestRevision` and `updatedAt`), fields derived from the others
 * (`sortName`, `searchText`, `servedJurisdictions`), and contact details,
 * which reports and anonymous callers never read.
 */
const UNSEEN_FIELDS = new Set([
  "latestRevision",
  "updatedAt",
  "createdAt",
  "__v",
  "contact",
  "sortName",
  "searchText",
  "servedJurisdictions",
]);

const seen = (doc: object) => Object.fromEntries(Object.entries(doc).filter(([key]) => !UNSEEN_FIELDS.has(key)));

/** Detects change, it does not protect anything: SHA-1 is fast enough for 10,000 listings. */
const fingerprint = (value: unknown) => createHash("sha1").update(JSON.stringify(value)).digest("base64url");

/** What a write to a listing always moves, so an unchanged stamp means an unchanged listing. */
const stampOf = (t: ToolDoc) =>
  [t.updatedAt?.getTime(), t.revision, t.latestRevision, t.lastVerifiedAt?.getTime(), t.visibility].join("|");

/**
 * The listing fingerprints of the last snapshot fingerprinted, by id with
 * the stamp they were computed for: the next snapshot hashes only the
 * listings written since (a handful), not all 10,000 again.
 */
let lastListingFingerprints = new Map<string, { stamp: string; fingerprint: string }>();

interface Fingerprints {
  /** The reference data every caller sees alike: taxonomy, jurisdictions, organisations, documents, schemes. */
  reference: string;
  /** Each published listing's fingerprint, in `_id` order so that every process hashes them alike. */
  listings: { listing: ToolDoc; fingerprint: string }[];
  byAudience: Map<string, string>;
}

const fingerprints = new WeakMap<CatalogueSnapshot, Fingerprints>();

function fingerprintsOf(s: CatalogueSnapshot): Fingerprints {
  let f = fingerprints.get(s);
  if (!f) {
    const byId = <T extends { _id: { toHexString(): string } }>(xs: Iterable<T>) =>
      [...xs].sort((a, b) => (a._id.toHexString() < b._id.toHexString() ? -1 : 1));
    const next = new Map<string, { stamp: string; fingerprint: string }>();
    const listings = byId(s.listings).map((listing) => {
      const id = listing._id.toHexString();
      const stamp = stampOf(listing);
      const known = lastListingFingerprints.get(id);
      const entry = known?.stamp === stamp ? known : { stamp, fingerprint: fingerprint(seen(listing)) };
      next.set(id, entry);
      return { listing, fingerprint: entry.fingerprint };
    });
    lastListingFingerprints = next;
    f = {
      reference: fingerprint([
        s.capabilities.map(seen),
        s.jurisdictions.map(seen),
        byId(s.organisationById.values()).map(seen),
        byId(s.documentById.values()).map(seen),
        byId(s.classificationSchemeById.values()).map(seen),
      ]),
      listings,
      byAudience: new Map(),
    };
    fingerprints.set(s, f);
  }
  return f;
}

/**
 * The revision of the catalogue as one audience sees it: a digest of the
 * reference data and of the listings `visible` admits, computed once per
 * snapshot and audience. It moves when something the audience can see
 * changes, and only then; the same catalogue gives the same string in every
 * process. `audience` must name exactly the set `visible` admits.
 */
export function audienceRevision(
  snapshot: CatalogueSnapshot,
  audience: string,
  visible: (listing: ToolDoc) => boolean,
): string {
  const f = fingerprintsOf(snapshot);
  let revision = f.byAudience.get(audience);
  if (revision === undefined) {
    const hash = createHash("sha256").update(f.reference);
    for (const l of f.listings) if (visible(l.listing)) hash.update(l.fingerprint);
    revision = hash.digest("hex").slice(0, 16);
    f.byAudience.set(audience, revision);
  }
  return revision;
}

/**
 * Bumps the catalogue revision; every write to listings, organisations, the
 * taxonomy or jurisdictions calls this after writing.
 */
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
  private reading: Promise<number> | null = null;
  private queued: Promise<number> | null = null;

  constructor(private readonly models: Models) {}

  /**
   * The revision, from a read that started after this call (so a request
   * always sees every write that finished before it arrived). Concurrent
   * callers share reads: at most one is in flight and one queued behind it,
   * so the database sees a bounded rate of revision reads under any load.
   */
  private freshRevision(): Promise<number> {
    if (!this.reading) return this.startRead();
    this.queued ??= this.reading
      .catch(() => undefined)
      .then(() => {
        this.queued = null;
        return this.startRead();
      });
    return this.queued;
  }

  private startRead(): Promise<number> {
    const read: Promise<number> = readRevision(this.models).finally(() => {
      if (this.reading === read) this.reading = null;
    });
    this.reading = read;
    return read;
  }

  /** The newest snapshot loaded so far, without asking the database whether it is still current. */
  loaded(): CatalogueSnapshot | null {
    return this.latest;
  }

  async current(): Promise<CatalogueSnapshot> {
    const revision = await this.freshRevision();
    if (this.latest && this.latest.revision === revision) return this.latest;
    if (this.loading && this.loading.revision === revision) return this.loading.promise;
    const promise = this.load(revision).finally(() => {
      if (this.loading?.promise === promise) this.loading = null;
    });
    this.loading = { revision, promise };
    return promise;
  }

  private async load(revision: number): Promise<CatalogueSnapshot> {
    const m = this.models;
    const [listings, organisations, capabilities, jurisdictions, documents, schemes] = await Promise.all([
      m.Tool.find({ publicationState: PublicationState.PUBLISHED }).lean<ToolDoc[]>(),
      m.Organisation.find({}).lean<OrganisationDoc[]>(),
      m.Capability.find({ retired: false }).sort({ order: 1, slug: 1 }).lean<CapabilityDoc[]>(),
      m.Jurisdiction.find({}).sort({ code: 1 }).lean<JurisdictionDoc[]>(),
      m.Document.find({}).lean<DocumentDoc[]>(),
      m.ClassificationScheme.find({}).lean<ClassificationSchemeDoc[]>(),
    ]);
    const snapshot: CatalogueSnapshot = {
      revision,
      listings,
      listingById: new Map(listings.map((t) => [t._id.toHexString(), t])),
      listingBySlug: new Map(listings.map((t) => [t.slug, t])),
      organisationById: new Map(organisations.map((o) => [o._id.toHexString(), o])),
      organisationBySlug: new Map(organisations.map((o) => [o.slug, o])),
      // Capabilities written before synonyms existed have no such field; readers may rely on the list.
      capabilities: capabilities.map((c) => (c.synonyms ? c : { ...c, synonyms: [] })),
      jurisdictions,
      documentById: new Map(documents.map((d) => [d._id.toHexString(), d])),
      classificationSchemeById: new Map(schemes.map((c) => [c._id.toHexString(), c])),
    };
    if (!this.latest || this.latest.revision <= revision) this.latest = snapshot;
    return snapshot;
  }
}
