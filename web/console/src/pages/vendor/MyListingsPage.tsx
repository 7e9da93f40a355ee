import { useQuery } from "@urql/preact";
import { ProblemNotice } from "../../components/Problem";
import { useTitle } from "../../components/useTitle";
import { KIND_LABELS, VISIBILITY_LABELS } from "../../components/labels";
import type { MyListingsQuery } from "../../graphql/graphql";
import type { ListingContent } from "./content";
import { MyListingsDoc } from "./queries";
import { RoleGate, STATE_LABELS } from "./RoleGate";

type Row = NonNullable<MyListingsQuery["me"]["organisation"]>["listings"]["edges"][number]["node"];

/**
 * The listings only open revisions speak of: created and not yet published,
 * each as its newest revision says (the revisions come newest first).
 */
function neverPublished(published: Row[], open: MyListingsQuery["openRevisions"]): Row[] {
  const seen = new Set(published.map((l) => l.slug));
  const rows: Row[] = [];
  for (const r of open) {
    if (seen.has(r.slug)) continue;
    seen.add(r.slug);
    const c = r.content as unknown as ListingContent;
    rows.push({
      slug: r.slug,
      name: c.name,
      kind: c.kind,
      visibility: c.visibility,
      revision: 0,
      latestRevision: r.revision,
      viewerCanEdit: true,
      pendingRevision: { revision: r.revision, state: r.state, reason: r.reason },
    });
  }
  return rows;
}

/** A vendor's organisation's listings: each with what is published and any revision still open. */
export function MyListingsPage() {
  useTitle("My organisation's listings");
  return (
    <RoleGate roles={["VENDOR"]} title="My organisation's listings" who="vendors keeping their organisation's listings">
      <MyListings />
    </RoleGate>
  );
}

function MyListings() {
  const [result, reexecute] = useQuery({ query: MyListingsDoc, requestPolicy: "cache-and-network" });
  const org = result.data?.me.organisation;
  const published = org?.listings.edges.map((e) => e.node) ?? [];
  const listings = [...published, ...neverPublished(published, result.data?.openRevisions ?? [])].sort((a, b) =>
    a.name.localeCompare(b.name),
  );
  return (
    <div class="page">
      <h1>My organisation's listings</h1>
      <ProblemNotice error={result.error} retry={() => reexecute({ requestPolicy: "network-only" })} />
      {result.fetching && !result.data ? <p>Loading…</p> : null}
      {result.data && !org ? <p>Your account keeps listings for no organisation; ask an administrator.</p> : null}
      {org ? (
        <>
          <p>
            The listings of <strong>{org.name}</strong>. Edit one to change what the inventory says about it; a reviewer
            publishes the change.
          </p>
          <p>
            <a class="button" href="/vendor/new">
              New listing
            </a>
          </p>
          {listings.length === 0 ? (
            <p class="empty">Your organisation has no listings yet.</p>
          ) : (
            <table class="my-listings">
              <caption class="visually-hidden">Listings of {org.name}</caption>
              <thead>
                <tr>
                  <th scope="col">Listing</th>
                  <th scope="col">Published</th>
                  <th scope="col">Open revision</th>
                  <th scope="col">
                    <span class="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {listings.map((l) => (
                  <tr key={l.slug}>
                    <th scope="row">
                      {/* A listing never published has no page yet. */}
                      {l.revision > 0 ? <a href={`/listings/${l.slug}`}>{l.name}</a> : l.name}
                      <span class="hint">
                        {" "}
                        {KIND_LABELS[l.kind]} · {VISIBILITY_LABELS[l.visibility]}
                      </span>
                    </th>
                    <td>{l.revision > 0 ? `Revision ${l.revision}` : "Not yet"}</td>
                    <td>
                      {l.pendingRevision ? (
                        <>
                          Revision {l.pendingRevision.revision}:{" "}
                          <span class={`state state-${l.pendingRevision.state.toLowerCase()}`}>
                            {STATE_LABELS[l.pendingRevision.state]}
                          </span>
                          {l.pendingRevision.reason ? <span class="hint"> — “{l.pendingRevision.reason}”</span> : null}
                        </>
                      ) : (
                        "None"
                      )}
                    </td>
                    <td>
                      {l.viewerCanEdit ? (
                        <a class="button secondary" href={`/vendor/listings/${l.slug}`}>
                          Edit<span class="visually-hidden"> {l.name}</span>
                        </a>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      ) : null}
    </div>
  );
}
