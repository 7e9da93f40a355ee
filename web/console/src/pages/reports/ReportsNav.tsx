import { useSession } from "../../session/session";
import type { ReportScope } from "./scope";
import { scopeQuery } from "./scope";

const TABS = [
  { path: "/gaps", label: "Gap heatmap", scoped: true },
  { path: "/gaps/single-points", label: "Single points of failure", scoped: true },
  { path: "/duplication", label: "Duplication", scoped: true },
  { path: "/stale", label: "Stale listings", scoped: false },
];

/** Saved reports, a tab for those who may read them (reviewers and admins). */
const SAVED_TAB = { path: "/gaps/saved", label: "Saved reports", scoped: false };

/** The report pages, as links that carry the scope from one to the next. */
export function ReportsNav({ current, scope }: { current: string; scope?: ReportScope }) {
  const { viewer } = useSession();
  const tabs = viewer?.role === "ADMIN" || viewer?.role === "REVIEWER" ? [...TABS, SAVED_TAB] : TABS;
  return (
    <nav class="report-tabs" aria-label="Reports">
      <ul>
        {tabs.map((t) => (
          <li key={t.path}>
            <a
              href={`${t.path}${t.scoped && scope ? scopeQuery(scope, false) : ""}`}
              aria-current={t.path === current ? "page" : undefined}
            >
              {t.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
