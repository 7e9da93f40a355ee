import { useMutation, useQuery } from "@urql/preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { Notice } from "../../components/Notice";
import { ProblemNotice } from "../../components/Problem";
import { useTitle } from "../../components/useTitle";
import { useSession } from "../../session/session";
import type { EditableListingQuery } from "../../graphql/graphql";
import { contentOf, diff, ListingContent } from "./content";
import type { FormError } from "./fields";
import { ErrorSummary, formErrorsOf, ListingFields, toInput } from "./ListingFields";
import { EditableListingDoc, SubmitListingDoc, UpdateListingDoc } from "./queries";
import { takeCreated } from "./created";
import { Withdraw } from "./Withdraw";
import { editorHome, RoleGate, STATE_LABELS } from "./RoleGate";

type Loaded = NonNullable<EditableListingQuery["listing"]>;
type History = NonNullable<EditableListingQuery["listingHistory"]>;

const DATE = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short" });

/** What the form needs of a listing: who it is, its published and latest revisions, and what to start from. */
interface FormListing {
  slug: string;
  name: string;
  /** The published revision; 0 before the first publication. */
  revision: number;
  latestRevision: number;
  start: ListingContent;
}

/**
 * The listing to edit, if the caller may: the published listing, starting
 * from its open revision when there is one; or one never published (the API's
 * `listing` shows only published listings), from its history, which only
 * its editors and reviewers are given.
 */
function editable(
  slug: string,
  data: { listing?: Loaded | null; listingHistory?: History | null },
): FormListing | null {
  const l = data.listing;
  if (l)
    return l.viewerCanEdit
      ? {
          slug: l.slug,
          name: l.name,
          revision: l.revision,
          latestRevision: l.latestRevision,
          start: (l.pendingRevision?.content as ListingContent | undefined) ?? contentOf(l),
        }
      : null;
  const history = data.listingHistory ?? [];
  const latest = history[0];
  // Once approved it was published; gone from `listing` since, it was archived, which is not the form's to undo.
  if (!latest || history.some((r) => r.state === "APPROVED")) return null;
  const start = latest.content as unknown as ListingContent;
  return { slug, name: start.name, revision: 0, latestRevision: latest.revision, start };
}

/** A vendor's (or a reviewer's) form for one listing: save a draft, submit it for review, see the outcome. */
export function EditListingPage({ slug }: { slug: string }) {
  useTitle("Edit listing");
  return (
    <RoleGate roles={["VENDOR", "REVIEWER", "ADMIN"]} title="Edit a listing" who="the listing's vendor and reviewers">
      <EditListing slug={slug} />
    </RoleGate>
  );
}

function EditListing({ slug }: { slug: string }) {
  const [result, reexecute] = useQuery({
    query: EditableListingDoc,
    variables: { slug },
    requestPolicy: "network-only",
  });
  const listing = result.data ? editable(slug, result.data) : null;
  // Said after a save, which reloads the listing and so starts a new form.
  const [saved, setSaved] = useState<string | null>(() =>
    takeCreated(slug)
      ? "Your new listing is created as a draft. Add anything still missing, then submit it for review."
      : null,
  );
  useTitle(listing ? `Edit ${listing.name}` : "Edit listing");
  if (result.error && !result.data)
    return (
      <div class="page">
        <h1>Edit listing</h1>
        <ProblemNotice error={result.error} retry={() => reexecute({ requestPolicy: "network-only" })} />
      </div>
    );
  if (!result.data) return <p class="page">Loading…</p>;
  if (!listing)
    return (
      <div class="page narrow">
        <h1>Listing not found</h1>
        <p>
          There is no listing <code>{slug}</code> that you may edit. <a href="/vendor">Your organisation's listings</a>.
        </p>
      </div>
    );
  return (
    <Form
      key={`${listing.slug}@${listing.latestRevision}`}
      listing={listing}
      history={result.data.listingHistory ?? []}
      reload={() => reexecute({ requestPolicy: "network-only" })}
      saved={saved}
      onSaved={setSaved}
    />
  );
}

function Outcome({ listing, history }: { listing: FormListing; history: History }) {
  const latest = history[0];
  if (!latest) return null;
  const when = latest.decidedAt ? DATE.format(new Date(latest.decidedAt)) : DATE.format(new Date(latest.createdAt));
  switch (latest.state) {
    case "REJECTED":
      return (
        <Notice tone="warning" title={`Revision ${latest.revision} was sent back by a reviewer`}>
          <p>
            Their reason ({when}): <q class="reason">{latest.reason}</q>
          </p>
          <p>Change the listing below and submit it again.</p>
        </Notice>
      );
    case "APPROVED":
      return (
        <Notice tone="info" title={`Revision ${latest.revision} was approved`}>
          <p>
            It is published ({when}). <a href={`/listings/${listing.slug}`}>See the listing</a>.
          </p>
        </Notice>
      );
    case "PENDING":
      return (
        <Notice tone="info" title={`Revision ${latest.revision} is waiting for review`}>
          <p>Submitted {when}. A reviewer will approve it or send it back with a reason.</p>
        </Notice>
      );
    case "DRAFT":
      return (
        <Notice tone="info" title={`Revision ${latest.revision} is a draft`}>
          <p>Saved {when}; not yet submitted. Submit it for review when it is ready.</p>
        </Notice>
      );
    default:
      return null;
  }
}

