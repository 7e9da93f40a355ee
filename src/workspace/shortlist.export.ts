import { ComparedField, compareListings, type CompareLookups, type ComparisonRow } from "../catalog/tools/compare";
import { globalId } from "../node/global-id";
import { csv } from "../reports/report.export";
import type { ShortlistDoc } from "./shortlist.model";
import { ONE_AVAILABILITY_ROW, type ShortlistItemData } from "./shortlist.service";

/** Shortlist CSV columns, in order (documented in the README): a column per compared field, in lower case. */
export const SHORTLIST_CSV_COLUMNS = [
  "position",
  "available",
  "slug",
  "name",
  "summary",
  "revision",
  ...Object.values(ComparedField).map((f) => f.toLowerCase()),
  "note",
  "added_at",
  "changed_since_locked",
];

/** The columns that describe the listing (slug to the last compared field), empty for an unavailable item. */
const LISTING_COLUMNS = SHORTLIST_CSV_COLUMNS.indexOf("note") - SHORTLIST_CSV_COLUMNS.indexOf("slug");

interface Shown {
  slug: string;
  name: string;
  summary: string;
  revision: number;
  rows: ComparisonRow[];
}

/**
 * What an item shows: the listing as locked on a locked shortlist, the
 * listing now on another, field by field; null for an unavailable item.
 */
function shown(i: ShortlistItemData, look: CompareLookups): Shown | null {
  if (!i.available) return null;
  if (i.locked) return i.locked;
  const l = i.listing!;
  return { ...l, rows: compareListings([l], look, ONE_AVAILABILITY_ROW) };
}

export function shortlistJson(s: ShortlistDoc, items: ShortlistItemData[], look: CompareLookups) {
  return {
    shortlist: {
      id: globalId("Shortlist", s._id.toHexString()),
      name: s.name,
      locked: Boolean(s.lockedAt),
      lockedAt: s.lockedAt?.toISOString() ?? null,
    },
    items: items.map((i, n) => {
      const l = shown(i, look);
      return {
        position: n + 1,
        available: i.available,
        listing: l && {
          slug: l.slug,
          name: l.name,
          summary: l.summary,
          revision: l.revision,
          fields: Object.fromEntries(
            l.rows.map((r) => [r.field.toLowerCase(), { values: r.cells[0].values, labels: r.cells[0].labels }]),
          ),
        },
        note: i.note,
        addedAt: i.addedAt.toISOString(),
        changedSinceLocked: i.changedSinceLocked,
      };
    }),
  };
}

export function shortlistCsv(items: ShortlistItemData[], look: CompareLookups): string {
  return csv(
    SHORTLIST_CSV_COLUMNS,
    items.map((i, n) => {
      const l = shown(i, look);
      const fields = (l?.rows ?? []).map((r) => r.cells[0].labels.join("; "));
      const listing = l ? [l.slug, l.name, l.summary, l.revision, ...fields] : Array(LISTING_COLUMNS).fill(null);
      return [n + 1, i.available, ...listing, i.note, i.addedAt.toISOString(), i.changedSinceLocked];
    }),
  );
}
