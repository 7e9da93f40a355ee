import MiniSearch, { Query, SearchResult } from "minisearch";
import SearchableMap from "minisearch/SearchableMap";
import stem from "wink-porter2-stemmer";
import { eng as ENGLISH_STOP_WORDS } from "stopword";
import { foldText } from "../common/text";
import type { ToolDoc } from "../catalog/tools/tool.model";

/**
 * Ranked, typo-tolerant search over the listings one audience may see, on
 * MiniSearch (BM25+ over fields with boosts) with the Porter2 English
 * stemmer. One index is built per catalogue snapshot and audience (see
 * `SearchIndexes`), so matching, scores, suggestions and corrections draw on
 * nothing the caller may not see.
 */

/** The fields a listing is searched by, strongest first, with their boosts. */
export enum SearchField {
  NAME = "NAME",
  ALIASES = "ALIASES",
  CAPABILITIES = "CAPABILITIES",
  ORGANISATION = "ORGANISATION",
  SUMMARY = "SUMMARY",
  KIND = "KIND",
}

const FIELDS = ["name", "aliases", "capabilities", "organisation", "summary", "kind"] as const;
type FieldName = (typeof FIELDS)[number];

const FIELD_OF: Record<FieldName, SearchField> = {
  name: SearchField.NAME,
  aliases: SearchField.ALIASES,
  capabilities: SearchField.CAPABILITIES,
  organisation: SearchField.ORGANISATION,
  summary: SearchField.SUMMARY,
  kind: SearchField.KIND,
};

const BOOST: Record<FieldName, number> = {
  name: 6,
  aliases: 5,
  capabilities: 3,
  organisation: 2.5,
  summary: 1,
  kind: 0.5,
};

/** How a listing's kind reads in text, so "forensic tools" can match a forensic listing of kind TOOL. */
const KIND_WORDS: Record<string, string> = {
  TOOL: "tool software",
  DATABASE: "database",
  PLATFORM: "platform",
  SERVICE: "service",
  STANDARD: "standard",
  LAB: "lab laboratory",
  CROWDSOURCING: "crowdsourcing",
  PROGRAMME: "programme program",
};

/** Suggestions offered at most, per request. */
export const MAX_SUGGESTIONS = 20;
/** Ranges marked in one snippet or suggestion at most. */
export const MAX_HIGHLIGHTS = 50;

/** At most this many query words are searched for; the rest are ignored (the search text is 200 characters at most). */
export const MAX_QUERY_WORDS = 12;
/** Joined-word alternatives ("cyber tip line" → "cybertipline") are tried for queries of at most this many words. */
const MAX_JOINED_WORDS = 5;

const STOP_WORDS = new Set(ENGLISH_STOP_WORDS);
/** Words longer than this are matched exactly or by prefix only. */
const MAX_FUZZY_WORD = 30;
const WORD = /[\p{L}\p{N}]+/gu;

/** The words of a text with their offsets (UTF-16), as typed. */
export function wordsOf(text: string): { word: string; start: number; end: number }[] {
  const out: { word: string; start: number; end: number }[] = [];
  for (const m of text.matchAll(WORD)) out.push({ word: m[0], start: m.index, end: m.index + m[0].length });
  return out;
}

/** "PhotoDNA" → ["Photo", "DNA"]; "CyberTipline" → ["Cyber", "Tipline"]; a word without inner capitals → []. */
function camelParts(word: string): string[] {
  const parts = word.match(/\p{Lu}+(?!\p{Ll})|\p{Lu}?\p{Ll}+|\p{N}+/gu) ?? [];
  return parts.length > 1 ? parts : [];
}

/**
 * A word, or a whole text, folded (case, accents) with every space and sign
 * removed: "Photo DNA" and "PhotoDNA" compare equal as whole names.
 */
function fold(text: string): string {
  return foldText(text).replace(/[^\p{L}\p{N}]+/gu, "");
}

/**
 * The index terms of one word of a listing: the word folded (case, accents),
 * its English stem, and, for a word with inner capitals, each part and its
 * stem ("PhotoDNA" is found by "photo dna"). Stop words are not indexed: they
 * say nothing about a listing, and a typo of "hash" should not find "has".
 */
