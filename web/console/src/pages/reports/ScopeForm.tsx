import type { CombinedError } from "@urql/core";
import { useQuery } from "@urql/preact";
import { useState } from "preact/hooks";
import { Notice } from "../../components/Notice";
import { ProblemNotice } from "../../components/Problem";
import { SCOPE_ENUMS } from "./names";
import { OrganisationPicker } from "../../components/OrganisationPicker";
import { ScopeChoices } from "./queries";
import { emptyFilters, type ReportScope, type ScopeField } from "./scope";

/** The scope's enum filters, each a group of checkboxes. */
const CHECKS = SCOPE_ENUMS;

/** The scope's free-text lists, each a text field of values separated by commas. */
const TEXTS: { field: ScopeField; label: string; hint: string; split: (text: string) => string[] }[] = [
  {
    field: "languages",
    label: "Languages",
    hint: "ISO 639-1 codes separated by commas, e.g. en, fr",
    split: (t) => words(t).map((s) => s.toLowerCase()),
  },
  {
    field: "standards",
    label: "Standards or hash formats",
    hint: "Separated by commas, e.g. PhotoDNA, PDQ",
    split: (t) =>
      t
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
  },
];

const words = (text: string) =>
  text
    .split(/[\s,]+/)
    .map((c) => c.trim())
    .filter(Boolean);

/**
 * What a report's scope got wrong, by the scope field it names: the API
 * refuses an unknown code, slug or a malformed value as BAD_USER_INPUT whose
 * `argument` is `input.<field>`. `rest` is true when the error says more than
 * the fields' own messages (the database away, too many requests, …).
 */
export function scopeErrors(error: CombinedError | undefined): { fields: Record<string, string>; rest: boolean } {
  const fields: Record<string, string> = {};
  let rest = false;
  for (const e of error?.graphQLErrors ?? []) {
    const argument = e.extensions?.argument;
    const match =
      e.extensions?.code === "BAD_USER_INPUT" && typeof argument === "string"
        ? /^input\.([A-Za-z]+)/.exec(argument)
        : null;
    if (match) fields[match[1]] = e.message.replace(/^[^:]*: /, "");
    else rest = true;
  }
  if (error?.networkError) rest = true;
  return { fields, rest };
}

/**
 * A report's failed request: a scope the API refused is said at its fields
 * (ScopeForm) and here only pointed to; anything else as ProblemNotice says it.
 */
export function ScopeProblem({ error, retry }: { error: CombinedError | undefined; retry: () => void }) {
  const { fields, rest } = scopeErrors(error);
  if (rest || !error) return <ProblemNotice error={error} retry={retry} />;
  const n = Object.keys(fields).length;
  return (
    <Notice tone="error" title="The report could not be made for this scope">
      <p>
        {n === 1 ? "One filter names" : `${n} filters name`} something the inventory does not know; the scope form says
        which.
      </p>
    </Notice>
  );
}

interface Node {
  slug: string;
  name: string;
  children?: Node[];
}

/** A field's error, said beside it and tied to it by aria-describedby. */
function FieldError({ id, message }: { id: string; message: string | undefined }) {
  return message ? (
    <span id={`${id}-error`} class="field-error">
      {message}
    </span>
  ) : null;
}

/**
 * The scope of a report: countries or groups, parts of the taxonomy, the
 * rows' depth, the threshold, and every listing filter the API takes (the
 * less used under "More filters"). Nothing changes until it is applied,
 * which puts the scope in the URL. `errors` are the API's, by field.
 */
