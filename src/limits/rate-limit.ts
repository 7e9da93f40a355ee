import { randomUUID } from "node:crypto";
import mongoose from "mongoose";
import type { Models } from "../db/models";
import type { Logger } from "../logger";

export interface RateLimitDecision {
  allowed: boolean;
  limit: number;
  /** Requests left in the current estimate. */
  remaining: number;
  /** Seconds until a refused client may try again (0 when allowed). */
  retryAfterS: number;
}

interface Counts {
  window: number;
  current: number;
  previous: number;
}

export interface RateLimiterOptions {
  windowMs: number;
  /** How often this instance writes its counts and reads the others'. */
  syncMs?: number;
  log: Logger;
}

/**
 * A sliding-window rate limiter whose state lives in the database, so that
 * every API instance enforces the same limit.
 *
 * Each instance counts its own requests exactly, in memory, and every
 * `syncMs` writes its counts (one document per key, window and instance:
 * a single writer, so nothing is incremented concurrently and FerretDB and
 * MongoDB behave alike) and reads everyone's. The estimate for a key is the
 * previous window's total weighted by how much of it still overlaps the
 * sliding window, plus the current window's total. With one instance the
 * limit is exact; with several, the others' counts are at most `syncMs` old.
 * Documents older than the previous window are deleted in code (no TTL
 * indexes on FerretDB).
 */
export class RateLimiter {
  private readonly instance = randomUUID();
  private readonly mine = new Map<string, Counts & { dirty: Set<number> }>();
  private others = new Map<string, Counts>();
  private timer: NodeJS.Timeout | null = null;
  private syncing: Promise<void> | null = null;
  private lastSyncError: string | null = null;

  constructor(
    private readonly models: Models,
    private readonly o: RateLimiterOptions,
  ) {}

  start(): this {
    // The periodic sync skips a turn while one is still running, so a slow database never queues them up.
    this.timer ??= setInterval(() => void (this.syncing ?? this.sync()), this.o.syncMs ?? 500);
    this.timer.unref();
    return this;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.syncing;
  }

  /** Counts a request for `key` if it is within `limit`, and says whether it was. */
  check(key: string, limit: number, now = Date.now()): RateLimitDecision {
    const W = this.o.windowMs;
    const window = Math.floor(now / W);
    const elapsed = (now - window * W) / W;
    let own = this.rolled(this.mine.get(key), window);
    if (!own) {
      own = { window, current: 0, previous: 0, dirty: new Set<number>() };
      this.mine.set(key, own);
    }
    const theirs = this.rolled(this.others.get(key), window);
    const previous = own.previous + (theirs?.previous ?? 0);
    const current = own.current + (theirs?.current ?? 0);
    const estimate = previous * (1 - elapsed) + current;
    if (estimate + 1 > limit) {
      return { allowed: false, limit, remaining: 0, retryAfterS: retryAfter(previous, current, limit, elapsed, W) };
    }
    own.current += 1;
    own.dirty.add(window);
    return { allowed: true, limit, remaining: Math.max(0, Math.floor(limit - estimate - 1)), retryAfterS: 0 };
  }

  /** Moves counts kept for an earlier window forward to `window`. */
  private rolled<T extends Counts>(c: T | undefined, window: number): T | undefined {
    if (!c || c.window === window) return c;
    if (c.window > window) return c;
    c.previous = c.window === window - 1 ? c.current : 0;
    c.current = 0;
    c.window = window;
    return c;
  }

  /** Writes this instance's changed counts, reads every instance's, and deletes expired ones. */
  /**
   * Writes this instance's changed counts and reads everyone's. A sync
   * already running may have read the counts before the caller's last
   * requests, so this one runs after it rather than joining it.
   */
  sync(now?: number): Promise<void> {
    const run: Promise<void> = (this.syncing ?? Promise.resolve())
      .then(() => this.syncOnce(now ?? Date.now()))
      .finally(() => {
        if (this.syncing === run) this.syncing = null;
      });
    this.syncing = run;
    return run;
  }

  private async syncOnce(now: number): Promise<void> {
    const W = this.o.windowMs;
    const window = Math.floor(now / W);
    try {
      const writes = [];
      for (const [key, c] of this.mine) {
        for (const w of c.dirty) {
          const count = w === c.window ? c.current : w === c.window - 1 ? c.previous : null;
          if (count === null) continue;
          writes.push({
            updateOne: {
              filter: { _id: `${w}|${key}|${this.instance}` },
              update: {
                $set: { key, window: w, instance: this.instance, count, expiresAt: new Date((w + 2) * W) },
              },
              upsert: true,
            },
          });
        }
        c.dirty.clear();
        if (c.window < window - 1) this.mine.delete(key);
      }
      if (writes.length) await this.models.RateLimitCounter.bulkWrite(writes, { ordered: false });
      const docs = await this.models.RateLimitCounter.find({ window: mongoose.trusted({ $gte: window - 1 }) }).lean();
      const others = new Map<string, Counts>();
      for (const d of docs) {
        if (d.instance === this.instance) continue;
        const c = others.get(d.key) ?? { window, current: 0, previous: 0 };
        if (d.window === window) c.current += d.count;
        else if (d.window === window - 1) c.previous += d.count;
        others.set(d.key, c);
      }
      this.others = others;
      await this.models.RateLimitCounter.deleteMany({ expiresAt: mongoose.trusted({ $lt: new Date(now) }) });
      this.lastSyncError = null;
    } catch (e) {
      // Counts stay in memory and are written on the next sync; meanwhile this instance limits on its own counts.
      const message = e instanceof Error ? e.message : String(e);
      if (message !== this.lastSyncError) this.o.log.warn({ err: e }, "rate-limit counts could not be shared");
      this.lastSyncError = message;
    }
  }
}

/**
 * Seconds until the estimate falls under the limit if the client sends
 * nothing more: within this window when the previous one's weight is what
 * holds it over; otherwise after this window ends, once this window's count,
 * then weighted as the previous one, has decayed enough.
 */
export function retryAfter(
  previous: number,
  current: number,
  limit: number,
  elapsed: number,
  windowMs: number,
): number {
  let waitMs: number;
  if (current + 1 <= limit && previous > 0) {
    waitMs = windowMs * (1 - elapsed - (limit - 1 - current) / previous);
  } else {
    waitMs = windowMs * (1 - elapsed) + windowMs * Math.max(0, 1 - (limit - 1) / Math.max(current, 1));
  }
  return Math.max(1, Math.ceil(waitMs / 1000));
}
