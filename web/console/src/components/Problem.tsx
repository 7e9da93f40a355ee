import type { CombinedError } from "@urql/core";
import { useEffect, useState } from "preact/hooks";
import { problemOf } from "../client";
import { Notice } from "./Notice";

/**
 * Says what a failed request means for the person: the database away (503),
 * too many requests (429, counting down its Retry-After, then offering to
 * retry), or another error. An ended session is announced in the header.
 */
export function ProblemNotice({ error, retry }: { error: CombinedError | undefined; retry: () => void }) {
  const problem = problemOf(error);
  const [left, setLeft] = useState<number | null>(null);
  useEffect(() => {
    if (problem?.kind !== "rate-limited" || problem.retryAfterS === null) return setLeft(null);
    setLeft(problem.retryAfterS);
    const timer = setInterval(() => setLeft((s) => (s === null || s <= 1 ? 0 : s - 1)), 1000);
    return () => clearInterval(timer);
  }, [error]);
  if (!problem || problem.kind === "session-ended") return null;
  const again = (
    <button type="button" class="button secondary" onClick={retry} disabled={left !== null && left > 0}>
      Try again
    </button>
  );
  switch (problem.kind) {
    case "unavailable":
      return (
        <Notice tone="error" title="The inventory is unavailable">
          <p>Its database cannot be reached just now. Nothing you did caused this; try again in a few seconds.</p>
          {again}
        </Notice>
      );
    case "rate-limited":
      return (
        <Notice tone="warning" title="Too many requests">
          <p>
            {left !== null && left > 0
              ? `The server asks you to wait ${left} second${left === 1 ? "" : "s"} before the next request.`
              : "You may try again now."}
          </p>
          {again}
        </Notice>
      );
    default:
      return (
        <Notice tone="error" title="Something went wrong">
          <p>{problem.message}</p>
          {again}
        </Notice>
      );
  }
}
