/**
 * The workflow pages' routes, more specific patterns first. The edit and history pages (the
 * editor's) live beside them: ./edit-page, ./runs-page and ../runs/account-runs-page.
 */
import type { RouteDef } from "../router.js";

export const workflowRoutes: RouteDef[] = [
  { pattern: "/workflows", title: "Workflows", section: "/workflows", load: () => import("./list-page.js") },
  { pattern: "/workflows/new", title: "New workflow", section: "/workflows", load: () => import("./new-page.js") },
  { pattern: "/workflows/:slug", title: "Workflow", section: "/workflows", load: () => import("./overview-page.js") },
  { pattern: "/workflows/:slug/edit", title: "Edit workflow", section: "/workflows", load: () => import("./edit-page.js") },
  { pattern: "/workflows/:slug/run", title: "Run workflow", section: "/workflows", load: () => import("./run-page.js") },
  { pattern: "/workflows/:slug/runs", title: "Workflow history", section: "/workflows", load: () => import("./runs-page.js") },
  { pattern: "/workflows/:slug/code", title: "Call it from code", section: "/workflows", load: () => import("./code-page.js") },
  { pattern: "/runs", title: "Runs", section: "/runs", load: () => import("../runs/account-runs-page.js") },
];