function termsOfWord(word: string): string[] {
  let terms = termCache.get(word);
  if (!terms) {
    terms = computeTermsOfWord(word);
    if (termCache.size >= TERM_CACHE_SIZE) termCache.clear();
    termCache.set(word, terms);
  }
  return terms;
}

/**
 * Words already turned into terms: a catalogue repeats a few thousand words
 * many times over, and folding and stemming each occurrence again was most of
 * the cost of building an index. Bounded; emptied when full.
 */
const termCache = new Map<string, string[]>();
const TERM_CACHE_SIZE = 50_000;

function computeTermsOfWord(word: string): string[] {
  const folded = fold(word);
  if (!folded || STOP_WORDS.has(folded)) return [];
  const terms = new Set([folded, stem(folded)]);
  for (const part of camelParts(word)) {
    const p = fold(part);
    terms.add(p);
    terms.add(stem(p));
  }
  return [...terms];
}

/** The most edits a query word may be away from an indexed word: none below 4 letters, for numbers or acronyms. */
export function typoBound(typed: string): number {
  const folded = fold(typed);
  if (/\p{N}/u.test(folded)) return 0;
  if (typed.length >= 2 && typed === typed.toUpperCase() && /\p{Lu}/u.test(typed)) return 0;
  // No word is this long: a run of letters this long is not worth searching near.
  if (folded.length > MAX_FUZZY_WORD) return 0;
  if (folded.length >= 8) return 2;
  if (folded.length >= 4) return 1;
  return 0;
}

/**
 * How far a correction may reach: one edit more than search forgives, and
 * short words, numbers and acronyms too (search matches those exactly, so a
 * miss there is where a suggestion helps most).
 */
function correctionBound(folded: string): number {
  if (folded.length < 3 || folded.length > MAX_FUZZY_WORD) return 0;
  return folded.length >= 8 ? 3 : folded.length >= 4 ? 2 : 1;
}

interface IndexedDoc {
  id: number;
  name: string;
  aliases: string;
  capabilities: string;
  organisation: string;
  summary: string;
  kind: string;
}

/** What the index needs to know beyond a listing: the words its capabilities and organisation are known by. */
export interface SearchVocabulary {
  /** The names and synonyms of a capability and of all its ancestors. */
  capabilityTerms(capabilityId: string): string[];
  /** An organisation's name and aliases. */
  organisationTerms(organisationId: string): string[];
}

/**
 * One matched listing. Only what ordering needs is worked out for every
 * match; which fields matched, and the snippet, are read from `result` for
 * the listings of the page shown (see `fieldsOf`, `snippet`).
 */
export interface RankedHit {
  listing: ToolDoc;
  /** The listing's place in the index. */
  doc: number;
  /** 2: the query is the whole name (or an alias); 1: the name begins with it; 0: otherwise. */
  tier: number;
  /**
   * How many query words the listing holds only with a typo (not as typed,
   * by stem, or, for the last word, as a prefix): fewer ranks first, as in
   * Algolia's and Typesense's default ranking, so an exact word beats a near
   * one whatever the field boosts.
   */
  typos: number;
  score: number;
  result: SearchResult;
}

export interface TextRange {
  start: number;
  end: number;
}

export interface Snippet {
  field: SearchField;
  text: string;
  highlights: TextRange[];
}

export interface Suggestion {
  kind: "LISTING" | "ORGANISATION" | "CAPABILITY";
  slug: string;
  label: string;
  highlights: TextRange[];
}

/** What a suggestion is found by: its label, and other names for the same thing (aliases, synonyms). */
export type SuggestionSource = Omit<Suggestion, "highlights"> & { also: string[] };

/**
 * A query: the words as typed, those that count (stop words left out, unless
 * there is nothing else), and the whole text folded (see `fold`).
 */
interface ParsedQuery {
  typed: string[];
  words: string[];
  whole: string;
}

