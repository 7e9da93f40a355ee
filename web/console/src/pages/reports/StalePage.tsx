import { useQuery } from "@urql/preact";
import { useLocation } from "preact-iso";
import { useState } from "preact/hooks";
import { ProblemNotice } from "../../components/Problem";
import { useTitle } from "../../components/useTitle";
import { useSearch } from "./GapsPage";
import { Stale } from "./queries";
import { ReportsNav } from "./ReportsNav";

const DATE = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium" });

/** Listings not verified within a period (`days` in the URL, 365 by default), by organisation, oldest first. */
export function StalePage() {
  const location = useLocation();
  const p = new URLSearchParams(useSearch());
  const parsed = Number.parseInt(p.get("days") ?? "365", 10);
  const days = Number.isFinite(parsed) && parsed >= 0 ? Math.min(parsed, 36500) : 365;
  const after = p.get("after") ?? undefined;
  useTitle("Stale listings");
  const [text, setText] = useState(String(days));
  const [{ data, error, fetching }, retry] = useQuery({ query: Stale, variables: { olderThanDays: days, after } });
  const groups = data?.staleListings;
  return (
    <div class="page reports">
      <h1>Stale listings</h1>
      <ReportsNav current="/stale" />
      <p class="lede">Published listings nobody has verified within the period, or ever, by organisation.</p>
      <form
        class="scope-form"
        aria-label="Period"
        onSubmit={(e) => {
          e.preventDefault();
          const n = Number.parseInt(text, 10);
          location.route(`/stale?days=${Number.isFinite(n) && n >= 0 ? Math.min(n, 36500) : 365}`);
        }}
      >
        <p class="scope-field">
          <label for="stale-days">Not verified for more than (days)</label>
          <input
            id="stale-days"
            type="number"
            min={0}
            max={36500}
            value={text}
            onInput={(e) => setText(e.currentTarget.value)}
          />
        </p>
        <button type="submit" class="button">
          Show
        </button>
      </form>
      <ProblemNotice error={error} retry={() => retry({ requestPolicy: "network-only" })} />
      <section aria-labelledby="stale-heading" aria-busy={fetching ? "true" : "false"}>
        <h2 id="stale-heading">
          {groups
            ? `${groups.totalCount} organisation${groups.totalCount === 1 ? "" : "s"} with stale listings`
            : "Stale listings"}
        </h2>
        {groups && !groups.totalCount ? <p>Every listing was verified within {days} days.</p> : null}
        {groups?.edges.map(({ node }) => (
          <section
            key={node.organisation?.slug ?? "none"}
            class="stale-group"
            aria-label={node.organisation?.name ?? "Owner not known"}
          >
            <h3>{node.organisation?.name ?? "Owner not known"}</h3>
            <p class="hint">
              {node.oldestVerifiedAt
                ? `Oldest verification ${DATE.format(new Date(node.oldestVerifiedAt))}`
                : "Some never verified"}
            </p>
            <ul class="members">
              {node.listings.map((l) => (
                <li key={l.slug}>
                  <a href={`/listings/${l.slug}`}>{l.name}</a> —{" "}
                  {l.lastVerifiedAt ? `last verified ${DATE.format(new Date(l.lastVerifiedAt))}` : "never verified"}
                </li>
              ))}
            </ul>
          </section>
        ))}
        {groups?.pageInfo.hasNextPage && groups.pageInfo.endCursor ? (
          <p>
            <a href={`/stale?days=${days}&after=${encodeURIComponent(groups.pageInfo.endCursor)}`}>
              Next organisations
            </a>
          </p>
        ) : null}
      </section>
    </div>
  );
}
