/**
 * Writes what a service keeps in memory (usage counts, last uses, audit events) to the store off
 * the request path: on a timer and on flush(), one flush at a time, FLUSH_CHUNK rows per store
 * call (see chunked-writes.ts). What a failed flush left unwritten goes back to its owner, which
 * decides how it rejoins what came in meanwhile; chunks written before the failure are not
 * written again.
 */
import { writeInChunks } from "./chunked-writes.js";

export interface WriteBehindBuffer<T> {
  /** Everything buffered so far, as rows to write; the buffer is empty afterwards. */
  take(): T[];
  /** Writes one chunk of rows. */
  write(chunk: T[]): Promise<void>;
  /** Takes back the rows a failed flush did not write (they go first in the next flush). */
  putBack(unwritten: T[]): void;
}

export interface WriteBehindOptions {
  /** How often buffered rows are written; 0 writes only on flush() and close(). */
  flushMs: number;
  /** Told once per failed flush, with how many rows wait for the next one. */
  onError: (error: unknown, unwritten: number) => void;
}

export class WriteBehind<T> {
  private writing: Promise<void> = Promise.resolve();
  private readonly timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly buffer: WriteBehindBuffer<T>,
    private readonly options: WriteBehindOptions,
  ) {
    if (options.flushMs > 0) {
      this.timer = setInterval(() => void this.flush(), options.flushMs);
      this.timer.unref();
    }
  }

  /** Writes what is buffered now, after any flush already under way. Never rejects. */
  flush(): Promise<void> {
    this.writing = this.writing.then(() => this.writeOnce());
    return this.writing;
  }

  private async writeOnce(): Promise<void> {
    const rows = this.buffer.take();
    if (rows.length === 0) return;
    const unwritten = await writeInChunks(rows, (chunk) => this.buffer.write(chunk), this.options.onError);
    if (unwritten.length > 0) this.buffer.putBack(unwritten);
  }

  /** Stops the timer and writes what is buffered. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }
}
