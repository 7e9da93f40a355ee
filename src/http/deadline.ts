/**
 * One request's deadline, passed or not. The AbortSignal resolvers may ask
 * for is made only when one does; the execution guard is told through
 * `onAbort`. Most requests end long before their deadline, and for them an
 * AbortController and an event listener each would be work for nothing.
 */
export class RequestDeadline {
  aborted = false;
  private controller: AbortController | null = null;
  private timer: NodeJS.Timeout | null = null;
  private readonly listeners: (() => void)[] = [];

  /** Aborted when the deadline passes or the client goes away. */
  get signal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController();
      if (this.aborted) this.controller.abort();
    }
    return this.controller.signal;
  }

  /** Runs `fn` when the request is aborted, or at once if it already is. */
  onAbort(fn: () => void): void {
    if (this.aborted) fn();
    else this.listeners.push(fn);
  }

  /** Calls `onPassed` after `ms`, unless the response ends first (see `ended`). */
  start(ms: number, onPassed: () => void): void {
    this.timer = setTimeout(onPassed, ms);
  }

  /** The response has ended: the deadline no longer runs, and a response that did not finish (its client went away) aborts. */
  ended(finished: boolean): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (!finished) this.abort();
  }

  abort(): void {
    if (this.aborted) return;
    this.aborted = true;
    this.controller?.abort();
    for (const fn of this.listeners.splice(0)) fn();
  }
}
