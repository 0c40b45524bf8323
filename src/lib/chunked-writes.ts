/**
 * Buffered writes (usage counts, last-use details, audit events) grow with the number of keys
 * and events since the last flush: 8,000 keys each used once make 16,000 usage upserts. Written
 * in one SQLite transaction that held the event loop for hundreds of milliseconds, which every
 * request in flight then waited out (the bench's GraphQL p99 went to 700 ms). A flush writes
 * FLUSH_CHUNK rows per store call instead and lets the event loop serve requests between them.
 */
import { setImmediate as nextTurn } from "node:timers/promises";

/** Rows per store call of a flush: a few milliseconds of work on the event loop. */
export const FLUSH_CHUNK = 500;

/**
 * Writes `items` FLUSH_CHUNK at a time, in order, a turn of the event loop between chunks.
 * Resolves with what was not written: [] when every chunk was, else the chunk that failed and
 * everything after it (chunks before it are written and must not be written again).
 */
export async function writeInChunks<T>(
  items: readonly T[],
  write: (chunk: T[]) => Promise<void>,
  onError: (error: unknown, unwritten: number) => void,
): Promise<T[]> {
  for (let start = 0; start < items.length; start += FLUSH_CHUNK) {
    if (start > 0) await nextTurn();
    try {
      await write(items.slice(start, start + FLUSH_CHUNK));
    } catch (error) {
      onError(error, items.length - start);
      return items.slice(start);
    }
  }
  return [];
}