function parseQuery(text: string): ParsedQuery {
  const typed = wordsOf(text)
    .map((w) => w.word)
    .slice(0, MAX_QUERY_WORDS);
  const content = typed.filter((w) => !STOP_WORDS.has(fold(w)));
  const words = content.length ? content : typed;
  return { typed, words, whole: fold(text) };
}

/** One query word: its stem or the word itself, within its typo bound; the last word also as a prefix. */
function wordQuery(typed: string, last: boolean): Query {
  const folded = fold(typed);
  const fuzzy = typoBound(typed);
  const stemmed = stem(folded);
  const queries: Query[] = [{ queries: [folded], prefix: last, fuzzy }];
  if (stemmed !== folded) queries.push({ queries: [stemmed], prefix: false, fuzzy });
  return { combineWith: "OR", queries };
}

function allOf(words: string[], lastIsTyped: boolean): Query {
  return {
    combineWith: "AND",
    queries: words.map((w, i) => wordQuery(w, lastIsTyped && i === words.length - 1)),
  };
}

/**
 * Every word that counts must match (AND). Words typed apart may be one word
 * in a listing ("cyber tip line" → "CyberTipline", "on guard online" →
 * "OnGuardOnline"): each pair of neighbours as typed joined, and all of them
 * joined, are alternatives.
 */
function wordLists(q: ParsedQuery, known: (joinedWord: string, last: boolean) => boolean): string[][] {
  const lists: string[][] = [q.words];
  const typed = q.typed;
  if (typed.length >= 2 && typed.length <= MAX_JOINED_WORDS) {
    const counted = (ws: string[]) => ws.filter((w) => !STOP_WORDS.has(fold(w)));
    for (let i = 0; i + 1 < typed.length; i++) {
      // Only a joined word some listing holds (or begins, for the last) can match: the others are not tried.
      if (!known(fold(typed[i] + typed[i + 1]), i + 2 === typed.length)) continue;
      const words = counted([...typed.slice(0, i), typed[i] + typed[i + 1], ...typed.slice(i + 2)]);
      if (words.length) lists.push(words);
    }
    if (typed.length >= 3 && known(fold(typed.join("")), true)) lists.push([typed.join("")]);
  }
  return lists;
}

function queryFor(lists: string[][]): Query {
  const alternatives = lists.map((words) => allOf(words, true));
  return alternatives.length === 1 ? alternatives[0] : { combineWith: "OR", queries: alternatives };
}

/**
 * For each word list a query is tried as, the terms each word matches
 * without a typo: the word folded and its stem, and, for the last word, any
 * term it begins (a prefix).
 */
interface ExactWords {
  exact: Set<string>[];
  prefix: string;
}

function exactWords(words: string[]): ExactWords {
  const exact = words.map((w) => {
    const folded = fold(w);
    return new Set([folded, stem(folded)]);
  });
  return { exact, prefix: fold(words[words.length - 1]) };
}

/** The fewest words matched only with a typo, over the word lists the query was tried as. */
function typosOf(matchedTerms: string[], lists: ExactWords[]): number {
  let fewest = Infinity;
  for (const { exact, prefix } of lists) {
    let typos = 0;
    for (let i = 0; i < exact.length; i++) {
      const last = i === exact.length - 1;
      if (!matchedTerms.some((t) => exact[i].has(t) || (last && t.startsWith(prefix)))) typos++;
    }
    fewest = Math.min(fewest, typos);
  }
  return fewest;
}

const identity = (s: string) => s;
const whole = (s: string) => [s];

/** The search index of the listings one audience may see. */
export class ListingIndex {
  private readonly search: MiniSearch<IndexedDoc>;
  private readonly listings: ToolDoc[];
  private readonly docs: IndexedDoc[];
  /** Per listing: its name, then its aliases, folded with spaces and signs removed (see `fold`). */
  private readonly names: string[][];
  /** Folded words of the visible listings, with how many listings hold each: for corrections. */
  private readonly vocabulary = new SearchableMap<number>();
  private suggestions: MiniSearch<{ id: number; label: string; also: string }> | null = null;
  private suggestionEntries: SuggestionSource[] = [];

