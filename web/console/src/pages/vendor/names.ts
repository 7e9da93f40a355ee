import { useQuery } from "@urql/preact";
import { useEffect, useState } from "preact/hooks";
import { graphql } from "../../graphql";
import type { ListingContent } from "./content";

/**
 * The names behind the slugs and codes a listing's content holds, in one
 * request: the capability taxonomy, the countries and groups, the
 * classification schemes (each small, and the same for every listing, so
 * the cache keeps them), the documents its sources cite and up to two
 * organisations (a diff's before and after).
 */
export const ContentNamesDoc = graphql(`
  query ContentNames(
    $documents: [String!]!
    $organisationA: String!
    $withA: Boolean!
    $organisationB: String!
    $withB: Boolean!
  ) {
    capabilities {
      slug
      name
      children {
        slug
        name
        children {
          slug
          name
        }
      }
    }
    jurisdictions {
      code
      name
    }
    classificationSchemes {
      slug
      name
    }
    documents(slugs: $documents) {
      slug
      title
    }
    organisationA: organisation(slug: $organisationA) @include(if: $withA) {
      slug
      name
    }
    organisationB: organisation(slug: $organisationB) @include(if: $withB) {
      slug
      name
    }
  }
`);

/** Lookups from a slug or code to its name; undefined while loading, or for one that names nothing. */
export interface Names {
  capability(slug: string): string | undefined;
  jurisdiction(code: string): string | undefined;
  scheme(slug: string): string | undefined;
  document(slug: string): string | undefined;
  organisation(slug: string): string | undefined;
}

interface Named {
  slug: string;
  name: string;
  children?: Named[];
}

/** The API takes at most 100 document slugs at once; a listing cites at most 50. */
const MAX_DOCUMENTS = 100;

/** `value`, once it has stayed the same for `ms`: typing a slug asks for its name once, not per key. */
export function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [JSON.stringify(value)]);
  return settled;
}

/**
 * The names of everything the given contents refer to by slug or code,
 * fetched in one query. A name not (yet) known is undefined: show the
 * slug instead.
 */
export function useContentNames(contents: (Partial<ListingContent> | null | undefined)[]): Names {
  const documents = [
    ...new Set(contents.flatMap((c) => (c?.sources ?? []).map((s) => s.document ?? "").filter(Boolean))),
  ]
    .sort()
    .slice(0, MAX_DOCUMENTS);
  const organisations = [...new Set(contents.map((c) => c?.organisation ?? "").filter(Boolean))].sort();
  const [{ data }] = useQuery({
    query: ContentNamesDoc,
    variables: {
      documents,
      organisationA: organisations[0] ?? "",
      withA: organisations.length > 0,
      organisationB: organisations[1] ?? "",
      withB: organisations.length > 1,
    },
  });
  // Kept from the last answer while the next one loads, so names do not blink back to slugs.
  const [last, setLast] = useState(data);
  useEffect(() => {
    if (data) setLast(data);
  }, [data]);
  const d = data ?? last;
  const capabilities = new Map<string, string>();
  const walk = (n: Named) => {
    capabilities.set(n.slug, n.name);
    n.children?.forEach(walk);
  };
  d?.capabilities.forEach(walk);
  const jurisdictions = new Map(d?.jurisdictions.map((j) => [j.code, j.name]));
  const schemes = new Map(d?.classificationSchemes.map((s) => [s.slug, s.name]));
  const docs = new Map(d?.documents.flatMap((x) => (x ? [[x.slug, x.title] as const] : [])));
  const orgs = new Map([d?.organisationA, d?.organisationB].flatMap((o) => (o ? [[o.slug, o.name] as const] : [])));
  return {
    capability: (s) => capabilities.get(s),
    jurisdiction: (c) => jurisdictions.get(c),
    scheme: (s) => schemes.get(s),
    document: (s) => docs.get(s),
    organisation: (s) => orgs.get(s),
  };
}
