import { useCombobox } from "downshift";
import { useQuery } from "@urql/preact";
import { useState } from "preact/hooks";
import { graphql } from "../../graphql";
import type { PickOrganisationsQuery } from "../../graphql/graphql";
import { useSettled } from "../../components/useSettled";
import { useOrganisationNames } from "../search/useNames";

const PickOrganisations = graphql(`
  query PickOrganisations($search: String!) {
    organisations(search: $search, first: 8) {
      edges {
        node {
          slug
          name
          country {
            code
          }
        }
      }
    }
  }
`);

type Option = PickOrganisationsQuery["organisations"]["edges"][number]["node"];

/**
 * Organisations chosen by name: a combobox (downshift's, as the search box)
 * whose options are the organisations whose names or aliases hold the words
 * typed, and the ones chosen, each a button that removes it. A slug the URL
 * brought that names no organisation stays, by its slug, for the API's error
 * to be said beside it and for it to be removed.
 */
export function OrganisationPicker({
  id,
  chosen,
  onChange,
  invalid,
  describedBy,
}: {
  id: string;
  chosen: string[];
  onChange: (slugs: string[]) => void;
  invalid: boolean;
  describedBy: string | undefined;
}) {
  const [text, setText] = useState("");
  const [picked, setPicked] = useState<Record<string, string>>({});
  const known = useOrganisationNames(chosen);
  const nameOf = (slug: string) => picked[slug] ?? known[slug] ?? slug;
  const search = useSettled(text.trim(), 150);
  const [{ data }] = useQuery({ query: PickOrganisations, variables: { search }, pause: search.length === 0 });
  const items: Option[] =
    search.length > 0 && text.trim() === search
      ? (data?.organisations.edges.map((e) => e.node).filter((o) => !chosen.includes(o.slug)) ?? [])
      : [];
  // The API lists them by name; a name that begins with the words typed, then one with a word that does, comes first.
  const typed = search.toLocaleLowerCase();
  const rank = (o: Option) => {
    const name = o.name.toLocaleLowerCase();
    return name.startsWith(typed) ? 0 : name.split(/\s+/).some((w) => w.startsWith(typed)) ? 1 : 2;
  };
  items.sort((a, b) => rank(a) - rank(b));
  const { isOpen, getLabelProps, getInputProps, getMenuProps, getItemProps, highlightedIndex } = useCombobox<Option>({
    id,
    inputId: id,
    items,
    inputValue: text,
    selectedItem: null,
    itemToString: (o) => o?.name ?? "",
    itemToKey: (o: Option | null) => o?.slug ?? "",
    onInputValueChange: ({ inputValue, type }) => {
      if (type === useCombobox.stateChangeTypes.InputChange) setText(inputValue ?? "");
    },
    onSelectedItemChange: ({ selectedItem }) => {
      if (!selectedItem) return;
      setPicked((p) => ({ ...p, [selectedItem.slug]: selectedItem.name }));
      onChange([...chosen, selectedItem.slug]);
      setText("");
    },
  });
  // Typed for React's <input>; see SearchBox.
  const inputProps = getInputProps({
    type: "text",
    placeholder: chosen.length ? "add another" : "every organisation",
    "aria-invalid": invalid ? "true" : undefined,
    "aria-describedby": describedBy,
  }) as Record<string, unknown>;
  return (
    <>
      <label {...getLabelProps()}>Organisations</label>
      {chosen.length ? (
        <ul class="picked">
          {chosen.map((slug) => (
            <li key={slug}>
              <button
                type="button"
                class="chip"
                aria-label={`Remove organisation ${nameOf(slug)}`}
                onClick={() => onChange(chosen.filter((s) => s !== slug))}
              >
                {nameOf(slug)} <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <div class="combobox">
        <input {...inputProps} />
        <ul {...getMenuProps()} class={isOpen && items.length ? "suggestions open" : "suggestions"}>
          {isOpen
            ? items.map((o, index) => (
                <li
                  key={o.slug}
                  {...getItemProps({ item: o, index })}
                  class={highlightedIndex === index ? "suggestion active" : "suggestion"}
                >
                  <span class="suggestion-label">{o.name}</span>
                  {o.country ? <span class="suggestion-kind">{o.country.code}</span> : null}
                </li>
              ))
            : null}
        </ul>
      </div>
    </>
  );
}
