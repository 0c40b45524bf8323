/**
 * Who may do what with a workflow, refined from the scope table's CAPABILITIES by ownership,
 * status and visibility. Another account's private workflow (or draft) does not exist for a
 * caller: NOT_FOUND, never a 403, so nothing leaks.
 */
import { KnoudsError } from "./errors.js";
import { CAPABILITIES, scopeAtLeast, type Capability, type Scope } from "./scopes.js";
import type { Workflow } from "./workflow.js";

/**
 * The facts about a caller these rules need: an API key (`key` set) is judged by its scope; the
 * account's own browser session (`key` null) may do everything with its own workflows, and
 * acts with `scope` (its tier's ceiling) on other accounts' ones.
 */
export interface WorkflowCaller {
  account: { id: string };
  scope: Scope;
  key: object | null;
}

/** True when the caller is the account's own browser session and the workflow is the account's. */
function ownInBrowser(workflow: Workflow, caller: WorkflowCaller): boolean {
  return caller.key === null && workflow.accountId === caller.account.id;
}

/** True when the caller may know the workflow exists. */
export function isVisibleTo(workflow: Workflow, caller: WorkflowCaller): boolean {
  if (workflow.accountId === caller.account.id) return true;
  return workflow.visibility === "public" && workflow.status === "deployed" && scopeAtLeast(caller.scope, CAPABILITIES.runPublicWorkflow);
}

function requireScope(caller: { scope: Scope }, required: Scope): void {
  if (!scopeAtLeast(caller.scope, required)) throw KnoudsError.scopeDenied(required, caller.scope);
}

/** Throws SCOPE_DENIED unless the caller's scope covers the capability (REST's authScopes). */
export function assertCapability(caller: { scope: Scope }, capability: Capability): void {
  requireScope(caller, CAPABILITIES[capability]);
}

/** The scope running this workflow takes for this caller, or NOT_FOUND when it is not theirs to see. */
export function scopeToRun(workflow: Workflow, caller: WorkflowCaller): Scope {
  if (workflow.accountId === caller.account.id) {
    return workflow.status === "deployed" ? CAPABILITIES.runOwnDeployedWorkflow : CAPABILITIES.runOwnDraftWorkflow;
  }
  if (workflow.visibility === "public" && workflow.status === "deployed") return CAPABILITIES.runPublicWorkflow;
  throw KnoudsError.notFound();
}

/** Throws NOT_FOUND or SCOPE_DENIED unless the caller may run the workflow. */
export function assertMayRun(workflow: Workflow | null, caller: WorkflowCaller): Workflow {
  if (!workflow) throw KnoudsError.notFound();
  if (ownInBrowser(workflow, caller)) return workflow;
  requireScope(caller, scopeToRun(workflow, caller));
  return workflow;
}

/** Throws NOT_FOUND or SCOPE_DENIED unless the caller may read the workflow's input schema. */
export function assertMayReadSchema(workflow: Workflow | null, caller: WorkflowCaller): Workflow {
  if (!workflow) throw KnoudsError.notFound();
  const own = workflow.accountId === caller.account.id;
  if (!own && !(workflow.visibility === "public" && workflow.status === "deployed")) throw KnoudsError.notFound();
  if (ownInBrowser(workflow, caller)) return workflow;
  requireScope(caller, CAPABILITIES.readWorkflowSchema);
  return workflow;
}

/** Throws NOT_FOUND or SCOPE_DENIED unless the caller may change or delete the workflow. */
export function assertMayManage(workflow: Workflow | null, caller: WorkflowCaller): Workflow {
  if (!workflow || workflow.accountId !== caller.account.id) throw KnoudsError.notFound();
  if (caller.key === null) return workflow;
  requireScope(caller, CAPABILITIES.manageWorkflows);
  return workflow;
}
