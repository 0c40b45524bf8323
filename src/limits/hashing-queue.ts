/**
 * Bounds the password hashing (scrypt, tens of milliseconds on libuv's thread pool each) that
 * sign-up and sign-in make an instance do. A few hashes run at once; the rest wait in one line
 * per client address, and the lines take turns, so a flood from one address delays another
 * address's sign-in by at most one hash per busy address. Past the bounds a caller is refused at
 * once (SERVICE_UNAVAILABLE with retryAfter) rather than left waiting behind the flood.
 */
import { KnoudsError } from "../domain/errors.js";

export const PASSWORD_HASHING = {
  /** scrypt calls running at once on this instance. */
  concurrent: 2,
  /** Calls one client address may have waiting. */
  waitingPerAddress: 16,
  /** Calls waiting on this instance in all. */
  waiting: 128,
  /** What a refused caller is told to wait, in seconds. */
  retryAfterSeconds: 1,
} as const;

export type HashingOutcome = "hashed" | "refused";

export class HashingQueue {
  private running = 0;
  private waitingCount = 0;
  /** Waiting calls by address, in turn order: the next hash goes to the first address. */
  private readonly lines = new Map<string, Array<() => void>>();

  constructor(private readonly onOutcome: (outcome: HashingOutcome) => void = () => {}) {}

  /** Runs `hash` when a slot is free and it is `address`'s turn; throws UNAVAILABLE past the bounds. */
  async run<T>(address: string, hash: () => Promise<T>): Promise<T> {
    if (this.running < PASSWORD_HASHING.concurrent) this.running += 1;
    else await this.wait(address);
    this.onOutcome("hashed");
    try {
      return await hash();
    } finally {
      this.handOn();
    }
  }

  private wait(address: string): Promise<void> {
    const line = this.lines.get(address) ?? [];
    if (line.length >= PASSWORD_HASHING.waitingPerAddress || this.waitingCount >= PASSWORD_HASHING.waiting) {
      this.onOutcome("refused");
      throw KnoudsError.hashingBusy(PASSWORD_HASHING.retryAfterSeconds);
    }
    this.waitingCount += 1;
    return new Promise((start) => {
      line.push(start);
      if (line.length === 1) this.lines.set(address, line);
    });
  }

  /** Gives the finished call's slot to the next address in turn, which then goes to the back. */
  private handOn(): void {
    const next = this.lines.entries().next();
    if (next.done) {
      this.running -= 1;
      return;
    }
    const [address, line] = next.value;
    this.lines.delete(address);
    const start = line.shift()!;
    if (line.length > 0) this.lines.set(address, line);
    this.waitingCount -= 1;
    start();
  }
}
