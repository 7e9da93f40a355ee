import { useMutation, useQuery } from "@urql/preact";
import { useLocation } from "preact-iso";
import { useState } from "preact/hooks";
import { graphql } from "../../graphql";
import type { ShortlistPageQuery } from "../../graphql/graphql";
import { Notice } from "../../components/Notice";
import { ProblemNotice } from "../../components/Problem";
import { SignInFirst } from "../../components/SignInFirst";
import { useTitle } from "../../components/useTitle";
import { useSession } from "../../session/session";
import { useAction } from "./action";
import { AddToShortlistMutation } from "./queries";
import { NameForm } from "./NameForm";
import { shortened } from "../search/Results";

const ShortlistPageQueryDoc = graphql(`
  query ShortlistPage($id: ID!) {
    shortlist(id: $id) {
      id
      name
      locked
      lockedAt
      ownedByYou
      sharedWith
      createdAt
      updatedAt
      items {
        addedAt
        available
        note
        changedSinceLocked
        listing {
          id
          slug
          name
          organisation {
            name
          }
        }
        locked {
          slug
          name
          revision
          summary
        }
        sinceLocked {
          differenceCount
          rows {
            label
            same
            cells {
              labels
            }
          }
        }
      }
    }
  }
`);

/** Lock or unlock: one document, the other field skipped. */
const SetLock = graphql(`
  mutation SetShortlistLock($id: ID!, $lock: Boolean!) {
    lockShortlist(shortlist: $id) @include(if: $lock) {
      ...ShortlistChange
    }
    unlockShortlist(shortlist: $id) @skip(if: $lock) {
      ...ShortlistChange
    }
  }
`);
const RenameShortlist = graphql(`
  mutation RenameShortlist($id: ID!, $name: String!) {
    renameShortlist(shortlist: $id, name: $name) {
      ...ShortlistChange
    }
  }
`);
const ShareShortlist = graphql(`
  mutation ShareShortlist($id: ID!, $emails: [String!]!) {
    shareShortlist(shortlist: $id, withEmails: $emails) {
      ...ShortlistChange
    }
  }
`);
const DeleteShortlist = graphql(`
  mutation DeleteShortlist($id: ID!) {
    deleteShortlist(shortlist: $id) {
      ...ShortlistChange
    }
  }
`);
/** Move (a position) or remove (none) an item: one document, the other field skipped. */
const ChangeItem = graphql(`
  mutation ChangeShortlistItem($id: ID!, $slug: String!, $position: Int!, $remove: Boolean!) {
    moveShortlistItem(shortlist: $id, slug: $slug, position: $position) @skip(if: $remove) {
      ...ShortlistChange
    }
    removeFromShortlist(shortlist: $id, slug: $slug) @include(if: $remove) {
      ...ShortlistChange
    }
  }
`);

type List = NonNullable<ShortlistPageQuery["shortlist"]>;
type Item = List["items"][number];

const DATE = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short" });
const date = (iso: string) => DATE.format(new Date(iso));

