import { Role } from "../../src/accounts/roles";
import { bumpCatalogueRevision } from "../../src/catalog/snapshot";
import { DUPLICATION_CSV_COLUMNS, GAP_CSV_COLUMNS } from "../../src/reports/report.export";
import { startTestApp, TestApp } from "../helpers/app";
import { userWithToken } from "../helpers/accounts";
import { parseCsv } from "../helpers/csv";

let t: TestApp;
let base: string;
let admin: string;
beforeAll(async () => {
  t = await startTestApp({ seed: true });
  base = t.runtime.url.replace(/\/graphql$/, "");
  admin = (await userWithToken(t, Role.ADMIN)).token;
});
afterAll(async () => {
  await t.close();
});

type Data = Record<string, Record<string, unknown> & { userErrors: unknown[] }>;

/** Runs a mutation as the admin and expects it to be accepted. */
async function accepted(query: string, variables: Record<string, unknown>) {
  const res = await t.gqlAs<Data>(admin, query, variables);
  expect(res.errors).toBeUndefined();
  const [payload] = Object.values(res.data ?? {});
  expect(payload.userErrors).toEqual([]);
  return payload;
}

const ADD_CAPABILITY = `mutation($input: AddCapabilityInput!) { addCapability(input: $input) {
  capability { slug name description } userErrors { field message code } } }`;
const RENAME_CAPABILITY = `mutation($slug: String!, $name: String!, $d: String) { renameCapability(slug: $slug, name: $name, description: $d) {
  capability { name description } userErrors { field message code } } }`;
const CREATE_GROUP = `mutation($code: String!, $name: String!, $members: [String!]!) { createJurisdictionGroup(code: $code, name: $name, members: $members) {
  jurisdiction { code name } userErrors { field message code } } }`;
const CREATE_LISTING = `mutation($input: ListingInput!) { createListing(input: $input) { listing { slug name } userErrors { field message code } } }`;
const SUBMIT = `mutation($slug: String!) { submitListingForReview(slug: $slug) { userErrors { field message code } } }`;
const APPROVE = `mutation($slug: String!) { approveRevision(slug: $slug, revision: 1) { listing { name } userErrors { field message code } } }`;
const REJECT = `mutation($slug: String!, $reason: String!) { rejectRevision(slug: $slug, revision: 1, reason: $reason) { userErrors { field message code } } }`;
const HISTORY = `query($slug: String!) { listingHistory(slug: $slug) { reason content } }`;
const CREATE_USER = `mutation($input: CreateUserInput!) { createUser(input: $input) { user { email name } userErrors { field message code } } }`;
const CREATE_TOKEN = `mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) { apiToken { name } userErrors { field message code } } }`;
const SAVE_REPORT = `mutation($name: String!) { saveGapReport(input: { jurisdictions: ["GB"] }, name: $name) {
  savedReport { name } userErrors { field message code } } }`;

const listing = (slug: string, name: string, capabilities: string[], extra: Record<string, unknown> = {}) => ({
  slug,
  name,
  kind: "TOOL",
  summary: "Sorts incoming reports by urgency.",
  capabilities,
  mediaTypes: ["IMAGE"],
  availability: [{ jurisdiction: "GB", status: "AVAILABLE" }],
  offers: [{ model: "FREE_FOR_ELIGIBLE", eligibility: ["HOTLINE"] }],
  sources: [{ url: "https://example.org/product", locator: "product page", unverified: true }],
  ...extra,
});

async function publish(input: ReturnType<typeof listing>) {
  await accepted(CREATE_LISTING, { input });
  await accepted(SUBMIT, { slug: input.slug });
  await accepted(APPROVE, { slug: input.slug });
}

