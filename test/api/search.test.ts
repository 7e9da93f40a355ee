import { Role } from "../../src/accounts/roles";
import { CatalogueSnapshots } from "../../src/catalog/snapshot";
import { createContext, SYSTEM } from "../../src/context";
import { ListingService } from "../../src/listings/listing.service";
import { createLogger } from "../../src/logger";
import { GqlResponse, startTestApp, TestApp } from "../helpers/app";
import { userWithToken } from "../helpers/accounts";
import { publicListings } from "../helpers/seed-facts";

/**
 * Ranked search over HTTP on the seed inventory: every word counts, stems,
 * bounded typos, the last word as a prefix, split and joined words, the
 * taxonomy and organisations, why each listing matched, corrections and
 * type-ahead; and none of it draws on a listing the caller may not see.
 */

interface Edge {
  cursor: string;
  matchedFields: string[];
  snippet: { field: string; text: string; highlights: { start: number; end: number }[] } | null;
  node: { slug: string; name: string };
}
interface ToolsData {
  tools: {
    totalCount: number;
    didYouMean: string | null;
    edges: Edge[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    facets?: { capabilities: { value: string; count: number }[] };
  };
}
interface SuggestData {
  suggest: { kind: string; slug: string; label: string; highlights: { start: number; end: number }[] }[];
}

const SEARCH = `query($s: String, $first: Int, $after: String, $f: ListingFilter) {
  tools(search: $s, first: $first, after: $after, filter: $f) {
    totalCount didYouMean
    edges { cursor matchedFields snippet { field text highlights { start end } } node { slug name } }
    pageInfo { hasNextPage endCursor }
    facets { capabilities { value count } }
  }
}`;
const SUGGEST = `query($p: String!, $first: Int) { suggest(prefix: $p, first: $first) { kind slug label highlights { start end } } }`;

/** Words that appear nowhere in the seed: a listing only law enforcement may see is named with them. */
const HIDDEN_SLUG = "quokkaheron-restricted";
const HIDDEN_NAME = "Quokkaheron Zebrafinch analyser";

let t: TestApp;
let police: string;

beforeAll(async () => {
  t = await startTestApp({ seed: true });
  police = (await userWithToken(t, Role.LAW_ENFORCEMENT)).token;
  await publishListing(
    HIDDEN_SLUG,
    HIDDEN_NAME,
    "Quokkaheron: matches zebrafinch material for law enforcement only.",
    "LAW_ENFORCEMENT",
  );
});
afterAll(async () => {
  await t.close();
});

async function search(s: string, extra: Record<string, unknown> = {}, auth?: string): Promise<ToolsData["tools"]> {
  const variables = { s, first: 100, ...extra };
  const r: GqlResponse<ToolsData> = auth
    ? await t.gqlAs(`Bearer ${auth}`, SEARCH, variables)
    : await t.gql(SEARCH, variables);
  expect(r.errors).toBeUndefined();
  return r.data!.tools;
}
const slugs = (d: ToolsData["tools"]) => d.edges.map((e) => e.node.slug);

/** Every listing a search finds, read page by page (`first` to a page, at most 50 pages), in order. */
async function pagedSlugs(text: string, first: number): Promise<string[]> {
  const paged: string[] = [];
  let after: string | null = null;
  for (let i = 0; i < 50; i++) {
    const page: ToolsData["tools"] = await search(text, { first, after });
    paged.push(...slugs(page));
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  return paged;
}

/** Levenshtein distance, to check a highlighted word against the typo bound. */
function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return row[b.length];
}

describe("every word counts", () => {
  it("finds a listing whatever the order of the words", async () => {
    expect(slugs(await search("analyze netclean"))[0]).toBe("netclean-analyze");
    expect(slugs(await search("netclean analyze"))[0]).toBe("netclean-analyze");
  });

  it("drops a listing when one word matches nothing in it", async () => {
    const one = await search("netclean");
    expect(one.totalCount).toBeGreaterThan(1);
    expect((await search("netclean qwxzvbnm")).totalCount).toBe(0);
    const both = await search("netclean analyze");
    expect(slugs(both)).toContain("netclean-analyze");
    expect(slugs(both)).not.toContain("netclean-product-suite");
  });

  it("matches other forms of a word by its stem", async () => {
    expect(slugs(await search("hashes")).sort()).toEqual(slugs(await search("hash")).sort());
    expect(slugs(await search("crawlers"))).toEqual(expect.arrayContaining(["visa-logo-misuse-web-crawler"]));
    expect(slugs(await search("offender registers"))).toContain("new-zealand-sex-offender-register");
  });
});

describe("typos", () => {
  it("forgives one edit from 4 letters and two from 8", async () => {
    expect(slugs(await search("encse"))[0]).toBe("encase"); // 5 letters, 1 edit
    expect(slugs(await search("gryffeye"))[0]).toBe("griffeye"); // 8 letters, 1 edit
    expect(slugs(await search("grooming detetcion"))).toContain("grooming-concept-demonstrator"); // 9 letters, 2 edits
  });

  it("forgives nothing in short words, acronyms or numbers, nor more than the bound", async () => {
    expect((await search("iwx")).totalCount).toBe(0); // 3 letters
    expect(slugs(await search("IWF")).length).toBeGreaterThan(0);
    expect((await search("IWG")).totalCount).toBe(0); // an acronym as typed
    expect((await search("enxsx")).totalCount).toBe(0); // 5 letters, 2 edits
    expect((await search("gixxfeye")).totalCount).toBe(0); // 8 letters, 3 edits
  });
});

describe("prefix, split and joined words", () => {
  it("reads the last word as a prefix, and only the last", async () => {
    expect(slugs(await search("palisc"))).toContain("paliscope");
    expect((await search("palisc investigation")).totalCount).toBe(0);
    expect(slugs(await search("investigation palisc"))).toContain("paliscope");
  });

  it("matches words typed apart or together", async () => {
    expect(slugs(await search("photo dna"))[0]).toBe("photodna");
    expect(slugs(await search("cyber tip line"))[0]).toBe("ncmec-cybertipline");
    expect(slugs(await search("traffick cam"))[0]).toBe("traffickcam");
  });
});

describe("the taxonomy and organisations", () => {
  it("finds listings by the names of their capabilities and of their parents", async () => {
    const found = await search("hash sharing");
    expect(slugs(found)).toContain("ncmec-hash-value-sharing-initiative");
    expect(found.edges.find((e) => e.node.slug === "ncmec-hash-value-sharing-initiative")!.matchedFields).toContain(
      "CAPABILITIES",
    );
    // Every listing under Investigation, however deep, is found by the top-level name.
    const investigation = await search("investigation");
    expect(slugs(investigation)).toEqual(expect.arrayContaining(["encase", "ftk-imager"]));
  });

  it("finds listings by a capability's synonym", async () => {
    const found = await search("webcrawler");
    expect(slugs(found)).toContain("project-arachnid");
  });

  it("finds listings by their organisation's name and acronym", async () => {
    const byAcronym = await search("NCMEC cybertipline");
    expect(slugs(byAcronym)[0]).toBe("ncmec-cybertipline");
    const microsoft = await search("microsoft photodna");
    expect(slugs(microsoft).slice(0, 3)).toContain("photodna");
  });
});

describe("ranking", () => {
  it("puts the listing whose whole name is the query, then names that begin with it, first", async () => {
    const r = await search("NetClean");
    const nameFirst = r.edges.findIndex((e) => !e.node.name.toLowerCase().startsWith("netclean"));
    expect(nameFirst).toBeGreaterThan(0);
    expect(r.edges.slice(nameFirst).every((e) => !e.node.name.toLowerCase().startsWith("netclean"))).toBe(true);
  });

  it("pages through a ranked result without gaps, repeats or reordering", async () => {
    const whole = slugs(await search("hash"));
    expect(whole.length).toBeGreaterThan(6);
    expect(await pagedSlugs("hash", 4)).toEqual(whole);
  });

  it("breaks equal scores by name, then slug, so the order is the same every time", async () => {
    const first = slugs(await search("hotline"));
    for (let i = 0; i < 3; i++) expect(slugs(await search("hotline"))).toEqual(first);
  });

  it("refuses a cursor issued for another search", async () => {
    const page = await search("hash", { first: 2 });
    const r = await t.gql(SEARCH, { s: "crawler", first: 2, after: page.pageInfo.endCursor });
    expect(r.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("counts facets and totals over the matched set", async () => {
    const r = await search("hash", { f: { kinds: ["DATABASE"] } });
    expect(r.totalCount).toBe(r.edges.length);
    expect(r.edges.length).toBeGreaterThan(0);
    const unfiltered = await search("hash");
    expect(r.totalCount).toBeLessThan(unfiltered.totalCount);
  });
});

describe("why it matched", () => {
  it("names the fields that matched and marks the matching words in a snippet", async () => {
    const r = await search("hash");
    for (const e of r.edges) {
      expect(e.matchedFields.length).toBeGreaterThan(0);
      expect(e.snippet).not.toBeNull();
      expect(e.snippet!.highlights.length).toBeGreaterThan(0);
      for (const h of e.snippet!.highlights) {
        // "hash" itself, a longer word it begins (the last word is a prefix), or a word one typo away.
        const word = e.snippet!.text.slice(h.start, h.end).toLowerCase();
        expect({ word, near: word.startsWith("hash") || editDistance(word, "hash") <= 1 }).toEqual({
          word,
          near: true,
        });
      }
    }
    const none = await t.gql<ToolsData>(SEARCH, { first: 3 });
    expect(none.data!.tools.edges.every((e) => e.matchedFields.length === 0 && e.snippet === null)).toBe(true);
  });

  it("offers a corrected search that finds listings when nothing matched", async () => {
    const r = await search("gixxfeye");
    expect(r.totalCount).toBe(0);
    expect(r.didYouMean).toBe("griffeye");
    expect((await search(r.didYouMean!)).totalCount).toBeGreaterThan(0);
    expect((await search("qwxzvbnmpl")).didYouMean).toBeNull();
    expect((await search("griffeye")).didYouMean).toBeNull();
  });
});

describe("type-ahead", () => {
  it("suggests listings, organisations and capabilities by the words typed so far", async () => {
    const r = await t.gql<SuggestData>(SUGGEST, { p: "netcl", first: 10 });
    expect(r.errors).toBeUndefined();
    const got = r.data!.suggest;
    expect(got.map((s) => s.slug)).toEqual(expect.arrayContaining(["netclean", "netclean-analyze"]));
    expect(got.find((s) => s.slug === "netclean")!.kind).toBe("ORGANISATION");
    for (const s of got)
      expect(s.label.slice(s.highlights[0].start, s.highlights[0].end).toLowerCase()).toMatch(/^netcl/);
    const caps = await t.gql<SuggestData>(SUGGEST, { p: "hash sh" });
    expect(caps.data!.suggest[0]).toMatchObject({ kind: "CAPABILITY", slug: "hash-sharing" });
  });

  it("refuses a page size outside 1 to 20, naming it", async () => {
    const r = await t.gql(SUGGEST, { p: "net", first: 21 });
    expect(r.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(r.errors?.[0]?.extensions?.argument).toBe("first");
  });
});

describe("nothing leaks", () => {
  it("shows a law-enforcement listing's words to law enforcement", async () => {
    expect(slugs(await search("quokkaheron", {}, police))).toEqual([HIDDEN_SLUG]);
    const typo = await search("quokkahern zebrafinc", {}, police);
    expect(slugs(typo)).toEqual([HIDDEN_SLUG]);
    const r = await t.gqlAs<SuggestData>(`Bearer ${police}`, SUGGEST, { p: "quokk" });
    expect(r.data!.suggest.map((s) => s.slug)).toEqual([HIDDEN_SLUG]);
  });

  it("never gives an anonymous caller a law-enforcement listing's words, in any form", async () => {
    for (const s of ["quokkaheron", "quokkahern", "zebrafinch analyser", "Quokkaheron Zebrafinch analyser", "quokk"]) {
      const r = await search(s);
      expect({ s, total: r.totalCount, didYouMean: r.didYouMean }).toEqual({ s, total: 0, didYouMean: null });
    }
    const sug = await t.gql<SuggestData>(SUGGEST, { p: "quokk" });
    expect(sug.data!.suggest).toEqual([]);
    // The hidden listing's words shape no public answer: the corrections and suggestions near them
    // are those of the public catalogue alone, and hash results, scores and snippets are the same
    // whether or not it exists.
    const hash = await search("hash matching");
    expect(JSON.stringify(hash)).not.toMatch(/quokka|zebrafinch/i);
    expect(slugs(hash)).not.toContain(HIDDEN_SLUG);
    expect(publicListings.some((l) => l.slug === HIDDEN_SLUG)).toBe(false);
  });
});

/** Publishes a listing of Thorn's under hash matching, as a reviewer would. */
async function publishListing(slug: string, name: string, summary: string, visibility = "PUBLIC"): Promise<void> {
  const svc = new ListingService(
    createContext(t.models, new CatalogueSnapshots(t.models), createLogger("silent"), `publish-${slug}`, SYSTEM),
  );
  const r = await svc.create(
    {
      slug,
      name,
      kind: "TOOL" as never,
      organisation: "thorn",
      summary,
      capabilities: ["hash-matching"],
      classificationSchemes: [],
      mediaTypes: ["IMAGE" as never],
      availability: [],
      visibility: visibility as never,
      sources: [{ url: "https://example.org/search-test", locator: "x", unverified: true }],
    },
    null,
  );
  expect(r.userErrors).toEqual([]);
  await svc.submit(slug);
  await svc.approve(slug, 1);
}

describe("exact words before typos", () => {
  it("ranks a listing that holds the word as typed above one that holds it only with a typo, even in its name", async () => {
    await publishListing("zorblat-scanner", "Zorblat", "Zorblat zorblat: zorblat scans images for known material.");
    await publishListing(
      "plain-scanner",
      "Plain scanner",
      "Compares the images and videos it is given with lists of known material, one of them the zorblax list, and reports what matched to the analyst who runs it.",
    );
    const r = await search("zorblax");
    expect(slugs(r)).toEqual(["plain-scanner", "zorblat-scanner"]);
  });
});

describe("results kept between requests", () => {
  it("answers a search asked again, and each of its pages, exactly as the first time", async () => {
    const whole = slugs(await search("hash", { first: 100 }));
    expect(whole.length).toBeGreaterThan(5);
    for (let round = 0; round < 3; round++) {
      // Page by page, three times over: the first reading is cut by selection, later ones from the kept order.
      expect(await pagedSlugs("hash", 4)).toEqual(whole);
    }
  });

  it("counts facets asked for after the same search was answered without them, as the totals say", async () => {
    const KINDS = `query($s: String, $f: ListingFilter, $first: Int) {
      tools(search: $s, filter: $f, first: $first) { totalCount facets { kinds { value count } mediaTypes { value count } } }
    }`;
    const TOTAL = `query($s: String, $f: ListingFilter) { tools(search: $s, filter: $f, first: 1) { totalCount } }`;
    type Facets = { kinds: { value: string; count: number }[]; mediaTypes: { value: string; count: number }[] };
    const total = async (f: Record<string, unknown>) => {
      const r = await t.gql<{ tools: { totalCount: number } }>(TOTAL, { s: "detection software", f });
      expect(r.errors).toBeUndefined();
      return r.data!.tools.totalCount;
    };
    const filter = { mediaTypes: ["IMAGE"] };
    // First without facets (the match is kept without them), then the same search with them.
    const plain = await total(filter);
    expect(plain).toBeGreaterThan(0);
    const r = await t.gql<{ tools: { totalCount: number; facets: Facets } }>(KINDS, {
      s: "detection software",
      f: filter,
      first: 1,
    });
    expect(r.errors).toBeUndefined();
    const { totalCount, facets } = r.data!.tools;
    expect(totalCount).toBe(plain);
    const kinds = facets.kinds.filter((k) => k.count > 0);
    expect(kinds.length).toBeGreaterThan(0);
    for (const k of kinds) expect(k.count).toBe(await total({ ...filter, kinds: [k.value] }));
    expect(kinds.reduce((n, k) => n + k.count, 0)).toBe(plain);
    // A facet counts with its own filter lifted: each media type as if it alone were chosen.
    for (const m of facets.mediaTypes) expect(m.count).toBe(await total({ mediaTypes: [m.value] }));
  });

  it("starts afresh when the catalogue changes: a newly published listing is found at once", async () => {
    expect((await search("wombatlyre")).totalCount).toBe(0);
    expect((await search("wombatlyre")).totalCount).toBe(0);
    await publishListing(
      "wombatlyre-public",
      "Wombatlyre hash tool",
      "Wombatlyre: a listing published after its words were searched for.",
    );
    expect(slugs(await search("wombatlyre"))).toEqual(["wombatlyre-public"]);
    expect(slugs(await search("hash", { first: 100 }))).toContain("wombatlyre-public");
  });
});
