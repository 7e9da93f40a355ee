import type { ReportListingFragment } from "../../graphql/graphql";

/** Listings as links to their pages, each with its organisation as a link to the search for its listings. */
export function ListingList({ listings, empty }: { listings: ReportListingFragment[]; empty: string }) {
  if (!listings.length) return <p>{empty}</p>;
  return (
    <ul class="cell-listings">
      {listings.map((l) => (
        <li key={l.slug}>
          <a href={`/listings/${l.slug}`}>{l.name}</a>
          {l.organisation ? (
            <>
              {" "}
              — <a href={`/?organisation=${encodeURIComponent(l.organisation.slug)}`}>{l.organisation.name}</a>
            </>
          ) : (
            " — owner not known"
          )}
        </li>
      ))}
    </ul>
  );
}