/** The locked listing beside the listing now: the rows that differ. */
function SinceLocked({ item }: { item: Item }) {
  const c = item.sinceLocked;
  if (!c) return <p>You may no longer see this listing as it is now.</p>;
  const rows = c.rows.filter((r) => !r.same);
  if (!rows.length) return <p>A newer revision was published; its compared fields are the same.</p>;
  return (
    <table class="since-locked">
      <caption class="visually-hidden">What changed since the shortlist was locked</caption>
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">When locked</th>
          <th scope="col">Now</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.label}>
            <th scope="row">{r.label}</th>
            {r.cells.map((cell, i) => (
              <td key={i}>{cell.labels.join("; ") || "Not stated"}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ItemView({
  list,
  item,
  index,
  count,
  run,
  busy,
}: {
  list: List;
  item: Item;
  index: number;
  count: number;
  run: ReturnType<typeof useAction>["run"];
  busy: boolean;
}) {
  const [, change] = useMutation(ChangeItem);
  const move = (position: number) => () =>
    void run(
      () => change({ id: list.id, slug: slug ?? "", position, remove: false }),
      (d) => d.moveShortlistItem,
    );
  const [, setNoteOnServer] = useMutation(AddToShortlistMutation);
  const [editing, setEditing] = useState(false);
  const [note, setNote] = useState(item.note ?? "");
  const name = item.locked?.name ?? item.listing?.name ?? "A listing you may not see";
  const slug = item.locked?.slug ?? item.listing?.slug ?? null;
  const headingId = `item-${index}`;
  const editable = list.ownedByYou && !list.locked && slug !== null;
  return (
    <li>
      <article class={`shortlist-item${item.changedSinceLocked ? " changed" : ""}`} aria-labelledby={headingId}>
        <h3 id={headingId}>
          {item.available && slug ? <a href={`/listings/${encodeURIComponent(slug)}`}>{name}</a> : name}
        </h3>
        {!item.available ? <p class="meta">You may not see this listing; its place and note stay.</p> : null}
        {item.listing?.organisation && !list.locked ? <p class="meta">{item.listing.organisation.name}</p> : null}
        {list.locked && item.locked ? (
          <p class="meta">
            Kept as revision {item.locked.revision}
            {item.changedSinceLocked ? (
              <span class="badge changed-badge">Changed since locked</span>
            ) : (
              <span class="badge unchanged-badge">Unchanged since locked</span>
            )}
          </p>
        ) : null}
        {list.locked && item.locked ? <p class="summary">{shortened(item.locked.summary)}</p> : null}
        {item.changedSinceLocked ? (
          <details class="since-locked-details">
            <summary>
              What changed<span class="visually-hidden"> in {name}</span>
              {item.sinceLocked ? ` (${item.sinceLocked.differenceCount})` : ""}
            </summary>
            <SinceLocked item={item} />
          </details>
        ) : null}
        {editing ? (
          <form
            class="inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              if (!slug) return;
              void run(
                () => setNoteOnServer({ shortlist: list.id, slug, note: note.trim() || null }),
                (d) => d.addToShortlist,
              ).then((ok) => ok && setEditing(false));
            }}
          >
            <label for={`${headingId}-note`}>Note on {name}</label>
            <textarea
              id={`${headingId}-note`}
              value={note}
              maxLength={1000}
              rows={3}
              onInput={(e) => setNote(e.currentTarget.value)}
            />
            <button type="submit" class="button" disabled={busy}>
              Save note
            </button>
            <button type="button" class="button secondary" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </form>
        ) : (
          <p class="note">{item.note ? <>Note: {item.note}</> : <span class="not-stated">No note</span>}</p>
        )}
        <p class="meta">Added {date(item.addedAt)}</p>
        {editable ? (
          <div class="actions">
            {!editing ? (
              <button type="button" class="button secondary" onClick={() => setEditing(true)}>
                Edit note<span class="visually-hidden"> on {name}</span>
              </button>
            ) : null}
            <button type="button" class="button secondary" disabled={busy || index === 0} onClick={move(index - 1)}>
              Move up<span class="visually-hidden"> {name}</span>
            </button>
            <button
              type="button"
              class="button secondary"
              disabled={busy || index === count - 1}
              onClick={move(index + 1)}
            >
              Move down<span class="visually-hidden"> {name}</span>
            </button>
            <button
              type="button"
              class="button secondary"
              disabled={busy}
              onClick={() =>
                void run(
                  () => change({ id: list.id, slug, position: 0, remove: true }),
                  (d) => d.removeFromShortlist,
                )
              }
            >
              Remove<span class="visually-hidden"> {name}</span>
            </button>
          </div>
        ) : null}
      </article>
    </li>
  );
}

function Owner({ list, run, busy }: { list: List; run: ReturnType<typeof useAction>["run"]; busy: boolean }) {
  const location = useLocation();
  const [, setLock] = useMutation(SetLock);
  const toggleLock = () =>
    void run(
      () => setLock({ id: list.id, lock: !list.locked }),
      (d) => d.lockShortlist ?? d.unlockShortlist,
    );
  const [, rename] = useMutation(RenameShortlist);
  const [, share] = useMutation(ShareShortlist);
  const [, remove] = useMutation(DeleteShortlist);
  const [emails, setEmails] = useState(list.sharedWith.join("\n"));
  const [confirming, setConfirming] = useState(false);
  return (
    <section class="shortlist-owner" aria-labelledby="manage-heading">
      <h2 id="manage-heading">Manage</h2>
      <div class="actions">
        <button type="button" class="button" disabled={busy} onClick={toggleLock}>
          {list.locked ? "Unlock" : "Lock"}
        </button>
        {!list.locked ? (
          confirming ? (
            <>
              <button
                type="button"
                class="button danger"
                disabled={busy}
                onClick={() =>
                  void run(
                    () => remove({ id: list.id }),
                    (d) => d.deleteShortlist,
                  ).then((ok) => ok && location.route("/workspace/shortlists"))
                }
              >
                Delete “{list.name}” for good
              </button>
              <button type="button" class="button secondary" onClick={() => setConfirming(false)}>
                Keep it
              </button>
            </>
          ) : (
            <button type="button" class="button secondary" onClick={() => setConfirming(true)}>
              Delete shortlist
            </button>
          )
        ) : null}
      </div>
      <p class="hint">
        {list.locked
          ? "Locked: each listing is kept as it was published when you locked it; nothing can be added, removed or moved until you unlock it."
          : "Lock it for a decision: each listing is kept as it is published now, and later changes are marked."}
      </p>
      <NameForm
        id="shortlist-name"
        label="Name"
        submit="Rename"
        initial={list.name}
        busy={busy}
        onSave={(name) =>
          run(
            () => rename({ id: list.id, name }),
            (d) => d.renameShortlist,
          )
        }
      />
      <form
        class="share-form"
        onSubmit={(e) => {
          e.preventDefault();
          const list2 = emails
            .split(/[\s,;]+/)
            .map((x) => x.trim())
            .filter(Boolean);
          void run(
            () => share({ id: list.id, emails: list2 }),
            (d) => d.shareShortlist,
          );
        }}
      >
        <label for="share-emails">Share, read-only, with (e-mail addresses, one a line)</label>
        <textarea id="share-emails" rows={3} value={emails} onInput={(e) => setEmails(e.currentTarget.value)} />
        <p class="hint" id="share-hint">
          {list.sharedWith.length ? `Shared now with ${list.sharedWith.join(", ")}.` : "Shared with nobody."} Saving
          replaces the whole list; empty shares with nobody.
        </p>
        <button type="submit" class="button secondary" disabled={busy}>
          Save sharing
        </button>
      </form>
    </section>
  );
}

/** One shortlist: its listings with notes, lock and what changed since, sharing and export. */
export function ShortlistPage({ id }: { id: string }) {
  const { viewer, known } = useSession();
  const [{ data, error, fetching }, reexecute] = useQuery({
    query: ShortlistPageQueryDoc,
    variables: { id },
    pause: !viewer,
    requestPolicy: "cache-and-network",
  });
  const action = useAction();
  const list = data?.shortlist;
  useTitle(list ? `${list.name} — Shortlist` : fetching ? "Loading" : "Shortlist");
  if (known && !viewer) return <SignInFirst title="Shortlist" what="Shortlists belong to a signed-in person." />;
  const back = (
    <p class="back">
      <a href="/workspace/shortlists">← All shortlists</a>
    </p>
  );
  if (error && !data) {
    return (
      <div class="page workspace">
        {back}
        <ProblemNotice error={error} retry={() => reexecute({ requestPolicy: "network-only" })} />
      </div>
    );
  }
  if (!data) return <div class="page workspace" aria-busy="true" />;
  if (!list) {
    return (
      <div class="page workspace">
        {back}
        <h1>Shortlist not found</h1>
        <p>You have no shortlist here, and none is shared with you at this address.</p>
      </div>
    );
  }
  const changed = list.items.filter((i) => i.changedSinceLocked).length;
  const slugs = list.items.flatMap((i) => (i.listing ? [i.listing.slug] : []));
  const enc = encodeURIComponent(list.id);
  return (
    <div class="page workspace shortlist">
      {back}
      <h1>{list.name}</h1>
      <p class="meta">
        {list.items.length} listing{list.items.length === 1 ? "" : "s"} ·{" "}
        {list.locked && list.lockedAt ? <span class="badge locked-badge">Locked {date(list.lockedAt)}</span> : "Open"}
        {list.ownedByYou ? "" : " · shared with you, read-only"}
        {list.locked && changed ? ` · ${changed} changed since locked` : ""}
      </p>
      <div aria-live="polite">
        {action.message ? (
          <Notice tone="error" title="Not done" onDismiss={action.clear}>
            <p>{action.message}</p>
          </Notice>
        ) : null}
      </div>
      {/* A named download: the router leaves a link with a non-empty `download` to the browser. */}
      <nav class="export" aria-label="Export">
        <a class="button secondary" href={`/shortlists/${enc}.csv`} download="shortlist.csv">
          Download CSV
        </a>
        <a class="button secondary" href={`/shortlists/${enc}.json`} download="shortlist.json">
          Download JSON
        </a>
        {slugs.length >= 2 && slugs.length <= 6 ? (
          <a class="button secondary" href={`/compare?${slugs.map((s) => `l=${encodeURIComponent(s)}`).join("&")}`}>
            Compare these
          </a>
        ) : null}
      </nav>
      <section aria-labelledby="items-heading">
        <h2 id="items-heading">Listings</h2>
        {list.items.length ? (
          <ol class="shortlist-items">
            {list.items.map((item, i) => (
              <ItemView
                key={item.listing?.id ?? item.locked?.slug ?? i}
                list={list}
                item={item}
                index={i}
                count={list.items.length}
                run={action.run}
                busy={action.busy}
              />
            ))}
          </ol>
        ) : (
          <p>
            Nothing on it yet. Add listings with “Add to shortlist” on <a href="/">search results</a> or a listing’s
            page.
          </p>
        )}
      </section>
      {list.ownedByYou ? <Owner list={list} run={action.run} busy={action.busy} /> : null}
    </div>
  );
}
