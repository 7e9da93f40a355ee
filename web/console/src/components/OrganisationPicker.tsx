import { useCombobox } from "downshift";
import { useQuery } from "@urql/preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { graphql } from "../graphql";
import type { PickOrganisationsQuery } from "../graphql/graphql";
import { useSettled } from "./useSettled";
import { useOrganisationNames } from "../pages/search/useNames";

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
 * to be said beside it and for it to be removed. With `max`, the field is
 * gone once that many are chosen (one: remove it to choose another).
 */
export function OrganisationPicker({
  id,
  chosen,
  onChange,
  invalid,
  describedBy,
  label = "Organisations",
  placeholder = chosen.length ? "add another" : "every organisation",
  max,
}: {
  id: string;
  chosen: string[];
  onChange: (slugs: string[]) => void;
  invalid: boolean;
  describedBy: string | undefined;
  label?: string;
  placeholder?: string;
  max?: number;
}) {
  const full = max !== undefined && chosen.length >= max;
  // Focus follows the change: to the field when one is removed, to the one chosen when the field goes.
  const inputRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const focusNext = useRef<"field" | "last chosen" | null>(null);
  useEffect(() => {
    if (focusNext.current === "field") inputRef.current?.focus();
    if (focusNext.current === "last chosen")
      listRef.current?.querySelector<HTMLButtonElement>("li:last-child button")?.focus();
    focusNext.current = null;
  }, [chosen.length]);
  const [text, setText] = useState("");
  const [picked, setPicked] = useState<Record<string, string>>({});
  // Named as they were picked; only those the URL brought are looked up.
  const known = useOrganisationNames(chosen.filter((slug) => !picked[slug]));
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
      if (max !== undefined && chosen.length + 1 >= max) focusNext.current = "last chosen";
      onChange([...chosen, selectedItem.slug]);
      setText("");
    },
  });
  // Typed for React's <input>; see SearchBox.
  const inputProps = getInputProps({
    type: "text",
    ref: inputRef,
    placeholder,
    "aria-invalid": invalid ? "true" : undefined,
    "aria-describedby": describedBy,
  }) as Record<string, unknown>;
  return (
    <>
      <label {...getLabelProps()}>{label}</label>
      {chosen.length ? (
        <ul class="picked" ref={listRef}>
          {chosen.map((slug) => (
            <li key={slug}>
              <button
                type="button"
                class="chip"
                aria-label={`Remove organisation ${nameOf(slug)}`}
                onClick={() => {
                  focusNext.current = "field";
                  onChange(chosen.filter((s) => s !== slug));
                }}
              >
                {nameOf(slug)} <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <div class="combobox" hidden={full}>
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
