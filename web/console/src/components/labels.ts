import type {
  AvailabilityStatus,
  Deployment,
  Eligibility,
  LicenseModel,
  ListingKind,
  ListingStatus,
  MediaType,
  OrganisationType,
  Visibility,
} from "../graphql/graphql";

/** Enum values as a person reads them, where the API gives no label of its own. */
export const KIND_LABELS: Record<ListingKind, string> = {
  TOOL: "Tool",
  DATABASE: "Database",
  PLATFORM: "Platform",
  SERVICE: "Service",
  STANDARD: "Standard",
  LAB: "Lab",
  CROWDSOURCING: "Crowdsourcing",
  PROGRAMME: "Programme",
};

export const STATUS_LABELS: Record<ListingStatus, string> = {
  ACTIVE: "Active",
  PILOT: "Pilot",
  ANNOUNCED: "Announced",
  RETIRED: "Retired",
};

export const VISIBILITY_LABELS: Record<Visibility, string> = {
  PUBLIC: "Public",
  MEMBERS: "Members only",
  LAW_ENFORCEMENT: "Law enforcement only",
};

export const MEDIA_LABELS: Record<MediaType, string> = {
  IMAGE: "Image",
  VIDEO: "Video",
  LIVE_STREAM: "Live stream",
  TEXT: "Text or chat",
  AUDIO: "Audio",
  URL: "URL",
  ACCOUNT_METADATA: "Account metadata",
};

export const ELIGIBILITY_LABELS: Record<Eligibility, string> = {
  LAW_ENFORCEMENT: "Law enforcement",
  NGO: "NGOs",
  HOTLINE: "Hotlines",
  INDUSTRY: "Industry",
  GOVERNMENT: "Government",
  ACADEMIA: "Academia",
  PUBLIC: "Anyone",
};

export const LICENSE_LABELS: Record<LicenseModel, string> = {
  FREE: "Free",
  FREE_FOR_ELIGIBLE: "Free for those eligible",
  COMMERCIAL: "Commercial",
  OPEN_SOURCE: "Open source",
  UNKNOWN: "Not stated",
};

export const DEPLOYMENT_LABELS: Record<Deployment, string> = {
  ON_PREMISES: "On premises",
  HOSTED_SERVICE: "Hosted service",
  API: "API",
  DESKTOP: "Desktop",
  MOBILE: "Mobile",
  LAB: "Lab",
  BROWSER: "Browser",
};

export const AVAILABILITY_LABELS: Record<AvailabilityStatus, string> = {
  AVAILABLE: "Available",
  IN_USE: "In use",
  RESTRICTED: "Restricted",
  UNAVAILABLE: "Unavailable",
};

export const ORGANISATION_TYPE_LABELS: Record<OrganisationType, string> = {
  ACADEMIA: "Academia",
  COMPANY: "Company",
  GOVERNMENT: "Government",
  HOTLINE: "Hotline",
  INTERGOVERNMENTAL: "Intergovernmental body",
  LAW_ENFORCEMENT: "Law enforcement",
  NGO: "NGO",
  PARTNERSHIP: "Partnership",
  UNKNOWN: "Not stated",
};
