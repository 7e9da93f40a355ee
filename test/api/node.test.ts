import { ApolloClient, CombinedGraphQLErrors, gql, HttpLink, InMemoryCache } from "@apollo/client";
import { Types } from "mongoose";
import { Role } from "../../src/accounts/roles";
import { PublicationState, Visibility } from "../../src/catalog/enums";
import { bumpCatalogueRevision } from "../../src/catalog/snapshot";
import { NODE_KINDS } from "../../src/node/global-id";
import { userWithToken } from "../helpers/accounts";
import { startTestApp, TestApp } from "../helpers/app";

/**
 * Relay's Global Object Identification, through a real client: every type a
 * client caches has a globally unique id, `node`/`nodes` refetch it with the
 * visibility of the typed lookups, and Apollo Client's normalised cache keeps
 * one entry per object (no embedded copies).
 */

let t: TestApp;
let admin: { token: string; userId: string };
let vendor: { token: string; userId: string };
let hiddenSlug: string;
/** A listing with a draft revision. */
let revisedSlug: string;

function client(token?: string) {
  return new ApolloClient({
    link: new HttpLink({ uri: t.runtime.url, headers: token ? { authorization: `Bearer ${token}` } : {} }),
    cache: new InMemoryCache(),
  });
}

async function must<T>(token: string | undefined, query: string, variables: Record<string, unknown> = {}) {
  const r = await t.gqlAs<T>(token ? `Bearer ${token}` : "", query, variables);
  expect(r.errors).toBeUndefined();
  return r.data!;
}

