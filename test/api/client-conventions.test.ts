import { getNamedType, GraphQLObjectType, isNonNullType, isObjectType } from "graphql";
import { Role } from "../../src/accounts/roles";
import { createSchema } from "../../src/schema";
import { startTestApp, TestApp } from "../helpers/app";
import { userWithToken } from "../helpers/accounts";

/**
 * What a client library relies on: every refusal at /graphql in the media
 * type the client asked for, an explicit null page size read as the default,
 * a cursor from another order named as such, and JSON errors on every path
 * the API owns.
 */

const GRAPHQL_RESPONSE = "application/graphql-response+json";
const APOLLO_CLIENT_ACCEPT = `${GRAPHQL_RESPONSE},application/json;q=0.9`;

let t: TestApp;
let admin: string;

beforeAll(async () => {
  t = await startTestApp({ seed: true, rateLimit: { windowMs: 60_000, perAddress: 1000, perToken: 1000 } });
  admin = (await userWithToken(t, Role.ADMIN)).token;
});
afterAll(async () => {
  await t.close();
});

async function post(body: string, headers: Record<string, string>) {
  const res = await fetch(t.runtime.url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
  });
  return {
    status: res.status,
    type: res.headers.get("content-type"),
    body: (await res.json()) as Record<string, never>,
  };
}

describe("refusals at /graphql are GraphQL responses in the media type asked for", () => {
  const cases: [
    string,
    () => Promise<{ status: number; type: string | null; body: Record<string, never> }>,
    number,
    string,
  ][] = [
    [
      "a bad token (401)",
      () =>
        post(JSON.stringify({ query: "{ __typename }" }), {
          authorization: "Bearer nope",
          accept: APOLLO_CLIENT_ACCEPT,
        }),
      401,
      "UNAUTHENTICATED",
    ],
    [
      "a body over the limit (413)",
      () =>
        post(JSON.stringify({ query: `{ __typename } # ${"x".repeat(110_000)}` }), { accept: APOLLO_CLIENT_ACCEPT }),
      413,
      "BAD_REQUEST",
    ],
    ["malformed JSON (400)", () => post("{ not json", { accept: APOLLO_CLIENT_ACCEPT }), 400, "BAD_REQUEST"],
  ];

  it.each(cases)("%s", async (_name, send, status, code) => {
    const r = await send();
    expect(r.status).toBe(status);
    expect(r.type).toMatch(/^application\/graphql-response\+json; charset=utf-8$/);
    expect((r.body.errors as { extensions: { code: string } }[])[0].extensions.code).toBe(code);
  });

  it("answers application/json to a client that asks for it, or says nothing", async () => {
    for (const accept of ["application/json", undefined]) {
      const r = await post(JSON.stringify({ query: "{ __typename }" }), {
        authorization: "Bearer nope",
        ...(accept ? { accept } : {}),
      });
      expect(r.status).toBe(401);
      expect(r.type).toMatch(/^application\/json; charset=utf-8$/);
    }
  });

  it("answers a rate-limit refusal (429) with retryAfter, in the media type asked for", async () => {
    const limited = await startTestApp({ rateLimit: { windowMs: 60_000, perAddress: 1, perToken: 1 } });
    try {
      const send = () =>
        fetch(limited.runtime.url, {
          method: "POST",
          headers: { "content-type": "application/json", accept: APOLLO_CLIENT_ACCEPT },
          body: JSON.stringify({ query: "{ __typename }" }),
        });
      expect((await send()).status).toBe(200);
      const refused = await send();
      expect(refused.status).toBe(429);
      expect(refused.headers.get("content-type")).toMatch(/^application\/graphql-response\+json/);
      const body = (await refused.json()) as { errors: { extensions: { code: string; retryAfter: number } }[] };
      expect(body.errors[0].extensions.code).toBe("RATE_LIMITED");
      expect(body.errors[0].extensions.retryAfter).toBeGreaterThan(0);
    } finally {
      await limited.close();
    }
  });
});

describe("an explicit null page size", () => {
  it("is refused by every paged field of Query as BAD_USER_INPUT naming the argument", async () => {
    const schema = await createSchema();
    const query = schema.getQueryType()!;
    const paged = Object.values(query.getFields()).filter(
      (f) =>
        f.args.some((a) => a.name === "first") &&
        f.args.every((a) => a.name === "first" || !isNonNullType(a.type) || a.defaultValue !== undefined),
    );
    expect(paged.map((f) => f.name)).toEqual(expect.arrayContaining(["tools", "organisations"]));
    for (const f of paged) {
      const named = getNamedType(f.type);
      const connection = isObjectType(named) && (named as GraphQLObjectType).getFields().totalCount;
      const selection = connection ? "{ totalCount edges { cursor } }" : isObjectType(named) ? "{ __typename }" : "";
      const r = await t.gqlAs<Record<string, { edges?: unknown[] }>>(
        `Bearer ${admin}`,
        `query($f: Int) { ${f.name}(first: $f) ${selection} }`,
        { f: null },
      );
      expect({ field: f.name, errors: r.errors?.map((e) => [e.extensions?.code, e.extensions?.argument]) }).toEqual({
        field: f.name,
        errors: [["BAD_USER_INPUT", "first"]],
      });
    }
  });

  it("says what to do instead, and a variable left out gives the default page", async () => {
    const r = await t.gql(`query($f: Int) { tools(first: $f) { edges { cursor } } }`, { f: null });
    expect(r.errors?.[0]?.message).toBe("first: must not be null; leave it out to use its default");
    const omitted = await t.gql<{ tools: { edges: unknown[] } }>(
      `query($f: Int) { tools(first: $f) { edges { cursor } } }`,
      {},
    );
    expect(omitted.errors).toBeUndefined();
    expect(omitted.data!.tools.edges).toHaveLength(20);
  });
});

describe("cursors", () => {
  it("names a cursor from another order as such", async () => {
    const byName = await t.gql<{ tools: { pageInfo: { endCursor: string } } }>(
      `{ tools(first: 2, orderBy: NAME) { pageInfo { endCursor } } }`,
    );
    const r = await t.gql(`query($a: String) { tools(first: 2, orderBy: LAST_VERIFIED, after: $a) { totalCount } }`, {
      a: byName.data!.tools.pageInfo.endCursor,
    });
    expect(r.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(r.errors?.[0]?.message).toMatch(/issued for a different search, filter or order/);
  });
});

describe("paths the API owns", () => {
  it.each(["/reports/nothing-here", "/reports/gap.csv/extra", "/nowhere"])(
    "answers %s with a JSON error and a code",
    async (path) => {
      const res = await fetch(t.runtime.url.replace(/\/graphql$/, path));
      expect(res.status).toBe(404);
      expect(res.headers.get("content-type")).toMatch(/^application\/json/);
      const body = (await res.json()) as { errors: { extensions: { code: string } }[] };
      expect(body.errors[0].extensions.code).toBe("NOT_FOUND");
    },
  );
});
