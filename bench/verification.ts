/** Microseconds per KeyVerifier.verify call, from the cache and from the store. */
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { NOOP_AUDIT_LOG } from "../src/audit/noop.js";
import { AccountService } from "../src/auth/accounts.js";
import { ApiKeyService } from "../src/auth/api-keys.js";
import { KeyVerifier } from "../src/auth/key-verifier.js";
import { LocalRevocationBus } from "../src/auth/revocation.js";
import { openSqliteStore } from "../src/store/sqlite/index.js";

async function perCall(calls: number, verify: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < Math.min(calls, 2000); i++) await verify();
  const started = performance.now();
  for (let i = 0; i < calls; i++) await verify();
  return ((performance.now() - started) * 1000) / calls;
}

export async function verificationMicrobench(dir: string, secret: string, calls: number) {
  const store = openSqliteStore(join(dir, "verify.db"));
  const bus = new LocalRevocationBus();
  try {
    const owner = await new AccountService(store, bus, NOOP_AUDIT_LOG).create({ email: "v@example.com", password: null, tier: "business" });
    const { value } = await new ApiKeyService(store, secret, bus, NOOP_AUDIT_LOG).create(owner, owner, "verify", "admin");
    const cached = new KeyVerifier({ store, secret, bus, cacheTtlMs: 60_000 });
    const uncached = new KeyVerifier({ store, secret, bus, cacheTtlMs: 0 });
    const result = {
      cachedMicros: await perCall(calls, () => cached.verify(value)),
      uncachedMicros: await perCall(Math.ceil(calls / 4), () => uncached.verify(value)),
      malformedMicros: await perCall(calls, () => cached.verify(`${value.slice(0, -1)}x`)),
    };
    await cached.close();
    await uncached.close();
    return result;
  } finally {
    await store.close();
  }
}
