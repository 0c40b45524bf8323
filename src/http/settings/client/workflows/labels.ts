/** How the pages name a workflow's status and visibility. */
import type { Visibility, WorkflowStatus } from "../gql/graphql.js";

export const STATUS_LABEL: Record<WorkflowStatus, string> = { deployed: "Deployed", draft: "Draft" };
export const VISIBILITY_LABEL: Record<Visibility, string> = { private: "Private", public: "Public" };
