import { useMutation, useQuery } from "@urql/preact";
import type { CombinedError } from "@urql/core";
import { useLocation } from "preact-iso";
import { useEffect, useRef, useState } from "preact/hooks";
import { ProblemNotice } from "../../components/Problem";
import { useTitle } from "../../components/useTitle";
import type { ListingContent } from "./content";
import { ErrorText, FormError } from "./fields";
import { ErrorSummary, formErrorsOf, ListingFields, NEW_SOURCE, toInput } from "./ListingFields";
import { CreateListingDoc, VendorOrganisationDoc } from "./queries";
import { editorHome, RoleGate } from "./RoleGate";
import { useSession } from "../../session/session";
import { noteCreated } from "./created";
import { OrganisationPicker } from "../../components/OrganisationPicker";

/** A new listing's form starts empty, but for one source to fill in: the API needs at least one. */
const EMPTY: ListingContent = {
  name: "",
  kind: "TOOL",
  aliases: [],
  summary: "",
  status: null,
  year: null,
  capabilities: [],
  mediaTypes: [],
  deployment: [],
  languages: [],
  standards: [],
  classificationSchemes: [],
  offers: [],
  availability: [],
  availableWorldwide: false,
  sources: [{ ...NEW_SOURCE }],
  visibility: "PUBLIC",
};

/**
 * A key for one form's creation, sent with every attempt from it: a double
 * click, or a retry after a timeout, makes one listing. (Not randomUUID:
 * that needs a secure context, and an intranet console may be plain HTTP.)
 */
function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `console-create-${Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")}`;
}

/** The slug is made from the name: its problems are the name's to fix. */
function atFields(errors: FormError[]): FormError[] {
  return errors.map((e) => (e.key === "slug" ? { ...e, key: "name" } : e));
}

/**
 * The form for a new listing, created as a draft, then edited and submitted:
 * a vendor's is of their own organisation; a reviewer or an administrator
 * chooses the organisation by name, or none (its owner not known).
 */
export function NewListingPage() {
  useTitle("New listing");
  return (
    <RoleGate
      roles={["VENDOR", "REVIEWER", "ADMIN"]}
      title="New listing"
      who="vendors keeping their organisation's listings, and reviewers"
    >
      <NewListing />
    </RoleGate>
  );
}

function NewListing() {
  const [result, reexecute] = useQuery({ query: VendorOrganisationDoc });
  const org = result.data?.me.organisation;
  if (result.error && !result.data)
    return (
      <div class="page">
        <h1>New listing</h1>
        <ProblemNotice error={result.error} retry={() => reexecute({ requestPolicy: "network-only" })} />
      </div>
    );
  if (!result.data) return <p class="page">Loading…</p>;
  if (result.data.me.role !== "VENDOR") return <CreateForm organisation={null} />;
  if (!org)
    return (
      <div class="page narrow">
        <h1>New listing</h1>
        <p>Your account keeps listings for no organisation; ask an administrator.</p>
      </div>
    );
  return <CreateForm organisation={org} />;
}

/** `organisation`: the vendor's own; null for a reviewer, who chooses one. */
function CreateForm({ organisation }: { organisation: { slug: string; name: string } | null }) {
  const { route } = useLocation();
  const [chosen, setChosen] = useState<string[]>([]);
  const back = editorHome(useSession().viewer?.role);
  const [draft, setDraft] = useState<ListingContent>(EMPTY);
  const [yearText, setYearText] = useState("");
  const [errors, setErrors] = useState<FormError[]>([]);
  const [problem, setProblem] = useState<CombinedError | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  // One key for this form, whatever is changed between attempts: a refused attempt makes nothing and frees it.
  const [key] = useState(newIdempotencyKey);
  const [, create] = useMutation(CreateListingDoc);
  const summaryRef = useRef<HTMLDivElement>(null);
  const orgErrors = errors.filter((x) => x.key === "organisation");

  useEffect(() => {
    if (errors.length) summaryRef.current?.focus();
  }, [errors]);

  const onCreate = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    const r = await create({
      input: { ...toInput(draft, yearText), organisation: organisation ? organisation.slug : (chosen[0] ?? null) },
      idempotencyKey: key,
    });
    setBusy(false);
    setProblem(r.error);
    const p = r.data?.createListing;
    if (!p) return;
    if (p.userErrors.length || !p.listing) {
      setErrors(atFields(formErrorsOf(p.userErrors)));
      return;
    }
    noteCreated(p.listing.slug);
    route(`/vendor/listings/${p.listing.slug}`);
  };

  return (
    <div class="page edit-page">
      <p class="breadcrumbs">
        <a href={back.href}>{back.label}</a>
      </p>
      <h1>New listing</h1>
      <p class="hint">
        {organisation
          ? "It is saved as a draft that only your organisation and reviewers see; submit it for review when it is ready."
          : "It is saved as a draft that only reviewers and the organisation's vendors see; submit it for review when it is ready."}
      </p>
      <ProblemNotice error={problem} retry={() => setProblem(undefined)} />
      <ErrorSummary errors={errors} summaryRef={summaryRef} />
      <form id="edit-form" class="edit-form" tabIndex={-1} noValidate onSubmit={(e) => void onCreate(e)}>
        <ListingFields
          draft={draft}
          setDraft={setDraft}
          yearText={yearText}
          setYearText={setYearText}
          errors={errors}
          aboutExtra={
            organisation ? (
              <div class="form-field fixed-field" id="f-organisation" tabIndex={-1}>
                <p class="field-label">Organisation</p>
                <ErrorText id="f-organisation" errors={orgErrors} />
                <p>
                  <strong>{organisation.name}</strong> <span class="hint">(yours; a reviewer can change it)</span>
                </p>
              </div>
            ) : (
              <div class="form-field">
                <OrganisationPicker
                  id="f-organisation"
                  label="Organisation"
                  chosen={chosen}
                  onChange={setChosen}
                  max={1}
                  placeholder="type part of its name"
                  invalid={orgErrors.length > 0}
                  describedBy={orgErrors.length ? "f-organisation-hint f-organisation-error" : "f-organisation-hint"}
                />
                <p class="hint" id="f-organisation-hint">
                  {chosen.length
                    ? "Its owner; remove it to choose another."
                    : "None chosen: the listing's owner is not known."}
                </p>
                <ErrorText id="f-organisation" errors={orgErrors} />
              </div>
            )
          }
        />
        <div class="form-actions">
          <button type="submit" class="button" disabled={busy}>
            Create draft
          </button>
          <a class="button secondary" href={back.href}>
            Cancel
          </a>
        </div>
      </form>
    </div>
  );
}
