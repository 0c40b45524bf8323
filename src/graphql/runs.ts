import { RUN_STATUSES, type Run } from "../domain/run.js";
import { builder, needs } from "./builder.js";

const RunStatusEnum = builder.enumType("RunStatus", { values: RUN_STATUSES });

export const RunRef = builder.objectRef<Run>("Run").implement({
  description: "One execution of a workflow or a single model.",
  fields: (t) => ({
    id: t.exposeID("id"),
    status: t.field({ type: RunStatusEnum, resolve: (r) => r.status }),
    workflowId: t.exposeString("workflowId", { nullable: true }),
    modelId: t.exposeString("modelId", { nullable: true }),
    keyId: t.exposeID("keyId"),
    inputs: t.field({ type: "JSON", resolve: (r) => r.inputs }),
    outputs: t.field({ type: "JSON", nullable: true, resolve: (r) => r.outputs }),
    error: t.exposeString("error", { nullable: true, description: "Why the run failed, when it did." }),
    startedAt: t.field({ type: "DateTime", resolve: (r) => r.startedAt }),
    finishedAt: t.field({ type: "DateTime", resolve: (r) => r.finishedAt }),
    durationMs: t.exposeInt("durationMs"),
  }),
});

builder.queryField("run", (t) =>
  t.field({
    type: RunRef,
    description: "A run of your account.",
    authScopes: needs("readRun"),
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, ctx) => ctx.services.runner.findRun(String(id), ctx.caller.key!),
  }),
);
