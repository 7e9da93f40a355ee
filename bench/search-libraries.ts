import { createRequire } from "node:module";
import { Charset, Document as FlexDocument, Encoder, Resolver } from "flexsearch";
import MiniSearch from "minisearch";
import { create as createOrama, insertMultiple, search as searchOrama } from "@orama/orama";
import { readSeed } from "../src/seed/files";
import { percentile } from "./harness";

/**
 * bench/search-libraries: MiniSearch, Orama and FlexSearch on this project's
 * text, to choose the library behind ranked, typo-tolerant search. For each:
 * index build time and retained heap, warm query latency on 10,000 synthetic
 * listings, and whether ~15 probes over the seed find the listing a reader
 * would expect in the top 3. Every library is configured as close to the same
 * rules as it allows (Porter2 stemming, field boosts, AND of words, prefix on
 * the last word, typo bounds by word length); where it cannot, its row says so.
 * Run with --expose-gc (the npm script does) so the heap figures are after a
 * full collection.
 */

const SYNTHETIC = Number(process.env.BENCH_LISTINGS ?? 10_000);
const QUERY_RUNS = Number(process.env.BENCH_QUERY_RUNS ?? 150);
const WARMUP_RUNS = 50;
const SEED_BUILD_RUNS = 5;
const PAGE = 20;

// wink-porter2-stemmer ships no type declarations.
const stem = createRequire(__filename)("wink-porter2-stemmer") as (word: string) => string;

const FIELDS = ["name", "aliases", "organisation", "capabilities", "summary"] as const;
type Field = (typeof FIELDS)[number];
const BOOST: Record<Field, number> = { name: 4, aliases: 3, capabilities: 2, organisation: 2, summary: 1 };

type SearchDoc = { id: string } & Record<Field, string>;

/** Edits allowed for a query word: none below 4 letters, 1 for 4–7, 2 for 8 or more. */
function typoBound(word: string): number {
  if (word.length >= 8) return 2;
  return word.length >= 4 ? 1 : 0;
}

interface Engine {
  name: string;
  /** How the library was configured where it departs from the common rules. */
  notes: string[];
  build(docs: SearchDoc[]): Promise<(query: string, limit: number) => string[] | Promise<string[]>>;
}

const miniSearch: Engine = {
  name: "MiniSearch",
  notes: [
    "BM25+; Porter2 via processTerm; AND, last-word prefix and per-word typo bounds as search options",
    "typo bound measured on the stemmed word",
  ],
  async build(docs) {
    const index = new MiniSearch<SearchDoc>({
      fields: [...FIELDS],
      processTerm: (term) => stem(term.toLowerCase()),
      searchOptions: {
        boost: BOOST,
        combineWith: "AND",
        prefix: (_term, i, terms) => i === terms.length - 1,
        fuzzy: (term) => typoBound(term) || false,
      },
    });
    index.addAll(docs);
    return (query, limit) =>
      index
        .search(query)
        .slice(0, limit)
        .map((r) => String(r.id));
  },
};

const orama: Engine = {
  name: "Orama",
  notes: [
    "BM25; Porter2 via tokenizer.stemmer (its own English stemmer is the alternative); AND as threshold 0",
    "one tolerance (1) for every word, including words under 4 letters; every word is a prefix (no last-word-only)",
    "with threshold 0 a word matched only as a prefix does not count as present, so prefix and AND do not combine",
    "stores the documents themselves, which counts in its heap",
  ],
  async build(docs) {
    const db = createOrama({
      schema: { name: "string", aliases: "string", organisation: "string", capabilities: "string", summary: "string" },
      components: { tokenizer: { stemming: true, stemmer: stem } },
    });
    await insertMultiple(db, docs);
    return async (query, limit) => {
      const params = { term: query, properties: [...FIELDS], boost: BOOST, tolerance: 1, threshold: 0, limit };
      const result = await searchOrama(db, params);
      return result.hits.map((h) => h.id);
    };
  },
};

/** Porter2 applied to every word before FlexSearch's own encoding, so all three stem alike. */
const stemWords = (text: string) => text.toLowerCase().replace(/\p{L}+/gu, (w) => stem(w));

