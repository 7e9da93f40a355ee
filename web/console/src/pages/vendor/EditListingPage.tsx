import { useMutation, useQuery } from "@urql/preact";
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
import type { EditableListingQuery, ListingInput } from "../../graphql/graphql";
import { contentOf, diff, ListingContent } from "./content";
import { ChecksInput, ErrorText, FormError, idOf, LinesInput, SelectInput, targetOf, TextInput } from "./fields";
import { CapabilitiesInput } from "./CapabilitiesInput";
import { EditableListingDoc, SubmitListingDoc, UpdateListingDoc } from "./queries";
import { RoleGate, STATE_LABELS } from "./RoleGate";

type Loaded = NonNullable<EditableListingQuery["listing"]>;
type History = NonNullable<EditableListingQuery["listingHistory"]>;

const DATE = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short" });

/** What the form starts from: the open revision when there is one, else the published listing. */
function startingPoint(l: Loaded): ListingContent {
  return (l.pendingRevision?.content as ListingContent | undefined) ?? contentOf(l);
}

/** The form's content as ListingInput takes it: every field it edits, the slug and organisation left as they are. */
function toInput(c: ListingContent, yearText: string): ListingInput {
  const year = yearText.trim() === "" ? null : Number(yearText.trim());
  return {
    name: c.name,
    kind: c.kind,
    aliases: c.aliases.filter(Boolean),
    summary: c.summary,
    status: c.status,
    year: Number.isInteger(year) ? year : (year as number),
    capabilities: c.capabilities.filter(Boolean),
    mediaTypes: c.mediaTypes,
    deployment: c.deployment,
    languages: c.languages.filter(Boolean),
    standards: c.standards.filter(Boolean),
    classificationSchemes: c.classificationSchemes.filter(Boolean),
    offers: c.offers.map((o) => ({
      model: o.model,
      eligibility: o.eligibility,
      spdxLicense: o.spdxLicense || null,
      requiresVetting: o.requiresVetting ?? null,
      notes: o.notes || null,
    })),
    availableWorldwide: c.availableWorldwide ?? false,
    availability: c.availability.map((a) => ({
      jurisdiction: a.jurisdiction,
      status: a.status,
      notes: a.notes || null,
    })),
    sources: c.sources.map((s) =>
      s.url
        ? { url: s.url, locator: s.locator, unverified: true }
        : { document: s.document ?? "", locator: s.locator, unverified: s.unverified || null },
    ),
    visibility: c.visibility,
  };
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
  const listing = result.data?.listing;
  // Said after a save, which reloads the listing and so starts a new form.
  const [saved, setSaved] = useState<string | null>(null);
  useTitle(listing ? `Edit ${listing.name}` : "Edit listing");
  if (result.error && !result.data)
    return (
      <div class="page">
        <h1>Edit listing</h1>
        <ProblemNotice error={result.error} retry={() => reexecute({ requestPolicy: "network-only" })} />
      </div>
    );
  if (!result.data) return <p class="page">Loading…</p>;
  if (!listing || !listing.viewerCanEdit)
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

function Outcome({ listing, history }: { listing: Loaded; history: History }) {
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

const NEW_OFFER = { model: "UNKNOWN" as const, eligibility: [], spdxLicense: null, requiresVetting: null, notes: null };
const NEW_AVAILABILITY = { jurisdiction: "", status: "AVAILABLE" as const, notes: null };
const NEW_SOURCE = { document: "", url: null, locator: "", unverified: false };

function Form({
  listing,
  history,
  reload,
  saved,
  onSaved,
}: {
  listing: Loaded;
  history: History;
  reload: () => void;
  saved: string | null;
  onSaved: (note: string | null) => void;
}) {
  const start = startingPoint(listing);
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

  const set = <K extends keyof ListingContent>(k: K, v: ListingContent[K]) => setDraft((d) => ({ ...d, [k]: v }));
  const setItem = <K extends "offers" | "availability" | "sources">(
    k: K,
    i: number,
    patch: Partial<ListingContent[K][number]>,
  ) => setDraft((d) => ({ ...d, [k]: d[k].map((x, j) => (j === i ? { ...x, ...patch } : x)) }));
  const removeItem = (k: "offers" | "availability" | "sources", i: number) =>
    setDraft((d) => ({ ...d, [k]: d[k].filter((_, j) => j !== i) }));

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
    setErrors(
      userErrors.map((e) => ({
        key: (e.field?.[0] === "input" ? e.field.slice(1) : (e.field ?? [])).join("."),
        message: e.message,
        code: e.code,
      })),
    );
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

  const at = (key: string) => errors.filter((e) => e.key === key);

  return (
    <div class="page edit-page">
      <p class="breadcrumbs">
        <a href="/vendor">My organisation's listings</a>
      </p>
      <h1>Edit {listing.name}</h1>
      <p class="hint">
        Published revision {listing.revision || "none"}; latest revision {listing.latestRevision}.{" "}
        <a href={`/listings/${listing.slug}`}>See the published listing</a>
      </p>
      {saved ? (
        <div ref={savedRef} tabIndex={-1}>
          <Notice tone="info" onDismiss={() => onSaved(null)}>
            {saved}
          </Notice>
        </div>
      ) : null}
      <Outcome listing={listing} history={history} />
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
      {errors.length ? (
        <div class="error-summary" ref={summaryRef} tabIndex={-1} role="alert" aria-labelledby="error-summary-title">
          <h2 id="error-summary-title">There is a problem</h2>
          <ul>
            {errors.map((e, i) => (
              <li key={i}>
                <a
                  href={`#${idOf(e.key)}`}
                  onClick={(ev) => {
                    ev.preventDefault();
                    const el = targetOf(e.key);
                    el?.scrollIntoView({ block: "center" });
                    el?.focus();
                  }}
                >
                  {e.message}
                </a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <form id="edit-form" class="edit-form" tabIndex={-1} noValidate onSubmit={(e) => void onSave(e)}>
        <ErrorText id="f-" errors={at("")} />
        <section aria-labelledby="about-h">
          <h2 id="about-h">About it</h2>
          <TextInput
            k="name"
            maxLength={200}
            label="Name"
            errors={errors}
            value={draft.name}
            onChange={(v) => set("name", v)}
          />
          <SelectInput
            k="kind"
            label="Kind"
            errors={errors}
            value={draft.kind}
            options={KIND_LABELS}
            onChange={(v) => v && set("kind", v)}
          />
          <LinesInput
            k="aliases"
            label="Other names"
            hint="One a line."
            errors={errors}
            value={draft.aliases}
            onChange={(v) => set("aliases", v)}
          />
          <TextInput
            k="summary"
            maxLength={2000}
            label="Summary"
            hint="What it is and does, in your own words; up to 2000 characters."
            long
            errors={errors}
            value={draft.summary}
            onChange={(v) => set("summary", v)}
          />
          <SelectInput
            k="status"
            label="Status"
            none="Not stated"
            errors={errors}
            value={draft.status}
            options={STATUS_LABELS}
            onChange={(v) => set("status", v)}
          />
          <TextInput
            k="year"
            label="Year introduced"
            hint="For example 2009; leave empty when not known."
            inputMode="numeric"
            errors={errors}
            value={yearText}
            onChange={setYearText}
          />
          <SelectInput
            k="visibility"
            label="Who may see it"
            hint="You cannot open it wider than a reviewer set."
            errors={errors}
            value={draft.visibility}
            options={VISIBILITY_LABELS}
            onChange={(v) => v && set("visibility", v)}
          />
        </section>
        <section aria-labelledby="what-h">
          <h2 id="what-h">What it does</h2>
          <CapabilitiesInput value={draft.capabilities} errors={errors} onChange={(v) => set("capabilities", v)} />
          <ChecksInput
            k="mediaTypes"
            label="Media types"
            errors={errors}
            value={draft.mediaTypes}
            options={MEDIA_LABELS}
            onChange={(v) => set("mediaTypes", v)}
          />
          <ChecksInput
            k="deployment"
            label="Deployment"
            errors={errors}
            value={draft.deployment}
            options={DEPLOYMENT_LABELS}
            onChange={(v) => set("deployment", v)}
          />
          <LinesInput
            k="languages"
            label="Languages"
            hint="ISO 639-1 codes in lower case, one a line, such as en."
            errors={errors}
            value={draft.languages}
            onChange={(v) => set("languages", v)}
          />
          <LinesInput
            k="standards"
            label="Standards and hash formats"
            hint="One a line."
            errors={errors}
            value={draft.standards}
            onChange={(v) => set("standards", v)}
          />
          <LinesInput
            k="classificationSchemes"
            label="Classification schemes"
            hint="Scheme slugs, one a line."
            errors={errors}
            value={draft.classificationSchemes}
            onChange={(v) => set("classificationSchemes", v)}
          />
        </section>
        <section aria-labelledby="offers-h" id={idOf("offers")} tabIndex={-1}>
          <h2 id="offers-h">Offers and who may obtain it</h2>
          <ErrorText id={idOf("offers")} errors={at("offers")} />
          {draft.offers.map((o, i) => (
            <fieldset key={i} class="item" id={idOf(`offers.${i}`)} tabIndex={-1}>
              <legend>Offer {i + 1}</legend>
              <ErrorText id={idOf(`offers.${i}`)} errors={at(`offers.${i}`)} />
              <SelectInput
                k={`offers.${i}.model`}
                label="Terms"
                errors={errors}
                value={o.model}
                options={LICENSE_LABELS}
                onChange={(v) => v && setItem("offers", i, { model: v })}
              />
              <ChecksInput
                k={`offers.${i}.eligibility`}
                label="Who may obtain it"
                errors={errors}
                value={o.eligibility}
                options={ELIGIBILITY_LABELS}
                onChange={(v) => setItem("offers", i, { eligibility: v })}
              />
              <TextInput
                k={`offers.${i}.spdxLicense`}
                maxLength={100}
                label="SPDX licence"
                hint="Open-source offers only, such as MIT."
                errors={errors}
                value={o.spdxLicense ?? ""}
                onChange={(v) => setItem("offers", i, { spdxLicense: v })}
              />
              <SelectInput
                k={`offers.${i}.requiresVetting`}
                label="Vetting"
                none="Not stated"
                errors={errors}
                value={
                  o.requiresVetting === null || o.requiresVetting === undefined
                    ? null
                    : o.requiresVetting
                      ? "yes"
                      : "no"
                }
                options={{ yes: "Required", no: "Not required" }}
                onChange={(v) => setItem("offers", i, { requiresVetting: v === null ? null : v === "yes" })}
              />
              <TextInput
                k={`offers.${i}.notes`}
                maxLength={1000}
                label="Notes"
                errors={errors}
                value={o.notes ?? ""}
                onChange={(v) => setItem("offers", i, { notes: v })}
              />
              <button type="button" class="button link" onClick={() => removeItem("offers", i)}>
                Remove offer {i + 1}
              </button>
            </fieldset>
          ))}
          <button
            type="button"
            class="button secondary"
            onClick={() => set("offers", [...draft.offers, { ...NEW_OFFER }])}
          >
            Add an offer
          </button>
        </section>
        <section aria-labelledby="availability-h" id={idOf("availability")} tabIndex={-1}>
          <h2 id="availability-h">Availability by jurisdiction</h2>
          <ErrorText id={idOf("availability")} errors={at("availability")} />
          <label class="check">
            <input
              type="checkbox"
              id={idOf("availableWorldwide")}
              checked={!!draft.availableWorldwide}
              onChange={(e) => set("availableWorldwide", e.currentTarget.checked)}
            />{" "}
            A source states it available in every country (list the exceptions below)
          </label>
          {draft.availability.map((a, i) => (
            <fieldset key={i} class="item row" id={idOf(`availability.${i}`)} tabIndex={-1}>
              <legend>Jurisdiction {i + 1}</legend>
              <ErrorText id={idOf(`availability.${i}`)} errors={at(`availability.${i}`)} />
              <TextInput
                k={`availability.${i}.jurisdiction`}
                maxLength={2}
                label="Country code"
                hint="ISO 3166-1, such as GB."
                errors={errors}
                value={a.jurisdiction}
                onChange={(v) => setItem("availability", i, { jurisdiction: v.toUpperCase() })}
              />
              <SelectInput
                k={`availability.${i}.status`}
                label="Standing"
                errors={errors}
                value={a.status}
                options={AVAILABILITY_LABELS}
                onChange={(v) => v && setItem("availability", i, { status: v })}
              />
              <TextInput
                k={`availability.${i}.notes`}
                maxLength={500}
                label="Notes"
                errors={errors}
                value={a.notes ?? ""}
                onChange={(v) => setItem("availability", i, { notes: v })}
              />
              <button type="button" class="button link" onClick={() => removeItem("availability", i)}>
                Remove jurisdiction {i + 1}
              </button>
            </fieldset>
          ))}
          <button
            type="button"
            class="button secondary"
            onClick={() => set("availability", [...draft.availability, { ...NEW_AVAILABILITY }])}
          >
            Add a jurisdiction
          </button>
        </section>
        <section aria-labelledby="sources-h" id={idOf("sources")} tabIndex={-1}>
          <h2 id="sources-h">Sources</h2>
          <p class="hint">Cite a source document by its slug, or a web page (marked unverified until checked).</p>
          <ErrorText id={idOf("sources")} errors={at("sources")} />
          {draft.sources.map((s, i) => (
            <fieldset key={i} class="item" id={idOf(`sources.${i}`)} tabIndex={-1}>
              <legend>Source {i + 1}</legend>
              <ErrorText id={idOf(`sources.${i}`)} errors={at(`sources.${i}`)} />
              <TextInput
                k={`sources.${i}.document`}
                maxLength={80}
                label="Document"
                hint="Its slug; leave empty to cite a web page."
                errors={errors}
                value={s.document ?? ""}
                onChange={(v) => setItem("sources", i, { document: v })}
              />
              <TextInput
                k={`sources.${i}.url`}
                maxLength={500}
                label="Web page"
                errors={errors}
                value={s.url ?? ""}
                onChange={(v) => setItem("sources", i, { url: v })}
              />
              <TextInput
                k={`sources.${i}.locator`}
                maxLength={200}
                label="Where in it"
                hint="Section or page, and line."
                errors={errors}
                value={s.locator}
                onChange={(v) => setItem("sources", i, { locator: v })}
              />
              <button type="button" class="button link" onClick={() => removeItem("sources", i)}>
                Remove source {i + 1}
              </button>
            </fieldset>
          ))}
          <button
            type="button"
            class="button secondary"
            onClick={() => set("sources", [...draft.sources, { ...NEW_SOURCE }])}
          >
            Add a source
          </button>
        </section>
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
