import { KnoudsError } from "../domain/errors.js";
import { requireInputsObject } from "../domain/workflow.js";
import type { ModelInfo } from "../runtime/providers/interface.js";
import { builder, needs } from "./builder.js";
import { chargeRun } from "./run-charge.js";
import { RunRef } from "./runs.js";

const ModelRef = builder.objectRef<ModelInfo>("Model").implement({
  description: "A model in the registry.",
  fields: (t) => ({
    id: t.exposeID("id"),
    description: t.exposeString("description"),
    provider: t.exposeString("provider", { description: "builtin or http" }),
    inputSchema: t.field({ type: "JSON", description: "JSON Schema of the inputs.", resolve: (m) => m.inputSchema }),
    outputSchema: t.field({ type: "JSON", description: "JSON Schema of the outputs.", resolve: (m) => m.outputSchema }),
  }),
});

builder.queryField("models", (t) =>
  t.field({
    type: [ModelRef],
    description: "Every model in the registry.",
    authScopes: needs("listModels"),
    resolve: (_root, _args, ctx) => ctx.services.models.list(),
  }),
);

builder.mutationField("runModel", (t) =>
  t.field({
    type: RunRef,
    description: "Runs one registry model directly (admin).",
    authScopes: needs("runModel"),
    args: { id: t.arg.string({ required: true }), inputs: t.arg({ type: "JSON", required: true }) },
    resolve: async (_root, { id, inputs }, ctx) => {
      await chargeRun(ctx);
      const model = ctx.services.models.get(id);
      if (!model) throw KnoudsError.notFound();
      return ctx.services.runner.runModel(model, requireInputsObject(inputs), ctx.caller.key!);
    },
  }),
);
