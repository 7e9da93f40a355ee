import { useEffect, useState } from "preact/hooks";

/** Where the facets sit beside the results (the same width as the style sheet's breakpoint). */
const WIDE = "(min-width: 56.01rem)";
import type { FilterField, SearchState } from "./url-state";

export interface FacetOption {
  value: string;
  label: string;
  /** Null where the API gives no count (jurisdiction groups). */
  count: number | null;
  depth?: number;
  parent?: string | null;
}

/** A filter field's options, with the title its panel shows. */
export interface FacetPanel {
  field: FilterField;
  title: string;
  options: FacetOption[];
  /** Show only this many until "Show all" (long lists: jurisdictions). */
  initial?: number;
  tree?: boolean;
}

function Option({
  panel,
  option,
  checked,
  onToggle,
}: {
  panel: FacetPanel;
  option: FacetOption;
  checked: boolean;
  onToggle: (field: FilterField, value: string) => void;
}) {
  const id = `f-${panel.field}-${option.value}`;
  return (
    <div class={`facet-option${option.depth ? ` depth-${option.depth}` : ""}`}>
      <input type="checkbox" id={id} checked={checked} onChange={() => onToggle(panel.field, option.value)} />
      <label for={id}>
        {option.label}
        {option.count !== null ? <span class="count"> ({option.count})</span> : null}
      </label>
    </div>
  );
}

/**
 * One panel of checkboxes. Values that would give no result are left out
 * unless chosen, and a panel left with none is not shown; a long list shows
 * its first few and a button for the rest.
 */
function Panel({
  panel,
  state,
  onToggle,
}: {
  panel: FacetPanel;
  state: SearchState;
  onToggle: (field: FilterField, value: string) => void;
}) {
  const [all, setAll] = useState(false);
  const chosen = new Set(state.filters[panel.field]);
  const shown = panel.options.filter((o) => o.count !== 0 || chosen.has(o.value));
  const limit = panel.initial && !all ? panel.initial : Infinity;
  const visible = shown.filter((o, i) => i < limit || chosen.has(o.value));
  const headingId = `facet-${panel.field}`;
  if (visible.length === 0) return null;
  return (
    <fieldset class="facet" aria-labelledby={headingId}>
      <legend id={headingId}>{panel.title}</legend>
      {visible.map((o) => (
        <Option key={o.value} panel={panel} option={o} checked={chosen.has(o.value)} onToggle={onToggle} />
      ))}
      {shown.length > visible.length || all ? (
        <button type="button" class="button link" aria-expanded={all} onClick={() => setAll(!all)}>
          {all ? "Show fewer" : `Show all ${shown.length}`}
        </button>
      ) : null}
    </fieldset>
  );
}

/** The facet panels beside the results; on a narrow screen they fold away under "Filters". */
export function Facets({
  panels,
  state,
  onToggle,
}: {
  panels: FacetPanel[];
  state: SearchState;
  onToggle: (field: FilterField, value: string) => void;
}) {
  // Open beside the results on a wide screen, folded on a narrow one; following the screen as it changes.
  const [open, setOpen] = useState(() => window.matchMedia(WIDE).matches);
  useEffect(() => {
    const wide = window.matchMedia(WIDE);
    const follow = (e: MediaQueryListEvent) => setOpen(e.matches);
    wide.addEventListener("change", follow);
    return () => wide.removeEventListener("change", follow);
  }, []);
  return (
    <details class="facets" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Filters</summary>
      {panels.map((p) => (
        <Panel key={p.field} panel={p} state={state} onToggle={onToggle} />
      ))}
    </details>
  );
}
