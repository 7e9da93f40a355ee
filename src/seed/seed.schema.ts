import { z } from "zod";
import {
  AvailabilityStatus,
  Deployment,
  Eligibility,
  enumValues,
  LicenseModel,
  ListingKind,
  MediaType,
  OrganisationType,
  ToolStatus,
  Visibility,
} from "../catalog/enums";
import { SYNONYM_LIMITS } from "../catalog/capabilities/capability.model";

/**
 * The schema every seed file is validated against before anything is loaded.
 * The same bounds apply to data entered through the API.
 */

export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const slug = z.string().max(80).regex(SLUG, "must be lowercase words joined by single hyphens");

/**
 * A listing's slug: a slug, optionally followed by `--` and the slug of the
 * organisation it belongs to. The suffixed form is an organisation's own
 * namespace: vendors create listings only there (see `vendorListingSlug`),
 * and no listing of another organisation may take a slug in it, so a
 * vendor's new slug can collide only with its own organisation's listings,
 * which it may see.
 */
export const LISTING_SLUG = /^([a-z0-9]+(?:-[a-z0-9]+)*)(?:--([a-z0-9]+(?:-[a-z0-9]+)*))?$/;
export const MAX_LISTING_SLUG = 80 + 2 + 80;
const listingSlug = z
  .string()
  .max(MAX_LISTING_SLUG)
  .regex(
    LISTING_SLUG,
    "must be lowercase words joined by single hyphens, optionally followed by -- and the owner's slug",
  )
  .refine((s) => s.split("--").every((part) => part.length <= 80), "each part must be at most 80 characters");

/** The organisation whose namespace a listing slug is in (the part after `--`), or null. */
export function listingSlugNamespace(slug: string): string | null {
  return LISTING_SLUG.exec(slug)?.[2] ?? null;
}

/**
 * The slug a vendor's new listing gets: the requested one in its
 * organisation's namespace (unchanged when already there). It depends on
 * nothing but the request and the vendor's organisation, so the answer
 * never tells the vendor whether a listing it may not see holds the
 * requested slug.
 */
export function vendorListingSlug(requested: string, organisation: string): string {
  if (!requested || listingSlugNamespace(requested) === organisation) return requested;
  return `${requested}--${organisation}`;
}
const text = (max: number) => z.string().trim().min(1).max(max);
const code = z.string().regex(/^[A-Z]{2}$/, "must be an ISO 3166-1 alpha-2 code");

export const sourceSchema = z
  .object({
    document: slug.optional(),
    url: z.string().url().max(500).optional(),
    locator: text(200),
    unverified: z.boolean().optional(),
  })
  .strict()
  .refine((s) => Boolean(s.document) !== Boolean(s.url), {
    message: "a source names either a document or a url, not both and not neither",
  })
  .refine((s) => !s.url || s.unverified === true, {
    message: "a fact from outside the source documents must be marked unverified",
  });

const sources = z.array(sourceSchema).min(1, "at least one source is required");

export const documentSchema = z
  .object({
    slug,
    title: text(300),
    publisher: text(200).nullable(),
    year: z.number().int().min(1990).max(2100).nullable(),
    url: z.string().url().max(500).nullable(),
    summary: text(1000).nullable().optional(),
  })
  .strict();

/** A word the sources use for a capability: it must cite at least one document that uses it. */
export const capabilitySynonymSchema = z
  .object({
    term: text(SYNONYM_LIMITS.term),
    sources: z
      .array(sourceSchema.refine((s) => Boolean(s.document), { message: "a synonym cites a source document" }))
      .min(1, "at least one source is required")
      .max(SYNONYM_LIMITS.sourcesPerSynonym),
  })
  .strict();

export const capabilitySchema = z
  .object({
    slug,
    name: text(100),
    parent: slug.nullable(),
    description: text(500).optional(),
    synonyms: z.array(capabilitySynonymSchema).max(SYNONYM_LIMITS.perCapability).optional(),
  })
  .strict();

export const organisationSchema = z
  .object({
    slug,
    name: text(200),
    aliases: z.array(text(200)).max(20),
    type: z.enum(enumValues(OrganisationType)),
    country: code.nullable(),
    website: z.string().url().max(300).nullable(),
    summary: text(1000).nullable(),
    sources,
  })
  .strict();

export const offerSchema = z
  .object({
    model: z.enum(enumValues(LicenseModel)),
    eligibility: z.array(z.enum(enumValues(Eligibility))).max(7),
    spdxLicense: z
      .string()
      .regex(/^[A-Za-z0-9.+-]+( (AND|OR|WITH) [A-Za-z0-9.+-]+)*$/, "must be an SPDX licence expression")
      .nullable(),
    requiresVetting: z.boolean().nullable(),
    notes: text(1000).nullable(),
  })
  .strict()
  .refine((o) => o.spdxLicense === null || o.model === LicenseModel.OPEN_SOURCE, {
    message: "an SPDX licence belongs only to an OPEN_SOURCE offer",
  });

