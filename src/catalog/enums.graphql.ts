import { registerEnumType } from "type-graphql";
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
} from "./enums";
import { ToolOrder } from "./tools/tool.service";

registerEnumType(ListingKind, { name: "ListingKind", description: "What sort of thing a listing is." });
registerEnumType(ToolStatus, {
  name: "ListingStatus",
  description: "Where a listing is in its life, as its sources state.",
});
registerEnumType(MediaType, { name: "MediaType", description: "The kinds of material a listing works on." });
registerEnumType(Eligibility, {
  name: "Eligibility",
  description: "Who an offer is open to. An offer open to PUBLIC is open to everyone.",
});
registerEnumType(LicenseModel, {
  name: "LicenseModel",
  description: "On what terms an offer is made. A listing whose sources state no terms counts as UNKNOWN.",
});
registerEnumType(Deployment, { name: "Deployment", description: "How a listing is deployed or delivered." });
registerEnumType(Visibility, { name: "Visibility", description: "Who may see a listing." });
registerEnumType(AvailabilityStatus, { name: "AvailabilityStatus" });
registerEnumType(OrganisationType, { name: "OrganisationType" });
registerEnumType(JurisdictionKind, { name: "JurisdictionKind" });
registerEnumType(PublicationState, { name: "PublicationState" });
registerEnumType(ToolOrder, {
  name: "ListingOrder",
  description: "Result order. Ties are broken by name, then slug, so the order is total and stable.",
  valuesConfig: {
    NAME: { description: "By name, A to Z." },
    LAST_VERIFIED: { description: "Most recently verified first; never-verified listings last." },
    RELEVANCE: {
      description:
        "Best text match first (name, then aliases, then organisation, then summary). The default when `search` is given.",
    },
  },
});
