/**
 * Creating, changing, deploying, deleting and finding workflows for an API key or the account's
 * own browser session (an Actor). Access
 * is decided by src/domain/workflow-access.ts; definitions are checked against the registry.
 */
import { LRUCache } from "lru-cache";
import { WriteBehind } from "../lib/write-behind.js";
import type { Run } from "../domain/run.js";
import type { Actor } from "../domain/principal.js";
import type { RevocationBus } from "../auth/revocation.js";
import { KnoudsError } from "../domain/errors.js";
import type { RequestWork } from "../domain/request-work.js";
import type { PageRequest } from "../domain/pages.js";
import { assertMayManage, assertMayReadSchema, assertMayRun, isVisibleTo } from "../domain/workflow-access.js";
import { CAPABILITIES, scopeAtLeast, workflowsPerAccount } from "../domain/scopes.js";
import {
  WorkflowDefinitionSchema,
  WorkflowFieldsSchema,
  checkBindings,
  problemsFrom,
  resolveWorkflowAddress,
  workflowAddress,
  type Visibility,
  type Workflow,
  type WorkflowDefinition,
} from "../domain/workflow.js";
import type { Store } from "../store/interface.js";
import { DEFINITION_LIMITS } from "../domain/workflow-limits.js";
import { SchemaError, compileTenantValidator } from "./json-schema.js";
import type { ModelRegistry } from "./model-registry.js";

/** Characters of JSON (ids and definitions) the workflow cache may hold; heap use is a few times this. */
const CACHE_MAX_CHARS = 16 * 1024 * 1024;
/** Bounds how long a lost change broadcast can leave another instance with an old copy. */
const CACHE_MAX_TTL_MS = 5_000;
/** How often the start times of runs are written to their workflows' lastRunAt. */
const LAST_RUN_FLUSH_MS = 1_000;

export interface NewWorkflowInput {
  /** The slug, in the caller's namespace. */
  id: string;
  name: string;
  description?: string | null;
  visibility?: Visibility | null;
  inputSchema?: unknown;
  steps?: unknown;
  outputs?: unknown;
}

export interface WorkflowChanges {
  name?: string | null;
  description?: string | null;
  visibility?: Visibility | null;
  inputSchema?: unknown;
  steps?: unknown;
  outputs?: unknown;
}

export class WorkflowService {
  /**
   * Workflows by full address (null: not found), for the run and schema paths. Both ways of
   * naming a workflow resolve to its address before the cache, so one entry serves both and
   * one change event drops it. Every change is published
   * on the bus, which drops the entry here and, with REDIS_URL, on every instance; the lifetime
   * bounds staleness when a broadcast is lost. Changes themselves always read the store.
   */
  private readonly cache: LRUCache<string, { workflow: Workflow | null }> | null;
  /** Bumped by every change event, so a read that raced a change is not cached. */
  private generation = 0;
  /** Start times of runs not yet written to their workflows, by workflow id (the newest each). */
  private readonly lastRuns = new Map<string, number>();
  /**
   * Start times taken for writing, and when: kept until every workflow copy cached before the
   * write has expired, so that a copy read from the cache never shows an older lastRunAt than
   * this instance showed before.
   */
  private readonly recentlyWritten = new Map<string, { at: number; takenAt: number }>();
  private readonly lastRunWrites: WriteBehind<[string, number]>;

  constructor(
    private readonly store: Store,
    private readonly registry: ModelRegistry,
    private readonly bus: RevocationBus,
    cacheTtlMs: number,
  ) {
    this.cache =
      cacheTtlMs > 0
        ? new LRUCache({
            max: 10_000,
            // Definitions are up to DEFINITION_LIMITS.definitionChars: bound the size, not only the count.
            maxSize: CACHE_MAX_CHARS,
            sizeCalculation: ({ workflow }, id) => id.length + (workflow ? JSON.stringify(workflow).length : 0),
            ttl: Math.min(cacheTtlMs, CACHE_MAX_TTL_MS),
          })
        : null;
    this.lastRunWrites = new WriteBehind<[string, number]>(
      {
        take: () => {
          const rows = [...this.lastRuns];
          this.lastRuns.clear();
          const now = Date.now();
          for (const [id, seen] of this.recentlyWritten) {
            if (seen.takenAt < now - 2 * CACHE_MAX_TTL_MS) this.recentlyWritten.delete(id);
          }
          for (const [id, at] of rows) this.recentlyWritten.set(id, { at, takenAt: now });
          return rows;
        },
        write: (rows) => this.store.workflows.recordLastRuns(new Map(rows)),
        putBack: (rows) => {
          for (const [id, at] of rows) if (!((this.lastRuns.get(id) ?? 0) >= at)) this.lastRuns.set(id, at);
        },
      },
      // Advisory like a key's last use: a failed write is retried with the next flush.
      { flushMs: LAST_RUN_FLUSH_MS, onError: () => {} },
    );
    bus.subscribe((event) => {
      if (event.kind !== "workflow" && event.kind !== "all") return;
      this.generation++;
      if (event.kind === "workflow") this.cache?.delete(event.workflowId);
      else this.cache?.clear();
    });
  }

