/**
 * An audit event: what happened to an account's keys and standing, and its sign-ins. Events never
 * hold a key value or a password — only ids, names, scopes, tiers, and the client's address and
 * user agent (bounded, see audit/client.ts).
 */
import type { Scope, Tier } from "./scopes.js";

export const AUDIT_EVENT_TYPES = [
  "key.created",
  "key.rolled",
  "key.renamed",
  "key.rescoped",
  "key.expired",
  "key.deleted",
  "key.reported_leaked",
  "account.tier_changed",
  "account.platform_admin_changed",
  "account.signed_in",
  "account.sign_in_failed",
] as const;
export type AuditEventType = (typeof AUDIT_EVENT_TYPES)[number];

/**
 * The name people see for an event type — in the GraphQL enum, the docs and the operator CLI:
 * `key.reported_leaked` -> `KEY_REPORTED_LEAKED` (GraphQL enum values cannot hold dots).
 */
export function auditEventTypeName(type: AuditEventType): string {
  return type.replace(".", "_").toUpperCase();
}

/** Who did it: a signed-in account (the owner or a platform admin), the operator CLI, the server itself, or someone unidentified. */
export type AuditActor =
  | { kind: "account"; accountId: string; email: string; platformAdmin: boolean }
  | { kind: "operator" }
  | { kind: "system" }
  | { kind: "anonymous" };

/** The name people see for an actor kind (GraphQL `AuditActorKind`): `operator` -> `OPERATOR`. */
export function auditActorKindName(kind: AuditActor["kind"]): string {
  return kind.toUpperCase();
}

/** Where a request came from, as the server saw it. */
export interface ClientInfo {
  address: string | null;
  userAgent: string | null;
}

/** The facts an event may carry. A closed set of typed fields: there is no place for free text. */
export interface AuditDetails {
  scope?: Scope;
  previousScope?: Scope;
  tier?: Tier;
  previousTier?: Tier;
  platformAdmin?: boolean;
  name?: string;
  previousName?: string;
  expiresAt?: number | null;
  graceSeconds?: number;
}

export interface AuditEventInput {
  type: AuditEventType;
  /** The account whose log the event belongs to. */
  accountId: string;
  actor: AuditActor;
  key?: { id: string; name: string } | null;
  details?: AuditDetails;
  client?: ClientInfo | null;
}

export interface AuditEvent {
  /** Time-ordered: newer events have greater ids. */
  id: string;
  accountId: string;
  type: AuditEventType;
  at: number;
  actor: AuditActor;
  key: { id: string; name: string } | null;
  details: AuditDetails;
  client: ClientInfo | null;
}
