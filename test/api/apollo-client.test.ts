import { ApolloClient, CombinedGraphQLErrors, gql, HttpLink, InMemoryCache } from "@apollo/client";
import { startTestApp, TestApp } from "../helpers/app";

/**
 * Refusals read through a real GraphQL client: Apollo Client 4, as a web
 * console or an integration would use it, sees each one as GraphQL errors
 * with their codes (not a bare ServerError).
 */

const TRIVIAL = gql`
  query Trivial {
    __typename
  }
`;

function client(t: TestApp, headers: Record<string, string> = {}) {
  return new ApolloClient({ link: new HttpLink({ uri: t.runtime.url, headers }), cache: new InMemoryCache() });
}

async function refusal(c: ApolloClient, query = TRIVIAL) {
  const error = await c.query({ query, fetchPolicy: "no-cache" }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(CombinedGraphQLErrors.is(error)).toBe(true);
  return (error as CombinedGraphQLErrors).errors[0];
}

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ rateLimit: { windowMs: 60_000, perAddress: 3, perToken: 3 } });
});
afterAll(async () => {
  await t.close();
});

describe("Apollo Client reads every refusal as GraphQL errors with a code", () => {
  it("a bad token: UNAUTHENTICATED", async () => {
    const e = await refusal(client(t, { authorization: "Bearer not-a-token" }));
    expect(e.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("a body over the limit: BAD_REQUEST", async () => {
    // Apollo Client prints the document before sending it, dropping comments: the size must be in the query itself.
    const big = gql(`query Big { tools(search: "${"x".repeat(110_000)}") { totalCount } }`);
    const e = await refusal(client(t), big);
    expect(e.extensions?.code).toBe("BAD_REQUEST");
    expect(e.message).toMatch(/100 kB/);
  });

  it("the rate limit: RATE_LIMITED with retryAfter", async () => {
    const c = client(t);
    let e: Awaited<ReturnType<typeof refusal>> | null = null;
    for (let i = 0; i < 5 && !e; i++) {
      const r = await c.query({ query: TRIVIAL, fetchPolicy: "no-cache" }).then(
        () => null,
        (err: unknown) => err,
      );
      if (r) {
        expect(CombinedGraphQLErrors.is(r)).toBe(true);
        e = (r as CombinedGraphQLErrors).errors[0];
      }
    }
    expect(e?.extensions?.code).toBe("RATE_LIMITED");
    expect(e?.extensions?.retryAfter).toBeGreaterThan(0);
  });
});
