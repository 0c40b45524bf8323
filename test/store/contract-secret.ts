/**
 * The storage contract for the server secret's fingerprint: one per store, the first recorded
 * kept until replaced on purpose. `openEmpty` opens a store nothing has been written to.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "../../src/store/interface.js";
import type { OpenStore } from "./contract.js";

export function secretFingerprintContract(name: string, openEmpty: OpenStore): void {
  describe(`${name} store: the server secret's fingerprint`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await openEmpty();
    });
    afterEach(async () => {
      await store.close();
    });

    it("has none in a new store; the first recorded stays, a later recordIfAbsent answers it and changes nothing", async () => {
      expect(await store.secretFingerprint.get()).toBeNull();
      expect(await store.secretFingerprint.recordIfAbsent("fp-first")).toBe("fp-first");
      expect(await store.secretFingerprint.recordIfAbsent("fp-second")).toBe("fp-first");
      expect(await store.secretFingerprint.get()).toBe("fp-first");
    });

    it("of concurrent first records, one wins and every caller is told which", async () => {
      const candidates = Array.from({ length: 8 }, (_, i) => `fp-${i}`);
      const answers = await Promise.all(candidates.map((fp) => store.secretFingerprint.recordIfAbsent(fp)));
      const winner = await store.secretFingerprint.get();
      expect(candidates).toContain(winner);
      expect(answers).toEqual(candidates.map(() => winner));
    });

    it("replace records a new one over the old, and over none", async () => {
      await store.secretFingerprint.replace("fp-only");
      expect(await store.secretFingerprint.get()).toBe("fp-only");
      await store.secretFingerprint.replace("fp-rotated");
      expect(await store.secretFingerprint.get()).toBe("fp-rotated");
      expect(await store.secretFingerprint.recordIfAbsent("fp-other")).toBe("fp-rotated");
    });
  });
}
