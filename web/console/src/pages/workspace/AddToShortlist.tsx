import { useMutation, useQuery } from "@urql/preact";
import { useState } from "preact/hooks";
import { problemOf } from "../../client";
import { useSession } from "../../session/session";
import { useAction } from "./action";
import { AddToShortlistMutation, MyShortlists } from "./queries";

let nextId = 0;

/**
 * "Add to shortlist" for one listing, for a signed-in person: a disclosure
 * with their own unlocked shortlists to choose from and an optional note.
 * Nothing for someone signed out.
 */
export function AddToShortlist({ slug, name, compact = false }: { slug: string; name: string; compact?: boolean }) {
  const { viewer } = useSession();
  const [{ data, error }] = useQuery({ query: MyShortlists, pause: !viewer, requestPolicy: "cache-and-network" });
  const [, add] = useMutation(AddToShortlistMutation);
  const action = useAction();
  const [id] = useState(() => `ats-${++nextId}`);
  const [chosen, setChosen] = useState("");
  const [note, setNote] = useState("");
  const [added, setAdded] = useState<{ id: string; name: string } | null>(null);
  if (!viewer) return null;
  const lists = (data?.shortlists ?? []).filter((s) => s.ownedByYou && !s.locked);
  const target = chosen || lists[0]?.id || "";
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!target) return;
    let answer: { id: string; name: string } | null = null;
    const ok = await action.run(
      () => add({ shortlist: target, slug, note: note.trim() || null }).then((r) => r),
      (d) => {
        const s = d.addToShortlist.shortlist;
        if (s) answer = { id: s.id, name: s.name };
        return d.addToShortlist;
      },
    );
    if (ok) {
      setAdded(answer);
      setNote("");
    }
  };
  return (
    <details class={`add-to-shortlist${compact ? " compact" : ""}`}>
      <summary>
        Add to shortlist<span class="visually-hidden"> ({name})</span>
      </summary>
      {!data ? (
        <p>
          {error
            ? problemOf(error)?.kind === "unavailable"
              ? "Your shortlists cannot be read just now."
              : error.message
            : "Reading your shortlists…"}
        </p>
      ) : !lists.length ? (
        <p>
          You have no shortlist to add to. <a href="/workspace/shortlists">Start one</a>.
        </p>
      ) : (
        <form onSubmit={(e) => void submit(e)}>
          <label for={`${id}-list`}>Shortlist</label>
          <select id={`${id}-list`} value={target} onChange={(e) => setChosen(e.currentTarget.value)}>
            {lists.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
          <label for={`${id}-note`}>Note (optional)</label>
          <input id={`${id}-note`} value={note} maxLength={1000} onInput={(e) => setNote(e.currentTarget.value)} />
          <button type="submit" class="button secondary" disabled={action.busy || !target}>
            Add
          </button>
        </form>
      )}
      <div aria-live="polite">
        {action.message ? <p class="field-error">{action.message}</p> : null}
        {added && !action.message ? (
          <p>
            Added to <a href={`/workspace/shortlists/${encodeURIComponent(added.id)}`}>{added.name}</a>.
          </p>
        ) : null}
      </div>
    </details>
  );
}
