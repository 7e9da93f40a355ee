import { graphql } from "../../graphql";

export const SearchListings = graphql(`
  query SearchListings($search: String, $filter: ListingFilter, $orderBy: ListingOrder, $first: Int!, $after: String) {
    listings(search: $search, filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
      totalCount
      didYouMean
      pageInfo {
        hasNextPage
      }
      edges {
        cursor
        matchedFields
        snippet {
          field
          text
          highlights {
            start
            end
          }
        }
        node {
          id
          slug
          name
          kind
          status
          visibility
          summary
          organisation {
            slug
            name
          }
          capabilities {
            slug
            name
          }
        }
      }
    }
  }
`);

/**
 * The facets of a search, asked apart from its page of results: the results are drawn as soon as they come, the
 * counts beside them a moment later; the server matches the search once for both. They do not change with the
 * order or the page, so paging does not ask for them again.
 */
export const SearchFacets = graphql(`
  query SearchFacets($search: String, $filter: ListingFilter) {
    listings(search: $search, filter: $filter, first: 1) {
      facets {
        capabilities {
          value
          label
          count
          depth
          parent
        }
        mediaTypes {
          value
          label
          count
        }
        eligibility {
          value
          label
          count
        }
        licenseModels {
          value
          label
          count
        }
        deployment {
          value
          label
          count
        }
        kinds {
          value
          label
          count
        }
        organisationTypes {
          value
          label
          count
        }
        jurisdictions {
          value
          label
          count
        }
      }
    }
    groups: jurisdictions(kind: GROUP) {
      code
      name
    }
  }
`);

/** Only where a page begins: the cursor after the pages before it. */
export const SearchPageStart = graphql(`
  query SearchPageStart($search: String, $filter: ListingFilter, $orderBy: ListingOrder, $first: Int!, $after: String) {
    listings(search: $search, filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`);
