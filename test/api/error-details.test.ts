import { Role } from "../../src/accounts/roles";
import { codes, GqlResponse, startTestApp, TestApp } from "../helpers/app";
import { userWithToken } from "../helpers/accounts";

/**
 * Requests that end in each kind of error a caller can provoke, the last one
 * an unexpected (INTERNAL) error: a saved report whose stored input a fault
 * has corrupted, so reading it throws inside a resolver.
 */
async function provokeErrors(t: TestApp): Promise<[string, GqlResponse][]> {
  const reviewer = (await userWithToken(t, Role.REVIEWER)).token;
  const saved = await t.gqlAs<{ saveGapReport: { savedReport: { id: string } } }>(
    reviewer,
    `mutation { saveGapReport(input: {}, name: "r") { savedReport { id } } }`,
  );
  const id = saved.data?.saveGapReport.savedReport.id;
  await t.models.SavedReport.updateOne({}, { $set: { input: "{not json" } });
  const raw = async (body: string): Promise<GqlResponse> => {
    const res = await fetch(t.runtime.url, { method: "POST", headers: { "content-type": "application/json" }, body });
    return { status: res.status, ...((await res.json()) as Omit<GqlResponse, "status">) };
  };
  return [
    ["GRAPHQL_PARSE_FAILED", await t.gql(`{ tools { totalCount }`)],
    ["GRAPHQL_VALIDATION_FAILED", await t.gql(`{ toolz }`)],
    ["BAD_USER_INPUT", await t.gql(`{ tools(first: 0) { totalCount } }`)],
    ["BAD_USER_INPUT", await t.gql(`query($n: Int) { tools(first: $n) { totalCount } }`, { n: "many" })],
    ["UNAUTHENTICATED", await t.gql(`{ auditEvents { totalCount } }`)],
    ["UNAUTHENTICATED", await t.gqlAs("Bearer ti_not_a_token", `{ __typename }`)],
    ["BAD_REQUEST", await raw(`[{ "query": "{ __typename }" }]`)],
    ["INTERNAL_SERVER_ERROR", await t.gqlAs(reviewer, `{ savedReport(id: "${id}") { input { minTools } } }`)],
  ];
}

describe("error details in development (NODE_ENV unset)", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it("never sends a stack trace or a file path, whatever the error", async () => {
    for (const [code, res] of await provokeErrors(t)) {
      expect(codes(res)).toEqual([code]);
      const body = JSON.stringify(res);
      expect({ code, stacktrace: body.includes("stacktrace") }).toEqual({ code, stacktrace: false });
      expect({ code, body }).not.toEqual({ code, body: expect.stringContaining(process.cwd()) });
      expect({ code, body }).not.toEqual({ code, body: expect.stringMatching(/\.[jt]s:\d+/) });
    }
  });
});

describe("error details with EXPOSE_ERROR_DETAILS", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ exposeErrorDetails: true });
  });
  afterAll(async () => {
    await t.close();
  });

  it("sends stack traces with GraphQL errors, the unexpected one included", async () => {
    // The first answer for each code: the errors answered before GraphQL runs (a bad token, a batch) have no stack.
    const answers = new Map((await provokeErrors(t)).reverse());
    for (const code of ["GRAPHQL_VALIDATION_FAILED", "BAD_USER_INPUT", "UNAUTHENTICATED", "INTERNAL_SERVER_ERROR"]) {
      const stacktrace = (answers.get(code)?.errors?.[0].extensions as { stacktrace?: string[] }).stacktrace;
      expect({ code, stacktrace }).toEqual({ code, stacktrace: expect.arrayContaining([expect.any(String)]) });
    }
    // The unexpected error's message stays masked; its stack says where it came from.
    const internal = answers.get("INTERNAL_SERVER_ERROR")?.errors?.[0];
    expect(internal?.message).toBe("internal error");
    expect(JSON.stringify(internal)).toMatch(/SyntaxError|JSON/);
  });
});

/** Misspellings of the schema's fields, arguments, types and enum values, each of which graphql-js answers with a suggestion. */
const GUESSES: [string, string, Record<string, unknown>?][] = [
  ["field", `{ toolz }`],
  ["nested field", `{ tools { totalCountt } }`],
  ["argument", `{ tools(firs: 1) { totalCount } }`],
  ["type in a fragment", `{ ...F } fragment F on Quer { __typename }`],
  ["type of a variable", `query($f: ListingFilterr) { tools(filter: $f) { totalCount } }`],
  ["enum value", `{ tools(orderBy: NAMEE) { totalCount } }`],
  ["enum value in a variable", `query($o: ListingOrder) { tools(orderBy: $o) { totalCount } }`, { o: "NAMEE" }],
  [
    "input field in a variable",
    `query($f: ListingFilter) { tools(filter: $f) { totalCount } }`,
    { f: { capabilitiez: ["x"] } },
  ],
  ["input field", `{ tools(filter: { capabilitiez: ["x"] }) { totalCount } }`],
];

describe("schema suggestions", () => {
  it("are given outside production (so each guess below does provoke one)", async () => {
    const dev = await startTestApp();
    try {
      for (const [what, query, variables] of GUESSES) {
        const res = await dev.gql(query, variables);
        expect({ what, message: res.errors?.[0].message }).toEqual({
          what,
          message: expect.stringMatching(/Did you mean/),
        });
      }
    } finally {
      await dev.close();
    }
  });

  it("are never given in production, for fields, arguments, types or enum values", async () => {
    const prod = await startTestApp({ production: true });
    try {
      for (const [what, query, variables] of GUESSES) {
        const res = await prod.gql(query, variables);
        expect({ what, errors: res.errors?.length }).toEqual({ what, errors: 1 });
        expect({ what, body: JSON.stringify(res) }).not.toEqual({ what, body: expect.stringMatching(/did you mean/i) });
        expect({ what, code: codes(res)[0] }).toEqual({
          what,
          code: expect.stringMatching(/^(GRAPHQL_VALIDATION_FAILED|BAD_USER_INPUT)$/),
        });
      }
    } finally {
      await prod.close();
    }
  });
});
