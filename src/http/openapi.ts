/**
 * The OpenAPI 3.1 description of the legacy REST routes, served at /api/openapi.json. The
 * error bodies are the ones src/domain/errors.ts produces; test/e2e/openapi.test.ts checks
 * every documented answer against real responses.
 */
import type { FastifyPluginAsync } from "fastify";
import { ACCOUNT_BUDGET_MULTIPLE, SCOPES } from "../domain/scopes.js";
import { INPUT_SCHEMA_LIMITS } from "../domain/workflow-limits.js";

const json = (schema: object) => ({ "application/json": { schema } });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const answer = (description: string, schema: object, headers: object = rateLimitHeaders) => ({
  description,
  headers,
  content: json(schema),
});

const rateLimitHeaders = {
  "RateLimit-Limit": {
    description:
      "Requests allowed per window by the budget that refused, or else by the one closer to running out (the key's, or its account's)",
    schema: { type: "integer" },
  },
  "RateLimit-Remaining": { description: "Requests left in the current window of that budget", schema: { type: "integer" } },
  "RateLimit-Reset": { description: "Seconds until the window resets", schema: { type: "integer" } },
};

const errors = {
  "400": answer(
    "Bad JSON, wrong Content-Type, unknown fields, JSON nested over 64 levels, inputs failing the schema or weighing more than " +
      "its cost bound allows, or a stored workflow whose input schema a later rule refuses (details name the keyword)",
    ref("InvalidInput"),
  ),
  "401": answer("x-api-key absent, malformed, unknown or deleted (on every /api/ path, routed or not)", ref("Unauthorized"), {}),
  "404": answer("No such resource, or another account's private one", ref("NotFound")),
  "413": answer("Body larger than KNOUDS_BODY_LIMIT_BYTES", ref("PayloadTooLarge"), {}),
  "429": answer(
    `The key's per-minute budget is spent; or its account's, shared by all the account's keys (${ACCOUNT_BUDGET_MULTIPLE} × the tier's per-key limit), then with "budget": "account"; or this address sent too many bad keys`,
    ref("RateLimited"),
    {
      ...rateLimitHeaders,
      "Retry-After": { description: "Seconds to wait", schema: { type: "integer" } },
    },
  ),
  "500": answer("A server fault; never a stack trace", ref("InternalError"), {}),
  "503": answer("This instance is shutting down; retry (another instance)", ref("InternalError"), {}),
};
const scopeDenied = { "403": answer("The key's effective scope is below what the operation needs", ref("ScopeDenied")) };

/**
 * A JSON object whose members are free (inputs, outputs, an input schema). `additionalProperties`
 * is spelled out: without it openapi-typescript types the object as `Record<string, never>`, which
 * no real value fits.
 */
const freeObject = (description?: string) => ({ type: "object", additionalProperties: true, ...(description ? { description } : {}) });

const runBody = {
  required: true,
  content: json({
    type: "object",
    properties: { inputs: freeObject("Validated against the workflow's (or model's) input schema") },
    additionalProperties: false,
  }),
};

const idParameter = (name: string, description: string) => ({
  name,
  in: "path",
  required: true,
  description,
  schema: { type: "string" },
});

const exact = (properties: Record<string, object>, required = Object.keys(properties)) => ({
  type: "object",
  properties,
  required,
  additionalProperties: false,
});

