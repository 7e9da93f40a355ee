import type {
  Deployment,
  Eligibility,
  LicenseModel,
  ListingKind,
  ListingStatus,
  MediaType,
  Visibility,
} from "../../graphql/graphql";
import type { AvailabilityStatus } from "../../graphql/graphql";

/**
 * A listing's fields as the API's ListingInput takes them and as a
 * revision's `content` holds them (the seed format: other records by slug
 * or code). The edit form edits one; the review diff compares two.
 */
export interface OfferContent {
  model: LicenseModel;
  eligibility: Eligibility[];
  spdxLicense?: string | null;
  requiresVetting?: boolean | null;
  notes?: string | null;
}
export interface AvailabilityContent {
  jurisdiction: string;
  status: AvailabilityStatus;
  notes?: string | null;
}
export interface SourceContent {
  document?: string | null;
  url?: string | null;
  locator: string;
  unverified?: boolean | null;
}
export interface ListingContent {
  slug?: string;
  name: string;
  kind: ListingKind;
  organisation?: string | null;
  aliases: string[];
  summary: string;
  status: ListingStatus | null;
  year: number | null;
  capabilities: string[];
  mediaTypes: MediaType[];
  deployment: Deployment[];
  languages: string[];
  standards: string[];
  classificationSchemes: string[];
  offers: OfferContent[];
  availability: AvailabilityContent[];
  availableWorldwide?: boolean;
  sources: SourceContent[];
  visibility: Visibility;
}

/** The published listing as the API's Listing type reads, narrowed to what ListingContent needs. */
export interface PublishedListing {
  slug: string;
  name: string;
  kind: ListingKind;
  aliases: string[];
  summary: string;
  status?: ListingStatus | null;
  year?: number | null;
  visibility: Visibility;
  organisation?: { slug: string } | null;
  capabilities: { slug: string }[];
  mediaTypes: MediaType[];
  deployment: Deployment[];
  languages: string[];
  standards: string[];
  classificationSchemes: { slug: string }[];
  offers: OfferContent[];
  availableWorldwide?: boolean | null;
  availability: { jurisdiction: { code: string }; status: AvailabilityStatus; notes?: string | null }[];
  sources: { locator: string; url?: string | null; unverified?: boolean | null; document?: { slug: string } | null }[];
}

/** The published listing in the revision format, so that it can be edited or compared with a revision. */
export function contentOf(l: PublishedListing): ListingContent {
  return {
    slug: l.slug,
    name: l.name,
    kind: l.kind,
    organisation: l.organisation?.slug ?? null,
    aliases: l.aliases,
    summary: l.summary,
    status: l.status ?? null,
    year: l.year ?? null,
    capabilities: l.capabilities.map((c) => c.slug),
    mediaTypes: l.mediaTypes,
    deployment: l.deployment,
    languages: l.languages,
    standards: l.standards,
    classificationSchemes: l.classificationSchemes.map((s) => s.slug),
    offers: l.offers.map((o) => ({
      model: o.model,
      eligibility: o.eligibility,
      spdxLicense: o.spdxLicense ?? null,
      requiresVetting: o.requiresVetting ?? null,
      notes: o.notes ?? null,
    })),
    availability: l.availability.map((a) => ({
      jurisdiction: a.jurisdiction.code,
      status: a.status,
      notes: a.notes ?? null,
    })),
    availableWorldwide: l.availableWorldwide ?? false,
    sources: l.sources.map((s) => ({
      document: s.document?.slug ?? null,
      url: s.url ?? null,
      locator: s.locator,
      unverified: s.unverified ?? false,
    })),
    visibility: l.visibility,
  };
}

/**
 * A value with what does not change its meaning taken out: absent, null
 * and false flags and empty notes read the same, whichever form stored them.
 */
export function normalise(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(normalise);
  if (v && typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) {
      const x = normalise((v as Record<string, unknown>)[k]);
      if (x === null || x === undefined || x === false || x === "") continue;
      out[k] = x;
    }
    return out;
  }
  return v;
}