const flexSearch: Engine = {
  name: "FlexSearch",
  notes: [
    "no BM25: rank by word position and field order; Porter2 via encoder prepare; boosts and cross-field AND via Resolver",
    "typos only by the phonetic LatinExtra encoder, for words of any length; 'forward' tokens make every word a prefix",
  ],
  async build(docs) {
    const encoder = new Encoder(Charset.LatinExtra).assign({ prepare: stemWords });
    const index = new FlexDocument<SearchDoc>({
      document: { id: "id", index: FIELDS.map((field) => ({ field, tokenize: "forward" as const, encoder })) },
    });
    for (const d of docs) index.add(d);
    const words = (query: string) => query.split(/\s+/).filter(Boolean);
    // One word in any field, boosted by field; the words then ANDed.
    const anyField = (word: string) => {
      const [first, ...rest] = FIELDS;
      return new Resolver({ index, field: first, query: word, boost: BOOST[first] }).or(
        ...rest.map((field) => ({ index, field, query: word, boost: BOOST[field] })),
      );
    };
    return (query, limit) => {
      const [first, ...rest] = words(query);
      if (!first) return [];
      const resolver = rest.length ? anyField(first).and(...rest.map(anyField)) : anyField(first);
      return (resolver.resolve({ limit }) as unknown as (string | number)[]).map(String);
    };
  },
};

const ENGINES = [miniSearch, orama, flexSearch];

/** Search documents for the seed listings: organisation and capability slugs resolved to their names. */
function seedDocuments(): SearchDoc[] {
  const { inventory, problems } = readSeed();
  if (problems.length) throw new Error(`the seed has ${problems.length} problems; run npm run seed:check`);
  const orgs = new Map(inventory.organisations.map((o) => [o.slug, o]));
  const caps = new Map(inventory.capabilities.map((c) => [c.slug, c.name]));
  return inventory.listings.map((l) => {
    const org = l.organisation ? orgs.get(l.organisation) : undefined;
    return {
      id: l.slug,
      name: l.name,
      aliases: l.aliases.join(" ; "),
      // The organisation's aliases carry its acronyms (NCMEC, ICANN), which people search by.
      organisation: org ? [org.name, ...org.aliases].join(" ; ") : "",
      capabilities: l.capabilities.map((c) => caps.get(c) ?? c).join(" ; "),
      summary: l.summary,
    };
  });
}

/** A small deterministic PRNG (an LCG), so every run indexes the same text. */
function lcg(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (Math.imul(a, 1664525) + 1013904223) >>> 0;
    return a / 4294967296;
  };
}

/**
 * Synthetic listings whose words are drawn from the seed's own text, as often
 * as they occur there, so term frequencies and word lengths are realistic.
 * (bench/synthetic.ts writes to the database and has a 20-word vocabulary.)
 */
