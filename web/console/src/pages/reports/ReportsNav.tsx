import type { ReportScope } from "./scope";
import { scopeQuery } from "./scope";

const TABS = [
  { path: "/gaps", label: "Gap heatmap", scoped: true },
  { path: "/gaps/single-points", label: "Single points of failure", scoped: true },
  { path: "/duplication", label: "Duplication", scoped: true },
  { path: "/stale", label: "Stale listings", scoped: false },
];

/** The report pages, as links that carry the scope from one to the next. */
export function ReportsNav({ current, scope }: { current: string; scope?: ReportScope }) {
  return (
    <nav class="report-tabs" aria-label="Reports">
      <ul>
        {TABS.map((t) => (
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
