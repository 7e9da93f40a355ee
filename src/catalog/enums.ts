/**
 * The closed vocabularies of the catalogue. Each is a TypeScript string enum
 * so that the seed schema, the mongoose models and the GraphQL types share one
 * definition.
 */

export enum ListingKind {
  TOOL = "TOOL",
  DATABASE = "DATABASE",
  PLATFORM = "PLATFORM",
  SERVICE = "SERVICE",
  STANDARD = "STANDARD",
  LAB = "LAB",
  CROWDSOURCING = "CROWDSOURCING",
  PROGRAMME = "PROGRAMME",
}

export enum ToolStatus {
  ACTIVE = "ACTIVE",
  PILOT = "PILOT",
  ANNOUNCED = "ANNOUNCED",
  RETIRED = "RETIRED",
}

export enum MediaType {
  IMAGE = "IMAGE",
  VIDEO = "VIDEO",
  LIVE_STREAM = "LIVE_STREAM",
  TEXT = "TEXT",
  AUDIO = "AUDIO",
  URL = "URL",
  ACCOUNT_METADATA = "ACCOUNT_METADATA",
}

export enum Eligibility {
  LAW_ENFORCEMENT = "LAW_ENFORCEMENT",
  NGO = "NGO",
  HOTLINE = "HOTLINE",
  INDUSTRY = "INDUSTRY",
  GOVERNMENT = "GOVERNMENT",
  ACADEMIA = "ACADEMIA",
  PUBLIC = "PUBLIC",
}

export enum LicenseModel {
  FREE = "FREE",
  FREE_FOR_ELIGIBLE = "FREE_FOR_ELIGIBLE",
  COMMERCIAL = "COMMERCIAL",
  OPEN_SOURCE = "OPEN_SOURCE",
  UNKNOWN = "UNKNOWN",
}

export enum Deployment {
  ON_PREMISES = "ON_PREMISES",
  HOSTED_SERVICE = "HOSTED_SERVICE",
  API = "API",
  DESKTOP = "DESKTOP",
  MOBILE = "MOBILE",
  LAB = "LAB",
  BROWSER = "BROWSER",
}

export enum Visibility {
  PUBLIC = "PUBLIC",
  MEMBERS = "MEMBERS",
  LAW_ENFORCEMENT = "LAW_ENFORCEMENT",
}

export enum AvailabilityStatus {
  AVAILABLE = "AVAILABLE",
  IN_USE = "IN_USE",
  RESTRICTED = "RESTRICTED",
  UNAVAILABLE = "UNAVAILABLE",
}

export enum OrganisationType {
  COMPANY = "COMPANY",
  NGO = "NGO",
  HOTLINE = "HOTLINE",
  LAW_ENFORCEMENT = "LAW_ENFORCEMENT",
  GOVERNMENT = "GOVERNMENT",
  INTERGOVERNMENTAL = "INTERGOVERNMENTAL",
  ACADEMIA = "ACADEMIA",
  PARTNERSHIP = "PARTNERSHIP",
  UNKNOWN = "UNKNOWN",
}

export enum JurisdictionKind {
  COUNTRY = "COUNTRY",
  GROUP = "GROUP",
}

/** Where a listing is in its life in the catalogue; only PUBLISHED listings are served to readers. */
export enum PublicationState {
  DRAFT = "DRAFT",
  PUBLISHED = "PUBLISHED",
  ARCHIVED = "ARCHIVED",
}

/** Availability statuses under which a listing counts as obtainable in a jurisdiction. */
export const SERVING_AVAILABILITY: readonly AvailabilityStatus[] = [
  AvailabilityStatus.AVAILABLE,
  AvailabilityStatus.IN_USE,
];

export function enumValues<T extends Record<string, string>>(e: T): [T[keyof T], ...T[keyof T][]] {
  return Object.values(e) as [T[keyof T], ...T[keyof T][]];
}
