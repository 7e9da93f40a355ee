import type { CombinedError, OperationResult } from "@urql/core";
import { useClient } from "@urql/preact";
import { useEffect, useState } from "preact/hooks";
import type { ListingFilter, ListingOrder, SearchPageStartQuery } from "../../graphql/graphql";
import { PAGE_SIZE } from "./url-state";
import { SearchPageStart } from "./queries";

export type PageStart =
  | { state: "loading" }
  | { state: "ready"; after: string | null }
  | { state: "past-end" }
  | { state: "failed"; error: CombinedError };

/**
 * The cursor where page `page` begins. The URL holds a page number, which
 * reads well and survives being shared; the API pages by cursor, so for page
 * n the cursor is found by asking for the (n-1)·size listings before it, 100
 * at a time, with nothing but the cursor selected.
 */
export function usePageStart(
  vars: { search: string | undefined; filter: ListingFilter; orderBy: ListingOrder | undefined },
  page: number,
  key: string,
): PageStart {
  const client = useClient();
  const [start, setStart] = useState<PageStart>(page === 1 ? { state: "ready", after: null } : { state: "loading" });
  useEffect(() => {
    if (page === 1) {
      setStart({ state: "ready", after: null });
      return;
    }
    let live = true;
    setStart({ state: "loading" });
    void (async () => {
      let after: string | null = null;
      for (let left = (page - 1) * PAGE_SIZE; left > 0;) {
        const first = Math.min(100, left);
        const r: OperationResult<SearchPageStartQuery> = await client
          .query(SearchPageStart, { ...vars, first, after })
          .toPromise();
        if (!live) return;
        if (r.error || !r.data) return r.error && setStart({ state: "failed", error: r.error });
        const info: { endCursor?: string | null; hasNextPage: boolean } = r.data.listings.pageInfo;
        left -= first;
        if (!info.endCursor || (left > 0 && !info.hasNextPage)) return setStart({ state: "past-end" });
        after = info.endCursor;
      }
      setStart({ state: "ready", after });
    })();
    return () => {
      live = false;
    };
  }, [client, key, page]);
  return start;
}
