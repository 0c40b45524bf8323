import { VISIBILITIES, WORKFLOW_STATUSES, requireInputsObject, type Workflow } from "../../domain/workflow.js";
import { z } from "zod";
import { answerJson } from "../answer-budget.js";
import { DEFINITION_LIMITS } from "../../domain/workflow-limits.js";
import { builder, signedInOr } from "../builder.js";
import { connectionOf, pageArgs, resolveKeysetConnection } from "../connections.js";
import { REQUEST_WORK_COSTS } from "../../domain/request-work.js";
import { actor, requestWork } from "../context.js";
import { FIELD_COST, answersAtMost, storedJson, weighs } from "../cost-declarations.js";
import { chargeRun } from "../run-charge.js";
import { RunRef } from "./runs.js";
import { actorOf } from "../../domain/principal.js";
import { weighsJsonArgument } from "../work-cost.js";

const WorkflowStatusEnum = builder.enumType("WorkflowStatus", { values: WORKFLOW_STATUSES });
const VisibilityEnum = builder.enumType("Visibility", { values: VISIBILITIES });

const WorkflowRef = builder.objectRef<Workflow>("Workflow").implement({
  description: "A workflow: steps that run registry models, fed by its inputs.",
  fields: (t) => ({
    id: t.exposeID("id", { description: "The full address, `handle/slug`: the same for every caller." }),
    slug: t.exposeString("slug", { description: "The id within the owner's namespace." }),
    ownerHandle: t.string({ description: "The owner account's handle.", resolve: (w) => w.id.split("/")[0]! }),
    name: t.exposeString("name"),
    description: t.exposeString("description", { ...weighs(FIELD_COST.longText), ...answersAtMost(DEFINITION_LIMITS.descriptionChars) }),
    status: t.field({ type: WorkflowStatusEnum, resolve: (w) => w.status }),
    visibility: t.field({ type: VisibilityEnum, resolve: (w) => w.visibility }),
    ownerId: t.exposeID("accountId"),
    inputSchema: t.field({
      ...storedJson(),
      type: "JSON",
      description: "JSON Schema of the run inputs.",
      authScopes: signedInOr("readWorkflowSchema"),
      resolve: (w, _args, ctx) => answerJson(ctx, w.inputSchema),
    }),
    steps: t.field({
      ...storedJson(),
      type: "JSON",
      nullable: true,
      description: "The steps; shown to the owner only.",
      resolve: (w, _args, ctx) => (w.accountId === actorOf(ctx.caller)?.account.id ? answerJson(ctx, w.steps) : null),
    }),
    outputs: t.field({
      ...storedJson(),
      type: "JSON",
      nullable: true,
      description: "How outputs are bound; shown to the owner only.",
      resolve: (w, _args, ctx) => (w.accountId === actorOf(ctx.caller)?.account.id ? answerJson(ctx, w.outputs) : null),
    }),
    createdAt: t.field({ type: "DateTime", resolve: (w) => w.createdAt }),
    updatedAt: t.field({ type: "DateTime", resolve: (w) => w.updatedAt }),
    lastRunAt: t.field({
      type: "DateTime",
      nullable: true,
      description:
        "When a run of it last started, by anyone who may run it; null when never. Written behind the runs: another instance's run can show up to a few seconds later.",
      resolve: (w, _args, ctx) => ctx.services.workflows.lastRunAt(w),
    }),
  }),
});

/** Either way of naming a workflow, as every workflow argument takes it. */
const WORKFLOW_ID_ARG = "`handle/slug`, or a bare slug for one of your own.";

const WorkflowConnection = connectionOf(WorkflowRef, "Workflow");

builder.queryField("workflows", (t) =>
  t.field({
    type: WorkflowConnection,
    description:
      "Your workflows, and with deployment scope or more (a key's, or your plan's highest when signed in) every public deployed one; by id. With `own: true`, only your account's.",
    authScopes: signedInOr("listWorkflows"),
    args: { ...pageArgs, own: t.arg.boolean({ description: "Only your account's workflows (default false)." }) },
    resolve: (_root, args, ctx) =>
      resolveKeysetConnection(args, {
        list: "workflows",
        position: (workflow: Workflow) => workflow.id,
        positionSchema: z.string().max(200),
        fetch: (page) => ctx.services.workflows.list(actor(ctx), page, args.own === true),
      }),
  }),
);

builder.queryField("workflow", (t) =>
  t.field({
    type: WorkflowRef,
    description: "One workflow you can see. Its inputSchema needs deployment scope.",
    authScopes: signedInOr("listWorkflows"),
    args: { id: t.arg.id({ required: true, description: WORKFLOW_ID_ARG }) },
    resolve: (_root, { id }, ctx) => ctx.services.workflows.find(actor(ctx), String(id)),
  }),
);