  constructor(
    listings: ToolDoc[],
    private readonly words: SearchVocabulary,
    private readonly suggestionSources: () => SuggestionSource[],
  ) {
    this.listings = listings;
    this.docs = listings.map((l, id) => ({
      id,
      name: l.name,
      aliases: l.aliases.join(" \n "),
      capabilities: [...new Set(l.capabilities.flatMap((c) => words.capabilityTerms(c.toHexString())))].join(" \n "),
      organisation: l.organisation ? words.organisationTerms(l.organisation.toHexString()).join(" \n ") : "",
      summary: l.summary,
      kind: KIND_WORDS[l.kind] ?? "",
    }));
    this.names = listings.map((l) => [l.name, ...l.aliases].map(fold));
    this.search = new MiniSearch<IndexedDoc>({
      fields: [...FIELDS],
      tokenize: (text) => wordsOf(text).map((w) => w.word),
      processTerm: termsOfWord,
      searchOptions: {
        tokenize: whole,
        processTerm: identity,
        boost: BOOST,
        combineWith: "AND",
        weights: { fuzzy: 0.2, prefix: 0.375 },
      },
    });
    this.search.addAll(this.docs);
    for (const d of this.docs) {
      const seen = new Set<string>();
      for (const f of FIELDS) for (const w of wordsOf(d[f])) seen.add(fold(w.word));
      for (const w of seen) {
        if (w.length >= 3 && !STOP_WORDS.has(w)) this.vocabulary.set(w, (this.vocabulary.get(w) ?? 0) + 1);
      }
    }
  }

  /** Every visible listing that matches `text`, with its rank; empty for a query with no words. */
  match(text: string): RankedHit[] {
    const q = parseQuery(text);
    if (!q.words.length) return [];
    const typed = q.whole;
    const known = (word: string, last: boolean) =>
      this.vocabulary.has(word) || (last && this.vocabulary.atPrefix(word).size > 0) || this.withinTypo(word);
    const lists = wordLists(q, known);
    const exact = lists.map(exactWords);
    return this.search.search(queryFor(lists)).map((r) => this.hit(r, typed, exact));
  }

  private hit(r: SearchResult, typed: string, exact: ExactWords[]): RankedHit {
    const doc = r.id as number;
    const names = this.names[doc];
    const tier = names.includes(typed) ? 2 : names[0].startsWith(typed) ? 1 : 0;
    return { listing: this.listings[doc], doc, tier, typos: typosOf(r.terms, exact), score: r.score, result: r };
  }

  /** Whether some indexed word is within the typo bound of `word`. */
  private withinTypo(word: string): boolean {
    const bound = typoBound(word);
    return bound > 0 && this.vocabulary.fuzzyGet(word, bound).size > 0;
  }

  /** The fields of a matched listing that held a query word, strongest first. */
  fieldsOf(hit: RankedHit): SearchField[] {
    const matched = new Set<string>();
    for (const fields of Object.values(hit.result.match)) for (const f of fields) matched.add(f);
    return FIELDS.filter((f) => matched.has(f)).map((f) => FIELD_OF[f]);
  }

  /**
   * A snippet of the field that best shows why the listing matched: the
   * summary if it holds a match, else the strongest field that does; with
   * the ranges of the matching words.
   */
  snippet(hit: RankedHit): Snippet | null {
    const doc = this.docs[hit.doc];
    const order: FieldName[] = ["summary", "name", "aliases", "capabilities", "organisation"];
    const fields = this.fieldsOf(hit);
    const terms = new Set(hit.result.terms);
    for (const f of order) {
      if (!fields.includes(FIELD_OF[f])) continue;
      const text = f === "summary" || f === "name" ? doc[f] : doc[f].split(" \n ").join(", ");
      const highlights = rangesOf(text, terms);
      if (!highlights.length) continue;
      const snippet = f === "summary" ? window(text, highlights) : { field: FIELD_OF[f], text, highlights };
      return { ...snippet, highlights: snippet.highlights.slice(0, MAX_HIGHLIGHTS) };
    }
    return null;
  }

