import type { Connection } from "mongoose";
import type { Logger } from "../logger";
import { CommandObserver, createConnection, openConnection } from "./connection";
import { ensureIndexes, Models, registerModels } from "./models";

export interface DatabaseLinkOptions extends CommandObserver {
  uri: string;
  dbName: string;
  log: Logger;
  /** Runs once after the first successful connection (indexes are created before it), e.g. loading the seed. */
  setup?: (models: Models) => Promise<void>;
  /** Delay between connection attempts: doubles from `min` up to `max`. */
  retryMs?: { min: number; max: number };
  /**
   * If the driver has not reconnected by itself this long after losing the
   * connection, the link closes it and opens a new one (default 10 s).
   */
  reopenAfterMs?: number;
}

export type LinkState = "connecting" | "setting-up" | "ready" | "disconnected" | "closed";

/**
 * The process's link to its database. It does not wait for the database to
 * be there: the server starts and answers at once, and this keeps trying to
 * connect in the background (indexes and setup run once, after the first
 * connection) until the process stops. `ready` is what the server checks
 * before it lets a request near the database; the driver reconnects by
 * itself after a connection is lost, and `ready` follows it.
 */
export class DatabaseLink {
  readonly connection: Connection;
  readonly models: Models;
  private setUp = false;
  private closed = false;
  private lastError: string | null = null;
  private attempt: Promise<void> | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private wake: (() => void) | null = null;
  private waiters: (() => void)[] = [];
  private lostSince: number | null = null;
  private watchdog: NodeJS.Timeout | null = null;
  private reopening = false;

  constructor(private readonly o: DatabaseLinkOptions) {
    this.connection = createConnection();
    // The driver reports errors through the connection too; they are handled where the operations fail.
    this.connection.on("error", () => undefined);
    this.connection.on("disconnected", () => {
      if (this.setUp && !this.closed) o.log.warn("database connection lost; the driver is reconnecting");
    });
    this.connection.on("reconnected", () => o.log.info("database connection restored"));
    this.models = registerModels(this.connection);
  }

  /** True when the database is connected and set up: requests may use it. */
  get ready(): boolean {
    return this.setUp && !this.closed && this.connection.readyState === 1;
  }

  get state(): LinkState {
    if (this.closed) return "closed";
    if (!this.setUp) return this.connection.readyState === 1 ? "setting-up" : "connecting";
    return this.connection.readyState === 1 ? "ready" : "disconnected";
  }

  /** Why the link is not ready, for /readyz and logs. */
  get reason(): string {
    const s = this.state;
    return s === "ready" ? "ok" : this.lastError && s !== "setting-up" ? `${s}: ${this.lastError}` : s;
  }

  /** Starts connecting in the background; returns at once. */
  start(): this {
    this.attempt ??= this.connectUntilSetUp();
    this.watchdog ??= setInterval(() => this.checkReconnected(), 500);
    this.watchdog.unref();
    return this;
  }

  /**
   * The driver reconnects by itself after a lost connection, but a monitor
   * whose socket died mid-check can wait with no timeout. A connection lost
   * for longer than `reopenAfterMs` is closed and opened afresh.
   */
  private checkReconnected(): void {
    if (!this.setUp || this.closed || this.reopening) return;
    if (this.connection.readyState === 1) {
      this.lostSince = null;
      return;
    }
    this.lostSince ??= Date.now();
    if (Date.now() - this.lostSince < (this.o.reopenAfterMs ?? 10_000)) return;
    this.reopening = true;
    this.o.log.warn("database connection not restored by the driver; opening a new one");
    void this.reopen().finally(() => {
      this.reopening = false;
      this.lostSince = null;
    });
  }

  private async reopen(): Promise<void> {
    await this.connection.close().catch(() => undefined);
    await this.retry(async () => {
      await openConnection(this.connection, this.o.uri, this.o.dbName, this.o);
      this.o.log.info("database connection reopened");
    });
  }

  /**
   * Runs `step` until it succeeds or the link closes, waiting between
   * attempts (doubling from `retryMs.min` to `retryMs.max`); a failure is
   * logged when its message changes, and kept as the reason the link is not
   * ready.
   */
  private async retry(step: () => Promise<void>): Promise<void> {
    let delay = this.o.retryMs?.min ?? 500;
    while (!this.closed) {
      try {
        await step();
        this.lastError = null;
        return;
      } catch (e) {
        if (this.closed) return;
        const message = e instanceof Error ? e.message : String(e);
        if (message !== this.lastError)
          this.o.log.warn({ err: e, retryInMs: delay }, "database not available; retrying");
        this.lastError = message;
        await this.sleep(delay);
        delay = Math.min(this.o.retryMs?.max ?? 5000, delay * 2);
      }
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      this.wake = resolve;
      this.retryTimer = setTimeout(resolve, ms);
    });
  }

  /** Resolves when the link is first ready (for tests, tools and benchmarks that need the database). */
  whenReady(): Promise<void> {
    if (this.setUp) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private async connectUntilSetUp(): Promise<void> {
    await this.retry(async () => {
      if (this.connection.readyState !== 1) {
        await openConnection(this.connection, this.o.uri, this.o.dbName, this.o);
      }
      await ensureIndexes(this.models);
      if (this.o.setup) await this.o.setup(this.models);
    });
    if (this.closed) return;
    this.setUp = true;
    this.o.log.info("database connected and ready");
    for (const w of this.waiters.splice(0)) w();
  }

  /** Stops retrying and closes the connection. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.watchdog) clearInterval(this.watchdog);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.wake?.();
    await this.attempt?.catch(() => undefined);
    await this.connection.close().catch(() => undefined);
  }
}