builder.mutationField("runWorkflow", (t) =>
  t.field({
    type: RunRef,
    description:
      "Runs a workflow: with a key, your own deployed ones (free), others' public deployed ones (deployment), your drafts (admin); signed in, any of your own, and others' as a key of your plan's highest scope.",
    authScopes: signedInOr("runOwnDeployedWorkflow"),
    ...weighsJsonArgument("inputs", REQUEST_WORK_COSTS.inputCharsPerUnit),
    args: { id: t.arg.id({ required: true, description: WORKFLOW_ID_ARG }), inputs: t.arg({ type: "JSON", required: true }) },
    resolve: async (_root, { id, inputs }, ctx) => {
      const caller = actor(ctx);
      await chargeRun(ctx);
      const workflow = await ctx.services.workflows.forRun(caller, String(id));
      return ctx.services.runner.runWorkflow(workflow, requireInputsObject(inputs), caller, requestWork(ctx));
    },
  }),
);

const CreateWorkflowInput = builder.inputType("CreateWorkflowInput", {
  fields: (t) => ({
    id: t.string({
      required: true,
      description: "Slug in your namespace: 1-64 characters of a-z, 0-9 and -. The workflow's id is then `yourhandle/slug`.",
    }),
    name: t.string({ required: true }),
    description: t.string(),
    visibility: t.field({ type: VisibilityEnum, description: "Defaults to private." }),
    inputSchema: t.field({ type: "JSON", required: true }),
    steps: t.field({ type: "JSON", required: true }),
    outputs: t.field({ type: "JSON", required: true }),
  }),
});

const UpdateWorkflowInput = builder.inputType("UpdateWorkflowInput", {
  fields: (t) => ({
    name: t.string(),
    description: t.string(),
    visibility: t.field({ type: VisibilityEnum }),
    inputSchema: t.field({ type: "JSON" }),
    steps: t.field({ type: "JSON" }),
    outputs: t.field({ type: "JSON" }),
  }),
});

builder.mutationField("createWorkflow", (t) =>
  t.field({
    type: WorkflowRef,
    description: "Creates a draft workflow in your account, unless it already holds its plan's most workflows (BAD_USER_INPUT).",
    authScopes: signedInOr("manageWorkflows"),
    ...weighsJsonArgument("input", REQUEST_WORK_COSTS.definitionCharsPerUnit),
    args: { input: t.arg({ type: CreateWorkflowInput, required: true }) },
    resolve: (_root, { input }, ctx) => ctx.services.workflows.create(actor(ctx), input, requestWork(ctx)),
  }),
);

builder.mutationField("updateWorkflow", (t) =>
  t.field({
    type: WorkflowRef,
    description: "Changes one of your workflows; fields left out stay as they are.",
    authScopes: signedInOr("manageWorkflows"),
    ...weighsJsonArgument("input", REQUEST_WORK_COSTS.definitionCharsPerUnit),
    args: { id: t.arg.id({ required: true, description: WORKFLOW_ID_ARG }), input: t.arg({ type: UpdateWorkflowInput, required: true }) },
    resolve: (_root, { id, input }, ctx) => ctx.services.workflows.update(actor(ctx), String(id), input, requestWork(ctx)),
  }),
);

builder.mutationField("deployWorkflow", (t) =>
  t.field({
    type: WorkflowRef,
    description: "Deploys one of your workflows, so deployment and free keys can run it.",
    authScopes: signedInOr("manageWorkflows"),
    args: { id: t.arg.id({ required: true, description: WORKFLOW_ID_ARG }) },
    resolve: (_root, { id }, ctx) => ctx.services.workflows.setStatus(actor(ctx), String(id), "deployed"),
  }),
);

builder.mutationField("undeployWorkflow", (t) =>
  t.field({
    type: WorkflowRef,
    description: "Takes one of your workflows back to draft.",
    authScopes: signedInOr("manageWorkflows"),
    args: { id: t.arg.id({ required: true, description: WORKFLOW_ID_ARG }) },
    resolve: (_root, { id }, ctx) => ctx.services.workflows.setStatus(actor(ctx), String(id), "draft"),
  }),
);

builder.mutationField("deleteWorkflow", (t) =>
  t.field({
    type: WorkflowRef,
    description: "Deletes one of your workflows for good. Its past runs stay readable.",
    authScopes: signedInOr("manageWorkflows"),
    args: { id: t.arg.id({ required: true, description: WORKFLOW_ID_ARG }) },
    resolve: (_root, { id }, ctx) => ctx.services.workflows.delete(actor(ctx), String(id)),
  }),
);
