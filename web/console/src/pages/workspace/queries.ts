import { graphql } from "../../graphql";

/** The caller's shortlists, for lists and for "Add to shortlist"; not their items (200 of each would be over the query budget). */
export const MyShortlists = graphql(`
  query MyShortlists {
    shortlists {
      id
      name
      locked
      ownedByYou
      updatedAt
      sharedWith
    }
  }
`);

export const AddToShortlistMutation = graphql(`
  mutation AddToShortlist($shortlist: ID!, $slug: String!, $note: String) {
    addToShortlist(shortlist: $shortlist, slug: $slug, note: $note) {
      ...ShortlistChange
    }
  }
`);

/** What each change to a shortlist answers: enough to refresh the page (by its type) and say what went wrong. */
export const ShortlistChange = graphql(`
  fragment ShortlistChange on ShortlistPayload {
    shortlist {
      id
      name
      locked
      lockedAt
      sharedWith
    }
    userErrors {
      message
    }
  }
`);
