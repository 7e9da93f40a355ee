import { graphql } from "../../graphql";

/** A listing as the report pages name it: with its organisation, when known. */
export const ReportListing = graphql(`
  fragment ReportListing on Listing {
    slug
    name
    organisation {
      slug
      name
    }
  }
`);

/** The heatmap: every cell's state and counts, the rows and columns, and the coverage figures. */
export const GapHeatmap = graphql(`
  query GapHeatmap($input: GapReportInput!) {
    gapReport(input: $input) {
      catalogueRevision
      coverage
      possibleCoverage
      rows {
        slug
        name
      }
      columns {
        code
        name
      }
      rowCoverage {
        coverage
        gapCount
      }
      columnCoverage {
        coverage
        gapCount
      }
      cells {
        listingCount
        organisationCount
        unknownCount
        state
        singlePointOfFailure
      }
    }
  }
`);

/** One cell with its listings: the report narrowed to the cell's row and country. */
export const GapCellListings = graphql(`
  query GapCellListings($input: GapReportInput!) {
    gapReport(input: $input) {
      cells {
        capability {
          slug
          name
        }
        jurisdiction {
          code
          name
        }
        state
        singlePointOfFailure
        listingCount
        organisationCount
        unknownCount
        unavailableCount
        listings {
          ...ReportListing
        }
        unknownListings {
          ...ReportListing
        }
      }
    }
  }
`);

/** The single points of failure of a scope. */
export const SinglePoints = graphql(`
  query SinglePoints($input: GapReportInput!) {
    gapReport(input: $input) {
      catalogueRevision
      singlePointsOfFailure {
        capability {
          slug
          name
        }
        jurisdiction {
          code
          name
        }
        listings {
          ...ReportListing
        }
      }
    }
  }
`);

/**
 * What the scope form offers, and the names the saved reports read slugs and
 * codes by: the taxonomy (three levels), and every country and group.
 */
export const ScopeChoices = graphql(`
  query ScopeChoices {
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
      kind
    }
  }
`);

/** Where effort is duplicated in a scope. */
export const Duplication = graphql(`
  query Duplication($input: DuplicationReportInput) {
    duplicationReport(input: $input) {
      catalogueRevision
      clusteredListingCount
      incompleteClusteredListingCount
      clusters {
        similarity
        incompleteListingCount
        sharedMediaTypes
        sharedCapabilities {
          slug
          name
        }
        listings {
          ...ReportListing
        }
      }
      likelyDuplicates {
        kind
        keys
        listings {
          ...ReportListing
        }
      }
    }
  }
`);

/** Listings due for verification, by organisation. */
export const Stale = graphql(`
  query Stale($olderThanDays: Int!, $after: String) {
    staleListings(olderThanDays: $olderThanDays, first: 20, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          oldestVerifiedAt
          organisation {
            slug
            name
          }
          listings {
            slug
            name
            lastVerifiedAt
          }
        }
      }
    }
  }
`);
