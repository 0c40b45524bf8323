import { KnoudsError } from "../../domain/errors.js";
import { REQUEST_WORK_COSTS } from "../../domain/request-work.js";
import { requireInputsObject } from "../../domain/workflow.js";
import type { ModelInfo } from "../../runtime/providers/interface.js";
import { z } from "zod";
import { answerJson } from "../answer-budget.js";
import { DEFINITION_LIMITS } from "../../domain/workflow-limits.js";
import { builder, needs, signedInOr } from "../builder.js";
import { connectionOf, pageArgs, resolveKeysetConnection } from "../connections.js";
import { FIELD_COST, answersAtMost, storedJson, weighs } from "../cost-declarations.js";
import { chargeRun } from "../run-charge.js";
import { RunRef } from "./runs.js";
import { weighsJsonArgument } from "../work-cost.js";

const ModelRef = builder.objectRef<ModelInfo>("Model").implement({
  description: "A model in the registry.",
  fields: (t) => ({
    id: t.exposeID("id"),
    description: t.exposeString("description", { ...weighs(FIELD_COST.longText), ...answersAtMost(DEFINITION_LIMITS.descriptionChars) }),
    provider: t.exposeString("provider", { description: "builtin or http" }),
    inputSchema: t.field({
      ...storedJson(),
      type: "JSON",
      description: "JSON Schema of the inputs.",
      resolve: (m, _args, ctx) => answerJson(ctx, m.inputSchema),
    }),
    outputSchema: t.field({
      ...storedJson(),
      type: "JSON",
      description: "JSON Schema of the outputs.",
      resolve: (m, _args, ctx) => answerJson(ctx, m.outputSchema),
    }),
  }),
});

const ModelConnection = connectionOf(ModelRef, "Model");

builder.queryField("models", (t) =>
  t.field({
    type: ModelConnection,
    description: "The models in the registry, by id.",
    authScopes: signedInOr("listModels"),
    args: pageArgs,
    resolve: (_root, args, ctx) =>
      resolveKeysetConnection(args, {
        list: "models",
        position: (model: ModelInfo) => model.id,
        positionSchema: z.string().max(200),
        fetch: async (page) => ctx.services.models.list(page),
      }),
  }),
);

builder.mutationField("runModel", (t) =>
  t.field({
    type: RunRef,
    description: "Runs one registry model directly (admin).",
    authScopes: needs("runModel"),
    ...weighsJsonArgument("inputs", REQUEST_WORK_COSTS.inputCharsPerUnit),
    args: { id: t.arg.string({ required: true }), inputs: t.arg({ type: "JSON", required: true }) },
    resolve: async (_root, { id, inputs }, ctx) => {
      await chargeRun(ctx);
      const model = ctx.services.models.get(id);
      if (!model) throw KnoudsError.notFound();
      return ctx.services.runner.runModel(model, requireInputsObject(inputs), ctx.caller.key!);
    },
  }),
);
