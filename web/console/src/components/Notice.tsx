import type { ComponentChildren } from "preact";

/** A message in a live region: `alert` for problems, `status` for information. */
export function Notice({
  tone,
  title,
  children,
  onDismiss,
}: {
  tone: "info" | "warning" | "error";
  title?: string;
  children: ComponentChildren;
  onDismiss?: () => void;
}) {
  return (
    <div class={`notice notice-${tone}`} role={tone === "info" ? "status" : "alert"}>
      <div class="notice-body">
        {title ? <p class="notice-title">{title}</p> : null}
        <div>{children}</div>
      </div>
      {onDismiss ? (
        <button type="button" class="button link" onClick={onDismiss}>
          Dismiss
        </button>
      ) : null}
    </div>
  );
}
