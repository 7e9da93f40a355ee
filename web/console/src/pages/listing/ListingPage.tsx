import { useQuery } from "@urql/preact";
import type { ComponentChildren } from "preact";
import { graphql } from "../../graphql";
import type { ListingPageQuery } from "../../graphql/graphql";
import { ProblemNotice } from "../../components/Problem";
import { useTitle } from "../../components/useTitle";
import { useSession } from "../../session/session";
import { AddToShortlist } from "../workspace/AddToShortlist";
import {
  AVAILABILITY_LABELS,
  DEPLOYMENT_LABELS,
  ELIGIBILITY_LABELS,
  KIND_LABELS,
  LICENSE_LABELS,
  MEDIA_LABELS,
  STATUS_LABELS,
  VISIBILITY_LABELS,
} from "../../components/labels";

const ListingPageQueryDoc = graphql(`
  query ListingPage($slug: String!, $signedIn: Boolean!) {
    listing(slug: $slug) {
      id
      slug
      name
      aliases
      kind
      status
      visibility
      summary
      year
      revision
      lastVerifiedAt
      updatedAt
      viewerCanEdit
      viewerCanReview
      organisation {
        slug
        name
        type
        website
        verified
        country {
          name
        }
      }
      capabilities {
        slug
        name
        path
        parent {
          name
        }
      }
      mediaTypes
      deployment
      languages
      standards
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
          name
        }
        status
        notes
      }
      classificationSchemes {
        slug
        name
      }
      sources {
        locator
        url
        unverified
        document {
          title
          publisher
          year
          url
        }
      }
    }
    listingHistory(slug: $slug) @include(if: $signedIn) {
      revision
      state
      createdAt
      createdBy
      decidedAt
      reason
    }
  }
`);

type Listing = NonNullable<ListingPageQuery["listing"]>;

const DATE = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium" });
const date = (iso: string) => DATE.format(new Date(iso));

