import { useLocation } from "preact-iso";
import { ROLE_LABELS, useSession } from "../session/session";
import { Notice } from "./Notice";

/** The report pages, under one entry of the main navigation. */
const REPORT_PATHS = ["/gaps", "/gaps/single-points", "/duplication", "/stale"];

/** The banner: the console's name, the search link, and who is signed in (or a way to sign in). */
export function Header() {
  const session = useSession();
  const { path, url } = useLocation();
  const { viewer } = session;
  return (
    <header class="site-header">
      <div class="bar">
        <a class="brand" href="/">
          Technical Inventory
        </a>
        <nav aria-label="Main">
          <ul>
            <li>
              <a href="/" aria-current={path === "/" ? "page" : undefined}>
                Search
              </a>
            </li>
            {viewer ? (
              <>
                <li>
                  <a
                    href="/workspace/saved-searches"
                    aria-current={path === "/workspace/saved-searches" ? "page" : undefined}
                  >
                    Saved searches
                  </a>
                </li>
                <li>
                  <a
                    href="/workspace/shortlists"
                    aria-current={path.startsWith("/workspace/shortlists") ? "page" : undefined}
                  >
                    Shortlists
                  </a>
                </li>
              </>
            ) : null}
            {viewer?.role === "VENDOR" ? (
              <li>
                <a href="/vendor" aria-current={path.startsWith("/vendor") ? "page" : undefined}>
                  My listings
                </a>
              </li>
            ) : null}
            {viewer?.role === "REVIEWER" || viewer?.role === "ADMIN" ? (
              <li>
                <a href="/review" aria-current={path.startsWith("/review") ? "page" : undefined}>
                  Review queue
                </a>
              </li>
            ) : null}
            <li>
              <a href="/gaps" aria-current={REPORT_PATHS.includes(path) ? "page" : undefined}>
                Reports
              </a>
            </li>
          </ul>
        </nav>
        <div class="who" aria-live="polite">
          {viewer ? (
            <>
              <span class="who-name">
                Signed in as <strong>{viewer.name ?? viewer.email}</strong>{" "}
                <span class="role" data-role={viewer.role}>
                  {ROLE_LABELS[viewer.role]}
                </span>
                {viewer.organisation ? <span class="who-org"> for {viewer.organisation}</span> : null}
              </span>
              <button type="button" class="button secondary" onClick={() => void session.signOut()}>
                Sign out
              </button>
            </>
          ) : session.known ? (
            path === "/sign-in" ? null : (
              <a class="button secondary" href={`/sign-in?next=${encodeURIComponent(url)}`}>
                Sign in
              </a>
            )
          ) : null}
        </div>
      </div>
      {session.notice ? (
        <Notice tone="info" onDismiss={session.dismissNotice}>
          {session.notice}
        </Notice>
      ) : null}
    </header>
  );
}
