/** The app's route table: each page loads lazily, in its own chunk. */
import type { RouteDef } from "./router.js";
import { workflowRoutes } from "./workflows/routes.js";

export const routes: RouteDef[] = [
  { pattern: "/sign-in", title: "Sign in", access: "public", load: () => import("./pages/sign-in.js") },
  { pattern: "/sign-up", title: "Sign up", access: "public", load: () => import("./pages/sign-up.js") },
  { pattern: "/settings/api-keys", title: "API Keys", section: "/settings/api-keys", load: () => import("./pages/api-keys.js") },
  {
    pattern: "/settings/security-log",
    title: "Security log",
    section: "/settings/security-log",
    load: () => import("./pages/security-log.js"),
  },
  ...workflowRoutes,
];

/** Where `/` and `/settings` lead a signed-in visitor. */
export const HOME = "/workflows";
