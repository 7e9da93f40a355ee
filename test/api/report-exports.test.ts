import { DUPLICATION_CSV_COLUMNS, GAP_CSV_COLUMNS, csvField } from "../../src/reports/report.export";
import { startTestApp, TestApp } from "../helpers/app";
import { parseCsv } from "../helpers/csv";
import { groupMembers, publicListings, servedIn, subtree } from "../helpers/seed-facts";

let t: TestApp;
let base: string;
beforeAll(async () => {
  t = await startTestApp({ seed: true });
  base = t.runtime.url.replace(/\/graphql$/, "");
});
afterAll(async () => {
  await t.close();
});

const count = (slug: string, country: string) =>
  publicListings.filter((l) => l.capabilities.some((c) => subtree(slug).has(c)) && servedIn(l, [country])).length;

describe("gap report exports", () => {
  it("serves CSV with the documented columns, one row per cell, counts as in the seed", async () => {
    const res = await fetch(`${base}/reports/gaps.csv?jurisdictions=FIVE_EYES&depth=FUNCTION`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="gap-report-r[0-9a-f]{16}\.csv"$/);
    const [header, ...rows] = parseCsv(await res.text());
    expect(header).toEqual(GAP_CSV_COLUMNS);
    expect(rows).toHaveLength(6 * 5);
    for (const r of rows) {
      const rec = Object.fromEntries(header.map((h, i) => [h, r[i]]));
      expect(Number(rec.listing_count)).toBe(count(rec.capability, rec.jurisdiction));
      expect(rec.listings.split(" ").filter(Boolean)).toHaveLength(Number(rec.listing_count));
      expect(rec.gap).toBe(String(Number(rec.listing_count) < 1));
    }
  });

  it("serves JSON with the same cells as the GraphQL report", async () => {
    const res = await fetch(
      `${base}/reports/gaps.json?jurisdictions=GB,US&capabilities=victim-identification&minListings=2`,
    );
    expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
    const body = (await res.json()) as {
      input: { minListings: number; jurisdictions: string[] };
      cells: { capability: string; jurisdiction: string; listingCount: number }[];
      gaps: unknown[];
    };
    expect(body.input).toMatchObject({ minListings: 2, jurisdictions: ["GB", "US"] });
    const g = await t.gql<{
      gapReport: { cells: { capability: { slug: string }; jurisdiction: { code: string }; listingCount: number }[] };
    }>(
      `{ gapReport(input: { jurisdictions: ["GB", "US"], capabilities: ["victim-identification"], minListings: 2 }) {
        cells { capability { slug } jurisdiction { code } listingCount } } }`,
    );
    expect(body.cells.map((c) => [c.capability, c.jurisdiction, c.listingCount])).toEqual(
      g.data!.gapReport.cells.map((c) => [c.capability.slug, c.jurisdiction.code, c.listingCount]),
    );
    expect(body.gaps).toHaveLength(body.cells.filter((c) => c.listingCount < 2).length);
  });

  it("draws the matrix as an SVG heatmap with labels, a legend and the gaps marked", async () => {
    const res = await fetch(`${base}/reports/gaps.svg?jurisdictions=FIVE_EYES,EU`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/svg+xml; charset=utf-8");
    const svg = await res.text();
    const countries = new Set([...groupMembers("FIVE_EYES"), ...groupMembers("EU")]);
    const json = (await (await fetch(`${base}/reports/gaps.json?jurisdictions=FIVE_EYES,EU`)).json()) as {
      rows: { name: string }[];
      columns: { code: string; name: string }[];
      cells: { state: string }[];
      gaps: unknown[];
      singlePointsOfFailure: unknown[];
    };
    expect(json.cells).toHaveLength(json.rows.length * countries.size);
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg.match(/class="cell"/g)).toHaveLength(json.cells.length);
    // Every gap is marked, as a gap where nothing is known or unknown, as a possible gap where listings are unknown.
    const gaps = json.cells.filter((c) => c.state === "GAP").length;
    const possible = json.cells.filter((c) => c.state === "POSSIBLE_GAP").length;
    expect(gaps + possible).toBe(json.gaps.length);
    expect(svg.match(/class="gap"/g) ?? []).toHaveLength(gaps);
    expect(svg.match(/class="possible-gap"/g) ?? []).toHaveLength(possible);
    expect(svg.match(/class="spof"/g) ?? []).toHaveLength(json.singlePointsOfFailure.length);
    // Countries by name (the code in the tooltip), each once, grouped under the groups asked for, in that order.
    for (const j of json.columns) {
      expect(j.name).not.toBe(j.code);
      expect(svg.split(`<title>${j.name} (${j.code})</title>`)).toHaveLength(2);
    }
    expect(json.columns.map((c) => c.code).sort()).toEqual([...countries].sort());
    const fiveEyes = svg.indexOf(">Five Eyes (");
    const eu = svg.indexOf(">European Union (");
    expect(fiveEyes).toBeGreaterThan(0);
    expect(eu).toBeGreaterThan(fiveEyes);
    // Rows under their function's name, labelled in every block; the scope in words, not enum names.
    for (const row of json.rows) expect(svg).toContain(`>${row.name}</text>`);
    expect(svg.match(/class="function"/g)!.length).toBeGreaterThan(1);
    expect(svg).toContain("Five Eyes, European Union");
    expect(svg).toContain("Listings known to serve the cell");
    expect(svg).toContain("possible gap: listings exist, availability not stated");
  });

  it("splits a wide scope into blocks of at most 36 countries, each with its row labels", async () => {
    const [svg, json] = await Promise.all([
      fetch(`${base}/reports/gaps.svg?depth=FUNCTION&eligibleFor=LAW_ENFORCEMENT`).then((r) => r.text()),
      fetch(`${base}/reports/gaps.json?depth=FUNCTION&eligibleFor=LAW_ENFORCEMENT`).then(
        (r) => r.json() as Promise<{ rows: { name: string }[]; columns: unknown[]; cells: unknown[] }>,
      ),
    ]);
    expect(json.columns.length).toBeGreaterThan(200);
    const blocks = [...svg.matchAll(/>Countries, (\d+) of (\d+): [^<]+ \((\d+) countries\)</g)];
    expect(blocks.length).toBe(Math.ceil(json.columns.length / 36));
    expect(blocks.every((b) => Number(b[2]) === blocks.length && Number(b[3]) <= 36)).toBe(true);
    expect(blocks.reduce((n, b) => n + Number(b[3]), 0)).toBe(json.columns.length);
    expect(svg.match(/class="cell"/g)).toHaveLength(json.cells.length);
    for (const row of json.rows)
      expect(svg.split(`>${row.name}</text>`).length - 1).toBeGreaterThanOrEqual(blocks.length);
    expect(svg).toContain("open to law enforcement");
    expect(svg).not.toContain("LAW_ENFORCEMENT");
  });

  it("names a bad or unknown parameter with a 400", async () => {
    for (const [query, argument] of [
      ["jurisdictions=ZZ", "jurisdictions"],
      ["capabilities=nope", "capabilities"],
      ["minListings=0", "minListings"],
      ["minTools=two", "minTools"],
      ["depth=DEEP", "depth"],
      ["eligibleFor=ALIENS", "eligibleFor"],
      ["colour=red", "colour"],
    ]) {
      const res = await fetch(`${base}/reports/gaps.csv?${query}`);
      expect([query, res.status]).toEqual([query, 400]);
      const body = (await res.json()) as {
        errors: { message: string; extensions: { code: string; argument: string } }[];
      };
      expect(body.errors[0].extensions).toEqual({ code: "BAD_USER_INPUT", argument });
    }
  });
});

