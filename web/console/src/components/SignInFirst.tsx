import { useLocation } from "preact-iso";

/** Said on a page that needs a signed-in person, to someone signed out. */
export function SignInFirst({ title, what }: { title: string; what: string }) {
  const { url } = useLocation();
  return (
    <div class="page">
      <h1>{title}</h1>
      <p>
        {what} <a href={`/sign-in?next=${encodeURIComponent(url)}`}>Sign in</a> to see them.
      </p>
    </div>
  );
}