function syntheticDocuments(seed: SearchDoc[], count: number): SearchDoc[] {
  const rand = lcg(7);
  const tokens = (text: string) => text.split(/[^\p{L}\p{N}'-]+/u).filter((w) => w.length > 1);
  const summaryWords = seed.flatMap((d) => tokens(d.summary));
  const nameWords = seed.flatMap((d) => tokens(`${d.name} ${d.aliases}`));
  const orgNames = [...new Set(seed.map((d) => d.organisation).filter(Boolean))];
  const capNames = [...new Set(seed.flatMap((d) => d.capabilities.split(" ; ")).filter(Boolean))];
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const some = <T>(xs: readonly T[], min: number, max: number) =>
    Array.from({ length: min + Math.floor(rand() * (max - min + 1)) }, () => pick(xs));
  return Array.from({ length: count }, (_, i) => ({
    id: `listing-${i}`,
    name: `${some(nameWords, 2, 5).join(" ")} ${i}`,
    aliases: rand() < 0.3 ? some(nameWords, 1, 3).join(" ") : "",
    organisation: pick(orgNames),
    capabilities: [...new Set(some(capNames, 1, 3))].join(" ; "),
    summary: some(summaryWords, 30, 80).join(" "),
  }));
}

const QUERY_GROUPS: { name: string; queries: string[] }[] = [
  { name: "single word", queries: ["hash", "forensic", "victim", "hotline", "database"] },
  { name: "two words", queries: ["hash matching", "victim identification", "web crawler", "child protection"] },
  { name: "three words", queries: ["victim identification database", "hash sharing initiative", "child abuse images"] },
  { name: "last-word prefix", queries: ["forens", "hash matc"] },
  { name: "one typo", queries: ["victim identifcation", "crawlr"] },
  { name: "plural", queries: ["crawlers", "hashes"] },
];

/** A probe passes when any of the expected listings is in the top 3. */
const PROBES: { query: string; expect: string[]; tests: string }[] = [
  { query: "analyze netclean", expect: ["netclean-analyze"], tests: "word order" },
  { query: "crawlers", expect: ["visa-logo-misuse-web-crawler"], tests: "plural" },
  { query: "school uniforms", expect: ["new-zealand-school-uniform-database"], tests: "plural" },
  { query: "sex offender registers", expect: ["new-zealand-sex-offender-register"], tests: "plural, 3 words" },
  { query: "crawlr", expect: ["visa-logo-misuse-web-crawler"], tests: "1 typo, 6 letters" },
  { query: "grifeye", expect: ["griffeye"], tests: "1 typo, 7 letters" },
  {
    query: "victim identifcation",
    expect: [
      "new-zealand-victim-identification-database",
      "hsi-victim-identification-program",
      "hsi-national-victim-identification-system",
      "ncmec-cvip",
      "netherlands-victim-identification-technologies",
    ],
    tests: "1 typo, 13 letters",
  },
  { query: "griffeye forens", expect: ["griffeye"], tests: "last-word prefix" },
  { query: "perceptual hash", expect: ["netclean-analyze", "photodna"], tests: "capability, hash~hashing" },
  { query: "swiss hash sharing", expect: ["swiss-law-enforcement-hash-database"], tests: "AND across fields" },
  {
    query: "age estimation",
    expect: ["netherlands-victim-identification-technologies"],
    tests: "capability name only",
  },
  { query: "PhotoDNA", expect: ["photodna"], tests: "joined word" },
  { query: "photo dna", expect: ["photodna"], tests: "split word" },
  { query: "clean feed", expect: ["bt-cleanfeed"], tests: "split word" },
  { query: "icann", expect: ["whois-database"], tests: "organisation acronym" },
  { query: "c3 victim identification", expect: ["hsi-victim-identification-program"], tests: "2-char acronym" },
];

type Search = (query: string, limit: number) => string[] | Promise<string[]>;

function gc(): void {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (!collect) throw new Error("run node with --expose-gc (npm run bench:search-libraries does)");
  collect();
  collect();
}

const heapMiB = () => process.memoryUsage().heapUsed / 2 ** 20;

async function timeBuild(engine: Engine, docs: SearchDoc[]): Promise<{ ms: number; search: Search }> {
  const t0 = process.hrtime.bigint();
  const search = await engine.build(docs);
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, search };
}

/** Microsecond p50/p95 of one query group, cycling through its queries a fixed number of times. */
async function latency(search: Search, queries: string[]): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < WARMUP_RUNS; i++) await search(queries[i % queries.length], PAGE);
  const us: number[] = [];
  for (let i = 0; i < QUERY_RUNS; i++) {
    const t0 = process.hrtime.bigint();
    await search(queries[i % queries.length], PAGE);
    us.push(Number(process.hrtime.bigint() - t0) / 1e3);
  }
  us.sort((a, b) => a - b);
  return { p50: percentile(us, 50), p95: percentile(us, 95) };
}

/** Seed build time (median of a few) and the top 3 of every probe. */
async function onSeed(engine: Engine, seed: SearchDoc[]): Promise<{ buildMs: number; found: string[][] }> {
  const builds: number[] = [];
  let search: Search | undefined;
  for (let i = 0; i < SEED_BUILD_RUNS; i++) {
    const built = await timeBuild(engine, seed);
    builds.push(built.ms);
    search = built.search;
  }
  if (!search) throw new Error("no seed build");
  const found: string[][] = [];
  for (const p of PROBES) found.push(await search(p.query, 3));
  builds.sort((a, b) => a - b);
  return { buildMs: percentile(builds, 50), found };
}

