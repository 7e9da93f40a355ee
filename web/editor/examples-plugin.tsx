import { useEditorContext, type GraphiQLPlugin } from "@graphiql/react";
import { EXAMPLES, type Example } from "./examples";

const AUDIENCES = [...new Set(EXAMPLES.map((e) => e.audience))];

/** The example a tab holds, if it still holds one unchanged. */
function tabIndexOf(tabs: { query: string | null }[], example: Example): number {
  return tabs.findIndex((t) => t.query === example.query);
}

function ExamplesPanel() {
  const editor = useEditorContext({ nonNull: true });
  const open = (example: Example) => {
    const existing = tabIndexOf(editor.tabs, example);
    if (existing >= 0) {
      editor.changeTab(existing);
      return;
    }
    editor.addTab();
    // addTab fills the editors with an empty tab when React next renders; the example goes in after that.
    setTimeout(() => {
      editor.queryEditor?.setValue(example.query);
      editor.variableEditor?.setValue(JSON.stringify(example.variables, null, 2));
    }, 0);
  };
  return (
    <section className="ti-examples" aria-labelledby="ti-examples-title">
      <h2 id="ti-examples-title" className="graphiql-doc-explorer-title">
        Examples
      </h2>
      {AUDIENCES.map((audience) => (
        <section key={audience} aria-label={audience}>
          <h3>{audience}</h3>
          <ul>
            {EXAMPLES.filter((e) => e.audience === audience).map((e) => (
              <li key={e.title}>
                <button type="button" className="graphiql-button" onClick={() => open(e)}>
                  {e.title}
                </button>
                <p>{e.description}</p>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </section>
  );
}

function ExamplesIcon() {
  return (
    <svg viewBox="0 0 24 24" width="1em" height="1em" fill="none" stroke="currentColor" strokeWidth="1.5" aria-hidden>
      <rect x="4" y="3" width="16" height="18" rx="2" />
      <path d="M8 8h8M8 12h8M8 16h5" />
    </svg>
  );
}

/** A sidebar panel listing the examples by who they are for, with how to sign in. */
export const examplesPlugin: GraphiQLPlugin = { title: "Examples", icon: ExamplesIcon, content: ExamplesPanel };
