import { useQuery } from "@urql/preact";
import type { ComponentChildren } from "preact";
import { useLocation } from "preact-iso";
import { ProblemNotice } from "../../components/Problem";
import { graphql } from "../../graphql";
import type { Role } from "../../graphql/graphql";
import { useSession } from "../../session/session";

const SignedInCheck = graphql(`
  query SignedInCheck {
    me {
      authenticated
    }
  }
`);

/**
 * A page for some roles only: signed out, it asks the person to sign in and
 * come back; signed in with another role, it says whose page it is. The API
 * refuses the data either way; this says so plainly instead of an error.
 * Signed out because the API could not say who is signed in (the database
 * away, too many requests), it says that instead, with a way to try again.
 */
export function RoleGate({
  roles,
  title,
  who,
  children,
}: {
  roles: Role[];
  title: string;
  who: string;
  children: ComponentChildren;
}) {
  const { viewer, known } = useSession();
  const { url } = useLocation();
  const [check] = useQuery({ query: SignedInCheck, pause: !known || viewer !== null });
  if (!known) return <p class="page">Loading…</p>;
  if (viewer && roles.includes(viewer.role)) return <>{children}</>;
  if (!viewer && check.error)
    return (
      <div class="page">
        <h1>{title}</h1>
        {/* Trying again loads the page afresh, which asks again who is signed in. */}
        <ProblemNotice error={check.error} retry={() => location.reload()} />
      </div>
    );
  return (
    <div class="page narrow">
      <h1>{title}</h1>
      {viewer ? (
        <p>This page is for {who}. You are signed in with another role.</p>
      ) : (
        <p>
          This page is for {who}. <a href={`/sign-in?next=${encodeURIComponent(url)}`}>Sign in</a> to see it.
        </p>
      )}
    </div>
  );
}

/** How a revision's state reads. */
/** Where a listing's editor goes back to: a vendor to their organisation's listings, a reviewer to the queue. */
export function editorHome(role: Role | undefined): { href: string; label: string } {
  return role === "VENDOR"
    ? { href: "/vendor", label: "My organisation's listings" }
    : { href: "/review", label: "Review queue" };
}

export const STATE_LABELS: Record<string, string> = {
  APPROVED: "Published",
  DRAFT: "Draft",
  PENDING: "Waiting for review",
  REJECTED: "Sent back",
  SUPERSEDED: "Replaced",
};
