import { type Client, useClient } from "@urql/preact";
import { useEffect, useState } from "preact/hooks";
import { graphql } from "../../graphql";

const OrganisationName = graphql(`
  query OrganisationName($slug: String!) {
    organisation(slug: $slug) {
      slug
      name
    }
  }
`);

const ListingName = graphql(`
  query ListingName($slug: String!) {
    listing(slug: $slug) {
      slug
      name
    }
  }
`);

/**
 * The names of records the URL holds by slug, asked one by one (a few at a
 * time: chips, the comparison's choices) through the client's cache. A slug
 * with no record you may see keeps the slug as its name.
 */
function useNames(
  slugs: readonly string[],
  nameOf: (client: Client, slug: string) => Promise<string | undefined>,
): Record<string, string> {
  const client = useClient();
  const [names, setNames] = useState<Record<string, string>>({});
  const key = slugs.join(",");
  useEffect(() => {
    let live = true;
    for (const slug of slugs) {
      if (names[slug]) continue;
      void nameOf(client, slug).then((name) => {
        if (live && name) setNames((known) => ({ ...known, [slug]: name }));
      });
    }
    return () => {
      live = false;
    };
  }, [client, key]);
  return names;
}

/** The names of the organisations a search is filtered by, for their chips (organisations have no facet to name them). */
export function useOrganisationNames(slugs: readonly string[]): Record<string, string> {
  return useNames(
    slugs,
    async (client, slug) => (await client.query(OrganisationName, { slug }).toPromise()).data?.organisation?.name,
  );
}

/** The names of the listings chosen for a comparison, which may be on no page of the results shown. */
export function useListingNames(slugs: readonly string[]): Record<string, string> {
  return useNames(
    slugs,
    async (client, slug) => (await client.query(ListingName, { slug }).toPromise()).data?.listing?.name,
  );
}
