/** The storage contract for keyset pages (keys, workflows, runs); see contract.ts. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ApiKeyRecord } from "../../src/domain/account.js";
import type { PageRequest } from "../../src/domain/pages.js";
import type { Run } from "../../src/domain/run.js";
import type { Workflow } from "../../src/domain/workflow.js";
import type { Store } from "../../src/store/interface.js";
import { account, apiKey, type OpenStore } from "./contract.js";
import { run, workflow } from "./contract-workflows.js";

/** Reads a whole list `limit` items at a time, each page starting after the last item seen. */
async function pageThrough<T, P>(fetch: (page: PageRequest<P>) => Promise<T[]>, position: (item: T) => P, limit: number): Promise<T[]> {
  const all: T[] = [];
  let after: P | null = null;
  for (;;) {
    const page = await fetch({ after, limit });
    expect(page.length).toBeLessThanOrEqual(limit);
    all.push(...page);
    if (page.length < limit) return all;
    after = position(page.at(-1)!);
  }
}

const newestFirst =
  <T extends { id: string }>(at: (item: T) => number) =>
  (a: T, b: T) =>
    at(b) - at(a) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

export function pagesContract(name: string, open: OpenStore): void {
  describe(`${name} store: keyset pages`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    it("pages through an account's keys newest first, each once, ties on time broken by id", async () => {
      const a = account();
      const b = account();
      await store.accounts.create(a);
      await store.accounts.create(b);
      const mine = [5, 3, 3, 3, 9, 1, 3].map((createdAt) => apiKey(a.id, { createdAt }));
      for (const key of mine) {
        await store.apiKeys.create(key);
        await store.apiKeys.create(apiKey(b.id, { createdAt: key.createdAt }));
      }
      const listed = await pageThrough(
        (page) => store.apiKeys.listByAccount(a.id, page),
        (k: ApiKeyRecord) => ({ at: k.createdAt, id: k.id }),
        2,
      );
      expect(listed.map((k) => k.id)).toEqual([...mine].sort(newestFirst((k) => k.createdAt)).map((k) => k.id));
      expect(await store.apiKeys.listByAccount(a.id, { after: { at: 3, id: "" }, limit: 10 })).toEqual(
        listed.filter((k) => k.createdAt < 3),
      );
    });

    it("pages through own and public deployed workflows by id, each once, others' hidden ones never", async () => {
      const me = account();
      const them = account();
      await store.accounts.create(me);
      await store.accounts.create(them);
      const mine = ["b", "d", "f", "g"].map((letter) => workflow(me, letter));
      // Mine and public deployed: in both reads, listed once.
      mine.push(workflow(me, "c", { visibility: "public", status: "deployed" }));
      const theirsPublic = ["a", "e", "h"].map((letter) => workflow(them, letter, { visibility: "public", status: "deployed" }));
      const theirsHidden = [workflow(them, "i", { visibility: "public" }), workflow(them, "j", { status: "deployed" })];
      for (const w of [...mine, ...theirsPublic, ...theirsHidden]) await store.workflows.create(w);
      const ids = async (includePublic: boolean, limit: number) =>
        (
          await pageThrough(
            (page) => store.workflows.listVisible(me.id, includePublic, page),
            (w: Workflow) => w.id,
            limit,
          )
        )
          // Other tests' public workflows may share a MongoDB database.
          .filter((w) => w.accountId === me.id || w.accountId === them.id)
          .map((w) => w.id);
      const byId = (list: Array<{ id: string }>) => list.map((w) => w.id).sort();
      for (const limit of [1, 2, 3, 100]) {
        expect(await ids(true, limit)).toEqual(byId([...mine, ...theirsPublic]));
        expect(await ids(false, limit)).toEqual(byId(mine));
      }
    });

    it("pages through an account's runs newest first, filtered by workflow and status, never another's", async () => {
      const a = account();
      const b = account();
      await store.accounts.create(a);
      await store.accounts.create(b);
      const mine: Run[] = [];
      for (let i = 0; i < 12; i++) {
        const startedAt = 1000 + Math.floor(i / 3); // three runs share each start time
        mine.push(
          run(a.id, {
            startedAt,
            finishedAt: startedAt + 5,
            durationMs: 5,
            workflowId: i % 4 === 3 ? null : i % 2 === 0 ? "wf-even" : "wf-odd",
            modelId: i % 4 === 3 ? "knouds/echo" : null,
            status: i % 3 === 0 ? "failed" : "succeeded",
            outputs: i % 3 === 0 ? null : { text: "hi" },
            error: i % 3 === 0 ? "Model x timed out" : null,
          }),
        );
      }
      for (const r of mine) {
        await store.runs.create(r);
        await store.runs.create(run(b.id, { startedAt: r.startedAt, workflowId: r.workflowId, status: r.status }));
      }
      const ordered = [...mine].sort(newestFirst((r) => r.startedAt));
      const filters = [
        {},
        { workflowId: "wf-even" },
        { status: "failed" as const },
        { workflowId: "wf-odd", status: "succeeded" as const },
      ];
      for (const filter of filters) {
        const expected = ordered.filter(
          (r) =>
            (filter.workflowId === undefined || r.workflowId === filter.workflowId) &&
            (filter.status === undefined || r.status === filter.status),
        );
        expect(expected.length).toBeGreaterThan(1);
        for (const limit of [1, 2, 5]) {
          const listed = await pageThrough(
            async (page) => {
              const { items, searchedTo } = await store.runs.listByAccount(a.id, filter, page);
              // 24 runs in all: no scan stops short of the default limit.
              expect(searchedTo).toBeNull();
              return items;
            },
            (r: Run) => ({ at: r.startedAt, id: r.id }),
            limit,
          );
          expect(listed).toEqual(expected);
        }
      }
    });

    it("looks at no more than the scan limit of runs for a filtered page, and says where to go on", async () => {
      const a = account();
      await store.accounts.create(a);
      // Newest first: 7 runs of wf-other, then the one wf-rare run, then 2 more of wf-other.
      const runs = Array.from({ length: 10 }, (_, i) =>
        run(a.id, { startedAt: 2000 - i, finishedAt: 2250 - i, workflowId: i === 7 ? "wf-rare" : "wf-other" }),
      );
      for (const r of runs) await store.runs.create(r);
      const at = (r: Run) => ({ at: r.startedAt, id: r.id });

      // A scan of 3: the first page looks at runs 0–2, finds nothing, and stops on run 2.
      const first = await store.runs.listByAccount(a.id, { workflowId: "wf-rare" }, { after: null, limit: 5 }, 3);
      expect(first).toEqual({ items: [], searchedTo: at(runs[2]!) });
      const second = await store.runs.listByAccount(a.id, { workflowId: "wf-rare" }, { after: first.searchedTo, limit: 5 }, 3);
      expect(second).toEqual({ items: [], searchedTo: at(runs[5]!) });
      const third = await store.runs.listByAccount(a.id, { workflowId: "wf-rare" }, { after: second.searchedTo, limit: 5 }, 3);
      expect(third).toEqual({ items: [runs[7]], searchedTo: at(runs[8]!) });
      // Fewer than the scan limit remain: the list ends here.
      expect(await store.runs.listByAccount(a.id, { workflowId: "wf-rare" }, { after: third.searchedTo, limit: 5 }, 3)).toEqual({
        items: [],
        searchedTo: null,
      });
      // A page that fills within its scan ends on its last item, as unfiltered pages do.
      expect(await store.runs.listByAccount(a.id, { status: "succeeded" }, { after: null, limit: 2 }, 3)).toEqual({
        items: runs.slice(0, 2),
        searchedTo: null,
      });
      // Unfiltered pages are one range: the scan limit does not apply.
      expect((await store.runs.listByAccount(a.id, {}, { after: null, limit: 10 }, 3)).items).toEqual(runs);
    });
  });
}
