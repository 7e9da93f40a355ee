import { useMutation, useQuery } from "@urql/preact";
import type { CombinedError } from "@urql/core";
import type { ComponentChildren } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { Notice } from "../../components/Notice";
import { ProblemNotice } from "../../components/Problem";
import { useTitle } from "../../components/useTitle";
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
import type { EditableListingQuery } from "../../graphql/graphql";
import {
  Change,
  contentOf,
  diff,
  ListingContent,
  listChanges,
  OfferContent,
  AvailabilityContent,
  SourceContent,
  wordDiff,
} from "../vendor/content";
import { ApproveRevisionDoc, EditableListingDoc, RejectRevisionDoc } from "../vendor/queries";
import { Names, useContentNames } from "../vendor/names";
import { RoleGate, STATE_LABELS } from "../vendor/RoleGate";

type Loaded = NonNullable<EditableListingQuery["listing"]>;

/** A name, with the slug or code it stands for when the two differ in more than case and hyphens. */
function named(name: string | undefined, key: string): string {
  if (!name) return key;
  const fold = (x: string) => x.toLowerCase().replace(/[^a-z0-9]+/g, "");
  return fold(name) === fold(key) ? name : `${name} (${key})`;
}

/** One value of a field as a person reads it: names, not the slugs and codes the content holds. */
function show(field: keyof ListingContent, v: unknown, names: Names): string {
  if (v === null || v === undefined || v === "") return "";
  switch (field) {
    case "capabilities":
      return names.capability(String(v)) ?? String(v);
    case "classificationSchemes":
      return names.scheme(String(v)) ?? String(v);
    case "organisation":
      return names.organisation(String(v)) ?? String(v);
    case "kind":
      return KIND_LABELS[v as keyof typeof KIND_LABELS] ?? String(v);
    case "status":
      return STATUS_LABELS[v as keyof typeof STATUS_LABELS] ?? String(v);
    case "visibility":
      return VISIBILITY_LABELS[v as keyof typeof VISIBILITY_LABELS] ?? String(v);
    case "mediaTypes":
      return MEDIA_LABELS[v as keyof typeof MEDIA_LABELS] ?? String(v);
    case "deployment":
      return DEPLOYMENT_LABELS[v as keyof typeof DEPLOYMENT_LABELS] ?? String(v);
    case "availableWorldwide":
      return v ? "Yes" : "";
    case "offers": {
      const o = v as OfferContent;
      const vetting = o.requiresVetting === true ? "vetting required" : o.requiresVetting === false ? "no vetting" : "";
      return [
        LICENSE_LABELS[o.model] + (o.spdxLicense ? ` (${o.spdxLicense})` : ""),
        o.eligibility.map((e) => ELIGIBILITY_LABELS[e]).join(", "),
        vetting,
        o.notes ?? "",
      ]
        .filter(Boolean)
        .join(" · ");
    }
    case "availability": {
      const a = v as AvailabilityContent;
      return [
        `${named(names.jurisdiction(a.jurisdiction), a.jurisdiction)}: ${AVAILABILITY_LABELS[a.status]}`,
        a.notes ?? "",
      ]
        .filter(Boolean)
        .join(" · ");
    }
    case "sources": {
      const s = v as SourceContent;
      const cited = s.document ? (names.document(s.document) ?? s.document) : (s.url ?? "");
      return `${cited}, ${s.locator}${s.unverified ? " (unverified)" : ""}`;
    }
    default:
      return String(v);
  }
}

/** The diff's columns, named again in each cell where a narrow screen stacks them. */
const SIDE_LABELS = { removed: "Published", added: "This revision" } as const;

const ITEM_MARKS = {
  removed: { Mark: "del", symbol: "−", word: "Removed" },
  added: { Mark: "ins", symbol: "+", word: "Added" },
} as const;

/**
 * A list field's change, as two cells: the items removed on the published
 * side, the items added (and how many stay) on the revision's; marked in
 * words and symbols, not colour alone.
 */
function ListDiff({ change, names }: { change: Change; names: Names }) {
  const lists = listChanges(change.before, change.after);
  const { kept } = lists;
  return (
    <>
      {(["removed", "added"] as const).map((op) => {
        const { Mark, symbol, word } = ITEM_MARKS[op];
        return (
          <td key={op} data-label={SIDE_LABELS[op]}>
            <ul class="diff-list">
              {lists[op].map((x, i) => (
                <li key={i} class={`diff-${op}`}>
                  <Mark>
                    <span class="diff-mark" aria-hidden="true">
                      {symbol}
                    </span>
                    <span class="visually-hidden">{word}: </span>
                    {show(change.field, x, names)}
                  </Mark>
                </li>
              ))}
              {lists[op].length === 0 ? <li class="diff-kept">Nothing {op}</li> : null}
              {op === "added" && kept.length ? (
                <li class="diff-kept">
                  Unchanged: {kept.length} {kept.length === 1 ? "item" : "items"}
                </li>
              ) : null}
            </ul>
          </td>
        );
      })}
    </>
  );
}

