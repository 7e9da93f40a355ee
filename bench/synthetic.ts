import { Types } from "mongoose";
import {
  AvailabilityStatus,
  Deployment,
  Eligibility,
  JurisdictionKind,
  LicenseModel,
  ListingKind,
  MediaType,
  OrganisationType,
  PublicationState,
  ToolStatus,
  Visibility,
} from "../src/catalog/enums";
import { derivedToolFields } from "../src/catalog/tools/tool.derive";
import { foldText } from "../src/common/text";
import type { Models } from "../src/db/models";
import { bumpCatalogueRevision } from "../src/catalog/snapshot";

/** A small deterministic PRNG (mulberry32), so every run builds the same catalogue. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Picks index i with weight 1/(i+1)^s: a few values are common, most are rare, as in the real inventory. */
function zipf(rand: () => number, n: number, s = 1.1): () => number {
  const weights = Array.from({ length: n }, (_, i) => 1 / Math.pow(i + 1, s));
  const total = weights.reduce((a, b) => a + b, 0);
  const cumulative: number[] = [];
  let acc = 0;
  for (const w of weights) cumulative.push((acc += w / total));
  return () => {
    const r = rand();
    const i = cumulative.findIndex((c) => c >= r);
    return i === -1 ? n - 1 : i;
  };
}

const WORDS =
  "hash image video forensic triage victim crawler match signature classifier report hotline lab network portal analysis detect shield sentinel index".split(
    " ",
  );

/**
 * Replaces the listings and organisations with a synthetic catalogue of the
 * given size, over the capabilities and jurisdictions already loaded (run the
 * seed first). Skewed: a few capabilities, countries and organisations carry
 * most listings.
 */
export async function buildSyntheticCatalogue(models: Models, listings = 10_000, organisations = 1_000): Promise<void> {
  const rand = rng(42);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const caps = await models.Capability.find({ depth: 1 }, { _id: 1 }).lean();
  const countries = (await models.Jurisdiction.find({ kind: JurisdictionKind.COUNTRY }, { code: 1 }).lean()).map(
    (j) => j.code,
  );
  const document = await models.Document.findOne({}, { _id: 1 }).lean();
  if (!caps.length || !countries.length || !document)
    throw new Error("load the seed before building the synthetic catalogue");
  const capPick = zipf(rand, caps.length);
  const countryPick = zipf(rand, countries.length, 0.9);
  const orgPick = zipf(rand, organisations, 0.8);

  await models.Tool.deleteMany({});
  await models.Organisation.deleteMany({});
  const orgs = Array.from({ length: organisations }, (_, i) => {
    const name = `${pick(WORDS)} ${pick(WORDS)} Organisation ${i}`;
    return {
      _id: new Types.ObjectId(),
      slug: `org-${i}`,
      name,
      sortName: foldText(name),
      aliases: [],
      type: pick(Object.values(OrganisationType)),
      country: countries[countryPick()],
      website: null,
      summary: null,
      sources: [{ document: document._id, url: null, locator: "synthetic", unverified: false }],
      verified: false,
    };
  });
  for (let i = 0; i < orgs.length; i += 500) await models.Organisation.insertMany(orgs.slice(i, i + 500));

  const batch: Record<string, unknown>[] = [];
  for (let i = 0; i < listings; i++) {
    const org = orgs[orgPick()];
    const name = `${pick(WORDS)} ${pick(WORDS)} ${i}`;
    const availability = [
      ...new Set(Array.from({ length: 1 + Math.floor(rand() * 12) }, () => countries[countryPick()])),
    ].map((jurisdiction) => ({
      jurisdiction,
      status: pick([AvailabilityStatus.AVAILABLE, AvailabilityStatus.IN_USE, AvailabilityStatus.RESTRICTED]),
      notes: null,
    }));
    const offers = Array.from({ length: Math.floor(rand() * 3) }, () => ({
      model: pick(Object.values(LicenseModel)),
      eligibility: [...new Set([pick(Object.values(Eligibility)), pick(Object.values(Eligibility))])],
      spdxLicense: null,
      requiresVetting: null,
      notes: null,
    }));
    const summary = `Synthetic listing ${i}: ${Array.from({ length: 25 }, () => pick(WORDS)).join(" ")}.`;
    const tool = {
      _id: new Types.ObjectId(),
      slug: `listing-${i}`,
      name,
      kind: pick(Object.values(ListingKind)),
      aliases: rand() < 0.3 ? [`${pick(WORDS)}-${i}`] : [],
      organisation: org._id,
      summary,
      status: pick([...Object.values(ToolStatus), null]),
      year: null,
      capabilities: [
        ...new Set(Array.from({ length: 1 + Math.floor(rand() * 3) }, () => caps[capPick()]._id.toHexString())),
      ].map((id) => new Types.ObjectId(id)),
      mediaTypes: [...new Set([pick(Object.values(MediaType)), pick(Object.values(MediaType))])],
      deployment: [pick(Object.values(Deployment))],
      languages: ["en"],
      standards: rand() < 0.2 ? ["MD5"] : [],
      classificationSchemes: [],
      offers,
      availability,
      visibility: rand() < 0.9 ? Visibility.PUBLIC : Visibility.LAW_ENFORCEMENT,
      sources: [{ document: document._id, url: null, locator: "synthetic", unverified: false }],
      lastVerifiedAt: rand() < 0.5 ? new Date(Date.UTC(2024, 0, 1) + Math.floor(rand() * 6e10)) : null,
      publicationState: PublicationState.PUBLISHED,
      revision: 1,
      ...derivedToolFields({ name, aliases: [], summary, availability }, org.name),
    };
    batch.push(tool);
    if (batch.length === 500) await models.Tool.insertMany(batch.splice(0));
  }
  if (batch.length) await models.Tool.insertMany(batch);
  await bumpCatalogueRevision(models);
}
