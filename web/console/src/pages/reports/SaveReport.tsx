import { useMutation } from "@urql/preact";
import type { ComponentChildren } from "preact";
import { useState } from "preact/hooks";
import { problemOf } from "../../client";
import { useTitle } from "../../components/useTitle";
import { RoleGate } from "../vendor/RoleGate";
import { useSession } from "../../session/session";
import { SaveDuplicationReport, SaveGapReport } from "./savedQueries";
import { duplicationInput, gapInput, type ReportScope } from "./scope";

/** Who may save and read saved reports. */
export const SAVED_REPORT_ROLES = ["ADMIN", "REVIEWER"] as const;

/** A saved reports page, titled, for reviewers and admins only; others are told whose page it is. */
export function SavedGate({ title, children }: { title: string; children: ComponentChildren }) {
  useTitle(title);
  return (
    <RoleGate roles={[...SAVED_REPORT_ROLES]} title={title} who="reviewers and administrators">
      {children}
    </RoleGate>
  );
}

/** Says why a request failed, in the words the console uses everywhere, with nothing changed. */
export function failureText(error: Parameters<typeof problemOf>[0]): string | null {
  const p = problemOf(error);
  if (!p) return null;
  switch (p.kind) {
    case "unavailable":
      return "The inventory is unavailable just now; nothing was saved. Try again in a few seconds.";
    case "rate-limited":
      return `Too many requests; nothing was saved. Try again${p.retryAfterS ? ` in ${p.retryAfterS} seconds` : " shortly"}.`;
    case "session-ended":
      return "Your session has ended; nothing was saved. Sign in again.";
    default:
      return p.message;
  }
}

/**
 * "Save this report" for reviewers and admins: the gap or duplication report
 * of exactly the scope on screen (the URL's), computed and kept under a name.
 * A refused name is said at the field; once saved, a link opens the saved
 * report.
 */
export function SaveReport({ scope, kind }: { scope: ReportScope; kind: "GAP" | "DUPLICATION" }) {
  const { viewer } = useSession();
  const [gapSaving, saveGap] = useMutation(SaveGapReport);
  const [duplicationSaving, saveDuplication] = useMutation(SaveDuplicationReport);
  const fetching = gapSaving.fetching || duplicationSaving.fetching;
  const [name, setName] = useState("");
  const [nameError, setNameError] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [saved, setSaved] = useState<{ id: string; name: string } | null>(null);
  if (!viewer || !(SAVED_REPORT_ROLES as readonly string[]).includes(viewer.role)) return null;
  const submit = async () => {
    setSaved(null);
    const result =
      kind === "GAP"
        ? await saveGap({ name: name.trim(), input: gapInput(scope) }).then((r) => ({
            error: r.error,
            payload: r.data?.saveGapReport,
          }))
        : await saveDuplication({ name: name.trim(), input: duplicationInput(scope) }).then((r) => ({
            error: r.error,
            payload: r.data?.saveDuplicationReport,
          }));
    const problem = failureText(result.error);
    const errors = result.payload?.userErrors ?? [];
    const atName = errors.filter((e) => e.field?.[0] === "name");
    setNameError(atName.length ? `Name: ${atName.map((e) => e.message).join("; ")}` : null);
    setFailure(problem ?? (errors.length > atName.length ? errors.map((e) => e.message).join("; ") : null));
    const report = result.payload?.savedReport;
    if (report) {
      setSaved({ id: report.id, name: report.name });
      setName("");
    } else if (atName.length) document.getElementById("save-report-name")?.focus();
  };
  return (
    <section aria-labelledby="save-report-heading" class="save-report">
      <h2 id="save-report-heading">Save this report</h2>
      <p class="hint">
        Keeps the report of exactly this scope as computed now, with the catalogue revision, to compare with later.
      </p>
      <form
        class="inline-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label for="save-report-name">Name</label>
        <input
          id="save-report-name"
          value={name}
          maxLength={200}
          aria-invalid={nameError ? "true" : undefined}
          aria-describedby={nameError ? "save-report-name-error" : undefined}
          onInput={(e) => setName(e.currentTarget.value)}
        />
        <button type="submit" class="button" disabled={fetching}>
          Save report
        </button>
      </form>
      <div aria-live="polite">
        {nameError ? (
          <p id="save-report-name-error" class="field-error">
            {nameError}
          </p>
        ) : null}
        {failure ? <p class="field-error">{failure}</p> : null}
        {saved ? (
          <p>
            Saved as “{saved.name}”. <a href={`/gaps/saved/${encodeURIComponent(saved.id)}`}>Open the saved report</a>{" "}
            or see{" "}
            <a href={`/gaps/saved?kind=${kind === "GAP" ? "gap" : "duplication"}`}>
              all saved {kind === "GAP" ? "gap" : "duplication"} reports
            </a>
            .
          </p>
        ) : null}
      </div>
    </section>
  );
}
