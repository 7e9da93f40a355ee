import { PAGE_SIZE, SearchState, stateQuery } from "./url-state";

/** Previous and next as links (so they open in a new tab too), and where this page sits. */
export function Pager({ state, total, hasNext }: { state: SearchState; total: number; hasNext: boolean }) {
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  if (pages === 1 && state.page === 1) return null;
  const link = (page: number) => `/${stateQuery({ ...state, page })}`;
  return (
    <nav class="pager" aria-label="Pages of results">
      {state.page > 1 ? (
        <a href={link(state.page - 1)} rel="prev">
          ← Previous
        </a>
      ) : (
        <span />
      )}
      <span>
        Page {state.page} of {pages}
      </span>
      {hasNext ? (
        <a href={link(state.page + 1)} rel="next">
          Next →
        </a>
      ) : (
        <span />
      )}
    </nav>
  );
}
