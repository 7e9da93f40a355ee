import type { CombinedError } from "@urql/core";
import { useState } from "preact/hooks";
import { problemOf } from "../../client";

/** What a mutation's payload carries besides its object. */
interface Payload {
  userErrors: { message: string }[];
}

/**
 * Runs a workspace mutation and keeps what to tell the person: the API's
 * user errors, or why the request failed (503, 429, …), or null when it
 * worked. `run` answers whether it worked.
 */
export function useAction() {
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function run<T>(
    go: () => Promise<{ data?: T; error?: CombinedError }>,
    payload: (data: T) => Payload | null | undefined,
  ): Promise<boolean> {
    setBusy(true);
    const result = await go();
    setBusy(false);
    const p = problemOf(result.error);
    if (p) {
      setMessage(
        p.kind === "unavailable"
          ? "The inventory is unavailable just now; nothing was changed. Try again in a few seconds."
          : p.kind === "rate-limited"
            ? `Too many requests; nothing was changed. Try again${p.retryAfterS ? ` in ${p.retryAfterS} seconds` : " shortly"}.`
            : p.kind === "session-ended"
              ? "Your session has ended; nothing was changed. Sign in again."
              : p.message,
      );
      return false;
    }
    const errors = result.data ? (payload(result.data)?.userErrors ?? []) : [];
    if (errors.length) {
      setMessage(errors.map((e) => e.message).join("; "));
      return false;
    }
    setMessage(null);
    return true;
  }
  return { message, busy, run, clear: () => setMessage(null) };
}