/** One side of a changed text: the words only this side has marked, in words for screen readers too. */
function TextSide({ parts, side }: { parts: ReturnType<typeof wordDiff>; side: "removed" | "added" }) {
  const Mark = side === "removed" ? "del" : "ins";
  return (
    <td data-label={SIDE_LABELS[side]}>
      {parts
        .filter((p) => p.op === "kept" || p.op === side)
        .map((p, i) =>
          p.op === side ? (
            <Mark key={i}>
              <span class="visually-hidden">[{side}: </span>
              {p.text}
              <span class="visually-hidden">]</span>
            </Mark>
          ) : (
            <span key={i}>{p.text}</span>
          ),
        )}
    </td>
  );
}

/** A changed text, word by word: the published side with what is removed, the revision's with what is added. */
function TextDiff({ before, after }: { before: string; after: string }) {
  const parts = wordDiff(before, after);
  return (
    <>
      <TextSide parts={parts} side="removed" />
      <TextSide parts={parts} side="added" />
    </>
  );
}

/** Fields whose values are codes shown by label: shown whole, not word by word. */
const ENUMS = new Set<keyof ListingContent>(["kind", "status", "visibility", "organisation"]);

const KIND_WORDS: Record<Change["kind"], string> = { added: "Added", removed: "Removed", changed: "Changed" };

