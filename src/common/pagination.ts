import { createHash } from "node:crypto";
import mongoose from "mongoose";
import { BadUserInputError } from "./errors";

export const MAX_PAGE = 100;

/** Where a page sits in the whole result. */
export interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  endCursor: string | null;
  startCursor: string | null;
}

/** A position in an ordered result: the sort key of one item, tied to the query that ordered it. */
export type SortKey = (string | number | null)[];

interface CursorBody {
  v: 1;
  q: string;
  k: SortKey;
}

/** A short fingerprint of the query a cursor belongs to, so a cursor cannot be replayed against another. */
export function queryFingerprint(query: unknown): string {
  return createHash("sha256").update(JSON.stringify(query)).digest("base64url").slice(0, 12);
}

export function encodeCursor(fingerprint: string, key: SortKey): string {
  const body: CursorBody = { v: 1, q: fingerprint, k: key };
  return Buffer.from(JSON.stringify(body), "utf8").toString("base64url");
}

/** Decodes and checks a cursor; anything malformed or issued for another query is BAD_USER_INPUT on `argument`. */
export function decodeCursor(cursor: string, fingerprint: string, keyLength: number, argument = "after"): SortKey {
  const bad = (why: string) => new BadUserInputError(argument, `malformed cursor (${why})`);
  if (cursor.length > 1000 || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw bad("not a cursor this API issued");
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw bad("not a cursor this API issued");
  }
  if (
    !body ||
    typeof body !== "object" ||
    (body as CursorBody).v !== 1 ||
    typeof (body as CursorBody).q !== "string" ||
    !Array.isArray((body as CursorBody).k) ||
    !(body as CursorBody).k.every((x) => x === null || typeof x === "string" || typeof x === "number")
  ) {
    throw bad("not a cursor this API issued");
  }
  // Checked before the key's length: a cursor of another order has a key of another length, and is still ours.
  if ((body as CursorBody).q !== fingerprint) {
    throw new BadUserInputError(argument, "the cursor was issued for a different search, filter or order");
  }
  if ((body as CursorBody).k.length !== keyLength) throw bad("not a cursor this API issued");
  return (body as CursorBody).k;
}

/** Compares sort keys element-wise: numbers and strings in order, nulls last. */
export function compareKeys(a: SortKey, b: SortKey): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (x === null) return 1;
    if (y === null) return -1;
    if (typeof x === "number" && typeof y === "number") return x < y ? -1 : 1;
    return String(x) < String(y) ? -1 : 1;
  }
  return 0;
}

export interface Page<T> {
  items: { item: T; cursor: string }[];
  totalCount: number;
  pageInfo: PageInfo;
}

/**
 * Cuts one page out of a fully ordered list by key, not by offset, so a page
 * boundary stays put when items are added before it.
 */
export function paginate<T>(
  sorted: T[],
  keyOf: (t: T) => SortKey,
  fingerprint: string,
  first: number,
  after: string | null | undefined,
): Page<T> {
  const keyLength = sorted.length ? keyOf(sorted[0]).length : 0;
  let start = 0;
  if (after) {
    const key = decodeCursor(after, fingerprint, keyLength || decodeLength(after));
    start = sorted.findIndex((t) => compareKeys(keyOf(t), key) > 0);
    if (start === -1) start = sorted.length;
  }
  const slice = sorted.slice(start, start + first);
  const items = slice.map((item) => ({ item, cursor: encodeCursor(fingerprint, keyOf(item)) }));
  return pageOf(items, sorted.length, start + first < sorted.length, start > 0);
}

function pageOf<T>(
  items: Page<T>["items"],
  totalCount: number,
  hasNextPage: boolean,
  hasPreviousPage: boolean,
): Page<T> {
  return {
    items,
    totalCount,
    pageInfo: {
      hasNextPage,
      hasPreviousPage,
      endCursor: items.length ? items[items.length - 1].cursor : null,
      startCursor: items.length ? items[0].cursor : null,
    },
  };
}

/**
 * The page `paginate` would cut from these items sorted by key, without
 * sorting them all: one pass keeps the `first` smallest keys after the cursor
 * (n log k rather than n log n), which is what a large search result needs
 * when a page shows twenty of its thousands.
 */
export function paginateUnsorted<T>(
  items: T[],
  keyOf: (t: T) => SortKey,
  fingerprint: string,
  first: number,
  after: string | null | undefined,
): Page<T> {
  const keyLength = items.length ? keyOf(items[0]).length : 0;
  const afterKey = after ? decodeCursor(after, fingerprint, keyLength || decodeLength(after)) : null;
  const best: { item: T; key: SortKey }[] = [];
  let before = 0;
  let remaining = 0;
  for (const item of items) {
    const key = keyOf(item);
    if (afterKey && compareKeys(key, afterKey) <= 0) {
      before++;
      continue;
    }
    remaining++;
    if (best.length === first && compareKeys(key, best[first - 1].key) >= 0) continue;
    let lo = 0;
    let hi = best.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compareKeys(best[mid].key, key) <= 0) lo = mid + 1;
      else hi = mid;
    }
    best.splice(lo, 0, { item, key });
    if (best.length > first) best.pop();
  }
  const pageItems = best.map((b) => ({ item: b.item, cursor: encodeCursor(fingerprint, b.key) }));
  return pageOf(pageItems, items.length, remaining > first, before > 0);
}

