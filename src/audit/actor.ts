import type { Account } from "../domain/account.js";
import type { AuditActor } from "../domain/audit-event.js";

export const OPERATOR: AuditActor = { kind: "operator" };

/** A signed-in account acting: its owner, or a platform admin acting on someone else's account. */
export function accountActor(account: Account): AuditActor {
  return { kind: "account", accountId: account.id, email: account.email, platformAdmin: account.isPlatformAdmin };
}