describe("stored text", () => {
  it("is trimmed at the edge: listings, taxonomy, jurisdiction groups, accounts, tokens, saved reports", async () => {
    const cap = await accepted(ADD_CAPABILITY, {
      input: { slug: "padded-capability", name: "  Padded capability\n", parent: "detection", description: "\t d " },
    });
    expect(cap.capability).toEqual({ slug: "padded-capability", name: "Padded capability", description: "d" });
    const renamed = await accepted(RENAME_CAPABILITY, { slug: "padded-capability", name: " \tRenamed ", d: " e\n" });
    expect(renamed.capability).toEqual({ name: "Renamed", description: "e" });
    expect((await t.models.Capability.findOne({ slug: "padded-capability" }).lean())?.name).toBe("Renamed");

    const group = await accepted(CREATE_GROUP, { code: "PADDED", name: "  Padded group  ", members: [" GB", "FR "] });
    expect(group.jurisdiction).toEqual({ code: "PADDED", name: "Padded group" });

    const input = listing("padded-listing", "  Padded listing \r\n", ["triage"], {
      aliases: ["  padded alias "],
      summary: "\n Sorts reports. \n",
      offers: [{ model: "FREE_FOR_ELIGIBLE", eligibility: ["HOTLINE"], notes: " on request " }],
      availability: [{ jurisdiction: "GB", status: "AVAILABLE", notes: " nationwide\t" }],
      sources: [{ url: " https://example.org/p ", locator: "  page 3 ", unverified: true }],
    });
    expect((await accepted(CREATE_LISTING, { input })).listing).toEqual({
      slug: "padded-listing",
      name: "Padded listing",
    });
    await accepted(SUBMIT, { slug: "padded-listing" });
    await accepted(REJECT, { slug: "padded-listing", reason: "  needs a better source  " });
    const history = await t.gqlAs<{ listingHistory: { reason: string | null; content: Record<string, unknown> }[] }>(
      admin,
      HISTORY,
      { slug: "padded-listing" },
    );
    const [revision] = history.data?.listingHistory ?? [];
    expect(revision.reason).toBe("needs a better source");
    expect(revision.content).toMatchObject({
      name: "Padded listing",
      aliases: ["padded alias"],
      summary: "Sorts reports.",
      offers: [{ notes: "on request" }],
      availability: [{ jurisdiction: "GB", notes: "nationwide" }],
      sources: [{ url: "https://example.org/p", locator: "page 3" }],
    });
    expect((await t.models.Tool.findOne({ slug: "padded-listing" }).lean())?.name).toBe("Padded listing");

    const user = await accepted(CREATE_USER, {
      input: { email: " padded@example.org ", name: "  Padded Person\t", role: "LAW_ENFORCEMENT" },
    });
    expect(user.user).toEqual({ email: "padded@example.org", name: "Padded Person" });
    const token = await accepted(CREATE_TOKEN, { input: { email: "padded@example.org ", name: "\n laptop " } });
    expect(token.apiToken).toEqual({ name: "laptop" });
    const saved = await accepted(SAVE_REPORT, { name: "  Weekly gaps  " });
    expect(saved.savedReport).toEqual({ name: "Weekly gaps" });
  });

  it("that is empty once trimmed is refused", async () => {
    const res = await t.gqlAs<Data>(admin, RENAME_CAPABILITY, { slug: "padded-capability", name: " \n\t " });
    expect(res.data?.renameCapability.userErrors).toEqual([expect.objectContaining({ code: "INVALID" })]);
    const listingRes = await t.gqlAs<Data>(admin, CREATE_LISTING, { input: listing("blank-name", "   ", ["triage"]) });
    expect(listingRes.data?.createListing.userErrors).toEqual([
      expect.objectContaining({ field: ["input", "name"], code: "INVALID" }),
    ]);
  });
});

/** Text that a spreadsheet would run as a formula, some of it behind white space. */
const FORMULAS = [" =1+1", "\n=3+3", "\t@x", "+1", "-1"];
const CAPS = FORMULAS.map((_, i) => `formula-capability-${i}`);
const TOOLS = FORMULAS.map((_, i) => `formula-listing-${i}`);

/** The records of a CSV export, by column name. */
async function csvRecords(path: string, columns: string[]): Promise<Record<string, string>[]> {
  const res = await fetch(`${base}${path}`);
  expect(res.status).toBe(200);
  const [header, ...rows] = parseCsv(await res.text());
  expect(header).toEqual(columns);
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}

/** Every text field the CSV exports take from stored names: gap rows, gap columns, duplication members. */
async function exportedNames() {
  const gaps = await csvRecords(`/reports/gaps.csv?capabilities=${CAPS.join(",")}&jurisdictions=GB`, GAP_CSV_COLUMNS);
  const duplication = await csvRecords(`/reports/duplication.csv?capabilities=${CAPS[0]}`, DUPLICATION_CSV_COLUMNS);
  const members = duplication.filter((r) => r.section === "cluster");
  return {
    capabilityNames: CAPS.map((slug) => gaps.find((r) => r.capability === slug)?.capability_name),
    jurisdictionNames: [...new Set(gaps.map((r) => r.jurisdiction_name))],
    toolNames: TOOLS.map((slug) => members.find((r) => r.listing === slug)?.listing_name),
    numbers: [...gaps, ...duplication].flatMap((r) =>
      [r.listing_count, r.organisation_count, r.similarity, r.group].filter((v) => v !== undefined && v !== ""),
    ),
  };
}

describe("CSV exports (/reports/gaps.csv and /reports/duplication.csv)", () => {
  beforeAll(async () => {
    for (const [i, name] of FORMULAS.entries()) {
      await accepted(ADD_CAPABILITY, { input: { slug: CAPS[i], name, parent: "detection" } });
    }
    for (const [i, name] of FORMULAS.entries()) await publish(listing(TOOLS[i], name, CAPS));
  });

  it("defuse formulas in names stored through the API (trimmed)", async () => {
    const names = await exportedNames();
    const defused = FORMULAS.map((f) => `'${f.trim()}`);
    expect(names.capabilityNames).toEqual(defused);
    expect(names.toolNames).toEqual(defused);
    // Counts, similarities and group numbers are numbers, written as they are.
    expect(names.numbers.length).toBeGreaterThan(0);
    for (const n of names.numbers) expect(n).toMatch(/^\d+(\.\d+)?$/);
  });

  it("defuse formulas behind leading white space in text stored before trimming, or by another writer", async () => {
    for (const [i, name] of FORMULAS.entries()) {
      await t.models.Capability.updateOne({ slug: CAPS[i] }, { $set: { name } });
      await t.models.Tool.updateOne({ slug: TOOLS[i] }, { $set: { name } });
    }
    await t.models.Jurisdiction.updateOne({ code: "GB" }, { $set: { name: " =1+1" } });
    await bumpCatalogueRevision(t.models);
    const names = await exportedNames();
    const defused = FORMULAS.map((f) => `'${f}`);
    expect(names.capabilityNames).toEqual(defused);
    expect(names.toolNames).toEqual(defused);
    expect(names.jurisdictionNames).toEqual(["' =1+1"]);
  });
});