/** Web links from the catalogue open only when they are http(s). */
const safeUrl = (url: string | null | undefined) => (url && /^https?:\/\//i.test(url) ? url : null);

function Section({ id, title, children }: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section class="listing-section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

function Facts({ listing }: { listing: Listing }) {
  const rows: [string, ComponentChildren][] = [
    ["Kind", KIND_LABELS[listing.kind]],
    ["Status", listing.status ? STATUS_LABELS[listing.status] : "Not stated"],
    ["Media types", listing.mediaTypes.map((m) => MEDIA_LABELS[m]).join(", ") || "Not stated"],
    ["Deployment", listing.deployment.map((d) => DEPLOYMENT_LABELS[d]).join(", ") || "Not stated"],
    ["Languages", listing.languages.join(", ") || "Not stated"],
    ["Standards and hash formats", listing.standards.join(", ") || "None stated"],
    ["Introduced", listing.year ?? "Not stated"],
    ["Last verified", listing.lastVerifiedAt ? date(listing.lastVerifiedAt) : "Never"],
    ["Who may see this listing", VISIBILITY_LABELS[listing.visibility]],
  ];
  return (
    <dl class="facts">
      {rows.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

function Offers({ offers }: { offers: Listing["offers"] }) {
  if (!offers.length) return <p>The sources state no terms.</p>;
  return (
    <table>
      <caption class="visually-hidden">Offers</caption>
      <thead>
        <tr>
          <th scope="col">Terms</th>
          <th scope="col">Who may obtain it</th>
          <th scope="col">Vetting</th>
          <th scope="col">Notes</th>
        </tr>
      </thead>
      <tbody>
        {offers.map((o, i) => (
          <tr key={i}>
            <td>
              {LICENSE_LABELS[o.model]}
              {o.spdxLicense ? ` (${o.spdxLicense})` : ""}
            </td>
            <td>{o.eligibility.map((e) => ELIGIBILITY_LABELS[e]).join(", ") || "Not stated"}</td>
            <td>
              {o.requiresVetting === null || o.requiresVetting === undefined
                ? "Not stated"
                : o.requiresVetting
                  ? "Required"
                  : "Not required"}
            </td>
            <td>{o.notes ?? ""}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Availability({ listing }: { listing: Listing }) {
  return (
    <>
      {listing.availableWorldwide ? (
        <p>A source states it available in every country, except where the table says otherwise.</p>
      ) : null}
      {listing.availability.length ? (
        <table>
          <caption class="visually-hidden">Availability by jurisdiction</caption>
          <thead>
            <tr>
              <th scope="col">Jurisdiction</th>
              <th scope="col">Standing</th>
              <th scope="col">Notes</th>
            </tr>
          </thead>
          <tbody>
            {listing.availability.map((a) => (
              <tr key={a.jurisdiction.code}>
                <th scope="row">{a.jurisdiction.name}</th>
                <td>
                  <span class={`standing standing-${a.status.toLowerCase()}`}>{AVAILABILITY_LABELS[a.status]}</span>
                </td>
                <td>{a.notes ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : listing.availableWorldwide ? null : (
        <p>The sources state nothing country by country.</p>
      )}
    </>
  );
}

function Sources({ sources }: { sources: Listing["sources"] }) {
  if (!sources.length) return <p>No sources are cited.</p>;
  return (
    <ol class="sources">
      {sources.map((s, i) => {
        const doc = s.document;
        const url = safeUrl(doc?.url ?? s.url);
        return (
          <li key={i}>
            {doc ? (
              <cite>{url ? <a href={url}>{doc.title}</a> : doc.title}</cite>
            ) : url ? (
              <a href={url}>{url}</a>
            ) : null}
            {doc && (doc.publisher || doc.year) ? (
              <span> — {[doc.publisher, doc.year].filter((x) => x !== null && x !== undefined).join(", ")}</span>
            ) : null}
            {s.locator ? <span class="locator">, {s.locator}</span> : null}
            {s.unverified ? <span class="badge"> Not yet checked</span> : null}
          </li>
        );
      })}
    </ol>
  );
}

function History({ history }: { history: NonNullable<ListingPageQuery["listingHistory"]> }) {
  return (
    <table>
      <caption class="visually-hidden">Revisions, newest first</caption>
      <thead>
        <tr>
          <th scope="col">Revision</th>
          <th scope="col">State</th>
          <th scope="col">Made</th>
          <th scope="col">Decided</th>
          <th scope="col">Reason</th>
        </tr>
      </thead>
      <tbody>
        {history.map((r) => (
          <tr key={r.revision}>
            <th scope="row">{r.revision}</th>
            <td>{r.state.charAt(0) + r.state.slice(1).toLowerCase()}</td>
            <td>{date(r.createdAt)}</td>
            <td>{r.decidedAt ? date(r.decidedAt) : ""}</td>
            <td>{r.reason ?? ""}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Everything about one listing that the viewer may see; a listing they may not see reads as not found. */
export function ListingPage({ slug }: { slug: string }) {
  const { viewer, known } = useSession();
  // Waits to know who is asking: history is asked for only by someone signed in.
  const [{ data, error, fetching }, reexecute] = useQuery({
    query: ListingPageQueryDoc,
    variables: { slug, signedIn: viewer !== null },
    pause: !known,
  });
  const listing = data?.listing;
  useTitle(listing ? listing.name : fetching ? "Loading" : "Listing not found");
  if (error && !data) {
    return (
      <div class="page">
        <ProblemNotice error={error} retry={() => reexecute({ requestPolicy: "network-only" })} />
      </div>
    );
  }
  if (!data) return <div class="page" aria-busy="true" />;
  if (!listing) {
    return (
      <div class="page">
        <h1>Listing not found</h1>
        <p>
          There is no listing here that you may see. Some listings are shown only to signed-in members or to law
          enforcement. <a href="/">Search the inventory</a>.
        </p>
      </div>
    );
  }
  const org = listing.organisation;
  const website = safeUrl(org?.website);
  return (
    <article class="page listing" aria-labelledby="listing-name">
      <p class="back">
        <a href="/">← Search the inventory</a>
      </p>
      <h1 id="listing-name">{listing.name}</h1>
      {listing.viewerCanEdit ? (
        <p>
          <a class="button secondary" href={`/vendor/listings/${encodeURIComponent(listing.slug)}`}>
            Edit this listing
          </a>
        </p>
      ) : null}
      {listing.aliases.length ? <p class="aliases">Also known as {listing.aliases.join(", ")}</p> : null}
      <p class="summary">{listing.summary}</p>
      <div class="listing-actions">
        <a class="button secondary" href={`/?compare=${encodeURIComponent(listing.slug)}`}>
          Compare with other listings
        </a>
        <AddToShortlist slug={listing.slug} name={listing.name} />
      </div>
      <Facts listing={listing} />
      <Section id="organisation" title="Organisation">
        {org ? (
          <p>
            <a href={`/?organisation=${encodeURIComponent(org.slug)}`}>{org.name}</a>
            {org.country ? `, ${org.country.name}` : ""}
            {org.verified ? " (verified by the working group)" : ""}
            {website ? (
              <>
                {" — "}
                <a href={website}>website</a>
              </>
            ) : null}
          </p>
        ) : (
          <p>The sources do not name an owner.</p>
        )}
      </Section>
      <Section id="capabilities" title="Capabilities">
        {listing.capabilities.length ? (
          <ul class="tags">
            {listing.capabilities.map((c) => (
              <li key={c.slug}>
                <a href={`/?capability=${encodeURIComponent(c.slug)}`}>
                  {c.parent ? `${c.parent.name}: ` : ""}
                  {c.name}
                </a>
              </li>
            ))}
          </ul>
        ) : (
          <p>None stated.</p>
        )}
      </Section>
      <Section id="offers" title="Offers and who may obtain it">
        <Offers offers={listing.offers} />
      </Section>
      <Section id="availability" title="Availability by jurisdiction">
        <Availability listing={listing} />
      </Section>
      <Section id="schemes" title="Classification schemes">
        {listing.classificationSchemes.length ? (
          <ul>
            {listing.classificationSchemes.map((s) => (
              <li key={s.slug}>{s.name}</li>
            ))}
          </ul>
        ) : (
          <p>None stated.</p>
        )}
      </Section>
      <Section id="sources" title="Sources">
        <Sources sources={listing.sources} />
      </Section>
      {data.listingHistory ? (
        <Section id="history" title="History">
          <History history={data.listingHistory} />
        </Section>
      ) : null}
      <p class="updated">
        Revision {listing.revision}, last changed {date(listing.updatedAt)}.
      </p>
    </article>
  );
}
