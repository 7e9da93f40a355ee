import { graphql } from "../../graphql";

/** A saved report as a list names it. */
export const SavedReportSummary = graphql(`
  fragment SavedReportSummary on SavedReport {
    id
    kind
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

/** What saving a report answers: the report kept, or why not. */
export const SavedReportOutcome = graphql(`
  fragment SavedReportOutcome on SavedReportPayload {
    savedReport {
      ...SavedReportSummary
    }
    userErrors {
      field
      message
    }
  }
`);

/** Computes the gap report of a scope and keeps it under a name. */
export const SaveGapReport = graphql(`
  mutation SaveGapReport($name: String!, $input: GapReportInput!) {
    saveGapReport(name: $name, input: $input) {
      ...SavedReportOutcome
    }
  }
`);

/** Computes the duplication report of a scope and keeps it under a name. */
export const SaveDuplicationReport = graphql(`
  mutation SaveDuplicationReport($name: String!, $input: DuplicationReportInput!) {
    saveDuplicationReport(name: $name, input: $input) {
      ...SavedReportOutcome
    }
  }
`);

/** A page of saved reports, newest first: of one kind, or of both when `kind` is null. */
export const SavedReports = graphql(`
  query SavedReports($first: Int!, $after: String, $kind: ReportKind) {
    savedReports(first: $first, after: $after, kind: $kind) {
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
export const SavedReport = graphql(`
  query SavedReport($id: ID!) {
    savedReport(id: $id) {
      ...SavedReportSummary
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
