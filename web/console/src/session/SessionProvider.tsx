import type { ComponentChildren } from "preact";
import { useCallback, useEffect, useMemo, useState } from "preact/hooks";
import { Provider } from "@urql/preact";
import type { Client } from "@urql/core";
import { createClient } from "../client";
import { graphql } from "../graphql";
import { endSession, Session, SessionContext, SignedIn, startSession } from "./session";

const Me = graphql(`
  query Me {
    me {
      authenticated
      role
      user {
        email
        name
      }
      organisation {
        name
      }
    }
  }
`);

const ENDED = "Your session has ended. Sign in again to see what your role allows.";

/**
 * Holds who is signed in and the GraphQL client that asks as them. Each
 * change of session gets a fresh client, so nothing cached for one viewer
 * is shown to the next. A request refused for an ended or expired session
 * clears the stale cookie, says so, and continues signed out.
 */
export function SessionProvider({ children }: { children: ComponentChildren }) {
  const [generation, setGeneration] = useState(0);
  const [viewer, setViewer] = useState<SignedIn | null>(null);
  const [known, setKnown] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  const expire = useCallback(() => {
    void endSession().then(() => {
      setViewer(null);
      setNotice(ENDED);
      setGeneration((g) => g + 1);
    });
  }, []);

  const client: Client = useMemo(() => {
    let reported = false;
    return createClient(() => {
      if (reported) return;
      reported = true;
      expire();
    });
  }, [generation, expire]);

  useEffect(() => {
    let live = true;
    void client
      .query(Me, {}, { requestPolicy: "network-only" })
      .toPromise()
      .then((r) => {
        if (!live) return;
        const me = r.data?.me;
        setViewer(
          me?.authenticated && me.role && me.user
            ? {
                email: me.user.email,
                name: me.user.name ?? null,
                role: me.role,
                organisation: me.organisation?.name ?? null,
              }
            : null,
        );
        // Known either way: a page that needs to know waits for this, and shows its own error if the API is away.
        setKnown(true);
      });
    return () => {
      live = false;
    };
  }, [client]);

  const session: Session = useMemo(
    () => ({
      viewer,
      known,
      notice,
      async signIn(token: string) {
        const failure = await startSession(token);
        if (failure) return failure;
        setNotice(null);
        setGeneration((g) => g + 1);
        return null;
      },
      async signOut() {
        await endSession();
        setViewer(null);
        setNotice("You have signed out.");
        setGeneration((g) => g + 1);
      },
      dismissNotice: () => setNotice(null),
    }),
    [viewer, known, notice],
  );

  return (
    <SessionContext.Provider value={session}>
      <Provider value={client}>{children}</Provider>
    </SessionContext.Provider>
  );
}
