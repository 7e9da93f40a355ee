import { useMutation, useQuery } from "@urql/preact";
import { useLocation } from "preact-iso";
import { graphql } from "../../graphql";
import { Notice } from "../../components/Notice";
import { ProblemNotice } from "../../components/Problem";
import { SignInFirst } from "../../components/SignInFirst";
import { useTitle } from "../../components/useTitle";
import { useSession } from "../../session/session";
import { useAction } from "./action";
import { ActionMessage, NameForm } from "./NameForm";
import { MyShortlists } from "./queries";

const CreateShortlist = graphql(`
  mutation CreateShortlist($name: String!) {
    createShortlist(name: $name) {
      shortlist {
        id
        name
      }
      userErrors {
        message
      }
    }
  }
`);

const DATE = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium" });

/** The signed-in person's shortlists and those shared with them; a form to start one. */
export function ShortlistsPage() {
  const { viewer, known } = useSession();
  const location = useLocation();
  useTitle("Shortlists");
  const [{ data, error }, reexecute] = useQuery({
    query: MyShortlists,
    pause: !viewer,
    requestPolicy: "cache-and-network",
  });
  const [, create] = useMutation(CreateShortlist);
  const action = useAction();
  if (known && !viewer) return <SignInFirst title="Shortlists" what="Shortlists belong to a signed-in person." />;
  const lists = data?.shortlists;
  const submit = async (name: string) => {
    let id: string | null = null;
    const ok = await action.run(
      () => create({ name }),
      (d) => {
        id = d.createShortlist.shortlist?.id ?? null;
        return d.createShortlist;
      },
    );
    if (ok && id) location.route(`/workspace/shortlists/${encodeURIComponent(id)}`);
    return ok;
  };
  return (
    <div class="page workspace">
      <h1>Shortlists</h1>
      <NameForm
        id="new-shortlist"
        label="Start a shortlist named"
        submit="Start shortlist"
        busy={action.busy}
        onSave={submit}
      />
      <ActionMessage message={action.message} />
      <ProblemNotice error={error} retry={() => reexecute({ requestPolicy: "network-only" })} />
      {lists && !lists.length ? (
        <Notice tone="info" title="No shortlists yet">
          <p>Start one above, then add listings to it from search results or a listing’s page.</p>
        </Notice>
      ) : null}
      {lists?.length ? (
        <table class="shortlists">
          <caption class="visually-hidden">Your shortlists and those shared with you</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">State</th>
              <th scope="col">Changed</th>
            </tr>
          </thead>
          <tbody>
            {lists.map((s) => (
              <tr key={s.id}>
                <th scope="row">
                  <a href={`/workspace/shortlists/${encodeURIComponent(s.id)}`}>{s.name}</a>
                </th>
                <td>
                  {[
                    s.locked ? "Locked" : "Open",
                    s.ownedByYou
                      ? s.sharedWith.length
                        ? `shared with ${s.sharedWith.length}`
                        : null
                      : "shared with you",
                  ]
                    .filter(Boolean)
                    .join(", ")}
                </td>
                <td>{DATE.format(new Date(s.updatedAt))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
