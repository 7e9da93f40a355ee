import { createContext } from "preact";
import { useContext } from "preact/hooks";
import type { Role } from "../graphql/graphql";

/** The signed-in person as the header shows them; null when signed out. */
export interface SignedIn {
  email: string;
  name: string | null;
  role: Role;
  organisation: string | null;
}

export interface Session {
  viewer: SignedIn | null;
  /** False until the first `me` answer arrives. */
  known: boolean;
  /** Something to tell the person about their session (it ended, they signed out). */
  notice: string | null;
  signIn(token: string): Promise<string | null>;
  signOut(): Promise<void>;
  dismissNotice(): void;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession outside SessionContext");
  return session;
}

/** How a role reads in the header. */
export const ROLE_LABELS: Record<Role, string> = {
  ADMIN: "Administrator",
  LAW_ENFORCEMENT: "Law enforcement",
  REVIEWER: "Reviewer",
  VENDOR: "Vendor",
};

/** Exchanges an API token for the session cookie; answers an error message, or null on success. */
export async function startSession(token: string): Promise<string | null> {
  const res = await fetch("/auth/session", {
    method: "POST",
    credentials: "same-origin",
    headers: { authorization: `Bearer ${token.trim()}` },
  }).catch(() => null);
  if (!res) return "The server could not be reached.";
  if (res.status === 201) return null;
  if (res.status === 429) {
    const after = res.headers.get("retry-after");
    return `Too many attempts: try again${after ? ` in ${after} seconds` : " later"}.`;
  }
  if (res.status === 503) return "The inventory's database is unavailable just now; try again shortly.";
  if (res.status === 401) return "That token was not accepted: check it, or ask for a new one.";
  const body = (await res.json().catch(() => null)) as { errors?: { message: string }[] } | null;
  return body?.errors?.[0]?.message ?? `Sign-in failed (HTTP ${res.status}).`;
}

/** Ends the session in the cookie and clears it (a stale cookie too). */
export async function endSession(): Promise<void> {
  await fetch("/auth/session", { method: "DELETE", credentials: "same-origin" }).catch(() => undefined);
}
