import { LRUCache } from "lru-cache";
import type { AuditLog } from "./interface.js";

/**
 * Records `key.expired` in the owner's audit log the first time this instance refuses an
 * expired key, not on every refused request (each instance notices at most once per key).
 */
export class ExpiredKeyNotices {
  private readonly noticed = new LRUCache<string, true>({ max: 10_000 });

  constructor(private readonly audit: AuditLog) {}

  notice(key: { keyId: string; keyName: string; accountId: string }): void {
    if (this.noticed.has(key.keyId)) return;
    this.noticed.set(key.keyId, true);
    this.audit.record({
      type: "key.expired",
      accountId: key.accountId,
      actor: { kind: "system" },
      key: { id: key.keyId, name: key.keyName },
    });
  }
}