export const availabilitySchema = z
  .object({
    jurisdiction: code,
    status: z.enum(enumValues(AvailabilityStatus)),
    notes: text(500).nullable(),
  })
  .strict();

export const listingSchema = z
  .object({
    slug: listingSlug,
    name: text(200),
    kind: z.enum(enumValues(ListingKind)),
    aliases: z.array(text(200)).max(20),
    organisation: slug.nullable(),
    summary: text(2000),
    status: z.enum(enumValues(ToolStatus)).nullable(),
    year: z.number().int().min(1990).max(2100).nullable(),
    capabilities: z.array(slug).max(30),
    mediaTypes: z.array(z.enum(enumValues(MediaType))).max(7),
    deployment: z.array(z.enum(enumValues(Deployment))).max(7),
    languages: z.array(z.string().regex(/^[a-z]{2}$/, "must be an ISO 639-1 code")).max(50),
    standards: z.array(text(100)).max(30),
    classificationSchemes: z.array(slug).max(20),
    offers: z.array(offerSchema).max(20),
    availability: z.array(availabilitySchema).max(300),
    /** Stated available in every country (a source says so); `availability` then lists the exceptions. */
    availableWorldwide: z.boolean().optional(),
    visibility: z.enum(enumValues(Visibility)),
    sources,
  })
  .strict();

/** A level's short code as its scheme writes it (`A`, `4`, `WORST-OF`); unique within the scheme. */
export const LEVEL_CODE = /^[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$/;
const levelCode = z
  .string()
  .max(20)
  .regex(LEVEL_CODE, "must be letters or digits, optionally joined by single hyphens");

/** The most citations one level keeps. */
export const LEVEL_SOURCES_MAX = 10;

/** A level's `sources` may be empty here so that the integrity check can name the level that cites nothing. */
export const schemeLevelSchema = z
  .object({
    rank: z.number().int().min(0).max(100),
    code: levelCode,
    name: text(200),
    description: text(1000).nullable(),
    sources: z.array(sourceSchema).max(LEVEL_SOURCES_MAX),
  })
  .strict();

/** SKOS-style relations between a level of one scheme and a level of another, read "from has R match to". */
export const MAPPING_RELATIONS = ["EXACT", "CLOSE", "BROADER", "NARROWER", "RELATED"] as const;

/** A mapping's `sources` may be empty here so that the integrity check can name the mapping that cites nothing. */
export const schemeMappingSchema = z
  .object({
    fromScheme: slug,
    fromLevel: levelCode,
    toScheme: slug,
    toLevel: levelCode,
    relation: z.enum(MAPPING_RELATIONS),
    note: text(1000),
    sources: z.array(sourceSchema).max(10),
  })
  .strict();

export const classificationSchemeSchema = z
  .object({
    slug,
    name: text(200),
    aliases: z.array(text(200)).max(20),
    summary: text(1000).nullable(),
    levels: z.array(schemeLevelSchema).max(50),
    jurisdictions: z.array(code).max(300),
    sources,
  })
  .strict();

export const jurisdictionGroupSchema = z
  .object({
    code: z.string().regex(/^[A-Z][A-Z0-9_]{1,39}$/, "must be upper-case letters, digits and underscores"),
    name: text(200),
    members: z.array(code).min(1).max(300),
    sources,
  })
  .strict();

export type SeedSource = z.infer<typeof sourceSchema>;
export type SeedDocument = z.infer<typeof documentSchema>;
export type SeedCapability = z.infer<typeof capabilitySchema>;
export type SeedOrganisation = z.infer<typeof organisationSchema>;
export type SeedListing = z.infer<typeof listingSchema>;
export type SeedClassificationScheme = z.infer<typeof classificationSchemeSchema>;
export type SeedJurisdictionGroup = z.infer<typeof jurisdictionGroupSchema>;
export type SeedSchemeMapping = z.infer<typeof schemeMappingSchema>;

export interface SeedInventory {
  documents: SeedDocument[];
  capabilities: SeedCapability[];
  organisations: SeedOrganisation[];
  listings: SeedListing[];
  classificationSchemes: SeedClassificationScheme[];
  jurisdictionGroups: SeedJurisdictionGroup[];
  /** Level-to-level mappings between schemes; loaded as approved. */
  schemeMappings: SeedSchemeMapping[];
}
