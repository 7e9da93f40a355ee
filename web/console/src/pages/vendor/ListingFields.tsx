import type { ComponentChildren } from "preact";
import type { Dispatch, StateUpdater } from "preact/hooks";
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
import type { ListingInput } from "../../graphql/graphql";
import { FIELD_LABELS, ListingContent } from "./content";
import { ChecksInput, ErrorText, FormError, idOf, LinesInput, plain, SelectInput, targetOf, TextInput } from "./fields";
import { CapabilitiesInput } from "./CapabilitiesInput";
import { Names, useContentNames, useSettled } from "./names";
import type { Ref } from "preact";

/** The form's content as ListingInput takes it: every field it edits, the slug and organisation left as they are. */
export function toInput(c: ListingContent, yearText: string): ListingInput {
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
        : // No document named is left out, so the API says the source names nothing rather than that "" is no slug.
          { ...(s.document ? { document: s.document } : {}), locator: s.locator, unverified: s.unverified || null },
    ),
    visibility: c.visibility,
  };
}

export const NEW_OFFER = {
  model: "UNKNOWN" as const,
  eligibility: [],
  spdxLicense: null,
  requiresVetting: null,
  notes: null,
};
export const NEW_AVAILABILITY = { jurisdiction: "", status: "AVAILABLE" as const, notes: null };
export const NEW_SOURCE = { document: "", url: null, locator: "", unverified: false };

/** The userErrors of a mutation keyed as the form's fields are: ["input", "offers", "0"] is `offers.0`. */
export function formErrorsOf(userErrors: { field?: string[] | null; message: string; code: string }[]): FormError[] {
  return userErrors.map((e) => ({
    key: (e.field?.[0] === "input" ? e.field.slice(1) : (e.field ?? [])).join("."),
    message: e.message,
    code: e.code,
  }));
}

/** What the form calls an item of a list field, and the fields within items. */
const ITEM_LABELS: Record<string, string> = { offers: "Offer", availability: "Jurisdiction", sources: "Source" };
const PART_LABELS: Record<string, string> = {
  model: "terms",
  eligibility: "who may obtain it",
  spdxLicense: "SPDX licence",
  requiresVetting: "vetting",
  notes: "notes",
  jurisdiction: "country code",
  status: "standing",
  document: "document",
  url: "web page",
  locator: "where in it",
};

/**
 * The field an error is about, as the form labels it ("Source 1, web
 * page"), so that the summary says where each problem is; "" for the whole
 * form.
 */
export function fieldLabelOf(key: string): string {
  const [field, index, part] = key ? key.split(".") : [];
  if (!field) return "";
  const label = FIELD_LABELS.find(([f]) => f === field)?.[1] ?? field;
  if (index === undefined || !/^\d+$/.test(index)) return label;
  const item = ITEM_LABELS[field]
    ? `${ITEM_LABELS[field]} ${Number(index) + 1}`
    : `${label}, item ${Number(index) + 1}`;
  return part ? `${item}, ${PART_LABELS[part] ?? part}` : item;
}

/**
 * The errors of a failed save, at the top of the form: each links to its
 * field (or the nearest enclosing item or list). Focused when it appears.
 */
export function ErrorSummary({ errors, summaryRef }: { errors: FormError[]; summaryRef: Ref<HTMLDivElement> }) {
  if (!errors.length) return null;
  return (
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
              {fieldLabelOf(e.key) ? `${fieldLabelOf(e.key)}: ${plain(e.message)}` : plain(e.message)}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The schemes' slugs as typed, with the names of those that are schemes. */
function schemesHint(slugs: string[], names: Names): string {
  const known = slugs.flatMap((slug) => names.scheme(slug) ?? []);
  return known.length ? `Scheme slugs, one a line. These are: ${known.join("; ")}.` : "Scheme slugs, one a line.";
}

/**
 * A listing's fields as the edit form and the new-listing form both show
 * them: about it, what it does, offers, availability, sources. Each field
 * shows its own errors; `aboutExtra` goes at the head of "About it".
 */
export function ListingFields({
  draft,
  setDraft,
  yearText,
  setYearText,
  errors,
  aboutExtra,
}: {
  draft: ListingContent;
  setDraft: Dispatch<StateUpdater<ListingContent>>;
  yearText: string;
  setYearText: (v: string) => void;
  errors: FormError[];
  aboutExtra?: ComponentChildren;
}) {
  const set = <K extends keyof ListingContent>(k: K, v: ListingContent[K]) => setDraft((d) => ({ ...d, [k]: v }));
  const setItem = <K extends "offers" | "availability" | "sources">(
    k: K,
    i: number,
    patch: Partial<ListingContent[K][number]>,
  ) => setDraft((d) => ({ ...d, [k]: d[k].map((x, j) => (j === i ? { ...x, ...patch } : x)) }));
  const removeItem = (k: "offers" | "availability" | "sources", i: number) =>
    setDraft((d) => ({ ...d, [k]: d[k].filter((_, j) => j !== i) }));
  const at = (key: string) => errors.filter((e) => e.key === key);
  // Names for the slugs and codes typed, asked for once typing pauses.
  const names = useContentNames([useSettled({ sources: draft.sources }, 400)]);
  return (
    <>
      <ErrorText id="f-" errors={at("")} />
      <section aria-labelledby="about-h">
        <h2 id="about-h">About it</h2>
        {aboutExtra}
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
          hint={schemesHint(draft.classificationSchemes, names)}
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
                o.requiresVetting === null || o.requiresVetting === undefined ? null : o.requiresVetting ? "yes" : "no"
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
              hint={names.jurisdiction(a.jurisdiction) ?? "ISO 3166-1, such as GB."}
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
              hint={
                s.document && names.document(s.document)
                  ? `Cites “${names.document(s.document)}”.`
                  : "Its slug; leave empty to cite a web page."
              }
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
    </>
  );
}
