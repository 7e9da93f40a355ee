import { graphql } from "../../graphql";

export const MyListingsDoc = graphql(`
  query MyListings {
    me {
      role
      organisation {
        slug
        name
        listings(first: 100) {
          totalCount
          edges {
            node {
              slug
              name
              kind
              visibility
              revision
              latestRevision
              viewerCanEdit
              pendingRevision {
                revision
                state
                reason
              }
            }
          }
        }
      }
    }
    # Newest first; a listing never published is only here (organisation.listings holds published ones).
    openRevisions {
      slug
      revision
      state
      reason
      content
    }
  }
`);

/** Everything the edit form and the review diff need about one listing, as its editors and reviewers see it. */
export const EditableListingDoc = graphql(`
  query EditableListing($slug: String!) {
    listing(slug: $slug) {
      slug
      name
      kind
      aliases
      summary
      status
      year
      visibility
      revision
      latestRevision
      viewerCanEdit
      viewerCanReview
      organisation {
        slug
        name
      }
      capabilities {
        slug
      }
      mediaTypes
      deployment
      languages
      standards
      classificationSchemes {
        slug
      }
      offers {
        model
        eligibility
        spdxLicense
        requiresVetting
        notes
      }
      availableWorldwide
      availability {
        jurisdiction {
          code
        }
        status
        notes
      }
      sources {
        locator
        url
        unverified
        document {
          slug
        }
      }
      pendingRevision {
        revision
        state
        reason
        content
      }
    }
    listingHistory(slug: $slug) {
      revision
      state
      reason
      createdAt
      decidedAt
      content
    }
  }
`);

export const UpdateListingDoc = graphql(`
  mutation UpdateListing($slug: String!, $baseRevision: Int!, $input: ListingInput!) {
    updateListing(slug: $slug, baseRevision: $baseRevision, input: $input) {
      listing {
        slug
        latestRevision
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const SubmitListingDoc = graphql(`
  mutation SubmitListing($slug: String!) {
    submitListingForReview(slug: $slug) {
      listing {
        slug
        latestRevision
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const ReviewQueueDoc = graphql(`
  query ReviewQueue {
    reviewQueue {
      slug
      revision
      createdAt
      createdBy
      content
    }
  }
`);

export const ApproveRevisionDoc = graphql(`
  mutation ApproveRevision($slug: String!, $revision: Int!) {
    approveRevision(slug: $slug, revision: $revision) {
      listing {
        slug
        revision
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const RejectRevisionDoc = graphql(`
  mutation RejectRevision($slug: String!, $revision: Int!, $reason: String!) {
    rejectRevision(slug: $slug, revision: $revision, reason: $reason) {
      listing {
        slug
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

/** The capability taxonomy, three levels deep, for the edit form's checkboxes. */
export const CapabilityTreeDoc = graphql(`
  query CapabilityTree {
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
  }
`);

/** The vendor's own organisation: a new listing belongs to it, and the form offers no other. */
export const VendorOrganisationDoc = graphql(`
  query VendorOrganisation {
    me {
      role
      organisation {
        slug
        name
      }
    }
  }
`);

export const CreateListingDoc = graphql(`
  mutation CreateListing($input: ListingInput!, $idempotencyKey: String!) {
    createListing(input: $input, idempotencyKey: $idempotencyKey) {
      listing {
        slug
        latestRevision
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const WithdrawSubmissionDoc = graphql(`
  mutation WithdrawSubmission($slug: String!) {
    withdrawSubmission(slug: $slug) {
      listing {
        slug
        latestRevision
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);