  private async cached(caller: Actor, id: string): Promise<Workflow | null> {
    const address = resolveWorkflowAddress(id, caller.account.handle);
    // No workflow can have another address; not caching those keeps made-up ids out of memory.
    if (address === null) return null;
    // While changes from other instances may be missed (Redis away), the store answers.
    const cache = this.bus.listening ? this.cache : null;
    const hit = cache?.get(address);
    if (hit) return hit.workflow;
    const generation = this.generation;
    const workflow = await this.store.workflows.findById(address);
    if (generation === this.generation && this.bus.listening) cache?.set(address, { workflow });
    return workflow;
  }

  /** For changes: always from the store. */
  private async stored(caller: Actor, id: string): Promise<Workflow | null> {
    const address = resolveWorkflowAddress(id, caller.account.handle);
    return address === null ? null : this.store.workflows.findById(address);
  }

  private changed(id: string): Promise<void> {
    return this.bus.publish({ kind: "workflow", workflowId: id });
  }

  /**
   * Validates shape, references, models and the input schema; throws BAD_USER_INPUT with
   * details. Analysing and compiling the schema is charged to `work`, which skips a schema it
   * has already seen (an update that leaves the schema out still checks the stored one).
   */
  private checkDefinition(raw: { inputSchema?: unknown; steps?: unknown; outputs?: unknown }, work?: RequestWork): WorkflowDefinition {
    if (JSON.stringify(raw).length > DEFINITION_LIMITS.definitionChars) {
      throw KnoudsError.invalidInput([
        {
          path: "",
          message: `a workflow definition (inputSchema, steps, outputs) is at most ${DEFINITION_LIMITS.definitionChars} characters of JSON`,
        },
      ]);
    }
    const parsed = WorkflowDefinitionSchema.safeParse(raw);
    if (!parsed.success) throw KnoudsError.invalidInput(problemsFrom(parsed.error));
    const definition = parsed.data as WorkflowDefinition;
    checkBindings(definition, (model) => this.registry.outputNames(model));
    const compile = () => {
      compileTenantValidator(definition.inputSchema, "inputs");
    };
    try {
      if (work) work.analyseSchemaOnce(JSON.stringify(definition.inputSchema), compile);
      else compile();
    } catch (error) {
      if (error instanceof SchemaError) {
        throw KnoudsError.invalidInput([{ path: ["inputSchema", error.path].filter(Boolean).join("."), message: error.message }]);
      }
      throw error;
    }
    return definition;
  }

  /**
   * Creates a draft owned by the caller's account (the schema's authScopes require an admin key
   * or the account's session), unless the account already holds its tier's most workflows.
   */
  async create(caller: Actor, input: NewWorkflowInput, work?: RequestWork): Promise<Workflow> {
    const fields = WorkflowFieldsSchema.safeParse({
      id: input.id,
      name: input.name,
      description: input.description ?? undefined,
      visibility: input.visibility ?? undefined,
    });
    if (!fields.success) throw KnoudsError.invalidInput(problemsFrom(fields.error));
    const definition = this.checkDefinition(input, work);
    const now = Date.now();
    const { id: slug, ...rest } = fields.data;
    const workflow: Workflow = {
      ...rest,
      ...definition,
      id: workflowAddress(caller.account.handle, slug),
      slug,
      accountId: caller.account.id,
      status: "draft",
      createdAt: now,
      updatedAt: now,
    };
    const most = workflowsPerAccount(caller.account.tier);
    if (!(await this.store.workflows.createWithin(workflow, most))) {
      const plan = caller.account.tier.charAt(0).toUpperCase() + caller.account.tier.slice(1);
      throw KnoudsError.invalidInput([
        {
          path: "",
          message: `an account on the ${plan} plan holds at most ${most.toLocaleString("en-US")} workflows; delete one before creating another`,
        },
      ]);
    }
    await this.changed(workflow.id);
    return workflow;
  }

