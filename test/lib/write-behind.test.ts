/** Buffered writes reach the store off the request path: in chunks, one flush at a time, failures retried. */
import { join } from "node:path";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { FLUSH_CHUNK, writeInChunks } from "../../src/lib/chunked-writes.js";
import { WriteBehind } from "../../src/lib/write-behind.js";
import { openSqliteStore } from "../../src/store/sqlite/index.js";
import { BufferedUsage } from "../../src/usage/buffered.js";
import { tempDataDir } from "../support/server.js";

describe("writeInChunks", () => {
  it("writes in order, FLUSH_CHUNK at a time, and hands back the failed chunk and the rest", async () => {
    const items = Array.from({ length: 2 * FLUSH_CHUNK + 7 }, (_, i) => i);
    const written: number[][] = [];
    expect(
      await writeInChunks(
        items,
        async (chunk) => void written.push(chunk),
        () => {},
      ),
    ).toEqual([]);
    expect(written.map((chunk) => chunk.length)).toEqual([FLUSH_CHUNK, FLUSH_CHUNK, 7]);
    expect(written.flat()).toEqual(items);

    const errors: number[] = [];
    let calls = 0;
    const unwritten = await writeInChunks(
      items,
      async () => {
        if (++calls === 2) throw new Error("store away");
      },
      (_error, count) => errors.push(count),
    );
    expect(unwritten).toEqual(items.slice(FLUSH_CHUNK));
    expect(errors).toEqual([FLUSH_CHUNK + 7]);
  });

  it("lets the event loop run between chunks", async () => {
    const order: string[] = [];
    const flushing = writeInChunks(
      Array.from({ length: 3 * FLUSH_CHUNK }, (_, i) => i),
      async () => void order.push("chunk"),
      () => {},
    );
    setImmediate(() => order.push("request"));
    await flushing;
    expect(order.indexOf("request")).toBeGreaterThan(0);
    expect(order.indexOf("request")).toBeLessThan(order.length - 1);
  });
});

describe("WriteBehind", () => {
  it("writes one flush at a time, gives a failed flush's rows back, and writes them first next time", async () => {
    let buffered: number[] = [1, 2, 3];
    const written: number[][] = [];
    let fail = true;
    let writing = 0;
    let overlapped = false;
    const errors: number[] = [];
    const writes = new WriteBehind<number>(
      {
        take: () => {
          const rows = buffered;
          buffered = [];
          return rows;
        },
        write: async (chunk) => {
          overlapped ||= writing > 0;
          writing++;
          await new Promise((resolve) => setTimeout(resolve, 5));
          writing--;
          if (fail) throw new Error("store away");
          written.push(chunk);
        },
        putBack: (rows) => {
          buffered = [...rows, ...buffered];
        },
      },
      { flushMs: 0, onError: (_error, unwritten) => errors.push(unwritten) },
    );
    await writes.flush();
    expect(written).toEqual([]);
    expect(errors).toEqual([3]);
    expect(buffered).toEqual([1, 2, 3]);
    fail = false;
    buffered.push(4);
    await Promise.all([writes.flush(), writes.flush()]);
    expect(overlapped).toBe(false);
    expect(written).toEqual([[1, 2, 3, 4]]);
    buffered.push(5);
    await writes.close();
    expect(written).toEqual([[1, 2, 3, 4], [5]]);
  });
});

describe("usage counts flushed in chunks to SQLite", () => {
  it("adds up exactly for more keys than one chunk holds", async () => {
    const store = openSqliteStore(join(tempDataDir(), "knouds.db"));
    const usage = new BufferedUsage({ store: store.usage, logger: pino({ level: "silent" }), flushMs: 60_000 });
    const keys = Array.from({ length: 3 * FLUSH_CHUNK + 1 }, (_, i) => `key_${i}`);
    for (const [i, key] of keys.entries()) for (let n = 0; n <= i % 3; n++) usage.count(key, "ok");
    usage.count("key_0", "rateLimited");
    await usage.flush();
    for (const [i, key] of [keys[0]!, keys[1]!, keys[FLUSH_CHUNK + 2]!, keys.at(-1)!].entries()) {
      const index = keys.indexOf(key);
      const hours = await usage.series(key, "hour");
      const days = await usage.series(key, "day");
      // Summed, so an hour or day that turns during the test changes nothing.
      expect(
        hours.reduce((n, b) => n + b.ok, 0),
        `${i}`,
      ).toBe((index % 3) + 1);
      expect(days.reduce((n, b) => n + b.ok, 0)).toBe((index % 3) + 1);
    }
    expect((await usage.series("key_0", "hour")).reduce((n, b) => n + b.rateLimited, 0)).toBe(1);
    await usage.close();
    await store.close();
  });
});
