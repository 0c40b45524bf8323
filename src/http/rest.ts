/**
 * The legacy REST routes. They call the same services as GraphQL and answer errors through
 * the same module (src/domain/errors.ts via sendError), so the bodies match docs/api.md#rest-errors exactly.
 */
import type { FastifyPluginAsync, FastifyRequest } from "fastify";
import type { KeyPrincipal } from "../domain/principal.js";
import { KnoudsError } from "../domain/errors.js";
import { assertCapability } from "../domain/workflow-access.js";
import type { Capability } from "../domain/scopes.js";
import { ranBy, type Run } from "../domain/run.js";
import { HANDLE } from "../domain/handle.js";
import { WORKFLOW_SLUG, requireInputsObject, workflowAddress } from "../domain/workflow.js";
import type { Services } from "../services.js";
import { sendError } from "./errors.js";

const runBody = {
  type: "object",
  properties: { inputs: { type: "object" } },
  additionalProperties: false,
} as const;

type RunBody = { inputs?: Record<string, unknown> } | undefined;

/** `/api/workflows/:slug/…` (the caller's own) or `/api/workflows/:handle/:slug/…`. */
type WorkflowParams = { slug: string; handle?: string };

interface RunRequest {
  Params: WorkflowParams;
  Body: RunBody;
}

function caller(request: FastifyRequest): KeyPrincipal {
  // The onRequest hook below has already refused requests without a verified key.
  return request.caller.key!;
}

function runAnswer(run: Run) {
  return run.status === "succeeded"
    ? { runId: run.id, status: run.status, outputs: run.outputs }
    : { runId: run.id, status: run.status, error: run.error };
}

function runResource(run: Run) {
  return {
    runId: run.id,
    status: run.status,
    workflowId: run.workflowId,
    modelId: run.modelId,
    inputs: run.inputs,
    outputs: run.outputs,
    error: run.error,
    startedAt: new Date(run.startedAt).toISOString(),
    finishedAt: new Date(run.finishedAt).toISOString(),
    durationMs: run.durationMs,
    ranBy: ranBy(run),
  };
}

/** The id the route names, checked segment by segment (an encoded `/` in a slug is no address). */
function workflowId({ handle, slug }: WorkflowParams): string {
  if (!WORKFLOW_SLUG.test(slug) || (handle !== undefined && !HANDLE.test(handle))) throw KnoudsError.notFound();
  return handle === undefined ? slug : workflowAddress(handle, slug);
}

export const restRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  // Before the body is read: an unauthenticated or under-scoped request costs no parsing.
  // A route states the capability it needs in `config.capability`, as GraphQL fields do in authScopes.
  // Refusals are sent from here rather than thrown: Fastify's error path costs more than the check.
  app.addHook("onRequest", async (request, reply) => {
    try {
      if (!request.caller.key) throw KnoudsError.unauthenticated();
      const { capability } = request.routeOptions.config as { capability?: Capability };
      if (capability) assertCapability(request.caller.key, capability);
    } catch (error) {
      return sendError(error, request, reply);
    }
  });

  const runWorkflow = async (request: FastifyRequest<RunRequest>) => {
    const workflow = await services.workflows.forRun(caller(request), workflowId(request.params));
    const inputs = requireInputsObject(request.body?.inputs);
    return runAnswer(await services.runner.runWorkflow(workflow, inputs, caller(request)));
  };
  app.post<RunRequest>("/api/workflows/:slug/run", { schema: { body: runBody } }, runWorkflow);
  app.post<RunRequest>("/api/workflows/:handle/:slug/run", { schema: { body: runBody } }, runWorkflow);

  const runModel = { schema: { body: runBody }, config: { capability: "runModel" satisfies Capability } };
  app.post<{ Params: { "*": string }; Body: RunBody }>("/api/models/*", runModel, async (request) => {
    // Model ids contain a slash (`knouds/echo`), so the route takes the rest of the path.
    const rest = request.params["*"];
    if (!rest.endsWith("/run")) throw KnoudsError.notFound();
    const model = services.models.get(rest.slice(0, -"/run".length));
    if (!model) throw KnoudsError.notFound();
    return runAnswer(await services.runner.runModel(model, requireInputsObject(request.body?.inputs), caller(request)));
  });

  const workflowSchema = async (request: FastifyRequest<{ Params: WorkflowParams }>) => {
    const workflow = await services.workflows.forSchema(caller(request), workflowId(request.params));
    return { id: workflow.id, name: workflow.name, description: workflow.description, inputSchema: workflow.inputSchema };
  };
  app.get<{ Params: WorkflowParams }>("/api/workflows/:slug/schema", workflowSchema);
  app.get<{ Params: WorkflowParams }>("/api/workflows/:handle/:slug/schema", workflowSchema);

  app.get<{ Params: { id: string } }>("/api/runs/:id", async (request) => {
    return runResource(await services.runner.findRun(request.params.id, caller(request)));
  });
};
