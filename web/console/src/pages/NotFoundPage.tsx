import { useTitle } from "../components/useTitle";

export function NotFoundPage() {
  useTitle("Page not found");
  return (
    <div class="page">
      <h1>Page not found</h1>
      <p>
        There is no page at this address. <a href="/">Search the inventory</a>.
      </p>
    </div>
  );
}