export function ScopeForm({
  scope,
  onApply,
  gapFields = true,
  errors = {},
}: {
  scope: ReportScope;
  onApply: (s: ReportScope) => void;
  gapFields?: boolean;
  errors?: Record<string, string>;
}) {
  const [{ data }] = useQuery({ query: ScopeChoices });
  const [codes, setCodes] = useState(scope.filters.jurisdictions.join(", "));
  const [capabilities, setCapabilities] = useState(scope.filters.capabilities);
  const [depth, setDepth] = useState(scope.depth);
  const [min, setMin] = useState(String(scope.minListings));
  const [checked, setChecked] = useState<Record<string, string[]>>(
    Object.fromEntries(CHECKS.map((c) => [c.field, scope.filters[c.field]])),
  );
  const [texts, setTexts] = useState<Record<string, string>>(
    Object.fromEntries(TEXTS.map((t) => [t.field, scope.filters[t.field].join(", ")])),
  );
  const [organisations, setOrganisations] = useState(scope.filters.organisations);
  const groups = (data?.jurisdictions ?? []).filter((j) => j.kind === "GROUP");
  const toggle = (field: string, value: string) =>
    setChecked((c) => ({
      ...c,
      [field]: c[field].includes(value) ? c[field].filter((v) => v !== value) : [...c[field], value],
    }));

  const known = new Set<string>();
  const walk = (n: Node) => {
    known.add(n.slug);
    n.children?.forEach(walk);
  };
  data?.capabilities.forEach(walk);
  const strays = capabilities.filter((s) => data && !known.has(s));
  const capabilityBox = (n: Node, label = n.name) => (
    <label class="check" key={n.slug}>
      <input
        type="checkbox"
        checked={capabilities.includes(n.slug)}
        onChange={(e) =>
          setCapabilities((v) => (e.currentTarget.checked ? [...v, n.slug] : v.filter((s) => s !== n.slug)))
        }
      />{" "}
      {label}
    </label>
  );
  const below = (n: Node): Node[] => (n.children ?? []).flatMap((c) => [c, ...below(c)]);

  const moreInUse =
    CHECKS.filter((c) => scope.filters[c.field].length > 0).length +
    TEXTS.filter((t) => scope.filters[t.field].length > 0).length +
    (scope.filters.organisations.length > 0 ? 1 : 0);
  const moreErrors = [...CHECKS, ...TEXTS].some((f) => errors[f.field]) || !!errors.organisations;
  const described = (id: string, field: string, hint = true) =>
    [hint ? `${id}-hint` : "", errors[field] ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;

  return (
    <form
      class="scope-form"
      aria-label="Scope"
      onSubmit={(e) => {
        e.preventDefault();
        const n = Number.parseInt(min, 10);
        const filters = emptyFilters();
        for (const c of CHECKS) filters[c.field] = checked[c.field];
        for (const t of TEXTS) filters[t.field] = [...new Set(t.split(texts[t.field]))];
        filters.jurisdictions = [...new Set(words(codes).map((c) => c.toUpperCase()))];
        filters.capabilities = capabilities;
        filters.organisations = organisations;
        onApply({
          ...scope,
          filters,
          depth,
          minListings: Number.isFinite(n) && n >= 1 ? Math.min(n, 1000) : 1,
          cell: null,
        });
      }}
    >
      <div class="scope-fields">
        <p class={`scope-field${errors.jurisdictions ? " has-error" : ""}`}>
          <label for="scope-jurisdictions">Countries or groups</label>
          <input
            id="scope-jurisdictions"
            type="text"
            value={codes}
            placeholder="every country"
            aria-invalid={errors.jurisdictions ? "true" : undefined}
            aria-describedby={described("scope-jurisdictions", "jurisdictions")}
            onInput={(e) => setCodes(e.currentTarget.value)}
          />
          <span id="scope-jurisdictions-hint" class="hint">
            Codes separated by commas, e.g. GB, FR
            {groups.length ? `; groups: ${groups.map((g) => g.code).join(", ")}` : ""}
          </span>
          <FieldError id="scope-jurisdictions" message={errors.jurisdictions} />
        </p>
        {gapFields ? (
          <>
            <fieldset class="scope-field">
              <legend>Rows</legend>
              <label>
                <input
                  type="radio"
                  name="depth"
                  checked={depth === "CAPABILITY"}
                  onChange={() => setDepth("CAPABILITY")}
                />{" "}
                Capabilities
              </label>{" "}
              <label>
                <input type="radio" name="depth" checked={depth === "FUNCTION"} onChange={() => setDepth("FUNCTION")} />{" "}
                Functions
              </label>
            </fieldset>
            <p class={`scope-field${errors.minListings ? " has-error" : ""}`}>
              <label for="scope-min">Listings needed per cell</label>
              <input
                id="scope-min"
                type="number"
                min={1}
                max={1000}
                value={min}
                aria-invalid={errors.minListings ? "true" : undefined}
                aria-describedby={described("scope-min", "minListings", false)}
                onInput={(e) => setMin(e.currentTarget.value)}
              />
              <FieldError id="scope-min" message={errors.minListings} />
            </p>
          </>
        ) : null}
      </div>
      <details class="scope-more" open={scope.filters.capabilities.length > 0 || !!errors.capabilities}>
        <summary>
          Capabilities:{" "}
          {scope.filters.capabilities.length ? `${scope.filters.capabilities.length} chosen` : "the whole taxonomy"}
        </summary>
        <fieldset
          id="scope-capabilities"
          class={`scope-capabilities${errors.capabilities ? " has-error" : ""}`}
          aria-describedby={described("scope-capabilities", "capabilities")}
        >
          <legend>Capabilities</legend>
          <span id="scope-capabilities-hint" class="hint">
            None ticked: the whole taxonomy. Each brings the capabilities under it.
          </span>
          <FieldError id="scope-capabilities" message={errors.capabilities} />
          <div class="scope-checks">
            {data?.capabilities.map((root) => (
              <fieldset key={root.slug}>
                <legend>{root.name}</legend>
                {capabilityBox(root, `${root.name} (all)`)}
                {below(root).map((c) => capabilityBox(c))}
              </fieldset>
            ))}
            {strays.length ? (
              <fieldset>
                <legend>Not in the taxonomy</legend>
                {strays.map((slug) => capabilityBox({ slug, name: slug }))}
              </fieldset>
            ) : null}
          </div>
        </fieldset>
      </details>
      <details class="scope-more" open={moreInUse > 0 || moreErrors}>
        <summary>More filters{moreInUse ? ` (${moreInUse} in use)` : ""}</summary>
        <div class="scope-checks">
          {CHECKS.map((c) => (
            <fieldset key={c.field}>
              <legend>{c.title}</legend>
              {Object.entries(c.labels).map(([value, label]) => (
                <label key={value} class="check">
                  <input
                    type="checkbox"
                    checked={checked[c.field].includes(value)}
                    onChange={() => toggle(c.field, value)}
                  />{" "}
                  {label}
                </label>
              ))}
            </fieldset>
          ))}
        </div>
        <div class="scope-fields">
          <div class={`scope-field scope-organisations${errors.organisations ? " has-error" : ""}`}>
            <OrganisationPicker
              id="scope-organisations"
              chosen={organisations}
              onChange={setOrganisations}
              invalid={!!errors.organisations}
              describedBy={described("scope-organisations", "organisations")}
            />
            <span id="scope-organisations-hint" class="hint">
              Type part of a name, then choose; none chosen: every organisation
            </span>
            <FieldError id="scope-organisations" message={errors.organisations} />
          </div>
          {TEXTS.map((t) => {
            const id = `scope-${t.field}`;
            return (
              <p key={t.field} class={`scope-field${errors[t.field] ? " has-error" : ""}`}>
                <label for={id}>{t.label}</label>
                <input
                  id={id}
                  type="text"
                  value={texts[t.field]}
                  placeholder="any"
                  aria-invalid={errors[t.field] ? "true" : undefined}
                  aria-describedby={described(id, t.field)}
                  onInput={(e) => {
                    const value = e.currentTarget.value;
                    setTexts((v) => ({ ...v, [t.field]: value }));
                  }}
                />
                <span id={`${id}-hint`} class="hint">
                  {t.hint}
                </span>
                <FieldError id={id} message={errors[t.field]} />
              </p>
            );
          })}
        </div>
      </details>
      <button type="submit" class="button">
        Show report
      </button>
    </form>
  );
}
