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

registerEnumType(ListingKind, {
  name: "ListingKind",
  description: "What sort of thing a listing is.",
  valuesConfig: {
    TOOL: { description: "Software or a system that does a task, such as hash matching or forensic analysis." },
    DATABASE: { description: "A collection of data, such as a hash list, an image database or a register of laws." },
    PLATFORM: {
      description: "A shared system that organisations work on together, such as a joint investigation platform.",
    },
    SERVICE: { description: "A service run for others, such as a hotline or a reporting service." },
    STANDARD: { description: "A standard, framework, code of practice, guideline or model law." },
    LAB: { description: "A victim-identification or forensic lab." },
    CROWDSOURCING: { description: "An effort that asks the public for help, such as identifying objects in images." },
    PROGRAMME: { description: "A programme or initiative, such as awareness, training or a blocking pilot." },
  },
});
registerEnumType(ToolStatus, {
  name: "ListingStatus",
  description: "Where a listing is in its life, as its sources state.",
  valuesConfig: {
    ACTIVE: { description: "In service." },
    PILOT: { description: "Being trialled." },
    ANNOUNCED: { description: "Announced, not yet in service." },
    RETIRED: { description: "No longer in service. Only a reviewer can bring a retired listing back." },
  },
});
registerEnumType(MediaType, {
  name: "MediaType",
  description: "The kinds of material a listing works on.",
  valuesConfig: {
    IMAGE: { description: "Still images." },
    VIDEO: { description: "Recorded video." },
    LIVE_STREAM: { description: "Video streamed live." },
    TEXT: { description: "Text and chat messages." },
    AUDIO: { description: "Sound recordings." },
    URL: { description: "Web addresses." },
    ACCOUNT_METADATA: { description: "Account details and metadata rather than content." },
  },
});
registerEnumType(Eligibility, {
  name: "Eligibility",
  description: "Who an offer is open to. An offer open to PUBLIC is open to everyone.",
  valuesConfig: {
    LAW_ENFORCEMENT: { description: "Police and other law-enforcement agencies." },
    NGO: { description: "Non-governmental organisations." },
    HOTLINE: { description: "Hotlines that take reports of abuse material." },
    INDUSTRY: { description: "Companies, such as online service providers." },
    GOVERNMENT: { description: "Government bodies other than law enforcement." },
    ACADEMIA: { description: "Universities and researchers." },
    PUBLIC: { description: "Anyone; matches every eligibility in a filter." },
  },
});
registerEnumType(LicenseModel, {
  name: "LicenseModel",
  description: "On what terms an offer is made. A listing whose sources state no terms counts as UNKNOWN.",
  valuesConfig: {
    FREE: { description: "Free of charge." },
    FREE_FOR_ELIGIBLE: { description: "Free of charge to eligible users only." },
    COMMERCIAL: { description: "Paid for." },
    OPEN_SOURCE: { description: "Open source; the offer's spdxLicense names the licence when known." },
    UNKNOWN: { description: "The terms are not stated." },
  },
});
registerEnumType(Deployment, {
  name: "Deployment",
  description: "How a listing is deployed or delivered.",
  valuesConfig: {
    ON_PREMISES: { description: "Installed and run on the user's own infrastructure." },
    HOSTED_SERVICE: { description: "Run by the provider as a hosted service." },
    API: { description: "Used through a programming interface." },
    DESKTOP: { description: "A desktop application." },
    MOBILE: { description: "A mobile app." },
    LAB: { description: "Provided in or by a lab." },
    BROWSER: { description: "Used in a web browser." },
  },
});
registerEnumType(Visibility, {
  name: "Visibility",
  description: "Who may see a listing. A VENDOR also sees its own organisation's listings whatever their visibility.",
  valuesConfig: {
    PUBLIC: { description: "Everyone, signed in or not." },
    MEMBERS: { description: "Any signed-in user." },
    LAW_ENFORCEMENT: { description: "Signed-in LAW_ENFORCEMENT, REVIEWER and ADMIN users only." },
  },
});
registerEnumType(AvailabilityStatus, {
  name: "AvailabilityStatus",
  description:
    "A listing's standing in one jurisdiction. Filters, facets and reports count a listing as served where it is AVAILABLE or IN_USE.",
  valuesConfig: {
    AVAILABLE: { description: "Can be obtained there." },
    IN_USE: { description: "In use there." },
    RESTRICTED: { description: "Restricted there (see the notes); not counted as served." },
    UNAVAILABLE: { description: "Not obtainable there." },
  },
});
registerEnumType(OrganisationType, {
  name: "OrganisationType",
  description: "What sort of body an organisation is.",
  valuesConfig: {
    COMPANY: { description: "A company." },
    NGO: { description: "A non-governmental organisation." },
    HOTLINE: { description: "A hotline that takes reports of abuse material." },
    LAW_ENFORCEMENT: { description: "A police force or other law-enforcement agency or unit." },
    GOVERNMENT: { description: "A government, ministry or regulator." },
    INTERGOVERNMENTAL: { description: "A body of several states, such as INTERPOL, Europol or the Council of Europe." },
    ACADEMIA: { description: "A university or research institute." },
    PARTNERSHIP: { description: "A coalition or alliance of several organisations." },
    UNKNOWN: { description: "The sources do not say." },
  },
});
registerEnumType(JurisdictionKind, {
  name: "JurisdictionKind",
  description: "Whether a jurisdiction is a country or a group of countries.",
  valuesConfig: {
    COUNTRY: { description: "A country, by ISO 3166-1 alpha-2 code (plus XK for Kosovo)." },
    GROUP: { description: "A named group of countries, such as FIVE_EYES or EU; filters expand it to its members." },
  },
});
registerEnumType(PublicationState, { name: "PublicationState" });
registerEnumType(ToolOrder, {
  name: "ListingOrder",
  description: "Result order. Ties are broken by name, then slug, so the order is total and stable.",
  valuesConfig: {
    NAME: { description: "By name, A to Z. The default without `search`." },
    LAST_VERIFIED: { description: "Most recently verified first; never-verified listings last." },
    RELEVANCE: {
      description:
        "Best text match first (name, then aliases, then organisation, then summary). The default when `search` is given.",
    },
  },
});
