import { Highlighted } from "../../components/Highlighted";
import { KIND_LABELS, STATUS_LABELS, VISIBILITY_LABELS } from "../../components/labels";
import type { SearchListingsQuery } from "../../graphql/graphql";
import { AddToShortlist } from "../workspace/AddToShortlist";
import { COMPARE_MAX } from "./url-state";

/** The comparison being built on the search page, which each result may join or leave. */
export interface Comparing {
  slugs: string[];
  toggle: (slug: string) => void;
}

type Edge = SearchListingsQuery["listings"]["edges"][number];

const FIELD_NAMES: Record<string, string> = {
  NAME: "name",
  ALIASES: "other names",
  CAPABILITIES: "capabilities",
  ORGANISATION: "organisation",
  SUMMARY: "summary",
  KIND: "kind",
};

/** A summary cut at a word near `max` characters. */
export function shortened(text: string, max = 220): string {
  if (text.length <= max) return text;
  const cut = text.lastIndexOf(" ", max);
  return `${text.slice(0, cut > 0 ? cut : max)}…`;
}

function Result({ edge, comparing }: { edge: Edge; comparing: Comparing }) {
  const { node, snippet } = edge;
  const headingId = `r-${node.slug}`;
  return (
    <li>
      <article class="result" aria-labelledby={headingId}>
        <h3 id={headingId}>
          <a href={`/listings/${encodeURIComponent(node.slug)}`}>
            {snippet?.field === "NAME" ? <Highlighted text={node.name} ranges={snippet.highlights} /> : node.name}
          </a>
        </h3>
        <p class="meta">
          {node.organisation ? <span>{node.organisation.name}</span> : <span>Owner not stated</span>}
          <span>{KIND_LABELS[node.kind]}</span>
          {node.status ? <span>{STATUS_LABELS[node.status]}</span> : null}
          {node.visibility !== "PUBLIC" ? <span class="badge">{VISIBILITY_LABELS[node.visibility]}</span> : null}
        </p>
        <p class="snippet">
          {snippet && snippet.field !== "NAME" ? (
            <Highlighted text={snippet.text} ranges={snippet.highlights} />
          ) : (
            shortened(node.summary)
          )}
        </p>
        {edge.matchedFields.length ? (
          <p class="matched">
            Matched in {edge.matchedFields.map((f) => FIELD_NAMES[f] ?? f.toLowerCase()).join(", ")}
          </p>
        ) : null}
        {node.capabilities.length ? (
          <ul class="tags" aria-label="Capabilities">
            {node.capabilities.map((c) => (
              <li key={c.slug}>{c.name}</li>
            ))}
          </ul>
        ) : null}
        <div class="result-actions">
          <CompareButton slug={node.slug} name={node.name} comparing={comparing} />
          <AddToShortlist slug={node.slug} name={node.name} />
        </div>
      </article>
    </li>
  );
}

/**
 * Adds a listing to the comparison or takes it out: a toggle button whose
 * name stays "Compare <listing>" and whose state is its pressed state (a
 * name that changed with the state would be announced twice over, as the
 * WAI-ARIA button pattern warns). The tick shown when pressed is decoration,
 * with empty alternative text.
 */
export function CompareButton({ slug, name, comparing }: { slug: string; name: string; comparing: Comparing }) {
  const picked = comparing.slugs.includes(slug);
  const full = !picked && comparing.slugs.length >= COMPARE_MAX;
  return (
    <button
      type="button"
      class="button secondary compare-toggle"
      aria-pressed={picked ? "true" : "false"}
      disabled={full}
      title={full ? "A comparison holds at most six listings" : undefined}
      onClick={() => comparing.toggle(slug)}
    >
      Compare<span class="visually-hidden"> {name}</span>
    </button>
  );
}

export function Results({ edges, first, comparing }: { edges: Edge[]; first: number; comparing: Comparing }) {
  return (
    <ol class="results" start={first}>
      {edges.map((e) => (
        <Result key={e.node.id} edge={e} comparing={comparing} />
      ))}
    </ol>
  );
}
