import type { AuditLog } from "./interface.js";

/** An audit log that keeps nothing: for fixtures written straight into a store (the bench's seeding). */
export const NOOP_AUDIT_LOG: AuditLog = {
  record() {},
  event() {
    return null;
  },
  async flush() {},
  async list() {
    return [];
  },
  async prune() {
    return 0;
  },
  async close() {},
};
