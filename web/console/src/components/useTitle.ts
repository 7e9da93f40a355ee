import { useEffect } from "preact/hooks";

/** Sets the document title, so each page has its own in history and for screen readers. */
export function useTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} — Technical Inventory`;
  }, [title]);
}
