/**
 * /api/openapi.json against the real server: every answer the REST routes give in these
 * requests — successes and every error status — has its status documented for that operation,
 * matches the documented body schema, and carries the documented headers.
 */
import { Ajv2020 } from "ajv/dist/2020.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKey, signUp, type SignedIn } from "../support/accounts.js";
import { startServer, type TestServer } from "../support/server.js";
import { createWorkflow } from "../support/workflows.js";
import { RunWorkflow } from "../support/workflow-operations.js";

interface Observed {
  operation: string;
  status: number;
  body: unknown;
  headers: Headers;
}

type Document = {
  paths: Record<string, Record<string, { operationId: string; responses: Record<string, { headers?: Record<string, unknown> }> }>>;
};

describe("the OpenAPI document", () => {
  let server: TestServer;
  let document: Document;
  let owner: SignedIn;
  let other: SignedIn;
  const observed: Observed[] = [];

  async function call(operation: string, method: string, path: string, key?: string, body?: string, type = "application/json") {
    const headers: Record<string, string> = {};
    if (key) headers["x-api-key"] = key;
    if (body !== undefined) headers["content-type"] = type;
    const response = await fetch(server.url + path, { method, headers, body });
    observed.push({ operation, status: response.status, body: await response.json(), headers: response.headers });
    return observed.at(-1)!;
  }

  beforeAll(async () => {
    server = await startServer({ env: { KNOUDS_BODY_LIMIT_BYTES: "2048" } });
    owner = await signUp(server, { tier: "business" });
    other = await signUp(server, { tier: "business" });
    await createWorkflow(owner, "my-flow");
    await createWorkflow(other, "their-public-flow", { visibility: "public" });
    const response = await fetch(`${server.url}/api/openapi.json`);
    expect(response.status).toBe(200);
    document = (await response.json()) as Document;

    const free = (await createKey(owner, "free")).value;
    const deployment = (await createKey(owner, "deployment")).value;
    const admin = (await createKey(owner, "admin")).value;
    const run = '{"inputs":{"prompt":"a mountain at dusk"}}';

    await call("openApiDocument", "GET", "/api/openapi.json");

    const ran = await call("runWorkflow", "POST", "/api/workflows/my-flow/run", free, run);
    await call("runWorkflow", "POST", "/api/workflows/my-flow/run", undefined, run);
    await call("runWorkflow", "POST", "/api/workflows/my-flow/run", admin, "{not json");
    await call("runWorkflow", "POST", "/api/workflows/my-flow/run", admin, '{"inputs":{"prompt":7}}');
    await call("runWorkflowByAddress", "POST", `/api/workflows/${other.handle}/their-public-flow/run`, free, run);
    await call("runWorkflowByAddress", "POST", `/api/workflows/${other.handle}/their-public-flow/run`, deployment, run);
    await call("runWorkflowByAddress", "POST", `/api/workflows/${other.handle}/their-public-flow/run`, undefined, run);
    await call("runWorkflowByAddress", "POST", `/api/workflows/${other.handle}/their-public-flow/run`, admin, "{not json");
    await call("runWorkflowByAddress", "POST", `/api/workflows/${other.handle}/nope/run`, admin, run);
    await call(
      "runWorkflowByAddress",
      "POST",
      `/api/workflows/${other.handle}/their-public-flow/run`,
      admin,
      JSON.stringify({ inputs: { prompt: "x".repeat(4096) } }),
    );
    await call("runWorkflow", "POST", "/api/workflows/nope/run", admin, run);
    await call("runWorkflow", "POST", "/api/workflows/my-flow/run", admin, JSON.stringify({ inputs: { prompt: "x".repeat(4096) } }));
    await call("runModel", "POST", "/api/models/knouds/echo/run", admin, '{"inputs":{"text":"hi"}}');
    await call("runModel", "POST", "/api/models/knouds/echo/run", deployment, '{"inputs":{"text":"hi"}}');
    await call("runModel", "POST", "/api/models/knouds/nothing/run", admin, '{"inputs":{}}');
    await call("runModel", "POST", "/api/models/knouds/echo/run", admin, '{"inputs":{"text":1}}');
    await call("workflowSchema", "GET", "/api/workflows/my-flow/schema", deployment);
    await call("workflowSchema", "GET", "/api/workflows/my-flow/schema", free);
    await call("workflowSchema", "GET", "/api/workflows/unknown/schema", deployment);
    await call("workflowSchemaByAddress", "GET", `/api/workflows/${other.handle}/their-public-flow/schema`, deployment);
    await call("workflowSchemaByAddress", "GET", `/api/workflows/${other.handle}/their-public-flow/schema`, free);
    await call("workflowSchemaByAddress", "GET", `/api/workflows/${other.handle}/unknown/schema`, deployment);
    const runId = (ran.body as { runId: string }).runId;
    await call("getRun", "GET", `/api/runs/${runId}`, deployment);
    await call("getRun", "GET", "/api/runs/run_unknown", deployment);
    // A run made in the browser (the owner's session, no key) reads back with ranBy BROWSER.
    const inBrowser = await owner.client.graphql(RunWorkflow, { id: "my-flow", inputs: { prompt: "a mountain at dusk" } });
    expect(inBrowser.errors, inBrowser.text).toBeUndefined();
    const browserRun = await call("getRun", "GET", `/api/runs/${inBrowser.data!.runWorkflow.id}`, deployment);
    expect((browserRun.body as { ranBy: unknown }).ranBy).toEqual({ kind: "BROWSER", keyId: null, keyName: null });
    await call("getRun", "GET", `/api/runs/${runId}`, "knouds_live_malformed");
    const leaked = (await createKey(owner, "free")).value;
    await call("reportLeakedKey", "POST", "/api/keys/report-leak", undefined, JSON.stringify({ key: leaked }));
    await call("reportLeakedKey", "POST", "/api/keys/report-leak", undefined, JSON.stringify({ key: "knouds_live_malformed" }));
    for (let i = 0; i < 9; i++) await call("reportLeakedKey", "POST", "/api/keys/report-leak", undefined, JSON.stringify({ key: leaked }));
    // Spend the free key's budget (10 per minute; it made 3 requests above).
    for (let i = 0; i < 8; i++) await call("runWorkflow", "POST", "/api/workflows/my-flow/run", free, run);
  });
  afterAll(() => server.stop());

  it("is OpenAPI 3.1 and describes the REST routes", () => {
    expect((document as unknown as { openapi: string }).openapi).toBe("3.1.0");
    const operations = Object.values(document.paths).flatMap((methods) => Object.values(methods).map((o) => o.operationId));
    expect(operations.sort()).toEqual([
      "getRun",
      "openApiDocument",
      "reportLeakedKey",
      "runModel",
      "runWorkflow",
      "runWorkflowByAddress",
      "workflowSchema",
      "workflowSchemaByAddress",
    ]);
  });

  it("documents every status the routes answered, and every body matches its schema", () => {
    const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
    ajv.addSchema(document, "openapi.json");
    const seen = new Set<string>();
    for (const answer of observed) {
      const [path, method] = Object.entries(document.paths).flatMap(([p, methods]) =>
        Object.entries(methods)
          .filter(([, o]) => o.operationId === answer.operation)
          .map(([m]) => [p, m] as const),
      )[0]!;
      const documented = document.paths[path]![method]!.responses[String(answer.status)];
      expect(documented, `${answer.operation} answered ${answer.status}, which is not documented`).toBeDefined();
      const pointer = `openapi.json#/paths/${path.replaceAll("~", "~0").replaceAll("/", "~1")}/${method}/responses/${answer.status}/content/application~1json/schema`;
      const validate = ajv.getSchema(pointer) ?? ajv.compile({ $ref: pointer });
      expect(
        validate(answer.body),
        `${answer.operation} ${answer.status}: ${JSON.stringify(validate.errors)} for ${JSON.stringify(answer.body)}`,
      ).toBe(true);
      for (const header of Object.keys(documented!.headers ?? {})) {
        expect(answer.headers.get(header), `${answer.operation} ${answer.status} lacks ${header}`).not.toBeNull();
      }
      seen.add(`${answer.operation} ${answer.status}`);
    }
    expect([...seen].sort()).toEqual(
      [
        "getRun 200",
        "getRun 401",
        "getRun 404",
        "openApiDocument 200",
        "reportLeakedKey 202",
        "reportLeakedKey 400",
        "reportLeakedKey 429",
        "runModel 200",
        "runModel 400",
        "runModel 403",
        "runModel 404",
        "runWorkflow 200",
        "runWorkflow 400",
        "runWorkflow 401",
        "runWorkflow 404",
        "runWorkflow 413",
        "runWorkflow 429",
        "runWorkflowByAddress 200",
        "runWorkflowByAddress 400",
        "runWorkflowByAddress 401",
        "runWorkflowByAddress 403",
        "runWorkflowByAddress 404",
        "runWorkflowByAddress 413",
        "workflowSchema 200",
        "workflowSchema 403",
        "workflowSchema 404",
        "workflowSchemaByAddress 200",
        "workflowSchemaByAddress 403",
        "workflowSchemaByAddress 404",
      ].sort(),
    );
  });
});