/** One id of every kind, read from the typed queries as ADMIN. */
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestApp({ seed: true });
  admin = await userWithToken(t, Role.ADMIN);
  // A listing only law enforcement may see, and a vendor of another organisation.
  const hidden = await t.models.Tool.findOne({ publicationState: PublicationState.PUBLISHED }).lean();
  hiddenSlug = hidden!.slug;
  const other = (await t.models.Organisation.find().lean()).find((o) => !o._id.equals(hidden!.organisation));
  vendor = await userWithToken(t, Role.VENDOR, other!.slug);
  await t.models.Tool.updateOne({ _id: hidden!._id }, { $set: { visibility: Visibility.LAW_ENFORCEMENT } });
  await bumpCatalogueRevision(t.models);

  const saved = await must<{ saveGapReport: { savedReport: { id: string } } }>(
    admin.token,
    `mutation { saveGapReport(input: { jurisdictions: ["CA"] }, name: "node test") { savedReport { id } } }`,
  );
  ids.SavedReport = saved.saveGapReport.savedReport.id;
  const search = await must<{ saveSearch: { savedSearch: { id: string } } }>(
    admin.token,
    `mutation { saveSearch(name: "node test", search: "hash") { savedSearch { id } } }`,
  );
  ids.SavedSearch = search.saveSearch.savedSearch.id;
  const shortlist = await must<{ createShortlist: { shortlist: { id: string } } }>(
    admin.token,
    `mutation { createShortlist(name: "node test") { shortlist { id } } }`,
  );
  ids.Shortlist = shortlist.createShortlist.shortlist.id;
  const d = await must<{
    tools: { edges: { node: { id: string; slug: string; organisation: { id: string } | null } }[] };
    capabilities: { id: string }[];
    jurisdictions: { id: string }[];
    classificationSchemes: { id: string }[];
    withSource: { edges: { node: { sources: { document: { id: string } | null }[] } }[] };
    users: { edges: { node: { id: string } }[] };
    auditEvents: { edges: { node: { id: string } }[] };
  }>(
    admin.token,
    `{
      tools(first: 50) { edges { node { id slug organisation { id } } } }
      capabilities { id }
      jurisdictions { id }
      classificationSchemes { id }
      withSource: tools(first: 50) { edges { node { sources { document { id } } } } }
      users(first: 1) { edges { node { id } } }
      auditEvents(first: 1) { edges { node { id } } }
    }`,
  );
  const listing = d.tools.edges.find((e) => e.node.organisation && e.node.slug !== hiddenSlug)!.node;
  ids.Listing = listing.id;
  ids.Organisation = listing.organisation!.id;
  ids.Capability = d.capabilities[0].id;
  ids.Jurisdiction = d.jurisdictions[0].id;
  ids.ClassificationScheme = d.classificationSchemes[0].id;
  ids.Document = d.withSource.edges.flatMap((e) => e.node.sources).find((s) => s.document)!.document!.id;
  ids.User = d.users.edges[0].node.id;
  ids.AuditEvent = d.auditEvents.edges[0].node.id;
  const tokens = await must<{ apiTokens: { edges: { node: { id: string } }[] } }>(
    admin.token,
    `query($u: ID!) { apiTokens(userId: $u, first: 1) { edges { node { id } } } }`,
    { u: ids.User },
  );
  ids.ApiToken = tokens.apiTokens.edges[0].node.id;
  // A draft revision, so that the listing has a history.
  revisedSlug = listing.slug;
  const { tool } = await must<{ tool: { revision: number } }>(
    admin.token,
    `query($s: String!) { tool(slug: $s) { revision } }`,
    { s: listing.slug },
  );
  const draft = await must<{ updateListing: { userErrors: unknown[] } }>(
    admin.token,
    `mutation($s: String!, $b: Int!) { updateListing(slug: $s, baseRevision: $b, input: { summary: "Revised for the node test." }) { userErrors { message } } }`,
    { s: listing.slug, b: tool.revision },
  );
  expect(draft.updateListing.userErrors).toEqual([]);
  const history = await must<{ listingHistory: { id: string }[] }>(
    admin.token,
    `query($s: String!) { listingHistory(slug: $s) { id } }`,
    { s: listing.slug },
  );
  ids.ListingRevision = history.listingHistory[0].id;
  // A completeness request on another organisation's listing than the vendor's.
  const report = await must<{
    completenessReport: {
      listings: { listing: { slug: string; organisation: { slug: string } | null }; unknownFields: string[] }[];
    };
  }>(admin.token, `{ completenessReport { listings { listing { slug organisation { slug } } unknownFields } } }`);
  const incomplete = report.completenessReport.listings.find(
    (l) =>
      l.listing.organisation &&
      l.listing.organisation.slug !== other!.slug &&
      l.listing.slug !== hiddenSlug &&
      l.unknownFields.length,
  )!;
  const asked = await must<{ requestCompleteness: { request: { id: string } } }>(
    admin.token,
    `mutation($s: String!, $f: [CompletenessField!]!) { requestCompleteness(slug: $s, fields: $f) { request { id } } }`,
    { s: incomplete.listing.slug, f: [incomplete.unknownFields[0]] },
  );
  ids.CompletenessRequest = asked.requestCompleteness.request.id;
  const mappings = await must<{ schemeMappings: { id: string }[] }>(admin.token, `{ schemeMappings(first: 1) { id } }`);
  ids.SchemeMapping = mappings.schemeMappings[0].id;
  const change = await must<{ proposeSchemeLevelChange: { change: { id: string } } }>(
    admin.token,
    `mutation { proposeSchemeLevelChange(input: { scheme: "cets-classification", action: ADD, code: "N1", name: "Node test level", rank: 1, sources: [{ document: "cda-twg-2018", locator: "a fixture for the node test" }] }) { change { id } } }`,
  );
  ids.SchemeLevelChange = change.proposeSchemeLevelChange.change.id;
});
afterAll(async () => {
  await t.close();
});

const REFETCH = gql`
  query Refetch($id: ID!) {
    node(id: $id) {
      __typename
      id
    }
  }
`;

describe("every cacheable type has a global id that node(id) refetches", () => {
  it("has an id of every kind, each distinct and opaque", () => {
    expect(Object.keys(ids).sort()).toEqual([...NODE_KINDS].sort());
    const values = Object.values(ids);
    expect(new Set(values).size).toBe(values.length);
    for (const id of values) expect(id).not.toMatch(/^[0-9a-f]{24}$/);
  });

  it.each([...NODE_KINDS])("refetches a %s by node(id) through Apollo Client", async (kind) => {
    const r = await client(admin.token).query({ query: REFETCH, variables: { id: ids[kind] } });
    expect(r.data).toEqual({ node: { __typename: kind, id: ids[kind] } });
  });

  it("answers nodes(ids) in the order asked, null for an unknown id", async () => {
    const unknownTool = Buffer.from(`Listing:${new Types.ObjectId().toHexString()}`).toString("base64url");
    const asked = [ids.Capability, unknownTool, ids.Listing, ids.Jurisdiction];
    const d = await must<{ nodes: ({ id: string; __typename: string } | null)[] }>(
      admin.token,
      `query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }`,
      { ids: asked },
    );
    expect(d.nodes.map((n) => n?.id ?? null)).toEqual([ids.Capability, null, ids.Listing, ids.Jurisdiction]);
  });

  it("reads typed fields through fragments", async () => {
    const d = await must<{ node: { slug: string; name: string; toolCount: number } }>(
      undefined,
      `query($id: ID!) { node(id: $id) { ... on Capability { slug name toolCount } } }`,
      { id: ids.Capability },
    );
    const typed = await must<{ capabilities: { id: string; slug: string; name: string; toolCount: number }[] }>(
      undefined,
      `{ capabilities { id slug name toolCount } }`,
    );
    const { id: _id, ...fields } = typed.capabilities.find((c) => c.id === ids.Capability)!;
    expect(d.node).toEqual(fields);
  });
});

