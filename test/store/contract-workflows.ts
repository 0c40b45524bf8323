/** The storage contract for workflows and runs; see contract.ts. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { KnoudsError } from "../../src/domain/errors.js";
import { newId } from "../../src/domain/ids.js";
import type { AccountRecord } from "../../src/domain/account.js";
import type { Run } from "../../src/domain/run.js";
import { workflowAddress, type Workflow } from "../../src/domain/workflow.js";
import type { Store } from "../../src/store/interface.js";
import { account, type OpenStore } from "./contract.js";

/** A workflow of `owner` with the given slug (unique by default): its id is `handle/slug`. */
export function workflow(owner: AccountRecord, slug = `wf-${newId("run").slice(4)}`, overrides: Partial<Workflow> = {}): Workflow {
  return {
    id: workflowAddress(owner.handle, slug),
    slug,
    accountId: owner.id,
    name: "Flow",
    description: "",
    status: "draft",
    visibility: "private",
    // `$`-keys and nesting must survive either store as they are.
    inputSchema: {
      $schema: "https://json-schema.org/draft/2020-12/schema",
      type: "object",
      properties: { a: { $ref: "#/$defs/x" } },
      $defs: { x: { type: "string" } },
    },
    steps: [{ id: "s", model: "knouds/echo", inputs: { text: { from: "input.a" } } }],
    outputs: { text: { from: "steps.s.text" } },
    createdAt: 1000,
    updatedAt: 1000,
    lastRunAt: null,
    ...overrides,
  };
}

export function run(accountId: string, overrides: Partial<Run> = {}): Run {
  return {
    id: newId("run"),
    workflowId: "wf",
    modelId: null,
    accountId,
    keyId: "key_x",
    keyName: "a key",
    status: "succeeded",
    inputs: { $where: "1", nested: { "a.b": [1, null, "x"] } },
    outputs: { text: "hi" },
    error: null,
    startedAt: 1000,
    finishedAt: 1250,
    durationMs: 250,
    ...overrides,
  };
}

