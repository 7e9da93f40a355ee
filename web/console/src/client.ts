import { Client, CombinedError, cacheExchange, fetchExchange, mapExchange } from "@urql/core";

/** What went wrong with a request, in the terms the console explains to a person. */
export type Problem =
  | { kind: "unavailable" }
  | { kind: "rate-limited"; retryAfterS: number | null }
  | { kind: "session-ended"; message: string }
  | { kind: "other"; message: string };

function codesOf(error: CombinedError): unknown[] {
  return error.graphQLErrors.map((e) => e.extensions?.code);
}

/** Classifies a failed request by its HTTP status and the API's error codes. */
export function problemOf(error: CombinedError | undefined): Problem | null {
  if (!error) return null;
  const response = error.response as Response | undefined;
  const status = response?.status;
  const codes = codesOf(error);
  if (status === 503 || codes.includes("SERVICE_UNAVAILABLE") || codes.includes("TIMEOUT"))
    return { kind: "unavailable" };
  if (status === 429 || codes.includes("RATE_LIMITED")) {
    const header = response?.headers.get("retry-after");
    const seconds = header ? Number.parseInt(header, 10) : NaN;
    return { kind: "rate-limited", retryAfterS: Number.isFinite(seconds) ? seconds : null };
  }
  // The credential itself refused, before any field ran: errors with no path. A field that needs a signed-in
  // caller answers UNAUTHENTICATED at its path, which is that field's business, not the session's.
  if (status === 401 && error.graphQLErrors.every((e) => !e.path)) {
    return { kind: "session-ended", message: error.graphQLErrors[0]?.message ?? "not signed in" };
  }
  if (error.networkError) return { kind: "other", message: "The server could not be reached." };
  return { kind: "other", message: error.graphQLErrors.map((e) => e.message).join("; ") || error.message };
}

/**
 * A GraphQL client for the API on this origin. Requests are POSTs (Apollo's
 * CSRF prevention refuses a GET without a preflight header, and the session
 * cookie needs the browser's Origin header, which it sends on POST). The
 * cookie goes with every request; the page never holds the token itself.
 * `onUnauthenticated` hears of a request refused for its credential: an
 * ended or expired session.
 */
export function createClient(onUnauthenticated: (message: string) => void): Client {
  return new Client({
    url: "/graphql",
    preferGetMethod: false,
    fetchOptions: {
      credentials: "same-origin",
      headers: { accept: "application/graphql-response+json, application/json" },
    },
    exchanges: [
      mapExchange({
        onError(error) {
          const problem = problemOf(error);
          if (problem?.kind === "session-ended") onUnauthenticated(problem.message);
        },
      }),
      cacheExchange,
      fetchExchange,
    ],
  });
}