describe("duplication report exports", () => {
  it("serves CSV and JSON of the same report", async () => {
    const csvRes = await fetch(`${base}/reports/duplication.csv?threshold=0.8`);
    expect(csvRes.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csvRes.headers.get("content-disposition")).toMatch(/filename="duplication-report-r[0-9a-f]{16}\.csv"/);
    const [header, ...rows] = parseCsv(await csvRes.text());
    expect(header).toEqual(DUPLICATION_CSV_COLUMNS);
    const json = (await (await fetch(`${base}/reports/duplication.json?threshold=0.8`)).json()) as {
      crowding: unknown[];
      clusters: { listings: string[] }[];
      likelyDuplicates: { listings: string[] }[];
    };
    expect(rows.filter((r) => r[0] === "crowding")).toHaveLength(json.crowding.length);
    expect(rows.filter((r) => r[0] === "cluster")).toHaveLength(
      json.clusters.reduce((n, c) => n + c.listings.length, 0),
    );
    expect(rows.filter((r) => r[0] === "duplicate")).toHaveLength(
      json.likelyDuplicates.reduce((n, c) => n + c.listings.length, 0),
    );
  });
});

describe("csvField", () => {
  it("quotes what needs quoting and defuses spreadsheet formulas", () => {
    expect(csvField('a "b", c')).toBe('"a ""b"", c"');
    expect(csvField("=HYPERLINK()")).toBe("'=HYPERLINK()");
    expect(csvField(-3)).toBe("-3");
    expect(csvField(null)).toBe("");
    expect(csvField("Ünïcode")).toBe("Ünïcode");
  });

  it("defuses a formula behind leading white space, and leaves numbers and inner signs alone", () => {
    expect(csvField(" =1+1")).toBe("' =1+1");
    expect(csvField("\n=3+3")).toBe(`"'\n=3+3"`);
    expect(csvField("\t@x")).toBe("'\t@x");
    expect(csvField("\r\n+SUM(A1)")).toBe(`"'\r\n+SUM(A1)"`);
    expect(csvField("\u00a0-2")).toBe("'\u00a0-2");
    expect(csvField("\uFF1D1+1")).toBe("'\uFF1D1+1");
    expect(csvField("+1")).toBe("'+1");
    expect(csvField("-1")).toBe("'-1");
    expect(csvField("\tplain")).toBe("'\tplain");
    expect(csvField(-1)).toBe("-1");
    expect(csvField(-0.25)).toBe("-0.25");
    expect(csvField("a-b = c")).toBe("a-b = c");
    expect(csvField(" plain")).toBe(" plain");
  });
});