  /**
   * A corrected query that finds listings, for a query that found none: each
   * word not in the index replaced by the nearest word that is (fewest edits,
   * then the most listings), one edit further than search itself forgives
   * (see `correctionBound`). Null if no such query exists.
   */
  didYouMean(text: string): string | null {
    const q = parseQuery(text);
    if (!q.words.length) return null;
    let changed = false;
    const corrected = q.words.map((typed) => {
      const w = fold(typed);
      if (this.vocabulary.has(w) || this.vocabulary.has(stem(w))) return w;
      const near = this.vocabulary.fuzzyGet(w, correctionBound(w));
      let best: [string, number, number] | null = null;
      for (const [word, [count, distance]] of near) {
        if (!best || distance < best[2] || (distance === best[2] && count > best[1])) best = [word, count, distance];
      }
      if (!best) return w;
      changed = true;
      return best[0];
    });
    if (!changed) return null;
    const query = corrected.join(" ");
    return this.match(query).length ? query : null;
  }

  /** Type-ahead over the names of visible listings, organisations and capabilities. */
  suggest(prefix: string, first: number): Suggestion[] {
    const q = parseQuery(prefix);
    if (!q.words.length) return [];
    const index = this.suggestionIndex();
    const words = q.typed;
    const results = index.search({
      combineWith: "AND",
      queries: words.map((w, i) => ({
        queries: [fold(w)],
        prefix: i === words.length - 1 || undefined,
        fuzzy: i === words.length - 1 ? 0 : typoBound(w),
      })),
    });
    // Labels that begin with what was typed first, then by score, then by label.
    const ranked = results.map((r) => {
      const entry = this.suggestionEntries[r.id as number];
      return { r, entry, begins: fold(entry.label).startsWith(q.whole) };
    });
    ranked.sort(
      (a, b) =>
        Number(b.begins) - Number(a.begins) || b.r.score - a.r.score || a.entry.label.localeCompare(b.entry.label),
    );
    return ranked.slice(0, first).map(({ r, entry }) => {
      const highlights = rangesOf(entry.label, new Set(r.terms)).slice(0, MAX_HIGHLIGHTS);
      return { kind: entry.kind, slug: entry.slug, label: entry.label, highlights };
    });
  }

  private suggestionIndex(): MiniSearch<{ id: number; label: string; also: string }> {
    if (!this.suggestions) {
      this.suggestionEntries = this.suggestionSources();
      this.suggestions = new MiniSearch({
        fields: ["label", "also"],
        tokenize: (text) => wordsOf(text).map((w) => w.word),
        processTerm: termsOfWord,
        searchOptions: { tokenize: whole, processTerm: identity, boost: { label: 2, also: 1 } },
      });
      this.suggestions.addAll(
        this.suggestionEntries.map((e, id) => ({ id, label: e.label, also: e.also.join(" \n ") })),
      );
    }
    return this.suggestions;
  }
}

/** The ranges of the words of `text` that have one of `terms` among their index terms. */
function rangesOf(text: string, terms: Set<string>): TextRange[] {
  return wordsOf(text)
    .filter((w) => termsOfWord(w.word).some((t) => terms.has(t)))
    .map(({ start, end }) => ({ start, end }));
}

/** Characters of summary shown around its first match. */
const SNIPPET_LENGTH = 160;

function window(text: string, highlights: TextRange[]): Snippet {
  if (text.length <= SNIPPET_LENGTH) return { field: SearchField.SUMMARY, text, highlights };
  let start = Math.max(0, highlights[0].start - 40);
  if (start > 0) {
    const space = text.indexOf(" ", start);
    start = space >= 0 && space < highlights[0].start ? space + 1 : start;
  }
  let end = Math.min(text.length, start + SNIPPET_LENGTH);
  if (end < text.length) {
    const space = text.lastIndexOf(" ", end);
    end = space > highlights[0].end ? space : end;
  }
  const prefix = start > 0 ? "…" : "";
  const suffix = end < text.length ? "…" : "";
  const shift = prefix.length - start;
  return {
    field: SearchField.SUMMARY,
    text: `${prefix}${text.slice(start, end)}${suffix}`,
    highlights: highlights
      .filter((h) => h.start >= start && h.end <= end)
      .map((h) => ({ start: h.start + shift, end: h.end + shift })),
  };
}
