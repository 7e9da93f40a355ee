// Type declarations for packages that ship none.

declare module "wink-porter2-stemmer" {
  /** The Porter2 (Snowball English) stem of one lower-case word. */
  function stem(word: string): string;
  export = stem;
}

declare module "stopword" {
  /** English stop words, lower case. */
  export const eng: string[];
}

declare module "minisearch/SearchableMap" {
  import SearchableMap from "minisearch/dist/es/SearchableMap";
  export = SearchableMap;
}

declare module "negotiator" {
  import type { IncomingMessage } from "node:http";
  /** HTTP content negotiation (the one express uses underneath). */
  class Negotiator {
    constructor(request: IncomingMessage);
    /**
     * The available encodings the request accepts, best first: by the
     * request's q-values, ties broken by `preferred` (the server's order).
     */
    encodings(available: readonly string[], options?: { preferred?: readonly string[] }): string[];
  }
  export = Negotiator;
}
