import { useMutation } from "@urql/preact";
import type { CombinedError } from "@urql/core";
import { useEffect, useRef, useState } from "preact/hooks";
import { Notice } from "../../components/Notice";
import { ProblemNotice } from "../../components/Problem";
import { WithdrawSubmissionDoc } from "./queries";

/** Why a withdrawal was refused, in the vendor's terms rather than the API's. */
function refusal(code: string, message: string, revision: number): string {
  switch (code) {
    case "CONFLICT":
      return `There is nothing to withdraw: revision ${revision} is no longer waiting for review. A reviewer may have decided on it, or it was withdrawn already. Load the latest version to see where it stands.`;
    case "NOT_FOUND":
      return "This listing is no longer one you may edit.";
    default:
      return `It could not be withdrawn: ${message}.`;
  }
}

/**
 * "Withdraw from review" for the latest revision waiting for a reviewer,
 * confirmed in a modal dialog (the browser's own <dialog>: focus stays in
 * it, Escape cancels, focus goes back to the button). Withdrawn, the
 * revision is a draft again; refused, the reason is said in words.
 */
export function Withdraw({
  slug,
  revision,
  reload,
  onWithdrawn,
}: {
  slug: string;
  revision: number;
  reload: () => void;
  onWithdrawn: () => void;
}) {
  const [, withdraw] = useMutation(WithdrawSubmissionDoc);
  const dialog = useRef<HTMLDialogElement>(null);
  const keep = useRef<HTMLButtonElement>(null);
  const refusedRef = useRef<HTMLDivElement>(null);
  const [busy, setBusy] = useState(false);
  const [refused, setRefused] = useState<string | null>(null);
  const [problem, setProblem] = useState<CombinedError | undefined>(undefined);

  useEffect(() => {
    if (refused) refusedRef.current?.focus();
  }, [refused]);

  const ask = () => {
    setRefused(null);
    dialog.current?.showModal();
    // The choice that changes nothing is the one Enter takes.
    keep.current?.focus();
  };

  const confirm = async () => {
    setBusy(true);
    const r = await withdraw({ slug });
    setBusy(false);
    dialog.current?.close();
    setProblem(r.error);
    const p = r.data?.withdrawSubmission;
    if (!p) return;
    if (p.userErrors.length) {
      const e = p.userErrors[0];
      setRefused(refusal(e.code, e.message, revision));
      return;
    }
    onWithdrawn();
  };

  return (
    <div class="withdraw">
      <button type="button" class="button secondary" onClick={ask}>
        Withdraw from review
      </button>
      <ProblemNotice error={problem} retry={() => setProblem(undefined)} />
      {refused ? (
        <div ref={refusedRef} tabIndex={-1}>
          <Notice tone="error" title="Not withdrawn">
            <p>{refused}</p>
            <button type="button" class="button" onClick={reload}>
              Load the latest version
            </button>
          </Notice>
        </div>
      ) : null}
      <dialog ref={dialog} class="confirm" aria-labelledby="withdraw-title" aria-describedby="withdraw-text">
        <h2 id="withdraw-title">Withdraw revision {revision} from review?</h2>
        <p id="withdraw-text">
          It goes back to being a draft: reviewers no longer see it in their queue, and nothing is published. You can
          change it and submit it again.
        </p>
        <div class="dialog-actions">
          <button type="button" class="button" disabled={busy} onClick={() => void confirm()}>
            Withdraw it
          </button>
          <button type="button" class="button secondary" ref={keep} onClick={() => dialog.current?.close()}>
            Keep it waiting
          </button>
        </div>
      </dialog>
    </div>
  );
}
