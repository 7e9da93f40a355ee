import type { Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import { expect, expectAccessible, screenshots, test } from "./fixtures";
import type { E2eServers } from "./serve";
import { publishListing } from "./publish";
import { signIn } from "./session";

/**
 * Saved gap reports: saving the heatmap's scope, the list, one report, and
 * two compared, each checked against the API over HTTP; and who may not see
 * them. The tests run in order on one server: the list starts empty (no other
 * test saves a report), and each test builds on the reports the one before saved.
 */
test.describe.configure({ mode: "serial" });

/** A GraphQL request over HTTP, with a bearer token when given; answers data and errors as they came. */
async function gql<T>(base: string, token: string | null, query: string, variables: Record<string, unknown> = {}) {
  const res = await fetch(`${base}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
}

/** The same, failing the test on any error or userError. */
async function api<T>(base: string, token: string | null, query: string, variables: Record<string, unknown> = {}) {
  const body = await gql<T>(base, token, query, variables);
  expect(body.errors, "GraphQL errors").toBeUndefined();
  const payloads = Object.values((body.data ?? {}) as Record<string, { userErrors?: unknown[] } | null>);
  expect(payloads.flatMap((p) => p?.userErrors ?? [])).toEqual([]);
  return body.data as T;
}

interface Cell {
  capability: string;
  jurisdiction: string;
}
interface Comparison {
  sameInput: boolean;
  coverageChange: number;
  closed: Cell[];
  opened: Cell[];
  singlePointsNew: Cell[];
  singlePointsResolved: Cell[];
}

/** The scope the tests save: one country, one kind of listing (a filter the scope form did not offer before). */
const SCOPE = { jurisdictions: ["NZ"], kinds: ["LAB"] };
const SCOPE_PATH = "/gaps?kind=LAB&jurisdiction=NZ";
const stamp = Date.now().toString(36);
const FIRST = `New Zealand labs ${stamp}`;
const SECOND = `New Zealand labs, after the new lab ${stamp}`;
const OTHER = `New Zealand, every kind ${stamp}`;
/** The ids of the saved reports, as the tests learn them. */
const ids: Record<string, string> = {};

const gapCount = async (base: string, input: Record<string, unknown>) => {
  const d = await api<{ gapReport: { gaps: unknown[]; coverage: number } }>(
    base,
    null,
    "query($i: GapReportInput!) { gapReport(input: $i) { gaps { state } coverage } }",
    { i: input },
  );
  return d.gapReport.gaps.length;
};

/** The figure a description list gives for a term, on the page. */
const figure = (page: Page, term: string) =>
  page
    .locator(".coverage-figures > div")
    .filter({ has: page.getByRole("term").getByText(term, { exact: true }) })
    .getByRole("definition");

const COMPARE = `query($e: ID!, $l: ID!) { compareGapReports(earlier: $e, later: $l) { sameInput coverageChange
  closed { capability jurisdiction } opened { capability jurisdiction }
  singlePointsNew { capability jurisdiction } singlePointsResolved { capability jurisdiction } } }`;

/** The cells a list on the comparison page names, as `capability.jurisdiction`, sorted. */
async function listedCells(page: Page, heading: RegExp): Promise<string[]> {
  const section = page.locator(".change-list").filter({ has: page.getByRole("heading", { name: heading }) });
  const cells = await section.locator("li").evaluateAll((lis) => lis.map((li) => li.getAttribute("data-cell") ?? ""));
  return cells.sort();
}
const keys = (cells: Cell[]) => cells.map((c) => `${c.capability}.${c.jurisdiction}`).sort();

/** A LAB listing available in New Zealand, created by an admin and approved by a reviewer: published. */
async function publishLab(servers: E2eServers, slug: string): Promise<void> {
  await publishListing(servers, {
    slug,
    name: `Aotearoa triage lab ${stamp}`,
    kind: "LAB",
    summary: "A forensic lab that triages seized material for New Zealand's investigators.",
    capabilities: ["triage"],
    mediaTypes: ["IMAGE"],
    availability: [{ jurisdiction: "NZ", status: "AVAILABLE" }],
    offers: [{ model: "FREE_FOR_ELIGIBLE", eligibility: ["LAW_ENFORCEMENT"] }],
    sources: [{ url: `https://example.org/${slug}`, locator: "lab page", unverified: true }],
    visibility: "PUBLIC",
  });
}

