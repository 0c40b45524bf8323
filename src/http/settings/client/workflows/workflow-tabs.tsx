/** The pages of one workflow, as a row of links: Overview · Edit · Run · History · Call it from code. */
import { Link } from "../router.js";

export type WorkflowTab = "overview" | "edit" | "run" | "runs" | "code";

const TABS: ReadonlyArray<{ key: WorkflowTab; label: string; suffix: string }> = [
  { key: "overview", label: "Overview", suffix: "" },
  { key: "edit", label: "Edit", suffix: "/edit" },
  { key: "run", label: "Run", suffix: "/run" },
  { key: "runs", label: "History", suffix: "/runs" },
  { key: "code", label: "Call it from code", suffix: "/code" },
];

export function workflowPath(slug: string, tab: WorkflowTab = "overview"): string {
  return `/workflows/${encodeURIComponent(slug)}${TABS.find((t) => t.key === tab)!.suffix}`;
}

export function WorkflowTabs({ slug, current }: { slug: string; current: WorkflowTab }) {
  return (
    <nav class="wf-tabs" aria-label="This workflow">
      <Link href="/workflows" class="wf-back">
        ← Workflows
      </Link>
      <ul>
        {TABS.map((tab) => (
          <li key={tab.key}>
            <Link href={workflowPath(slug, tab.key)} aria-current={tab.key === current ? "page" : undefined}>
              {tab.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
