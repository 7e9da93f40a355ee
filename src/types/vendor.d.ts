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
