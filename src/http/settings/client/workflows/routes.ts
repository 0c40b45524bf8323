/**
 * The workflow pages' routes. A placeholder from the app's foundation: the workflow pages
 * (engineer "flows") replace this file with their own table.
 */
import type { RouteDef } from "../router.js";

export const workflowRoutes: RouteDef[] = [
  { pattern: "/workflows", title: "Workflows", section: "/workflows", load: () => import("./placeholder.js") },
  { pattern: "/runs", title: "Runs", section: "/runs", load: () => import("./placeholder.js") },
];
