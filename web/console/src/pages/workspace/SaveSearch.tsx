import { useMutation } from "@urql/preact";
import { useState } from "preact/hooks";
import { graphql } from "../../graphql";
import { useSession } from "../../session/session";
import { filterOf, SearchState } from "../search/url-state";
import { useAction } from "./action";
import { NameForm } from "./NameForm";

const SaveSearchMutation = graphql(`
  mutation SaveSearch($name: String!, $search: String, $filter: ListingFilter, $orderBy: ListingOrder) {
    saveSearch(name: $name, search: $search, filter: $filter, orderBy: $orderBy) {
      savedSearch {
        id
        name
      }
      userErrors {
        message
      }
    }
  }
`);

/** "Save this search" for a signed-in person: the text, filters and order as the URL holds them, under a name. */
export function SaveSearch({ state }: { state: SearchState }) {
  const { viewer } = useSession();
  const [, save] = useMutation(SaveSearchMutation);
  const action = useAction();
  const [saved, setSaved] = useState<string | null>(null);
  if (!viewer) return null;
  const submit = async (name: string) => {
    const chosen = name || state.q.trim() || "My search";
    const ok = await action.run(
      () =>
        save({
          name: chosen,
          search: state.q.trim() || null,
          filter: filterOf(state),
          orderBy: state.order,
        }),
      (d) => d.saveSearch,
    );
    if (ok) setSaved(chosen);
    return ok;
  };
  return (
    <details class="save-search">
      <summary>Save this search</summary>
      <NameForm
        id="save-search-name"
        label="Name"
        submit="Save"
        placeholder={state.q.trim() || "My search"}
        required={false}
        clearOnSave
        busy={action.busy}
        onSave={submit}
      />
      <div aria-live="polite">
        {action.message ? <p class="field-error">{action.message}</p> : null}
        {saved && !action.message ? (
          <p>
            Saved as “{saved}”. <a href="/workspace/saved-searches">Your saved searches</a> show what is new since you
            last looked.
          </p>
        ) : null}
      </div>
    </details>
  );
}