/** Saves the heatmap on screen under a name through the page's own form; answers the saved report's id. */
async function saveShown(page: Page, name: string): Promise<string> {
  const form = page.getByRole("region", { name: "Save this report" });
  await form.getByLabel("Name").fill(name);
  await form.getByRole("button", { name: "Save report" }).click();
  await expect(form).toContainText(`Saved as “${name}”`);
  const href = (await form.getByRole("link", { name: "Open the saved report" }).getAttribute("href")) ?? "";
  expect(href).toMatch(/^\/gaps\/saved\/[^/]+$/);
  return decodeURIComponent(href.slice("/gaps/saved/".length));
}

test("before any report is saved, the saved reports page says so", async ({ page, servers }) => {
  const d = await api<{ savedReports: { totalCount: number } }>(
    servers.main,
    servers.tokens.reviewer,
    "{ savedReports { totalCount } }",
  );
  expect(d.savedReports.totalCount).toBe(0);
  await signIn(page, servers.tokens.reviewer);
  await page.goto("/gaps/saved");
  await expect(page.getByRole("heading", { level: 2 })).toHaveText("0 saved reports");
  await expect(page.getByRole("main")).toContainText("No report has been saved yet.");
  await expect(page.getByRole("table")).toHaveCount(0);
  await expectAccessible(page);
  await screenshots(page, "saved-reports-empty");
});