/**
 * Build time, retained heap and query latency on the synthetic listings. A
 * function of its own so that the index is unreachable once it returns: an
 * async function's locals can outlive their block, which would leave one
 * library's index to be collected during the next one's measurement.
 */
async function onSynthetic(engine: Engine, docs: SearchDoc[]): Promise<string[]> {
  gc();
  const before = heapMiB();
  const big = await timeBuild(engine, docs);
  gc();
  const row = [big.ms.toFixed(0), (heapMiB() - before).toFixed(1)];
  for (const group of QUERY_GROUPS) {
    const t = await latency(big.search, group.queries);
    row.push(`${t.p50.toFixed(0)}/${t.p95.toFixed(0)}`);
  }
  return row;
}

const cell = (s: string | number, width: number) => String(s).padStart(width);

async function main(): Promise<void> {
  const seed = seedDocuments();
  const synthetic = syntheticDocuments(seed, SYNTHETIC);
  console.log(
    `${seed.length} seed listings, ${synthetic.length} synthetic; ${QUERY_RUNS} timed queries per group after ${WARMUP_RUNS} warm-up; top ${PAGE} asked for`,
  );

  const figures: string[][] = [];
  const hits = new Map<string, string[][]>();
  for (const engine of ENGINES) {
    const small = await onSeed(engine, seed);
    hits.set(engine.name, small.found);
    figures.push([engine.name, small.buildMs.toFixed(1), ...(await onSynthetic(engine, synthetic))]);
  }

  const widths = [11, 10, 9, 9, ...QUERY_GROUPS.map((g) => Math.max(g.name.length, 13) + 2)];
  console.log("\nbuild ms (seed: median of 5), heap MiB retained by the 10k index, query p50/p95 µs on the 10k index");
  console.log(
    ["library".padEnd(widths[0]), cell("seed ms", widths[1]), cell("10k ms", widths[2]), cell("heap MiB", widths[3])]
      .concat(QUERY_GROUPS.map((g, i) => cell(g.name, widths[i + 4])))
      .join(""),
  );
  for (const row of figures)
    console.log(row.map((v, i) => (i === 0 ? v.padEnd(widths[0]) : cell(v, widths[i]))).join(""));

  console.log("\nbehaviour on the seed: expected listing in the top 3 (yes / -)");
  const probeWidth = Math.max(...PROBES.map((p) => p.query.length)) + 2;
  const testWidth = Math.max(...PROBES.map((p) => p.tests.length)) + 2;
  console.log(
    `${"probe".padEnd(probeWidth)}${"tests".padEnd(testWidth)}${ENGINES.map((e) => cell(e.name, 12)).join("")}`,
  );
  const misses: string[] = [];
  PROBES.forEach((p, i) => {
    const marks = ENGINES.map((e) => {
      const top = hits.get(e.name)?.[i] ?? [];
      const ok = top.some((slug) => p.expect.includes(slug));
      if (!ok) misses.push(`  ${e.name}, "${p.query}": got [${top.join(", ")}], wanted ${p.expect.join(" | ")}`);
      return cell(ok ? "yes" : "-", 12);
    });
    console.log(`${p.query.padEnd(probeWidth)}${p.tests.padEnd(testWidth)}${marks.join("")}`);
  });
  console.log(
    `${"passed".padEnd(probeWidth + testWidth)}${ENGINES.map((e) => cell(`${PROBES.length - misses.filter((m) => m.startsWith(`  ${e.name},`)).length}/${PROBES.length}`, 12)).join("")}`,
  );
  console.log("\nmisses:");
  console.log(misses.join("\n") || "  none");
  console.log("\nconfiguration:");
  for (const e of ENGINES) for (const n of e.notes) console.log(`  ${e.name}: ${n}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