/** Whether two values of a field mean the same (wrapped, so that a field's own null or false reads as absent). */
const same = (a: unknown, b: unknown) => JSON.stringify(normalise({ v: a })) === JSON.stringify(normalise({ v: b }));

/** The fields a person edits, in the order the form and the diff show them, with their names. */
export const FIELD_LABELS: [keyof ListingContent, string][] = [
  ["name", "Name"],
  ["kind", "Kind"],
  ["organisation", "Organisation"],
  ["aliases", "Other names"],
  ["summary", "Summary"],
  ["status", "Status"],
  ["year", "Year introduced"],
  ["capabilities", "Capabilities"],
  ["mediaTypes", "Media types"],
  ["deployment", "Deployment"],
  ["languages", "Languages"],
  ["standards", "Standards and hash formats"],
  ["classificationSchemes", "Classification schemes"],
  ["offers", "Offers"],
  ["availableWorldwide", "Available worldwide"],
  ["availability", "Availability by jurisdiction"],
  ["sources", "Sources"],
  ["visibility", "Who may see it"],
];

export type Change =
  | { kind: "changed"; field: keyof ListingContent; label: string; before: unknown; after: unknown }
  | { kind: "added" | "removed"; field: keyof ListingContent; label: string; before: unknown; after: unknown };

const empty = (v: unknown) => {
  const n = normalise(v);
  return n === null || n === undefined || n === false || n === "" || (Array.isArray(n) && n.length === 0);
};

/** Field by field, what `after` changes from `before` (null: a listing never published). */
export function diff(before: Partial<ListingContent> | null, after: Partial<ListingContent>): Change[] {
  const changes: Change[] = [];
  for (const [field, label] of FIELD_LABELS) {
    const a = before?.[field];
    const b = after[field];
    // Against a listing never published every field is absent: an empty list beside it says nothing either.
    if (same(a, b) || (empty(a) && empty(b))) continue;
    const kind = empty(a) ? "added" : empty(b) ? "removed" : "changed";
    changes.push({ kind, field, label, before: a, after: b });
  }
  return changes;
}

/** For a list field: the items only in `before` (removed) and only in `after` (added), and those in both. */
export function listChanges(before: unknown, after: unknown) {
  const a = Array.isArray(before) ? before : [];
  const b = Array.isArray(after) ? after : [];
  const key = (x: unknown) => JSON.stringify(normalise(x));
  const inA = new Set(a.map(key));
  const inB = new Set(b.map(key));
  return {
    removed: a.filter((x) => !inB.has(key(x))),
    added: b.filter((x) => !inA.has(key(x))),
    kept: b.filter((x) => inA.has(key(x))),
  };
}

/**
 * Two texts word by word (longest common subsequence): each piece kept,
 * removed (only in `before`) or added (only in `after`), so that a reviewer
 * sees which words a long summary changed rather than the whole of it twice.
 */
export function wordDiff(before: string, after: string): { text: string; op: "kept" | "removed" | "added" }[] {
  const a = before.split(/(\s+)/).filter(Boolean);
  const b = after.split(/(\s+)/).filter(Boolean);
  // Too long to compare word by word within a page's budget: the whole of each.
  if (a.length * b.length > 4_000_000)
    return [
      { text: before, op: "removed" },
      { text: after, op: "added" },
    ];
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const out: { text: string; op: "kept" | "removed" | "added" }[] = [];
  const push = (text: string, op: "kept" | "removed" | "added") => {
    const last = out[out.length - 1];
    if (last && last.op === op) last.text += text;
    else out.push({ text, op });
  };
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      push(a[i], "kept");
      i++;
      j++;
    } else if (lcs[i + 1][j] >= lcs[i][j + 1]) push(a[i++], "removed");
    else push(b[j++], "added");
  }
  while (i < a.length) push(a[i++], "removed");
  while (j < b.length) push(b[j++], "added");
  return out;
}
