import { useLocation } from "preact-iso";
import { useState } from "preact/hooks";
import { useTitle } from "../components/useTitle";
import { Notice } from "../components/Notice";
import { useSession } from "./session";

/** Where to go after signing in: a path on this site only. */
function nextPath(raw: string | undefined): string {
  return raw && raw.startsWith("/") && !raw.startsWith("//") ? raw : "/";
}

/**
 * Signing in exchanges an API token for the session cookie (POST
 * /auth/session); the token is sent once and never stored by the page.
 */
export function SignInPage() {
  useTitle("Sign in");
  const session = useSession();
  const { query, route } = useLocation();
  const [token, setToken] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!token.trim()) {
      setError("Paste your API token first.");
      return;
    }
    setBusy(true);
    const failure = await session.signIn(token);
    setBusy(false);
    if (failure) {
      setError(failure);
      return;
    }
    setToken("");
    route(nextPath(query.next));
  };

  return (
    <div class="page narrow">
      <h1>Sign in</h1>
      <p>
        Paste the API token the working group's secretariat issued you. The console exchanges it for a session in this
        browser and does not keep the token.
      </p>
      {session.viewer ? (
        <Notice tone="info">
          You are signed in as {session.viewer.email}. <a href={nextPath(query.next)}>Continue</a>
        </Notice>
      ) : null}
      <form class="sign-in" onSubmit={(e) => void submit(e)} noValidate>
        <label for="token">API token</label>
        <input
          id="token"
          name="token"
          type="password"
          autoComplete="off"
          spellcheck={false}
          value={token}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "token-error" : "token-hint"}
          onInput={(e) => setToken(e.currentTarget.value)}
        />
        <p id="token-hint" class="hint">
          It begins with <code>ti_</code>.
        </p>
        {error ? (
          <p id="token-error" class="field-error" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" class="button" disabled={busy}>
          {busy ? "Signing in…" : "Sign in"}
        </button>
      </form>
    </div>
  );
}