export function workflowsAndRunsContract(name: string, open: OpenStore): void {
  describe(`${name} store: workflows and runs`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    it("creates workflows and reads them back unchanged", async () => {
      const a = account();
      await store.accounts.create(a);
      const w = workflow(a);
      await store.workflows.create(w);
      expect(await store.workflows.findById(w.id)).toEqual(w);
      expect(await store.workflows.findById(w.slug)).toBeNull();
      expect(await store.workflows.findById(`${a.handle}/missing`)).toBeNull();
    });

    it("refuses a second workflow with the same slug in one account as CONFLICT", async () => {
      const a = account();
      await store.accounts.create(a);
      const w = workflow(a);
      await store.workflows.create(w);
      await expect(store.workflows.create({ ...w, name: "twin" })).rejects.toSatisfy(
        (error) => error instanceof KnoudsError && error.code === "CONFLICT",
      );
      expect((await store.workflows.findById(w.id))?.name).toBe("Flow");
    });

    it("keeps each account's slugs apart: two accounts each own a my-flow", async () => {
      const a = account();
      const b = account();
      await store.accounts.create(a);
      await store.accounts.create(b);
      const mine = workflow(a, "my-flow");
      const theirs = workflow(b, "my-flow", { name: "Theirs", visibility: "public" });
      await store.workflows.create(mine);
      await store.workflows.create(theirs);
      expect(await store.workflows.findById(mine.id)).toEqual(mine);
      expect(await store.workflows.findById(theirs.id)).toEqual(theirs);
      expect(await store.workflows.delete(theirs.id)).toBe(true);
      expect(await store.workflows.findById(mine.id)).toEqual(mine);
    });

    it("replaces and deletes workflows", async () => {
      const a = account();
      await store.accounts.create(a);
      const w = workflow(a);
      await store.workflows.create(w);
      const changed = { ...w, status: "deployed" as const, name: "Renamed", updatedAt: 2000 };
      expect(await store.workflows.replace(changed)).toBe(true);
      expect(await store.workflows.findById(w.id)).toEqual(changed);
      expect(await store.workflows.replace({ ...w, id: "missing" })).toBe(false);
      expect(await store.workflows.delete(w.id)).toBe(true);
      expect(await store.workflows.delete(w.id)).toBe(false);
    });

    it("creates a workflow only while its account holds fewer than the cap, exactly under parallel calls", async () => {
      const a = account();
      const b = account();
      await store.accounts.create(a);
      await store.accounts.create(b);
      const outcomes = await Promise.all(Array.from({ length: 8 }, (_, i) => store.workflows.createWithin(workflow(a, `flow-${i}`), 3)));
      expect(outcomes.filter(Boolean)).toHaveLength(3);
      expect(await store.workflows.countByAccount(a.id)).toBe(3);
      // Another account's count is its own.
      expect(await store.workflows.createWithin(workflow(b, "flow-0"), 1)).toBe(true);
      expect(await store.workflows.createWithin(workflow(b, "flow-1"), 1)).toBe(false);
      expect(await store.workflows.countByAccount(b.id)).toBe(1);
      // A taken slug within the cap is still CONFLICT, and is not counted twice.
      const created = outcomes.findIndex(Boolean);
      await expect(store.workflows.createWithin(workflow(a, `flow-${created}`), 10)).rejects.toSatisfy(
        (error) => error instanceof KnoudsError && error.code === "CONFLICT",
      );
      expect(await store.workflows.countByAccount(a.id)).toBe(3);
    });

    it("records when workflows last ran, never moving it backwards, and keeps it through a replace", async () => {
      const a = account();
      await store.accounts.create(a);
      const w = workflow(a);
      await store.workflows.create(w);
      expect((await store.workflows.findById(w.id))?.lastRunAt).toBeNull();
      await store.workflows.recordLastRuns(
        new Map([
          [w.id, 5000],
          [`${a.handle}/missing`, 7000],
        ]),
      );
      expect((await store.workflows.findById(w.id))?.lastRunAt).toBe(5000);
      await store.workflows.recordLastRuns(new Map([[w.id, 4000]]));
      expect((await store.workflows.findById(w.id))?.lastRunAt).toBe(5000);
      expect(await store.workflows.replace({ ...w, name: "Renamed", updatedAt: 2000 })).toBe(true);
      const after = await store.workflows.findById(w.id);
      expect(after?.name).toBe("Renamed");
      expect(after?.lastRunAt).toBe(5000);
      await store.workflows.recordLastRuns(new Map([[w.id, 6000]]));
      expect((await store.workflows.findById(w.id))?.lastRunAt).toBe(6000);
    });

    it("records who ran a run: a key with its name, or the browser (no key)", async () => {
      const a = account();
      await store.accounts.create(a);
      const byKey = run(a.id, { keyId: "key_y", keyName: "CI deploys" });
      const inBrowser = run(a.id, { keyId: null, keyName: null });
      await store.runs.create(byKey);
      await store.runs.create(inBrowser);
      expect(await store.runs.findById(byKey.id)).toEqual(byKey);
      expect(await store.runs.findById(inBrowser.id)).toEqual(inBrowser);
    });

    it("lists own workflows, plus public deployed ones only when asked, by id", async () => {
      // Handles chosen so that their address order is known: theirs sort before mine.
      const them = account();
      const me = account({ handle: `${them.handle}z` });
      await store.accounts.create(me);
      await store.accounts.create(them);
      const mine = workflow(me, "b-mine");
      const publicDeployed = workflow(them, "a-public", { visibility: "public", status: "deployed" });
      const publicDraft = workflow(them, "c-public-draft", { visibility: "public" });
      const privateDeployed = workflow(them, "d-private", { status: "deployed" });
      for (const w of [mine, publicDeployed, publicDraft, privateDeployed]) await store.workflows.create(w);
      // Only this test's accounts: other public workflows may be in a shared database.
      const ids = async (includePublic: boolean) =>
        (await store.workflows.listVisible(me.id, includePublic, { after: null, limit: 100 }))
          .filter((w) => w.accountId === me.id || w.accountId === them.id)
          .map((w) => w.id);
      expect(await ids(false)).toEqual([mine.id]);
      expect(await ids(true)).toEqual([publicDeployed.id, mine.id]);
    });

    it("records runs and reads them back unchanged, failed ones included", async () => {
      const a = account();
      await store.accounts.create(a);
      const ok = run(a.id);
      const failed = run(a.id, { status: "failed", outputs: null, error: "Model x timed out", workflowId: null, modelId: "acme/x" });
      await store.runs.create(ok);
      await store.runs.create(failed);
      expect(await store.runs.findById(ok.id)).toEqual(ok);
      expect(await store.runs.findById(failed.id)).toEqual(failed);
      expect(await store.runs.findById("run_missing")).toBeNull();
    });
  });
}
