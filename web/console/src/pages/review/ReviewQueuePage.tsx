import { useQuery } from "@urql/preact";
import { ProblemNotice } from "../../components/Problem";
import { useTitle } from "../../components/useTitle";
import { ReviewQueueDoc } from "../vendor/queries";
import { RoleGate } from "../vendor/RoleGate";

const DATE = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short" });

/** Revisions waiting for a reviewer, oldest first, each linking to its diff. */
export function ReviewQueuePage() {
  useTitle("Review queue");
  return (
    <RoleGate roles={["REVIEWER", "ADMIN"]} title="Review queue" who="reviewers and administrators">
      <ReviewQueue />
    </RoleGate>
  );
}

function ReviewQueue() {
  const [result, reexecute] = useQuery({ query: ReviewQueueDoc, requestPolicy: "cache-and-network" });
  const queue = result.data?.reviewQueue ?? [];
  return (
    <div class="page">
      <h1>Review queue</h1>
      <p>
        <a class="button secondary" href="/vendor/new">
          New listing
        </a>
      </p>
      <ProblemNotice error={result.error} retry={() => reexecute({ requestPolicy: "network-only" })} />
      {result.fetching && !result.data ? <p>Loading…</p> : null}
      {result.data && queue.length === 0 ? <p class="empty">Nothing is waiting for review.</p> : null}
      {queue.length ? (
        <>
          <p>
            {queue.length} revision{queue.length === 1 ? "" : "s"} waiting, oldest first. Open one to see what it
            changes, then approve it or send it back with a reason.
          </p>
          <table class="review-queue">
            <caption class="visually-hidden">Revisions waiting for review</caption>
            <thead>
              <tr>
                <th scope="col">Listing</th>
                <th scope="col">Revision</th>
                <th scope="col">Submitted</th>
              </tr>
            </thead>
            <tbody>
              {queue.map((r) => (
                <tr key={`${r.slug}-${r.revision}`}>
                  <th scope="row">
                    <a href={`/review/${r.slug}/${r.revision}`}>{(r.content as { name?: string }).name ?? r.slug}</a>
                  </th>
                  <td>{r.revision}</td>
                  <td>{DATE.format(new Date(r.createdAt))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </div>
  );
}