  async update(caller: Actor, id: string, changes: WorkflowChanges, work?: RequestWork): Promise<Workflow> {
    const current = assertMayManage(await this.stored(caller, id), caller);
    const fields = WorkflowFieldsSchema.safeParse({
      id: current.slug,
      name: changes.name ?? current.name,
      description: changes.description ?? current.description,
      visibility: changes.visibility ?? current.visibility,
    });
    if (!fields.success) throw KnoudsError.invalidInput(problemsFrom(fields.error));
    const definition = this.checkDefinition(
      {
        inputSchema: changes.inputSchema ?? current.inputSchema,
        steps: changes.steps ?? current.steps,
        outputs: changes.outputs ?? current.outputs,
      },
      work,
    );
    const { id: _slug, ...rest } = fields.data;
    return this.save({ ...current, ...rest, ...definition });
  }

  async setStatus(caller: Actor, id: string, status: Workflow["status"]): Promise<Workflow> {
    const current = assertMayManage(await this.stored(caller, id), caller);
    return this.save({ ...current, status });
  }

  private async save(workflow: Workflow): Promise<Workflow> {
    // updatedAt also versions the cached input validator, so it must move on every change.
    const next = { ...workflow, updatedAt: Math.max(Date.now(), workflow.updatedAt + 1) };
    if (!(await this.store.workflows.replace(next))) throw KnoudsError.notFound();
    await this.changed(next.id);
    return next;
  }

  async delete(caller: Actor, id: string): Promise<Workflow> {
    const current = assertMayManage(await this.stored(caller, id), caller);
    if (!(await this.store.workflows.delete(current.id))) throw KnoudsError.notFound();
    await this.changed(current.id);
    return current;
  }

  /**
   * A workflow the caller may run, by full address or by a slug of their own; NOT_FOUND /
   * SCOPE_DENIED otherwise. The same holds for forSchema and find.
   */
  async forRun(caller: Actor, id: string): Promise<Workflow> {
    return assertMayRun(await this.cached(caller, id), caller);
  }

  /** A workflow whose schema the caller may read; NOT_FOUND / SCOPE_DENIED otherwise. */
  async forSchema(caller: Actor, id: string): Promise<Workflow> {
    return assertMayReadSchema(await this.cached(caller, id), caller);
  }

  /** A workflow the caller may know about, else NOT_FOUND. */
  async find(caller: Actor, id: string): Promise<Workflow> {
    const workflow = await this.cached(caller, id);
    if (!workflow || !isVisibleTo(workflow, caller)) throw KnoudsError.notFound();
    return workflow;
  }

  /**
   * Notes a run for its workflow's lastRunAt: a map entry on the run path, written to the store
   * with every other noted run about once a second (one statement per workflow, in one transaction).
   */
  noteRun(run: Run): void {
    // One set, no comparison: runs are noted as they finish, so a later note is a later start
    // but for runs that overlapped, which differ by less than a run's length.
    if (run.workflowId !== null) this.lastRuns.set(run.workflowId, run.startedAt);
  }

  /**
   * When the workflow last started a run: what is stored, or a newer run of this instance not
   * written yet. Another instance's run shows once written (about a second) and, for a copy
   * read from the cache, once that copy expires.
   */
  lastRunAt(workflow: Workflow): number | null {
    const newest = Math.max(
      workflow.lastRunAt ?? Number.NEGATIVE_INFINITY,
      this.lastRuns.get(workflow.id) ?? Number.NEGATIVE_INFINITY,
      this.recentlyWritten.get(workflow.id)?.at ?? Number.NEGATIVE_INFINITY,
    );
    return newest === Number.NEGATIVE_INFINITY ? null : newest;
  }

  /** Writes the noted runs that wait; on shutdown. */
  close(): Promise<void> {
    return this.lastRunWrites.close();
  }

  /** A page of the caller's own workflows, plus public deployed ones when its scope may run them (unless `ownOnly`); by id. */
  async list(caller: Actor, page: PageRequest<string>, ownOnly = false): Promise<Workflow[]> {
    const includePublic = !ownOnly && scopeAtLeast(caller.scope, CAPABILITIES.runPublicWorkflow);
    return this.store.workflows.listVisible(caller.account.id, includePublic, page);
  }
}
