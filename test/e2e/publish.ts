import type { E2eServers } from "./serve";

/**
 * What the tests do over the API as people would: a GraphQL request with a
 * bearer token, and a reviewer's approval of a listing's submitted revision.
 */

/** A GraphQL request over HTTP with a bearer token, as a client of the API makes it; throws on any error. */
export async function api<T>(base: string, token: string, query: string, variables: Record<string, unknown> = {}) {
  const res = await fetch(`${base}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: unknown[] };
  if (body.errors?.length || !body.data) throw new Error(JSON.stringify(body.errors ?? body));
  const payloads = Object.values(body.data as Record<string, { userErrors?: unknown[] } | null>);
  const userErrors = payloads.flatMap((p) => p?.userErrors ?? []);
  if (userErrors.length) throw new Error(JSON.stringify(userErrors));
  return body.data;
}

/** Submits a listing's latest revision (as an admin) and approves it (as a reviewer): published. */
export async function approveLatest(servers: E2eServers, slug: string): Promise<void> {
  const { admin, reviewer } = servers.tokens;
  const d = await api<{ submitListingForReview: { listing: { latestRevision: number } } }>(
    servers.main,
    admin,
    "mutation($s: String!) { submitListingForReview(slug: $s) { listing { latestRevision } userErrors { message } } }",
    { s: slug },
  );
  await api(
    servers.main,
    reviewer,
    "mutation($s: String!, $r: Int!) { approveRevision(slug: $s, revision: $r) { userErrors { message } } }",
    { s: slug, r: d.submitListingForReview.listing.latestRevision },
  );
}

/** Creates a listing as an admin (its `slug` given in the input) and has it approved as `approveLatest` does: published. */
export async function publishListing(
  servers: E2eServers,
  input: { slug: string } & Record<string, unknown>,
): Promise<void> {
  await api(
    servers.main,
    servers.tokens.admin,
    "mutation($i: ListingInput!) { createListing(input: $i) { userErrors { message } } }",
    { i: input },
  );
  await approveLatest(servers, input.slug);
}
