/**
 * The example operations the query editor opens with, one for each kind of
 * user the inventory serves. The editor shows them as tabs and in its
 * Examples panel; a test validates each against the schema the server builds
 * and runs it against the seed inventory, so none of them goes stale when the
 * schema changes.
 *
 * No imports: this module is compiled both by Vite (for the browser) and by
 * ts-jest (for the tests).
 */

export interface Example {
  /** Who the example is for, as the Examples panel groups them. */
  audience: "Procurement officer" | "Vendor" | "Working-group member";
  title: string;
  /** One or two sentences shown under the title. */
  description: string;
  /** The GraphQL document; every operation in it is named, so a tab is titled by its first. */
  query: string;
  /** Values for the document's variables (every operation in it takes its own from these). */
  variables: Record<string, unknown>;
  /** The role whose bearer token the operations need, when they need one. */
  signIn?: "VENDOR" | "REVIEWER";
}

export const EXAMPLES: readonly Example[] = [
  {
    audience: "Procurement officer",
    title: "Search with facets",
    description:
      "Listings that detect abuse imagery and that law enforcement may obtain, with a count for every facet value to narrow the search by.",
    query: `# A procurement officer's search: text and filters, with facet counts.
# Change the variables below, then run (Ctrl-Enter).
query ProcurementSearch($search: String, $filter: ListingFilter, $after: String) {
  listings(search: $search, filter: $filter, first: 10, after: $after) {
    totalCount
    didYouMean
    edges {
      node {
        slug
        name
        status
        organisation {
          name
        }
        capabilities {
          slug
        }
        offers {
          model
          eligibility
          requiresVetting
        }
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
    facets {
      mediaTypes {
        value
        count
      }
      licenseModels {
        value
        count
      }
      eligibility {
        value
        count
      }
      capabilities {
        value
        label
        depth
        count
      }
    }
  }
}
`,
    variables: {
      search: "image",
      filter: { capabilities: ["detection"], eligibleFor: ["LAW_ENFORCEMENT"] },
    },
  },
  {
    audience: "Vendor",
    title: "Update your own listing",
    description:
      "Find your organisation's listings, edit one based on its latest revision, then submit it for review. Needs a vendor's token.",
    signIn: "VENDOR",
    query: `# A vendor keeping their own listing current. Sign in first: in the Headers
# pane below, put {"Authorization": "Bearer <your token>"}.
# Run MyListings, then UpdateMyListing with baseRevision set to the listing's
# latestRevision, then SubmitForReview.
query MyListings {
  me {
    role
    organisation {
      slug
      name
      listings(first: 20) {
        edges {
          node {
            slug
            name
            revision
            latestRevision
            viewerCanEdit
            pendingRevision {
              revision
              state
            }
          }
        }
      }
    }
  }
}

mutation UpdateMyListing($slug: String!, $baseRevision: Int!, $input: ListingInput!) {
  updateListing(slug: $slug, baseRevision: $baseRevision, input: $input) {
    listing {
      slug
      revision
      latestRevision
      pendingRevision {
        revision
        state
      }
    }
    userErrors {
      field
      message
      code
    }
  }
}

mutation SubmitForReview($slug: String!) {
  submitListingForReview(slug: $slug) {
    listing {
      slug
      pendingRevision {
        revision
        state
      }
    }
    userErrors {
      field
      message
      code
    }
  }
}
`,
    variables: {
      slug: "netclean-analyze",
      baseRevision: 1,
      input: {
        summary:
          "Free image-analysis software for law enforcement in child sexual abuse investigations; one version includes PhotoDNA image matching.",
        languages: ["en"],
      },
    },
  },
  {
    audience: "Working-group member",
    title: "Gap report",
    description:
      "Where victim-identification capabilities are missing across the Five Eyes, counting only what law enforcement may obtain.",
    query: `# A working-group member's gap report: the capability × jurisdiction matrix for
# a scope; cells under minListings are gaps, cells served by one organisation are
# single points of failure.
query GapReport($input: GapReportInput!) {
  gapReport(input: $input) {
    catalogueRevision
    coverage
    rows {
      slug
      name
    }
    columns {
      code
      name
    }
    gaps {
      capability {
        slug
      }
      jurisdiction {
        code
      }
      listingCount
    }
    singlePointsOfFailure {
      capability {
        slug
      }
      jurisdiction {
        code
      }
      listings {
        slug
        organisation {
          name
        }
      }
    }
    emptyCapabilities {
      slug
      name
    }
  }
}
`,
    variables: {
      input: {
        jurisdictions: ["FIVE_EYES"],
        capabilities: ["victim-identification"],
        eligibleFor: ["LAW_ENFORCEMENT"],
        minListings: 2,
      },
    },
  },
  {
    audience: "Working-group member",
    title: "Duplication report",
    description:
      "Investigation capabilities crowded with listings from many organisations, and clusters of listings whose capabilities overlap.",
    query: `# A working-group member's duplication report: crowded capabilities, clusters
# of listings whose capability and media-type sets overlap (Jaccard similarity
# at least the threshold), and likely duplicate listings.
query DuplicationReport($input: DuplicationReportInput) {
  duplicationReport(input: $input) {
    catalogueRevision
    crowding {
      capability {
        slug
        name
      }
      listingCount
      organisationCount
    }
    clusters {
      similarity
      sharedCapabilities {
        slug
      }
      sharedMediaTypes
      listings {
        slug
        name
      }
    }
    likelyDuplicates {
      kind
      keys
      listings {
        slug
        name
      }
    }
  }
}
`,
    variables: { input: { capabilities: ["investigation"], threshold: 0.5 } },
  },
];

/** How to sign in, as the editor says it. */
export const SIGN_IN_HINT =
  'Signed out, you see what the public sees. To sign in, open the Headers pane under the query and put {"Authorization": "Bearer <your API token>"}.';