describe("node(id) sees exactly what the typed lookups see", () => {
  async function hiddenId(): Promise<string> {
    const d = await must<{ tool: { id: string } }>(admin.token, `query($s: String!) { tool(slug: $s) { id } }`, {
      s: hiddenSlug,
    });
    return d.tool.id;
  }

  it("a hidden listing's id answers null, as an unknown one does", async () => {
    const id = await hiddenId();
    const unknown = Buffer.from(`Listing:${new Types.ObjectId().toHexString()}`).toString("base64url");
    for (const token of [undefined, vendor.token]) {
      const typed = await must<{ tool: unknown }>(token, `query($s: String!) { tool(slug: $s) { id } }`, {
        s: hiddenSlug,
      });
      expect(typed.tool).toBeNull();
      const hidden = await t.gqlAs(token ? `Bearer ${token}` : "", `query($id: ID!) { node(id: $id) { id } }`, { id });
      const missing = await t.gqlAs(token ? `Bearer ${token}` : "", `query($id: ID!) { node(id: $id) { id } }`, {
        id: unknown,
      });
      expect(hidden).toEqual(missing);
      expect(hidden.data).toEqual({ node: null });
    }
  });

  it("accounts, tokens, the audit log, saved reports and revisions only for those the typed queries serve", async () => {
    const restricted = [
      "User",
      "ApiToken",
      "AuditEvent",
      "SavedReport",
      "SavedSearch",
      "Shortlist",
      "ListingRevision",
      "CompletenessRequest",
      // A pending level change is the reviewers' business, as `schemeLevelChanges` keeps it.
      "SchemeLevelChange",
    ];
    for (const token of [undefined, vendor.token]) {
      const d = await must<{ nodes: unknown[] }>(token, `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, {
        ids: restricted.map((k) => ids[k]),
      });
      expect(d.nodes).toEqual(restricted.map(() => null));
    }
    // A user may refetch themself, and nobody else.
    const me = await must<{ me: { user: { id: string } } }>(vendor.token, `{ me { user { id } } }`);
    const self = await must<{ node: { id: string } | null }>(vendor.token, `query($id: ID!) { node(id: $id) { id } }`, {
      id: me.me.user.id,
    });
    expect(self.node).toEqual({ id: me.me.user.id });
  });

  it("the public catalogue for everyone", async () => {
    const open = [
      "Listing",
      "Organisation",
      "Capability",
      "Jurisdiction",
      "Document",
      "ClassificationScheme",
      "SchemeMapping",
    ];
    const d = await must<{ nodes: ({ id: string } | null)[] }>(
      undefined,
      `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`,
      { ids: open.map((k) => ids[k]) },
    );
    expect(d.nodes).toEqual(open.map((k) => ({ id: ids[k] })));
  });
});

describe("ids the API did not issue", () => {
  it.each([["not an id"], ["dG9vbDp4"], [Buffer.from("Listing:").toString("base64url")], ["0123456789abcdef01234567"]])(
    "node(%j) is BAD_USER_INPUT naming the argument",
    async (id) => {
      const r = await t.gql(`query($id: ID!) { node(id: $id) { id } }`, { id });
      expect(r.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "id" });
      expect(r.errors?.[0].message).toMatch(/not an id this API issued/);
    },
  );

  it("one bad id in nodes refuses the call, naming its position", async () => {
    const r = await t.gql(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: [ids.Listing, "nope"] });
    expect(r.data).toBeNull();
    expect(r.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "ids[1]" });
  });

  it("more than 100 ids are refused", async () => {
    const r = await t.gql(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, {
      ids: Array.from({ length: 101 }, () => ids.Listing),
    });
    expect(r.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "ids" });
  });

  it("an id argument given the id of another type says so", async () => {
    const r = await t.gqlAs(`Bearer ${admin.token}`, `query($id: ID!) { savedReport(id: $id) { id } }`, {
      id: ids.Listing,
    });
    expect(r.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "id" });
    expect(r.errors?.[0].message).toMatch(/id of a Listing, not of a SavedReport/);
  });

  it("id arguments take global ids, and still the bare keys given out before", async () => {
    const bare = Buffer.from(ids.SavedReport, "base64url").toString().split(":")[1];
    for (const id of [ids.SavedReport, bare]) {
      const d = await must<{ savedReport: { id: string } }>(
        admin.token,
        `query($id: ID!) { savedReport(id: $id) { id } }`,
        {
          id,
        },
      );
      expect(d.savedReport.id).toBe(ids.SavedReport);
    }
  });
});

/** Every object of a Node type in the cache must be a reference to its one normalised entry. */
function embeddedNodes(value: unknown, path: string, found: string[]): void {
  if (Array.isArray(value)) return value.forEach((v, i) => embeddedNodes(v, `${path}[${i}]`, found));
  if (!value || typeof value !== "object") return;
  const o = value as Record<string, unknown>;
  if (typeof o.__typename === "string" && (NODE_KINDS as readonly string[]).includes(o.__typename)) {
    found.push(`${path} (${o.__typename})`);
  }
  for (const [k, v] of Object.entries(o)) embeddedNodes(v, `${path}.${k}`, found);
}

describe("Apollo Client's cache normalises every type", () => {
  it("keeps one entry per object, referenced wherever it appears", async () => {
    const c = client(admin.token);
    await c.query({
      query: gql`
        query Everything($u: ID!, $slug: String!, $saved: ID!) {
          tools(first: 20) {
            edges {
              node {
                id
                name
                organisation {
                  id
                  name
                }
                capabilities {
                  id
                  name
                  parent {
                    id
                    name
                  }
                }
                classificationSchemes {
                  id
                  name
                  jurisdictions {
                    id
                    code
                  }
                }
                availability {
                  status
                  jurisdiction {
                    id
                    code
                    groups {
                      id
                      code
                    }
                  }
                }
                sources {
                  locator
                  document {
                    id
                    title
                  }
                }
              }
            }
          }
          users(first: 5) {
            edges {
              node {
                id
                email
              }
            }
          }
          apiTokens(userId: $u, first: 5) {
            edges {
              node {
                id
                hint
              }
            }
          }
          auditEvents(first: 5) {
            edges {
              node {
                id
                operation
              }
            }
          }
          savedSearches {
            id
            name
          }
          shortlists {
            id
            name
          }
          savedReport(id: $saved) {
            id
            name
          }
          listingHistory(slug: $slug) {
            id
            revision
          }
          completenessRequests {
            id
            fields
          }
          schemeMappings(first: 5) {
            id
            relation
          }
          schemeLevelChanges(first: 5) {
            id
            action
          }
        }
      `,
      variables: { u: ids.User, saved: ids.SavedReport, slug: revisedSlug },
    });
    const store = c.cache.extract() as Record<string, Record<string, unknown>>;
    const entries = Object.keys(store);
    expect(NODE_KINDS.filter((kind) => !entries.some((k) => k.startsWith(`${kind}:`)))).toEqual([]);
    const embedded: string[] = [];
    for (const [key, entry] of Object.entries(store)) {
      const { __typename: _t, ...fields } = entry;
      embeddedNodes(fields, key, embedded);
    }
    expect(embedded).toEqual([]);
  });

  it("a refetch by node(id) updates the entry the search put in the cache", async () => {
    const c = client();
    const listed = await c.query({
      query: gql`
        {
          capabilities {
            id
            name
          }
        }
      `,
    });
    const cap = (listed.data as { capabilities: { id: string; name: string }[] }).capabilities[0];
    const key = c.cache.identify({ __typename: "Capability", id: cap.id })!;
    c.cache.modify({ id: key, fields: { name: () => "stale" } });
    await c.query({
      query: gql`
        query ($id: ID!) {
          node(id: $id) {
            id
            ... on Capability {
              name
            }
          }
        }
      `,
      variables: { id: cap.id },
      fetchPolicy: "network-only",
    });
    expect((c.cache.extract() as Record<string, { name?: string }>)[key].name).toBe(cap.name);
  });

  it("an error from node reaches the client as a GraphQL error with its code", async () => {
    const e = await client()
      .query({ query: REFETCH, variables: { id: "nope" } })
      .then(
        () => null,
        (err: unknown) => err,
      );
    expect(CombinedGraphQLErrors.is(e)).toBe(true);
    expect((e as CombinedGraphQLErrors).errors[0].extensions?.code).toBe("BAD_USER_INPUT");
  });
});