function DiffTable({ changes, names }: { changes: Change[]; names: Names }) {
  if (!changes.length) return <p class="empty">This revision changes nothing that is published.</p>;
  return (
    <table class="diff">
      <caption class="visually-hidden">Fields this revision changes</caption>
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Change</th>
          <th scope="col">Published</th>
          <th scope="col">This revision</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((c) => {
          const list = Array.isArray(c.before) || Array.isArray(c.after);
          const cell = (v: unknown, mark: "del" | "ins"): ComponentChildren => {
            const text = show(c.field, v, names);
            if (!text) return <span class="hint">Not stated</span>;
            return mark === "del" ? <del>{text}</del> : <ins>{text}</ins>;
          };
          return (
            <tr key={c.field} class={`diff-${c.kind}`}>
              <th scope="row">{c.label}</th>
              <td data-label="Change">
                <span class={`diff-kind diff-kind-${c.kind}`}>{KIND_WORDS[c.kind]}</span>
              </td>
              {list ? (
                <ListDiff change={c} names={names} />
              ) : c.kind === "changed" &&
                typeof c.before === "string" &&
                typeof c.after === "string" &&
                !ENUMS.has(c.field) ? (
                <TextDiff before={c.before} after={c.after} />
              ) : (
                <>
                  <td data-label={SIDE_LABELS.removed}>{cell(c.before, "del")}</td>
                  <td data-label={SIDE_LABELS.added}>{cell(c.after, "ins")}</td>
                </>
              )}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** A revision for review: what it changes from the published listing, field by field; approve or send back. */
export function RevisionPage({ slug, revision }: { slug: string; revision: string }) {
  useTitle("Review a revision");
  return (
    <RoleGate roles={["REVIEWER", "ADMIN"]} title="Review a revision" who="reviewers and administrators">
      <Revision slug={slug} number={Number.parseInt(revision, 10)} />
    </RoleGate>
  );
}

function Revision({ slug, number }: { slug: string; number: number }) {
  const [result, reexecute] = useQuery({
    query: EditableListingDoc,
    variables: { slug },
    requestPolicy: "network-only",
  });
  const [, approve] = useMutation(ApproveRevisionDoc);
  const [, reject] = useMutation(RejectRevisionDoc);
  const [reason, setReason] = useState("");
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [problem, setProblem] = useState<CombinedError | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const outcomeRef = useRef<HTMLDivElement>(null);
  const listing: Loaded | null | undefined = result.data?.listing;
  // A listing never published is not among `listing`'s answers; its revisions are in its history all the same.
  const rev = (result.data?.listingHistory ?? []).find((r) => r.revision === number);
  const content = rev?.content as Partial<ListingContent> | undefined;
  const published = listing && listing.revision > 0 ? contentOf(listing) : null;
  const names = useContentNames([published, content]);
  const name = listing?.name ?? content?.name;
  useTitle(name ? `Review ${name}, revision ${number}` : "Review a revision");
  useEffect(() => {
    if (outcome) outcomeRef.current?.focus();
  }, [outcome]);

  if (result.error && !result.data)
    return (
      <div class="page">
        <h1>Review a revision</h1>
        <ProblemNotice error={result.error} retry={() => reexecute({ requestPolicy: "network-only" })} />
      </div>
    );
  if (!result.data) return <p class="page">Loading…</p>;
  if (!rev || !content)
    return (
      <div class="page narrow">
        <h1>Revision not found</h1>
        <p>
          There is no revision {number} of <code>{slug}</code>. <a href="/review">Back to the review queue</a>.
        </p>
      </div>
    );
  const changes = diff(published, content);
  const organisation =
    listing?.organisation?.name ??
    (content.organisation ? (names.organisation(content.organisation) ?? content.organisation) : null);

  const decided = (userErrors: { field?: string[] | null; message: string }[], done: string) => {
    if (userErrors.length) {
      const onReason = userErrors.find((e) => e.field?.[0] === "reason");
      if (onReason) {
        setReasonError(onReason.message);
        reasonRef.current?.focus();
      } else setFailure(userErrors.map((e) => e.message).join("; "));
      return;
    }
    // The diff stays as it was decided on; the listing is not read again.
    setOutcome(done);
  };

  const onApprove = async () => {
    setBusy(true);
    setFailure(null);
    const r = await approve({ slug, revision: number });
    setBusy(false);
    setProblem(r.error);
    if (r.data) decided(r.data.approveRevision.userErrors, `Revision ${number} is approved and published.`);
  };

  const onReject = async (e: Event) => {
    e.preventDefault();
    setFailure(null);
    if (!reason.trim()) {
      setReasonError("Say why, so the vendor knows what to change.");
      reasonRef.current?.focus();
      return;
    }
    setReasonError(null);
    setBusy(true);
    const r = await reject({ slug, revision: number, reason: reason.trim() });
    setBusy(false);
    setProblem(r.error);
    if (r.data)
      decided(r.data.rejectRevision.userErrors, `Revision ${number} is sent back to the vendor with your reason.`);
  };

  const open = rev.state === "PENDING" && !outcome;
  return (
    <div class="page review-page">
      <p class="breadcrumbs">
        <a href="/review">Review queue</a>
      </p>
      <h1>
        {name ?? slug}: revision {number}
      </h1>
      <p class="hint">
        {organisation ? `${organisation} · ` : ""}
        {STATE_LABELS[rev.state]} ·{" "}
        {published && listing ? (
          <>
            compared with published revision {listing.revision} ·{" "}
            <a href={`/listings/${listing.slug}`}>See the published listing</a>
          </>
        ) : (result.data.listingHistory ?? []).some((r) => r.state === "APPROVED" || r.state === "SUPERSEDED") ? (
          "not published now (a revision was approved once; the listing has since been withdrawn from the catalogue): nothing to compare with, so everything in it is shown as added"
        ) : (
          "a new listing, never published: everything in it is added"
        )}
      </p>
      {outcome ? (
        <div ref={outcomeRef} tabIndex={-1}>
          <Notice tone="info" title="Done">
            <p>
              {outcome} <a href="/review">Back to the review queue</a>
            </p>
          </Notice>
        </div>
      ) : null}
      <ProblemNotice error={problem} retry={() => setProblem(undefined)} />
      {failure ? (
        <Notice tone="error" title="Not done">
          <p>{failure}</p>
        </Notice>
      ) : null}
      {!open && !outcome ? (
        <Notice tone="info">
          This revision is {STATE_LABELS[rev.state]?.toLowerCase()}
          {rev.reason ? `: “${rev.reason}”` : ""}; nothing is waiting for a decision.
        </Notice>
      ) : null}
      <section aria-labelledby="changes-h">
        <h2 id="changes-h">
          What it changes ({changes.length} field{changes.length === 1 ? "" : "s"})
        </h2>
        <DiffTable changes={changes} names={names} />
      </section>
      {open ? (
        <section aria-labelledby="decide-h" class="decide">
          <h2 id="decide-h">Decide</h2>
          <div class="decide-approve">
            <button type="button" class="button" disabled={busy} onClick={() => void onApprove()}>
              Approve and publish
            </button>
          </div>
          <form class="decide-reject" noValidate onSubmit={(e) => void onReject(e)}>
            <div class={`form-field${reasonError ? " has-error" : ""}`}>
              <label for="reason">Reason for sending it back</label>
              <p id="reason-hint" class="hint">
                The vendor sees this; say what to change. Required, up to 1000 characters.
              </p>
              {reasonError ? (
                <p id="reason-error" class="field-error">
                  <span class="visually-hidden">Error: </span>
                  {reasonError}
                </p>
              ) : null}
              <textarea
                id="reason"
                ref={reasonRef}
                rows={3}
                value={reason}
                aria-invalid={reasonError ? true : undefined}
                aria-describedby={reasonError ? "reason-hint reason-error" : "reason-hint"}
                onInput={(e) => setReason(e.currentTarget.value)}
              />
            </div>
            <button type="submit" class="button secondary" disabled={busy}>
              Send back
            </button>
          </form>
        </section>
      ) : null}
    </div>
  );
}
