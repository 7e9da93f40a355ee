import { graphql } from "../../graphql";

/** A saved gap report as a list names it. */
export const SavedReportSummary = graphql(`
  fragment SavedReportSummary on SavedReport {
    id
    name
    createdAt
    catalogueRevision
    coverage
    possibleCoverage
    gapCount
    singlePointOfFailureCount
    createdBy {
      id
      name
      email
    }
  }
`);

/** The inputs a saved report was computed with, defaults applied. */
export const SavedReportInput = graphql(`
  fragment SavedReportInput on ReportParameters {
    capabilities
    deployment
    depth
    eligibleFor
    jurisdictions
    kinds
    languages
    licenseModels
    mediaTypes
    minListings
    organisationTypes
    organisations
    standards
    status
  }
`);

/** Computes the gap report of a scope and keeps it under a name. */
export const SaveGapReport = graphql(`
  mutation SaveGapReport($name: String!, $input: GapReportInput!) {
    saveGapReport(name: $name, input: $input) {
      savedReport {
        ...SavedReportSummary
      }
      userErrors {
        field
        message
      }
    }
  }
`);

/** A page of saved gap reports, newest first. */
export const SavedGapReports = graphql(`
  query SavedGapReports($first: Int!, $after: String) {
    savedReports(first: $first, after: $after, kind: GAP) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...SavedReportSummary
        }
      }
    }
  }
`);

/** One saved report with its inputs and JSON body. */
export const SavedGapReport = graphql(`
  query SavedGapReport($id: ID!) {
    savedReport(id: $id) {
      ...SavedReportSummary
      kind
      body
      input {
        ...SavedReportInput
      }
    }
  }
`);

/**
 * What changed from one saved gap report to another: the reports, and the
 * gaps closed and opened. The single points of failure are asked apart
 * (CompareSinglePoints): each list of cells is bounded by the whole matrix,
 * and all four in one query would be over the API's query budget.
 */
export const CompareSavedReports = graphql(`
  query CompareSavedReports($earlier: ID!, $later: ID!) {
    compareGapReports(earlier: $earlier, later: $later) {
      sameInput
      coverageChange
      closed {
        capability
        jurisdiction
      }
      opened {
        capability
        jurisdiction
      }
      before {
        ...SavedReportSummary
        input {
          ...SavedReportInput
        }
      }
      after {
        ...SavedReportSummary
        input {
          ...SavedReportInput
        }
      }
    }
  }
`);

/** The single points of failure new and resolved from one saved gap report to another. */
export const CompareSinglePoints = graphql(`
  query CompareSinglePoints($earlier: ID!, $later: ID!) {
    compareGapReports(earlier: $earlier, later: $later) {
      singlePointsNew {
        capability
        jurisdiction
      }
      singlePointsResolved {
        capability
        jurisdiction
      }
    }
  }
`);