export const OPENAPI_DOCUMENT = {
  openapi: "3.1.0",
  info: {
    title: "Knouds API — legacy REST routes",
    version: "1.0.0",
    description:
      "The REST compatibility routes. The full API is GraphQL at /graphql (schema/schema.graphql). Every request needs an x-api-key header, except on the two public operations (security: []): this document and leak reports. A workflow's id is its full address `handle/slug`; a bare slug is one of the key's own account.",
  },
  servers: [{ url: "/" }],
  security: [{ apiKey: [] }],
  paths: {
    "/api/openapi.json": {
      get: {
        operationId: "openApiDocument",
        summary: "This document (public: client generators read it without a key)",
        security: [],
        responses: {
          "200": answer("The OpenAPI 3.1 document", freeObject(), {}),
          "500": errors["500"],
          "503": errors["503"],
        },
      },
    },
    "/api/workflows/{slug}/run": {
      post: {
        operationId: "runWorkflow",
        summary: "Run one of your own workflows",
        description: "A bare slug is a workflow of the key's own account. free: your deployed workflows; admin: also your drafts.",
        parameters: [idParameter("slug", "Your workflow's slug, e.g. my-flow")],
        requestBody: runBody,
        responses: { "200": answer("The run (a model failure is a failed run, still 200)", ref("RunAnswer")), ...scopeDenied, ...errors },
      },
    },
    "/api/workflows/{handle}/{slug}/run": {
      post: {
        operationId: "runWorkflowByAddress",
        summary: "Run a workflow by its full address",
        description:
          "Any workflow you may see: your own, or (deployment+) another account's public deployed one, e.g. knouds/hello-world. Another account's private workflow is 404.",
        parameters: [idParameter("handle", "The owner account's handle, e.g. knouds"), idParameter("slug", "e.g. hello-world")],
        requestBody: runBody,
        responses: { "200": answer("The run (a model failure is a failed run, still 200)", ref("RunAnswer")), ...scopeDenied, ...errors },
      },
    },
    "/api/models/{owner}/{name}/run": {
      post: {
        operationId: "runModel",
        summary: "Run one registry model (admin)",
        parameters: [idParameter("owner", "e.g. knouds"), idParameter("name", "e.g. echo")],
        requestBody: runBody,
        responses: { "200": answer("The run", ref("RunAnswer")), ...scopeDenied, ...errors },
      },
    },
    "/api/workflows/{slug}/schema": {
      get: {
        operationId: "workflowSchema",
        summary: "Your own workflow's input JSON Schema (deployment+)",
        parameters: [idParameter("slug", "Your workflow's slug")],
        responses: {
          "200": answer("The workflow (id is its full address) and its input schema", ref("WorkflowSchema")),
          ...scopeDenied,
          ...errors,
        },
      },
    },
    "/api/workflows/{handle}/{slug}/schema": {
      get: {
        operationId: "workflowSchemaByAddress",
        summary: "A workflow's input JSON Schema by its full address (deployment+)",
        parameters: [idParameter("handle", "The owner account's handle"), idParameter("slug", "The workflow's slug")],
        responses: {
          "200": answer("The workflow (id is its full address) and its input schema", ref("WorkflowSchema")),
          ...scopeDenied,
          ...errors,
        },
      },
    },
    "/api/runs/{id}": {
      get: {
        operationId: "getRun",
        summary: "A run of your account",
        parameters: [idParameter("id", "The runId a run answered with")],
        responses: { "200": answer("The run", ref("Run")), ...errors },
      },
    },
    "/api/keys/report-leak": {
      post: {
        operationId: "reportLeakedKey",
        summary: "Report a leaked key value (no x-api-key: holding the value is the proof)",
        description:
          "A value that still works (a rolled key's previous value in its grace included) gets its key deleted at once on every instance. " +
          "The answer is the same whether or not such a key existed. 10 reports per client address per minute.",
        security: [],
        requestBody: { required: true, content: json(exact({ key: { type: "string", maxLength: 200 } })) },
        responses: {
          "202": answer("Received (whether or not the key existed)", ref("LeakReportReceived"), {}),
          "400": answer("Not a well-formed key (prefix, length, characters or checksum), or a bad body", ref("InvalidInput"), {}),
          "413": errors["413"],
          "429": answer("This address sent too many reports this minute", ref("RateLimited"), {
            "Retry-After": { description: "Seconds to wait", schema: { type: "integer" } },
          }),
          "500": errors["500"],
          "503": errors["503"],
        },
      },
    },
  },
  components: {
    securitySchemes: { apiKey: { type: "apiKey", in: "header", name: "x-api-key" } },
    schemas: {
      Scope: { type: "string", enum: [...SCOPES] },
      RunAnswer: {
        oneOf: [
          exact({ runId: { type: "string" }, status: { const: "succeeded" }, outputs: freeObject() }),
          exact({ runId: { type: "string" }, status: { const: "failed" }, error: { type: "string" } }),
        ],
      },
      Run: exact({
        runId: { type: "string" },
        status: { enum: ["succeeded", "failed"] },
        workflowId: {
          type: ["string", "null"],
          description: "The workflow's full address, handle/slug (a bare slug for runs recorded before namespaces)",
        },
        modelId: { type: ["string", "null"] },
        inputs: freeObject(),
        outputs: { ...freeObject(), type: ["object", "null"] },
        error: { type: ["string", "null"] },
        startedAt: { type: "string", format: "date-time" },
        finishedAt: { type: "string", format: "date-time" },
        durationMs: { type: "integer", minimum: 0 },
        ranBy: ref("RunActor"),
      }),
      RunActor: {
        description:
          "Who ran it: an API key (its id, and its name when it ran: null for runs recorded before names were kept), or the account's owner in the browser",
        oneOf: [
          exact({ kind: { const: "API_KEY" }, keyId: { type: "string" }, keyName: { type: ["string", "null"] } }),
          exact({ kind: { const: "BROWSER" }, keyId: { type: "null" }, keyName: { type: "null" } }),
        ],
      },
      WorkflowSchema: exact({
        id: { type: "string", description: "The full address, handle/slug" },
        name: { type: "string" },
        description: { type: "string" },
        inputSchema: freeObject("The workflow's input JSON Schema (draft-07)"),
      }),
      Unauthorized: exact({ error: { const: "Unauthorized" } }),
      ScopeDenied: exact({
        error: { const: "Insufficient scope" },
        code: { const: "SCOPE_DENIED" },
        required: ref("Scope"),
        actual: ref("Scope"),
      }),
      NotFound: exact({ error: { const: "Not Found" } }),
      InvalidInput: exact({
        error: { const: "Bad Request" },
        code: { const: "INVALID_INPUT" },
        details: {
          type: "array",
          description: `At most ${INPUT_SCHEMA_LIMITS.reportedProblems} problems with the inputs are listed, then one line counting the rest`,
          items: exact({ path: { type: "string" }, message: { type: "string" } }),
        },
      }),
      PayloadTooLarge: exact({ error: { const: "Payload Too Large" } }),
      RateLimited: exact(
        {
          error: { const: "Too Many Requests" },
          code: { const: "RATE_LIMITED" },
          limit: { type: "integer", minimum: 1 },
          retryAfter: { type: "integer", minimum: 1 },
          budget: { const: "account", description: "Present only when the account-wide budget is what ran out" },
        },
        ["error", "code", "limit", "retryAfter"],
      ),
      InternalError: exact({ error: { const: "Internal Server Error" } }),
      LeakReportReceived: exact({ received: { const: true } }),
    },
  },
} as const;

export const openApiRoute: FastifyPluginAsync = async (app) => {
  const body = JSON.stringify(OPENAPI_DOCUMENT);
  app.get("/api/openapi.json", async (_request, reply) => reply.type("application/json").send(body));
};