/** Items in key order with their keys, for cutting many pages out of one result (see `paginateKeyed`). */
export interface KeyedOrder<T> {
  items: T[];
  keys: SortKey[];
}

export function keyedOrder<T>(items: readonly T[], keyOf: (t: T) => SortKey): KeyedOrder<T> {
  const pairs = items.map((item) => ({ item, key: keyOf(item) }));
  pairs.sort((a, b) => compareKeys(a.key, b.key));
  return { items: pairs.map((p) => p.item), keys: pairs.map((p) => p.key) };
}

/**
 * The page `paginate` would cut, from items already in key order with their
 * keys: the cursor is found by binary search, so a page costs the page, not
 * the whole result.
 */
export function paginateKeyed<T>(
  order: KeyedOrder<T>,
  fingerprint: string,
  first: number,
  after: string | null | undefined,
): Page<T> {
  const { items, keys } = order;
  let start = 0;
  if (after) {
    const key = decodeCursor(after, fingerprint, keys.length ? keys[0].length : decodeLength(after));
    let hi = keys.length;
    while (start < hi) {
      const mid = (start + hi) >> 1;
      if (compareKeys(keys[mid], key) <= 0) start = mid + 1;
      else hi = mid;
    }
  }
  const pageItems = items
    .slice(start, start + first)
    .map((item, i) => ({ item, cursor: encodeCursor(fingerprint, keys[start + i]) }));
  return pageOf(pageItems, items.length, start + first < items.length, start > 0);
}

function decodeLength(cursor: string): number {
  try {
    const body = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as CursorBody;
    return Array.isArray(body.k) ? body.k.length : -1;
  } catch {
    return -1;
  }
}

/**
 * How to read one newest-first page from the database: ordered by a date
 * field, ties broken by a unique string-valued field, both descending, and
 * backed by an index on (equality fields…, time, tie) so the database reads
 * only the page.
 */
export interface NewestFirstQuery<T> {
  /** Ties the cursor to the filter: a cursor issued for another filter is refused. */
  fingerprint: string;
  timeField: string;
  tieField: string;
  /** The item's position: its time in milliseconds and its tie-breaker as a string. */
  keyOf: (item: T) => [number, string];
  /** The tie-breaker as the database stores it, from a cursor's string; null when it cannot be one. */
  tieFromCursor: (s: string) => unknown;
  /** Reads at most `limit` items, newest first, matching the caller's filter and `after` (null on page one). */
  read: (after: Record<string, unknown> | null, limit: number) => Promise<T[]>;
  /** Counts every match, when the caller asked for `totalCount`; null skips the count. */
  count: (() => Promise<number>) | null;
}

/**
 * Cuts a newest-first page out of a collection in the database rather than
 * in memory: the filter, the order and a limit of `first + 1` (the extra one
 * tells whether there is a next page) go in the query, and the cursor is the
 * last item's (time, tie) key, so a page boundary stays put while newer
 * items arrive. Operators are built here from checked values only.
 */
export async function newestFirstPage<T>(
  q: NewestFirstQuery<T>,
  first: number,
  after: string | null | undefined,
): Promise<Page<T>> {
  let position: Record<string, unknown> | null = null;
  if (after) {
    const [at, tie] = decodeCursor(after, q.fingerprint, 2);
    const tieValue = typeof tie === "string" ? q.tieFromCursor(tie) : null;
    const time = new Date(typeof at === "number" && Number.isSafeInteger(at) ? at : NaN);
    if (Number.isNaN(time.getTime()) || tieValue === null) {
      throw new BadUserInputError("after", "malformed cursor (not a cursor this API issued)");
    }
    position = {
      $or: [
        { [q.timeField]: mongoose.trusted({ $lt: time }) },
        { [q.timeField]: time, [q.tieField]: mongoose.trusted({ $lt: tieValue }) },
      ],
    };
  }
  const [found, totalCount] = await Promise.all([q.read(position, first + 1), q.count ? q.count() : 0]);
  const slice = found.slice(0, first);
  const items = slice.map((item) => ({ item, cursor: encodeCursor(q.fingerprint, q.keyOf(item)) }));
  return {
    items,
    totalCount,
    pageInfo: {
      hasNextPage: found.length > first,
      // Nothing is ever removed from what these pages list, so a cursor always has its item before it.
      hasPreviousPage: Boolean(after),
      endCursor: items.length ? items[items.length - 1].cursor : null,
      startCursor: items.length ? items[0].cursor : null,
    },
  };
}
