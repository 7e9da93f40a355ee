import { useEditorContext } from "@graphiql/react";
import { GraphiQL, type GraphiQLProps } from "graphiql";
import { StrictMode, useEffect, useRef } from "react";
import { createRoot } from "react-dom/client";
import { GraphQLError } from "graphql";
import { examplesPlugin } from "./examples-plugin";
import { EXAMPLES, SIGN_IN_HINT } from "./examples";
import "graphiql/style.css";
import "./editor.css";

type Fetcher = GraphiQLProps["fetcher"];

/**
 * The page is served at the API's own path, so the API is where the page is:
 * no URL is configured, and a proxy that serves both under a prefix needs no
 * rebuild.
 */
const endpoint = window.location.pathname;

/**
 * POSTs each operation as JSON: a request with that content type cannot be a
 * simple cross-site form post, which the API's CSRF prevention relies on.
 * Headers from the editor's Headers pane (the bearer token) are added as given.
 */
const fetcher: Fetcher = async (params, options) => {
  const headers: Record<string, string> = {
    "content-type": "application/json",
    accept: "application/graphql-response+json, application/json",
  };
  for (const [name, value] of Object.entries(options?.headers ?? {})) headers[name] = String(value);
  const res = await fetch(endpoint, { method: "POST", headers, body: JSON.stringify(params), credentials: "omit" });
  const text = await res.text();
  try {
    return JSON.parse(text) as Awaited<ReturnType<Fetcher>>;
  } catch {
    return { errors: [new GraphQLError(`HTTP ${res.status}: ${text.slice(0, 200)}`)] };
  }
};

const tabs = EXAMPLES.map((e) => ({ query: e.query, variables: JSON.stringify(e.variables, null, 2) }));

/**
 * GraphiQL 4 fills the variables editor at start from its own storage, not
 * from the tab it opens on, so the first example would show no variables
 * (and run without them). Switching to the active tab once the editors exist
 * fills every editor from that tab.
 */
function ShowActiveTab() {
  const editor = useEditorContext({ nonNull: true });
  const ready = editor.queryEditor !== null && editor.variableEditor !== null && editor.headerEditor !== null;
  const done = useRef(false);
  const { changeTab, activeTabIndex } = editor;
  useEffect(() => {
    if (!ready || done.current) return;
    done.current = true;
    changeTab(activeTabIndex);
  }, [ready, changeTab, activeTabIndex]);
  return null;
}

function Editor() {
  return (
    <>
      <header className="ti-banner">
        <strong>Technical Inventory</strong> GraphQL API. The examples are open as tabs; the Examples panel in the
        sidebar reopens them. <span role="note">{SIGN_IN_HINT}</span>
      </header>
      <main className="ti-editor">
        <GraphiQL
          fetcher={fetcher}
          defaultTabs={tabs}
          plugins={[examplesPlugin]}
          defaultEditorToolsVisibility="variables"
          isHeadersEditorEnabled
        >
          <GraphiQL.Logo>
            <ShowActiveTab />
            Technical Inventory
          </GraphiQL.Logo>
        </GraphiQL>
      </main>
    </>
  );
}

const root = document.getElementById("root");
if (!root) throw new Error("the page has no #root element");
createRoot(root).render(
  <StrictMode>
    <Editor />
  </StrictMode>,
);
