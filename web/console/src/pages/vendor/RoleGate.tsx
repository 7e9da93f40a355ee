import type { ComponentChildren } from "preact";
import { useLocation } from "preact-iso";
import type { Role } from "../../graphql/graphql";
import { useSession } from "../../session/session";

/**
 * A page for some roles only: signed out, it asks the person to sign in and
 * come back; signed in with another role, it says whose page it is. The API
 * refuses the data either way; this says so plainly instead of an error.
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
  if (!known) return <p class="page">Loading…</p>;
  if (viewer && roles.includes(viewer.role)) return <>{children}</>;
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
export const STATE_LABELS: Record<string, string> = {
  APPROVED: "Published",
  DRAFT: "Draft",
  PENDING: "Waiting for review",
  REJECTED: "Sent back",
  SUPERSEDED: "Replaced",
};
