import { useClient } from "@urql/preact";
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

/**
 * The names of the organisations a search is filtered by, for their chips
 * (the URL holds slugs, and organisations have no facet to name them). A
 * slug with no organisation you may see keeps the slug as its name.
 */
export function useOrganisationNames(slugs: readonly string[]): Record<string, string> {
  const client = useClient();
  const [names, setNames] = useState<Record<string, string>>({});
  const key = slugs.join(",");
  useEffect(() => {
    let live = true;
    for (const slug of slugs) {
      if (names[slug]) continue;
      void client
        .query(OrganisationName, { slug })
        .toPromise()
        .then((r) => {
          const name = r.data?.organisation?.name;
          if (live && name) setNames((known) => ({ ...known, [slug]: name }));
        });
    }
    return () => {
      live = false;
    };
  }, [client, key]);
  return names;
}
