import { useQuery } from "@urql/preact";
import { useState } from "preact/hooks";
import { ELIGIBILITY_LABELS, LICENSE_LABELS, MEDIA_LABELS } from "../../components/labels";
import type { FilterField } from "../search/url-state";
import { ScopeChoices } from "./queries";
import type { ReportScope } from "./scope";

const CHECKS: { field: FilterField; title: string; labels: Record<string, string> }[] = [
  { field: "mediaTypes", title: "Media type", labels: MEDIA_LABELS },
  { field: "eligibleFor", title: "Who may obtain it", labels: ELIGIBILITY_LABELS },
  { field: "licenseModels", title: "Licence model", labels: LICENSE_LABELS },
];

const splitCodes = (text: string) =>
  text
    .split(/[\s,]+/)
    .map((c) => c.trim().toUpperCase())
    .filter(Boolean);

/**
 * The scope of a report: countries or groups, a part of the taxonomy, the
 * rows' depth, the threshold, and some of the search's filters. Nothing
 * changes until it is applied, which puts the scope in the URL.
 */
export function ScopeForm({
  scope,
  onApply,
  gapFields = true,
}: {
  scope: ReportScope;
  onApply: (s: ReportScope) => void;
  gapFields?: boolean;
}) {
  const [{ data }] = useQuery({ query: ScopeChoices });
  const [codes, setCodes] = useState(scope.filters.jurisdictions.join(", "));
  const [capability, setCapability] = useState(scope.filters.capabilities[0] ?? "");
  const [depth, setDepth] = useState(scope.depth);
  const [min, setMin] = useState(String(scope.minListings));
  const [checked, setChecked] = useState<Record<string, string[]>>(
    Object.fromEntries(CHECKS.map((c) => [c.field, scope.filters[c.field]])),
  );
  const groups = data?.jurisdictions ?? [];
  const toggle = (field: string, value: string) =>
    setChecked((c) => ({
      ...c,
      [field]: c[field].includes(value) ? c[field].filter((v) => v !== value) : [...c[field], value],
    }));
  return (
    <form
      class="scope-form"
      aria-label="Scope"
      onSubmit={(e) => {
        e.preventDefault();
        const n = Number.parseInt(min, 10);
        onApply({
          ...scope,
          filters: {
            ...scope.filters,
            ...checked,
            jurisdictions: splitCodes(codes),
            capabilities: capability ? [capability] : [],
          },
          depth,
          minListings: Number.isFinite(n) && n >= 1 ? Math.min(n, 1000) : 1,
          cell: null,
        });
      }}
    >
      <div class="scope-fields">
        <p class="scope-field">
          <label for="scope-jurisdictions">Countries or groups</label>
          <input
            id="scope-jurisdictions"
            type="text"
            value={codes}
            placeholder="every country"
            aria-describedby="scope-jurisdictions-hint"
            onInput={(e) => setCodes(e.currentTarget.value)}
          />
          <span id="scope-jurisdictions-hint" class="hint">
            Codes separated by commas, e.g. GB, FR
            {groups.length ? `; groups: ${groups.map((g) => g.code).join(", ")}` : ""}
          </span>
        </p>
        <p class="scope-field">
          <label for="scope-capability">Capabilities</label>
          <select id="scope-capability" value={capability} onChange={(e) => setCapability(e.currentTarget.value)}>
            <option value="">The whole taxonomy</option>
            {(data?.capabilities ?? []).map((f) => (
              <optgroup key={f.slug} label={f.name}>
                <option value={f.slug}>{f.name} (all)</option>
                {f.children.map((c) => (
                  <option key={c.slug} value={c.slug}>
                    {c.name}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
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
            <p class="scope-field">
              <label for="scope-min">Listings needed per cell</label>
              <input
                id="scope-min"
                type="number"
                min={1}
                max={1000}
                value={min}
                onInput={(e) => setMin(e.currentTarget.value)}
              />
            </p>
          </>
        ) : null}
      </div>
      <details class="scope-more" open={CHECKS.some((c) => checked[c.field].length > 0)}>
        <summary>More filters</summary>
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
      </details>
      <button type="submit" class="button">
        Show report
      </button>
    </form>
  );
}
