import { getVariableValues } from "graphql/execution/values";
import { GraphQLSchema, Kind, NoDeprecatedCustomRule, OperationDefinitionNode, parse, validate } from "graphql";
import { Role } from "../../src/accounts/roles";
import { createSchema } from "../../src/schema";
import { EXAMPLES, Example } from "../../web/editor/examples";
import { userWithToken } from "../helpers/accounts";
import { startTestApp, TestApp } from "../helpers/app";

const operationsOf = (e: Example): OperationDefinitionNode[] =>
  parse(e.query).definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);

describe("the query editor's examples, against the schema the server builds", () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await createSchema();
  });

  it("cover every kind of user: a search, a vendor's mutation, a gap and a duplication report", () => {
    const roots = EXAMPLES.flatMap((e) =>
      operationsOf(e).flatMap((op) =>
        op.selectionSet.selections.map((s) => `${op.operation} ${s.kind === Kind.FIELD ? s.name.value : "?"}`),
      ),
    );
    expect(roots).toEqual(
      expect.arrayContaining([
        "query listings",
        "mutation updateListing",
        "query gapReport",
        "query duplicationReport",
      ]),
    );
    expect(new Set(EXAMPLES.map((e) => e.audience))).toEqual(
      new Set(["Procurement officer", "Vendor", "Working-group member"]),
    );
  });

  it.each(EXAMPLES.map((e) => [e.title, e] as const))("%s validates, and its variables fit it", (_title, example) => {
    const document = parse(example.query);
    expect(validate(schema, document).map((e) => e.message)).toEqual([]);
    // The examples teach the current names: nothing deprecated.
    expect(validate(schema, document, [NoDeprecatedCustomRule]).map((e) => e.message)).toEqual([]);
    const operations = operationsOf(example);
    // Every operation is named: the editor titles tabs by the first, and offers the others by name.
    expect(operations.every((op) => op.name)).toBe(true);
    const used = new Set<string>();
    for (const op of operations) {
      const coerced = getVariableValues(schema, op.variableDefinitions ?? [], example.variables);
      expect({ operation: op.name?.value, errors: (coerced.errors ?? []).map((e) => e.message) }).toEqual({
        operation: op.name?.value,
        errors: [],
      });
      for (const v of op.variableDefinitions ?? []) used.add(v.variable.name.value);
    }
    // A variable no operation declares would be silently ignored: a misspelt name, say.
    expect(Object.keys(example.variables).filter((name) => !used.has(name))).toEqual([]);
  });

  it("open in tabs with distinct titles", () => {
    const titles = EXAMPLES.map((e) => operationsOf(e)[0].name?.value);
    expect(new Set(titles).size).toBe(EXAMPLES.length);
  });
});

describe("the query editor's examples, run against the seed inventory", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ seed: true });
  });
  afterAll(async () => {
    await t.close();
  });

  /** Runs one named operation of an example over HTTP, as the editor sends it. */
  async function run(example: Example, operationName: string, token?: string) {
    const res = await fetch(t.runtime.url, {
      method: "POST",
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query: example.query, variables: example.variables, operationName }),
    });
    const body = (await res.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
    expect({ operationName, status: res.status, errors: body.errors }).toEqual({
      operationName,
      status: 200,
      errors: undefined,
    });
    return body.data as Record<string, never>;
  }

  const example = (title: string) => EXAMPLES.find((e) => e.title === title)!;

  it("the procurement search finds listings, with facets", async () => {
    const data = await run(example("Search with facets"), "ProcurementSearch");
    const tools = data.listings as { totalCount: number; facets: { mediaTypes: unknown[] } };
    expect(tools.totalCount).toBeGreaterThan(0);
    expect(tools.facets.mediaTypes.length).toBeGreaterThan(0);
  });

  it("the gap report and the duplication report have something to show", async () => {
    const gaps = (await run(example("Gap report"), "GapReport")).gapReport as { rows: unknown[]; columns: unknown[] };
    expect(gaps.rows.length).toBeGreaterThan(0);
    expect(gaps.columns.length).toBeGreaterThan(0);
    const duplication = (await run(example("Duplication report"), "DuplicationReport")).duplicationReport as {
      crowding: unknown[];
    };
    expect(duplication.crowding.length).toBeGreaterThan(0);
  });

  it("a vendor lists their listings, updates one at the revision the example names, and submits it", async () => {
    const vendor = example("Update your own listing");
    const { slug, baseRevision } = vendor.variables as { slug: string; baseRevision: number };
    const { token } = await userWithToken(t, Role.VENDOR, "netclean");

    const mine = await run(vendor, "MyListings", token);
    const edges = (mine.me as { organisation: { listings: { edges: { node: Record<string, unknown> }[] } } })
      .organisation.listings.edges;
    expect(edges.map((e) => e.node)).toContainEqual(
      expect.objectContaining({ slug, latestRevision: baseRevision, viewerCanEdit: true }),
    );

    const updated = (await run(vendor, "UpdateMyListing", token)).updateListing as {
      userErrors: unknown[];
      listing: { pendingRevision: { revision: number; state: string } };
    };
    expect(updated.userErrors).toEqual([]);
    expect(updated.listing.pendingRevision).toEqual({ revision: baseRevision + 1, state: "DRAFT" });

    const submitted = (await run(vendor, "SubmitForReview", token)).submitListingForReview as {
      userErrors: unknown[];
      listing: { pendingRevision: { state: string } };
    };
    expect(submitted.userErrors).toEqual([]);
    expect(submitted.listing.pendingRevision.state).toBe("PENDING");
  });
});
