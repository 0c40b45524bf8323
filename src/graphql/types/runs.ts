import { FILTER_SCAN_LIMIT } from "../../domain/pages.js";
import { REQUEST_WORK_COSTS, REQUEST_WORK_LIMITS } from "../../domain/request-work.js";
import { RUN_ACTOR_KINDS, RUN_STATUSES, ranBy, type Run, type RunActor } from "../../domain/run.js";
import { resolveWorkflowAddress } from "../../domain/workflow.js";
import { answerJson } from "../answer-budget.js";
import { builder, signedInOr } from "../builder.js";
import { connectionOf, newestFirstPositionSchema, pageArgs, resolveKeysetConnection } from "../connections.js";
import { actor, requestWork } from "../context.js";
import { FIELD_COST, storedJson, weighsArguments } from "../cost-declarations.js";

const RunStatusEnum = builder.enumType("RunStatus", { values: RUN_STATUSES });
const RunActorKindEnum = builder.enumType("RunActorKind", {
  description: "How a run was started: with an API key, or by the account's owner in the browser (a signed-in session).",
  values: RUN_ACTOR_KINDS,
});

const RunActorRef = builder.objectRef<RunActor>("RunActor").implement({
  description: "Who ran a run.",
  fields: (t) => ({
    kind: t.field({ type: RunActorKindEnum, resolve: (a) => a.kind }),
    keyId: t.exposeID("keyId", { nullable: true, description: "The key, for API_KEY; null for BROWSER." }),
    keyName: t.exposeString("keyName", {
      nullable: true,
      description: "The key's name when it ran; null for BROWSER, and for runs recorded before names were kept with runs.",
    }),
  }),
});

export const RunRef = builder.objectRef<Run>("Run").implement({
  description: "One execution of a workflow or a single model.",
  fields: (t) => ({
    id: t.exposeID("id"),
    status: t.field({ type: RunStatusEnum, resolve: (r) => r.status }),
    workflowId: t.exposeString("workflowId", { nullable: true }),
    modelId: t.exposeString("modelId", { nullable: true }),
    keyId: t.exposeID("keyId", { nullable: true, description: "The key that ran it; null when run in the browser (see ranBy)." }),
    ranBy: t.field({ type: RunActorRef, description: "Who ran it: an API key (by name), or the browser.", resolve: (r) => ranBy(r) }),
    inputs: t.field({ ...storedJson(), type: "JSON", resolve: (r, _args, ctx) => answerJson(ctx, r.inputs) }),
    outputs: t.field({
      ...storedJson(),
      type: "JSON",
      nullable: true,
      resolve: (r, _args, ctx) => answerJson(ctx, r.outputs),
    }),
    error: t.string({
      ...storedJson(FIELD_COST.longText),
      nullable: true,
      description: "Why the run failed, when it did.",
      // It may quote an input's path: counted like the inputs themselves.
      resolve: (r, _args, ctx) => answerJson(ctx, r.error),
    }),
    startedAt: t.field({ type: "DateTime", resolve: (r) => r.startedAt }),
    finishedAt: t.field({ type: "DateTime", resolve: (r) => r.finishedAt }),
    durationMs: t.exposeInt("durationMs"),
  }),
});

builder.queryField("run", (t) =>
  t.field({
    type: RunRef,
    description: "A run of your account, whoever ran it (any key of the account, or the browser).",
    authScopes: signedInOr("readRun"),
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, ctx) => ctx.services.runner.findRun(String(id), actor(ctx)),
  }),
);

const RunConnection = connectionOf(RunRef, "Run");

function isGiven(value: unknown): boolean {
  return value !== undefined && value !== null;
}

builder.queryField("runs", (t) =>
  t.field({
    type: RunConnection,
    description:
      "Your account's runs (any key of the account, or the browser), newest first. With a filter, each page looks at no more than " +
      `${FILTER_SCAN_LIMIT.toLocaleString("en-US")} runs: a page may hold fewer than \`first\` runs, even none, with hasNextPage true; ` +
      "go on from its endCursor. The filtered lists of one request look at no more than " +
      `${REQUEST_WORK_LIMITS.scannedRuns.toLocaleString("en-US")} runs in all, and each weighs ${REQUEST_WORK_COSTS.filteredRunList} in the cost limit.`,
    authScopes: signedInOr("readRun"),
    // A filter makes the page a scan of up to FILTER_SCAN_LIMIT runs, whatever it answers.
    ...weighsArguments((args) => (isGiven(args.workflowId) || isGiven(args.status) ? REQUEST_WORK_COSTS.filteredRunList : 0)),
    args: {
      ...pageArgs,
      workflowId: t.arg.id({ description: "Only runs of this workflow: `handle/slug`, or a bare slug for one of your own." }),
      status: t.arg({ type: RunStatusEnum, description: "Only runs that ended this way." }),
    },
    resolve: (_root, args, ctx) => {
      const caller = actor(ctx);
      const workflowId = args.workflowId == null ? null : String(args.workflowId);
      const filter = {
        // An id no workflow can have matches no run.
        ...(workflowId !== null && { workflowId: resolveWorkflowAddress(workflowId, caller.account.handle) ?? workflowId }),
        ...(args.status != null && { status: args.status }),
      };
      const filtered = workflowId !== null || args.status != null;
      return resolveKeysetConnection(args, {
        list: "runs",
        position: (run: Run) => ({ at: run.startedAt, id: run.id }),
        positionSchema: newestFirstPositionSchema,
        // The scan is charged before it runs, for all it may look at: what remains of the
        // request's allowance when that is less than a full scan, so the page ends earlier
        // (searchedTo) rather than the request looking at more.
        fetch: (page) =>
          ctx.services.runner.listRuns(
            caller,
            filter,
            page,
            filtered ? requestWork(ctx).take("scannedRuns", FILTER_SCAN_LIMIT) : undefined,
          ),
      });
    },
  }),
);