test("a reviewer narrows the heatmap by kind, saves it, and finds it in the list and on its own page", async ({
  page,
  servers,
}) => {
  const [every, labs] = await Promise.all([
    gapCount(servers.main, { jurisdictions: ["NZ"] }),
    gapCount(servers.main, SCOPE),
  ]);
  expect(labs, "the kind changes the report").not.toBe(every);

  await signIn(page, servers.tokens.reviewer);
  await page.goto("/gaps?jurisdiction=NZ");
  await expect(figure(page, "Gaps")).toHaveText(String(every));
  await page.getByText("More filters").click();
  await page.getByRole("group", { name: "Kind" }).getByRole("checkbox", { name: "Lab" }).check();
  await page.getByRole("button", { name: "Show report" }).click();
  await expect(page).toHaveURL(SCOPE_PATH);
  await expect(figure(page, "Gaps")).toHaveText(String(labs));

  // A name is needed: the API's refusal is said at the field.
  const form = page.getByRole("region", { name: "Save this report" });
  await form.getByRole("button", { name: "Save report" }).click();
  const name = form.getByLabel("Name");
  await expect(name).toHaveAttribute("aria-invalid", "true");
  await expect(name).toHaveAccessibleDescription(/Name: must not be empty/);
  await expect(name).toBeFocused();
  await expectAccessible(page);
  await screenshots(page, "saved-report-save");

  ids.first = await saveShown(page, FIRST);
  await expect(name).not.toHaveAttribute("aria-invalid", "true");
  await form.getByRole("link", { name: "Open the saved report" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(FIRST);

  const { savedReport: saved } = await api<{
    savedReport: { body: string; gapCount: number; coverage: number; singlePointOfFailureCount: number };
  }>(
    servers.main,
    servers.tokens.reviewer,
    "query($id: ID!) { savedReport(id: $id) { body gapCount coverage singlePointOfFailureCount } }",
    { id: ids.first },
  );
  expect(saved.gapCount).toBe(labs);
  await expect(figure(page, "Gaps")).toHaveText(String(saved.gapCount));
  await expect(figure(page, "Coverage")).toHaveText(`${(saved.coverage * 100).toFixed(1)}%`);
  await expect(figure(page, "Single points of failure")).toHaveText(String(saved.singlePointOfFailureCount));
  // Its scope in words, by names.
  const scope = page.getByRole("region", { name: "Scope it was computed with" });
  await expect(scope).toContainText("CountriesNew Zealand");
  await expect(scope).toContainText("KindLab");
  await expect(scope).toContainText("Listings needed per cell1");
  await expect(page.getByRole("link", { name: "Open the live heatmap with this scope" })).toHaveAttribute(
    "href",
    SCOPE_PATH,
  );
  // The JSON body, downloaded as saved.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download as JSON" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`new-zealand-labs-${stamp}.json`);
  expect(readFileSync(await download.path(), "utf8")).toBe(saved.body);
  await expectAccessible(page);
  await screenshots(page, "saved-report");

  await page.getByRole("navigation", { name: "Reports" }).getByRole("link", { name: "Saved reports" }).click();
  await expect(page).toHaveURL("/gaps/saved");
  await expect(page.getByRole("heading", { level: 2 })).toHaveText("1 saved report");
  const row = page.getByRole("row").nth(1);
  await expect(row.getByRole("rowheader")).toHaveText(FIRST);
  await expect(row.getByRole("cell").nth(0)).toHaveText("Gap", { useInnerText: true });
  await expect(row.getByRole("cell").nth(4)).toHaveText(String(labs), { useInnerText: true });
  await expectAccessible(page);
  await screenshots(page, "saved-reports");
});

test("after a reviewer publishes a lab, the same scope saved again and compared: the page lists what compareGapReports returns", async ({
  page,
  servers,
}) => {
  expect(ids.first, "the report the test before saved").toBeTruthy();
  await publishLab(servers, `aotearoa-triage-lab-${stamp}`);
  await signIn(page, servers.tokens.reviewer);
  await page.goto(SCOPE_PATH);
  ids.second = await saveShown(page, SECOND);
  // And one of another scope, saved over the API.
  const other = await api<{ saveGapReport: { savedReport: { id: string } } }>(
    servers.main,
    servers.tokens.reviewer,
    "mutation($n: String!, $i: GapReportInput!) { saveGapReport(name: $n, input: $i) { savedReport { id } userErrors { message } } }",
    { n: OTHER, i: { jurisdictions: ["NZ"] } },
  );
  ids.other = other.saveGapReport.savedReport.id;

  await page.goto("/gaps/saved");
  await expect(page.getByRole("heading", { level: 2 })).toHaveText("3 saved reports");
  // Newest first.
  await expect(page.getByRole("rowheader")).toHaveText([OTHER, SECOND, FIRST]);
  await page.getByRole("link", { name: "compare two" }).click();
  await expect(page).toHaveURL("/gaps/saved/compare");
  await page.getByLabel("Earlier report").selectOption(ids.first);
  await page.getByLabel("Later report").selectOption(ids.second);
  await page.getByRole("button", { name: "Compare" }).click();
  await expect(page).toHaveURL(
    `/gaps/saved/compare?earlier=${encodeURIComponent(ids.first)}&later=${encodeURIComponent(ids.second)}`,
  );

  const { compareGapReports: same } = await api<{ compareGapReports: Comparison }>(
    servers.main,
    servers.tokens.reviewer,
    COMPARE,
    { e: ids.first, l: ids.second },
  );
  expect(same.sameInput).toBe(true);
  expect(same.closed.length, "the new lab closes a gap in New Zealand").toBeGreaterThan(0);
  expect(same.closed.every((c) => c.jurisdiction === "NZ")).toBe(true);
  await expect(page.getByRole("heading", { level: 2, name: `From “${FIRST}” to “${SECOND}”` })).toBeVisible();
  await expect(page.getByRole("heading", { name: /^Gaps closed/ })).toHaveText(`Gaps closed (${same.closed.length})`);
  expect(await listedCells(page, /^Gaps closed/)).toEqual(keys(same.closed));
  expect(await listedCells(page, /^Gaps opened/)).toEqual(keys(same.opened));
  await expect(page.getByRole("heading", { name: /^New single points/ })).toHaveText(
    `New single points of failure (${same.singlePointsNew.length})`,
  );
  expect(await listedCells(page, /^New single points/)).toEqual(keys(same.singlePointsNew));
  expect(await listedCells(page, /^Single points of failure resolved/)).toEqual(keys(same.singlePointsResolved));
  // Cells read by names, not slugs and codes.
  await expect(page.locator(".change-list li").first()).toHaveText(/^[A-Z][^.]* in New Zealand$/);
  await expect(page.locator(".coverage-change")).toContainText(
    `Coverage rose by ${(same.coverageChange * 100).toFixed(1)} percentage points (+`,
  );
  await expect(page.getByRole("alert").filter({ hasText: "different scopes" })).toHaveCount(0);
  await expectAccessible(page);
  await screenshots(page, "saved-compare");

  // Another scope: the page warns, and still lists what the API says.
  await page.getByLabel("Earlier report").selectOption(ids.other);
  await page.getByRole("button", { name: "Compare" }).click();
  await expect(page).toHaveURL(new RegExp(`earlier=${encodeURIComponent(ids.other)}&`));
  const { compareGapReports: differ } = await api<{ compareGapReports: Comparison }>(
    servers.main,
    servers.tokens.reviewer,
    COMPARE,
    { e: ids.other, l: ids.second },
  );
  expect(differ.sameInput).toBe(false);
  await expect(page.getByRole("alert").filter({ hasText: "These reports had different scopes" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: `From “${OTHER}” to “${SECOND}”` })).toBeVisible();
  expect(await listedCells(page, /^Gaps closed/)).toEqual(keys(differ.closed));
  expect(await listedCells(page, /^Gaps opened/)).toEqual(keys(differ.opened));
  await expect(page.getByRole("row", { name: /Scope: Kind/ })).toContainText("(differs)");
  await expectAccessible(page);
  await screenshots(page, "saved-compare-different");
});

test("the list pages by twenty, newest first: the oldest report is on the second page", async ({ page, servers }) => {
  expect(ids.other, "the reports the tests before saved").toBeTruthy();
  // Three saved so far; eighteen more make twenty-one, one more than a page.
  for (let i = 1; i <= 18; i++) {
    await api(
      servers.main,
      servers.tokens.reviewer,
      "mutation($n: String!, $i: GapReportInput!) { saveGapReport(name: $n, input: $i) { savedReport { id } userErrors { message } } }",
      { n: `Filler ${i} ${stamp}`, i: { jurisdictions: ["NZ"], minListings: 2 } },
    );
  }
  await signIn(page, servers.tokens.reviewer);
  await page.goto("/gaps/saved");
  await expect(page.getByRole("heading", { level: 2 })).toHaveText("21 saved reports");
  await expect(page.getByRole("rowheader")).toHaveCount(20);
  await expect(page.getByRole("rowheader").first()).toHaveText(`Filler 18 ${stamp}`);
  const pager = page.getByRole("navigation", { name: "Pages of saved reports" });
  await pager.getByRole("link", { name: "Older →" }).click();
  await expect(page).toHaveURL(/\/gaps\/saved\?after=/);
  await expect(page.getByRole("rowheader")).toHaveText([FIRST]);
  await expect(pager.getByRole("link", { name: "Older →" })).toHaveCount(0);
  await expectAccessible(page);
  await page.goBack();
  await expect(page.getByRole("rowheader")).toHaveCount(20);

  // An id that is no saved report.
  await page.goto("/gaps/saved/not-a-report");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("No such saved report");
  await expectAccessible(page);
});

test("a duplication report is saved from its page, listed by kind, and read with its own figures", async ({
  page,
  servers,
}) => {
  expect(ids.other, "the reports the tests before saved").toBeTruthy();
  // Media type "Image": a scope with clusters and likely duplicates in the seeded catalogue, so the figures say something.
  const NAME = `Duplication among image tools ${stamp}`;
  await signIn(page, servers.tokens.reviewer);
  await page.goto("/duplication?media=IMAGE");
  await expect(page.getByRole("heading", { level: 2, name: "Clusters of overlapping listings" })).toBeVisible();
  const form = page.getByRole("region", { name: "Save this report" });
  await form.getByLabel("Name").fill(NAME);
  await form.getByRole("button", { name: "Save report" }).click();
  await expect(form).toContainText(`Saved as “${NAME}”`);
  await expectAccessible(page);

  // The API kept a duplication report of exactly that scope; its figures are the live report's.
  const kept = await api<{
    savedReports: { edges: { node: { id: string; name: string; kind: string; input: { mediaTypes: string[] } } }[] };
  }>(
    servers.main,
    servers.tokens.reviewer,
    "{ savedReports(first: 1, kind: DUPLICATION) { edges { node { id name kind input { mediaTypes } } } } }",
  );
  expect(kept.savedReports.edges.map((e) => e.node)).toEqual([
    { id: expect.any(String), name: NAME, kind: "DUPLICATION", input: { mediaTypes: ["IMAGE"] } },
  ]);
  const live = await api<{
    duplicationReport: { clusters: unknown[]; clusteredListingCount: number; likelyDuplicates: unknown[] };
  }>(
    servers.main,
    servers.tokens.reviewer,
    `{ duplicationReport(input: { mediaTypes: [IMAGE] }) { clusters { similarity } clusteredListingCount likelyDuplicates { kind } } }`,
  );
  expect(live.duplicationReport.clusters.length).toBeGreaterThan(0);

  // Listed among all, and alone among duplication reports; not among gap reports.
  await page.goto("/gaps/saved");
  await expect(page.getByRole("heading", { level: 2 })).toHaveText("22 saved reports");
  const row = page.getByRole("row").nth(1);
  await expect(row.getByRole("rowheader")).toHaveText(NAME);
  await expect(row.getByRole("cell").nth(0)).toHaveText("Duplication", { useInnerText: true });
  const kinds = page.getByRole("navigation", { name: "Kinds of saved report" });
  await kinds.getByRole("link", { name: "Duplication reports" }).click();
  await expect(page).toHaveURL("/gaps/saved?kind=duplication");
  await expect(page.getByRole("heading", { level: 2 })).toHaveText("1 saved duplication report");
  await expect(page.getByRole("rowheader")).toHaveText([NAME]);
  await expect(kinds.getByRole("link", { name: "Duplication reports" })).toHaveAttribute("aria-current", "page");
  await expectAccessible(page);
  await screenshots(page, "saved-reports-duplication");
  await kinds.getByRole("link", { name: "Gap reports" }).click();
  await expect(page.getByRole("heading", { level: 2 })).toHaveText("21 saved gap reports");
  await expect(page.getByRole("rowheader").filter({ hasText: NAME })).toHaveCount(0);

  // Its page: the duplication figures, the scope without a heatmap's rows and threshold, the way to it live.
  await page.goto(`/gaps/saved/${encodeURIComponent(kept.savedReports.edges[0].node.id)}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(NAME);
  const figures = page.getByRole("region", { name: "Figures" });
  const figure = (term: string) => figures.locator("div").filter({ has: page.getByText(term, { exact: true }) });
  await expect(figure("Clusters of overlapping listings").locator("dd")).toHaveText(
    String(live.duplicationReport.clusters.length),
  );
  await expect(figure("Listings in clusters").locator("dd")).toHaveText(
    String(live.duplicationReport.clusteredListingCount),
  );
  await expect(figure("Likely duplicates").locator("dd")).toHaveText(
    String(live.duplicationReport.likelyDuplicates.length),
  );
  await expect(figures).not.toContainText("Coverage");
  const scopeWords = page.getByRole("region", { name: "Scope it was computed with" });
  await expect(scopeWords).toContainText("Image");
  await expect(scopeWords).not.toContainText("Listings needed per cell");
  await expect(page.getByRole("link", { name: "Compare with a later saved report" })).toHaveCount(0);
  await expectAccessible(page);
  await screenshots(page, "saved-report-duplication");
  await page.getByRole("link", { name: "Open the live duplication report with this scope" }).click();
  await expect(page).toHaveURL("/duplication?media=IMAGE");
});

test("the saved reports' pages say when the database is away, not that you may not see them", async ({
  page,
  servers,
}) => {
  for (const path of ["/gaps/saved", "/gaps/saved/compare"]) {
    await page.goto(`${servers.away}${path}`);
    await expect(page.getByRole("alert")).toContainText("The inventory is unavailable");
    await expect(page.getByRole("main")).not.toContainText("This page is for");
  }
  await expectAccessible(page);
  await screenshots(page, "saved-reports-unavailable");
});

test("a law-enforcement (procurement) user sees no saved report, nor a way to save one", async ({ page, servers }) => {
  expect(ids.first, "a report the tests before saved").toBeTruthy();
  const refused = await gql(servers.main, servers.tokens.lawEnforcement, "{ savedReports { totalCount } }");
  expect(refused.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");

  await signIn(page, servers.tokens.lawEnforcement);
  await page.goto(SCOPE_PATH);
  await expect(page.getByRole("grid", { name: "Capabilities by country" })).toBeVisible();
  await expect(
    page.getByRole("navigation", { name: "Reports" }).getByRole("link", { name: "Saved reports" }),
  ).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Save this report" })).toHaveCount(0);
  for (const path of [
    "/gaps/saved",
    `/gaps/saved/${encodeURIComponent(ids.first)}`,
    `/gaps/saved/compare?earlier=${encodeURIComponent(ids.first)}&later=${encodeURIComponent(ids.second)}`,
  ]) {
    await page.goto(path);
    await expect(page.getByRole("main")).toContainText(
      "This page is for reviewers and administrators. You are signed in with another role.",
    );
    await expect(page.getByRole("main")).not.toContainText(FIRST);
    await expect(page.getByRole("table")).toHaveCount(0);
  }
  await expectAccessible(page);
  await screenshots(page, "saved-reports-refused");
});
