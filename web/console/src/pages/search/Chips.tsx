import type { FilterField } from "./url-state";

export interface Chip {
  field: FilterField;
  value: string;
  /** The field, as its facet panel names it. */
  fieldLabel: string;
  label: string;
}

/** The chosen filters, each a button that removes it; and one that removes them all. */
export function Chips({
  chips,
  onRemove,
  onClear,
}: {
  chips: Chip[];
  onRemove: (field: FilterField, value: string) => void;
  onClear: () => void;
}) {
  if (!chips.length) return null;
  return (
    <div class="chips" role="group" aria-label="Filters in use">
      <ul>
        {chips.map((c) => (
          <li key={`${c.field}:${c.value}`}>
            <button
              type="button"
              class="chip"
              aria-label={`Remove filter ${c.fieldLabel}: ${c.label}`}
              onClick={() => onRemove(c.field, c.value)}
            >
              <span class="chip-field">{c.fieldLabel}:</span> {c.label} <span aria-hidden="true">×</span>
            </button>
          </li>
        ))}
      </ul>
      {chips.length > 1 ? (
        <button type="button" class="button link" onClick={onClear}>
          Clear all filters
        </button>
      ) : null}
    </div>
  );
}
