/**
 * The password hashing queue on its own: a few hashes at once, addresses taking turns, and an
 * immediate refusal past the bounds. The "hashes" here are promises the test settles by hand,
 * so the order is exact whatever the machine's speed.
 */
import { describe, expect, it } from "vitest";
import { KnoudsError } from "../../src/domain/errors.js";
import { HashingQueue, PASSWORD_HASHING, type HashingOutcome } from "../../src/limits/hashing-queue.js";

function harness() {
  const outcomes: HashingOutcome[] = [];
  const queue = new HashingQueue((outcome) => outcomes.push(outcome));
  const started: string[] = [];
  const finish = new Map<string, () => void>();
  const submit = (address: string, name: string) =>
    queue.run(address, () => {
      started.push(name);
      return new Promise<string>((resolve) => finish.set(name, () => resolve(name)));
    });
  /** Lets every settled promise run its continuations. */
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  return { queue, outcomes, started, finish: (name: string) => finish.get(name)!(), submit, settle };
}

describe("password hashing queue", () => {
  it(`runs ${PASSWORD_HASHING.concurrent} hashes at once and lets a quiet address in after one hash of a flooding one`, async () => {
    const { started, finish, submit, settle } = harness();
    const flood = Array.from({ length: 10 }, (_, i) => submit("198.51.100.7", `flood${i}`));
    const quiet = submit("203.0.113.20", "quiet");
    await settle();
    expect(started).toEqual(["flood0", "flood1"]);
    finish("flood0");
    await settle();
    expect(started).toEqual(["flood0", "flood1", "flood2"]);
    finish("flood1");
    await settle();
    // The flooding address had its turn; the quiet one is next, ahead of the flood's 7 others.
    expect(started).toEqual(["flood0", "flood1", "flood2", "quiet"]);
    finish("quiet");
    expect(await quiet).toBe("quiet");
    for (let i = 2; i < 10; i++) {
      await settle();
      finish(`flood${i}`);
    }
    expect(await Promise.all(flood)).toHaveLength(10);
  });

  it("refuses at once, with SERVICE_UNAVAILABLE and retryAfter, past the waiting bound of one address and of the instance", async () => {
    const { outcomes, submit, settle } = harness();
    const perAddress = PASSWORD_HASHING.waitingPerAddress;
    for (let i = 0; i < PASSWORD_HASHING.concurrent + perAddress; i++) void submit("198.51.100.7", `a${i}`);
    await settle();
    const refused = await submit("198.51.100.7", "one too many").catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(KnoudsError);
    expect((refused as KnoudsError).code).toBe("UNAVAILABLE");
    expect((refused as KnoudsError).facts.retryAfter).toBe(PASSWORD_HASHING.retryAfterSeconds);

    // Other addresses still get in, until the instance's waiting bound is reached.
    for (let i = 0; i < PASSWORD_HASHING.waiting - perAddress; i++) void submit(`192.0.2.${i}`, `o${i}`);
    await settle();
    expect(outcomes.filter((o) => o === "refused")).toHaveLength(1);
    const full = await submit("203.0.113.99", "instance full").catch((error: unknown) => error);
    expect((full as KnoudsError).code).toBe("UNAVAILABLE");
    expect(outcomes.filter((o) => o === "hashed")).toHaveLength(PASSWORD_HASHING.concurrent);
  });
});