function Form({
  listing,
  history,
  reload,
  saved,
  onSaved,
}: {
  listing: FormListing;
  history: History;
  reload: () => void;
  saved: string | null;
  onSaved: (note: string | null) => void;
}) {
  const { start } = listing;
  const home = editorHome(useSession().viewer?.role);
  const [draft, setDraft] = useState<ListingContent>(start);
  const [yearText, setYearText] = useState(start.year === null || start.year === undefined ? "" : String(start.year));
  const [errors, setErrors] = useState<FormError[]>([]);
  const [conflict, setConflict] = useState<string | null>(null);
  const [, update] = useMutation(UpdateListingDoc);
  const [, submit] = useMutation(SubmitListingDoc);
  const [busy, setBusy] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);
  const conflictRef = useRef<HTMLDivElement>(null);
  const savedRef = useRef<HTMLDivElement>(null);
  const [problem, setProblem] = useState<Parameters<typeof ProblemNotice>[0]["error"]>(undefined);

  useEffect(() => {
    if (errors.length) summaryRef.current?.focus();
  }, [errors]);
  // What a save or submit came to is said at the top: take the person there, wherever they pressed the button.
  useEffect(() => {
    if (conflict) conflictRef.current?.focus();
  }, [conflict]);
  useEffect(() => {
    if (saved) savedRef.current?.focus();
  }, [saved]);

  const changed = diff(start, { ...draft, year: yearText.trim() === "" ? null : Number(yearText) }).length > 0;
  const latest = history[0];
  const canSubmit = changed || latest?.state === "DRAFT" || latest?.state === "REJECTED";

  const fail = (userErrors: { field?: string[] | null; message: string; code: string }[]) => {
    const stale = userErrors.find((e) => e.code === "CONFLICT" && e.field?.[0] === "baseRevision");
    if (stale) {
      setConflict(stale.message);
      setErrors([]);
      return;
    }
    setErrors(formErrorsOf(userErrors));
  };

  /** Saves the form as a new draft revision; true when saved (or nothing to save). */
  const save = async (): Promise<boolean> => {
    if (!changed) return true;
    const r = await update({
      slug: listing.slug,
      baseRevision: listing.latestRevision,
      input: toInput(draft, yearText),
    });
    setProblem(r.error);
    if (r.error || !r.data) return false;
    const p = r.data.updateListing;
    if (p.userErrors.length) {
      fail(p.userErrors);
      return false;
    }
    setErrors([]);
    return true;
  };

  const onSave = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    onSaved(null);
    const ok = await save();
    setBusy(false);
    if (ok && changed) {
      onSaved("Your changes are saved as a draft.");
      reload();
    }
  };

  const onSubmit = async () => {
    setBusy(true);
    onSaved(null);
    const ok = await save();
    if (ok) {
      const r = await submit({ slug: listing.slug });
      setProblem(r.error);
      const p = r.data?.submitListingForReview;
      if (p?.userErrors.length) fail(p.userErrors);
      else if (p) {
        onSaved("Submitted for review. A reviewer will publish it or send it back.");
        reload();
      }
    }
    setBusy(false);
  };

  return (
    <div class="page edit-page">
      <p class="breadcrumbs">
        <a href={home.href}>{home.label}</a>
      </p>
      <h1>Edit {listing.name}</h1>
      <p class="hint">
        {listing.revision ? (
          <>
            Published revision {listing.revision}; latest revision {listing.latestRevision}.{" "}
            <a href={`/listings/${listing.slug}`}>See the published listing</a>
          </>
        ) : (
          <>Not yet published; latest revision {listing.latestRevision}.</>
        )}
      </p>
      {saved ? (
        <div ref={savedRef} tabIndex={-1}>
          <Notice tone="info" onDismiss={() => onSaved(null)}>
            {saved}
          </Notice>
        </div>
      ) : null}
      <Outcome listing={listing} history={history} />
      {latest?.state === "PENDING" ? (
        <Withdraw
          slug={listing.slug}
          revision={latest.revision}
          reload={reload}
          onWithdrawn={() => {
            onSaved(
              `Withdrawn from review: revision ${latest.revision} is a draft again. Change it and submit it when it is ready.`,
            );
            reload();
          }}
        />
      ) : null}
      <ProblemNotice error={problem} retry={() => setProblem(undefined)} />
      {conflict ? (
        <div ref={conflictRef} tabIndex={-1}>
          <Notice tone="error" title="Someone else changed this listing first">
            <p>
              While you were editing, another change was saved ({conflict}). Yours was not saved, so that neither
              overwrites the other. Load their version to see it, then make your change again.
            </p>
            <button type="button" class="button" onClick={reload}>
              Load their version
            </button>
          </Notice>
        </div>
      ) : null}
      <ErrorSummary errors={errors} summaryRef={summaryRef} />
      <form id="edit-form" class="edit-form" tabIndex={-1} noValidate onSubmit={(e) => void onSave(e)}>
        <ListingFields
          draft={draft}
          setDraft={setDraft}
          yearText={yearText}
          setYearText={setYearText}
          errors={errors}
        />
        <div class="form-actions">
          <button type="submit" class="button secondary" disabled={busy || !changed}>
            Save draft
          </button>
          <button
            type="button"
            class="button"
            disabled={busy || !canSubmit || (latest?.state === "PENDING" && !changed)}
            onClick={() => void onSubmit()}
          >
            {changed ? "Save and submit for review" : "Submit for review"}
          </button>
          {latest && latest.state !== "APPROVED" ? (
            <span class="hint">
              Latest: revision {latest.revision}, {STATE_LABELS[latest.state]?.toLowerCase()}.
            </span>
          ) : null}
        </div>
      </form>
    </div>
  );
}
