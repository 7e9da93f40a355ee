import { useCombobox } from "downshift";
import { useQuery } from "@urql/preact";
import { graphql } from "../../graphql";
import type { SuggestQuery } from "../../graphql/graphql";
import { Highlighted } from "../../components/Highlighted";
import { useSettled } from "../../components/useSettled";

const Suggest = graphql(`
  query Suggest($prefix: String!, $first: Int!) {
    suggest(prefix: $prefix, first: $first) {
      kind
      slug
      label
      highlights {
        start
        end
      }
    }
  }
`);

export type Suggestion = SuggestQuery["suggest"][number];

const KIND_NAMES: Record<Suggestion["kind"], string> = {
  LISTING: "Listing",
  ORGANISATION: "Organisation",
  CAPABILITY: "Capability",
};

/**
 * The search box: a combobox (downshift's, which follows the WAI-ARIA 1.2
 * combobox pattern: arrow keys, Enter, Escape, announced options) whose
 * options are `suggest` answers for the words typed. Typing reports the text
 * as it goes (`onType`); Enter without a chosen option submits it; choosing
 * an option hands it to `onPick`.
 */
export function SearchBox({
  text,
  onType,
  onSubmit,
  onPick,
}: {
  text: string;
  onType: (text: string) => void;
  onSubmit: (text: string) => void;
  onPick: (s: Suggestion) => void;
}) {
  const prefix = useSettled(text.trim(), 60);
  const [{ data }] = useQuery({ query: Suggest, variables: { prefix, first: 8 }, pause: prefix.length === 0 });
  const items = prefix.length > 0 && text.trim() === prefix ? (data?.suggest ?? []) : [];
  const { isOpen, getLabelProps, getInputProps, getMenuProps, getItemProps, highlightedIndex } =
    useCombobox<Suggestion>({
      items,
      inputValue: text,
      selectedItem: null,
      itemToString: (s) => s?.label ?? "",
      itemToKey: (s: Suggestion | null) => (s ? `${s.kind}:${s.slug}` : ""),
      onInputValueChange: ({ inputValue, type }) => {
        if (type === useCombobox.stateChangeTypes.InputChange) onType(inputValue ?? "");
      },
      onSelectedItemChange: ({ selectedItem }) => {
        if (selectedItem) onPick(selectedItem);
      },
    });
  // downshift's props are typed for React's <input>; Preact's types want `list` beside role=combobox, which
  // the ARIA 1.2 pattern does not use (the options are a listbox it controls, not a <datalist>).
  const inputProps = getInputProps({
    type: "search",
    placeholder: "e.g. hash matching, victim identification, Project VIC",
  }) as Record<string, unknown>;
  return (
    <form
      class="search-form"
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit(text);
      }}
    >
      <label {...getLabelProps()} class="search-label">
        Search the inventory
      </label>
      <div class="combobox">
        <input {...inputProps} class="search-input" />
        <button type="submit" class="button">
          Search
        </button>
        <ul {...getMenuProps()} class={isOpen && items.length ? "suggestions open" : "suggestions"}>
          {isOpen
            ? items.map((s, index) => (
                <li
                  key={`${s.kind}:${s.slug}`}
                  {...getItemProps({ item: s, index })}
                  class={highlightedIndex === index ? "suggestion active" : "suggestion"}
                >
                  <span class="suggestion-label">
                    <Highlighted text={s.label} ranges={s.highlights} />
                  </span>
                  <span class="suggestion-kind">{KIND_NAMES[s.kind]}</span>
                </li>
              ))
            : null}
        </ul>
      </div>
    </form>
  );
}
