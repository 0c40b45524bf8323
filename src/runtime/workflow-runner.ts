/**
 * Runs workflows and single models for an API key or the account's browser session and records
 * every run, with who ran it. Inputs are
 * checked against the schema before anything runs (BAD_USER_INPUT); a model failing mid-way
 * gives a recorded run with status "failed" and an error safe to show.
 */
import { LRUCache } from "lru-cache";
import type { Actor } from "../domain/principal.js";
import { KnoudsError } from "../domain/errors.js";
import type { RequestWork } from "../domain/request-work.js";
import { newId } from "../domain/ids.js";
import type { FilteredPage, NewestFirstPosition, PageRequest } from "../domain/pages.js";
import type { Run } from "../domain/run.js";
import { resolveBinding, type Workflow } from "../domain/workflow.js";
import type { RunFilter, Store } from "../store/interface.js";
import { SchemaError, compileTenantValidator, type TenantValidator } from "./json-schema.js";
import type { ModelRegistry } from "./model-registry.js";
import { ModelError, type Model } from "./providers/interface.js";

export type RunObserver = (run: Run) => void;

export class WorkflowRunner {
  /**
   * Compiled input validators by workflow id and version, and the refusal for a stored schema
   * that a newer rule refuses (kept too, so that refusing it again costs a lookup).
   */
  private readonly validators = new LRUCache<string, TenantValidator | KnoudsError>({ max: 1000 });

  constructor(
    private readonly store: Store,
    private readonly registry: ModelRegistry,
    private readonly runTimeoutMs: number,
    private readonly observe: RunObserver = () => {},
  ) {}

  /** Compiling (on a cache miss) is charged to `work`. */
  private validatorFor(workflow: Workflow, work: RequestWork | undefined): TenantValidator {
    const cacheKey = `${workflow.id}@${workflow.updatedAt}`;
    let validator = this.validators.get(cacheKey);
    if (!validator) {
      work?.charge("schemaChars", JSON.stringify(workflow.inputSchema).length);
      try {
        validator = compileTenantValidator(workflow.inputSchema, "inputs");
      } catch (error) {
        // Stored before a rule tightened (a `pattern`, a fanning-out `$ref`): the owner has to update it.
        if (!(error instanceof SchemaError)) throw error;
        const where = ["inputSchema", error.path].filter(Boolean).join(".");
        validator = KnoudsError.invalidInput([
          { path: where, message: `this workflow's input schema cannot be used (${error.message}); its owner must update it` },
        ]);
      }
      this.validators.set(cacheKey, validator);
    }
    if (validator instanceof KnoudsError) throw validator;
    return validator;
  }

  /**
   * Checks inputs against the workflow's schema; throws BAD_USER_INPUT with details, or when
   * the checks would go past what remains of `work` (a GraphQL request's runs share it).
   */
  checkWorkflowInputs(workflow: Workflow, inputs: Record<string, unknown>, work?: RequestWork): void {
    const problems = this.validatorFor(workflow, work)(inputs, work && ((checks) => work.charge("validationChecks", checks)));
    if (problems.length > 0) throw KnoudsError.invalidInput(problems);
  }

  async runWorkflow(workflow: Workflow, inputs: Record<string, unknown>, caller: Actor, work?: RequestWork): Promise<Run> {
    this.checkWorkflowInputs(workflow, inputs, work);
    return this.execute({ workflowId: workflow.id, modelId: null }, inputs, caller, async (runSignal) => {
      const stepOutputs = new Map<string, Record<string, unknown>>();
      for (const step of workflow.steps) {
        const stepInputs: Record<string, unknown> = {};
        for (const [name, binding] of Object.entries(step.inputs)) {
          const value = resolveBinding(binding, inputs, stepOutputs);
          if (value !== undefined) stepInputs[name] = value;
        }
        stepOutputs.set(step.id, await this.callModel(step.model, stepInputs, runSignal, `step "${step.id}": `));
      }
      const outputs: Record<string, unknown> = {};
      for (const [name, binding] of Object.entries(workflow.outputs)) {
        outputs[name] = resolveBinding(binding, inputs, stepOutputs) ?? null;
      }
      return outputs;
    });
  }

  async runModel(model: Model, inputs: Record<string, unknown>, caller: Actor): Promise<Run> {
    const problems = this.registry.checkInputs(model.id, inputs).map((p) => ({
      path: p.path ? `inputs.${p.path}` : "inputs",
      message: p.message,
    }));
    if (problems.length > 0) throw KnoudsError.invalidInput(problems);
    return this.execute({ workflowId: null, modelId: model.id }, inputs, caller, (runSignal) =>
      this.callModel(model.id, inputs, runSignal, ""),
    );
  }

  private async callModel(
    modelId: string,
    inputs: Record<string, unknown>,
    runSignal: () => AbortSignal,
    where: string,
  ): Promise<Record<string, unknown>> {
    const model = this.registry.get(modelId);
    if (!model) throw new ModelError(`${where}model ${modelId} is no longer in the registry`);
    const problems = this.registry.checkInputs(modelId, inputs);
    if (problems.length > 0) {
      const first = problems[0]!;
      throw new ModelError(`${where}inputs for ${modelId} are invalid: ${first.path || "inputs"} ${first.message}`);
    }
    const outputs = await model.run(inputs, runSignal);
    if (this.registry.checkOutputs(modelId, outputs).length > 0) {
      throw new ModelError(`${where}model ${modelId} returned outputs that do not match its output schema`);
    }
    return outputs;
  }

  private async execute(
    target: { workflowId: string | null; modelId: string | null },
    inputs: Record<string, unknown>,
    caller: Actor,
    work: (runSignal: () => AbortSignal) => Promise<Record<string, unknown>>,
  ): Promise<Run> {
    const startedAt = Date.now();
    let outputs: Record<string, unknown> | null = null;
    let error: string | null = null;
    try {
      // The deadline counts from the start of the run, but its timer is only made when a model
      // asks for it: a run of local models alone never pays for one.
      let signal: AbortSignal | undefined;
      const runSignal = () => (signal ??= AbortSignal.timeout(Math.max(0, startedAt + this.runTimeoutMs - Date.now())));
      outputs = await work(runSignal);
    } catch (failure) {
      // Only ModelError messages are written for callers; anything else stays generic.
      error = failure instanceof ModelError ? failure.message : "The run failed unexpectedly";
    }
    const finishedAt = Date.now();
    const run: Run = {
      id: newId("run"),
      ...target,
      accountId: caller.account.id,
      keyId: caller.key?.id ?? null,
      keyName: caller.key?.name ?? null,
      status: error === null ? "succeeded" : "failed",
      inputs,
      outputs,
      error,
      startedAt,
      finishedAt,
      durationMs: finishedAt - startedAt,
    };
    await this.store.runs.create(run);
    this.observe(run);
    return run;
  }

  /** A run of the caller's own account, else NOT_FOUND. */
  async findRun(id: string, caller: Actor): Promise<Run> {
    const run = await this.store.runs.findById(id);
    if (!run || run.accountId !== caller.account.id) throw KnoudsError.notFound();
    return run;
  }

  /** A page of the caller's own account's runs, newest first (the same ownership as findRun). */
  listRuns(
    caller: Actor,
    filter: RunFilter,
    page: PageRequest<NewestFirstPosition>,
    scanLimit?: number,
  ): Promise<FilteredPage<Run, NewestFirstPosition>> {
    return this.store.runs.listByAccount(caller.account.id, filter, page, scanLimit);
  }
}
