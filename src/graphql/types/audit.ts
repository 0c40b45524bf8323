import { z } from "zod";
import { MAX_AUDIT_USER_AGENT_LENGTH, clientInfo } from "../../audit/client.js";
import { MAX_EMAIL_LENGTH } from "../../domain/account.js";
import {
  AUDIT_EVENT_TYPES,
  type AuditActor,
  auditEventTypeName,
  type AuditEvent,
  type AuditEventType,
  type ClientInfo,
} from "../../domain/audit-event.js";
import { answerJson } from "../answer-budget.js";
import { builder } from "../builder.js";
import { answersAtMost, storedJson } from "../cost-declarations.js";
import type { GraphQLContext } from "../context.js";
import { PAGE_SIZE } from "../../domain/pages.js";
import { backwardPageArgs, connectionOf, pageArgs, resolveKeysetConnection } from "../connections.js";

/** The requesting client as audit events keep it. */
export function requestClient(ctx: GraphQLContext): ClientInfo {
  return clientInfo(ctx.clientAddress, ctx.reply.request.headers["user-agent"]);
}

const AuditEventTypeEnum = builder.enumType("AuditEventType", {
  values: Object.fromEntries(AUDIT_EVENT_TYPES.map((type) => [auditEventTypeName(type), { value: type }])) as Record<
    string,
    { value: AuditEventType }
  >,
});

const ActorKindEnum = builder.enumType("AuditActorKind", {
  values: {
    ACCOUNT: { value: "account", description: "A signed-in account: the owner, or a platform admin" },
    OPERATOR: { value: "operator", description: "The operator CLI" },
    SYSTEM: { value: "system", description: "The server itself (an expiry, say)" },
    ANONYMOUS: { value: "anonymous", description: "Someone not signed in (a failed sign-in, a leak report)" },
  } as const,
});

const AuditActorRef = builder.objectRef<AuditActor>("AuditActor").implement({
  description: "Who did it.",
  fields: (t) => ({
    kind: t.field({ type: ActorKindEnum, resolve: (a) => a.kind }),
    accountId: t.id({ nullable: true, resolve: (a) => (a.kind === "account" ? a.accountId : null) }),
    email: t.string({ ...answersAtMost(MAX_EMAIL_LENGTH), nullable: true, resolve: (a) => (a.kind === "account" ? a.email : null) }),
    platformAdmin: t.boolean({
      description: "True when the acting account is a platform admin.",
      resolve: (a) => a.kind === "account" && a.platformAdmin,
    }),
  }),
});

const AuditClientRef = builder.objectRef<ClientInfo>("AuditClient").implement({
  description: "Where the request came from: address and user agent, control characters stripped, lengths bounded.",
  fields: (t) => ({
    address: t.exposeString("address", { nullable: true }),
    userAgent: t.exposeString("userAgent", { ...answersAtMost(MAX_AUDIT_USER_AGENT_LENGTH), nullable: true }),
  }),
});

const AuditEventRef = builder.objectRef<AuditEvent>("AuditEvent").implement({
  description: "One entry of an account's audit log. Never holds a key value or a password.",
  fields: (t) => ({
    id: t.exposeID("id"),
    type: t.field({ type: AuditEventTypeEnum, resolve: (e) => e.type }),
    at: t.field({ type: "DateTime", resolve: (e) => e.at }),
    actor: t.field({ type: AuditActorRef, resolve: (e) => e.actor }),
    keyId: t.id({ nullable: true, resolve: (e) => e.key?.id ?? null }),
    keyName: t.string({ nullable: true, description: "The key's name when the event was recorded.", resolve: (e) => e.key?.name ?? null }),
    details: t.field({
      type: "JSON",
      description: "What changed, e.g. {scope, previousScope} or {tier, previousTier}; empty when nothing more is known.",
      ...storedJson(),
      resolve: (e, _args, ctx) => answerJson(ctx, e.details),
    }),
    client: t.field({ type: AuditClientRef, nullable: true, resolve: (e) => e.client }),
  }),
});

const EVENT_ID = /^evt_[0-9a-z]{21}$/;

const AuditEventConnection = connectionOf(AuditEventRef, "AuditEvent");

builder.queryField("auditEvents", (t) =>
  t.field({
    type: AuditEventConnection,
    description: `The signed-in account's audit log, newest first. Pages of ${PAGE_SIZE.default} by default, at most ${PAGE_SIZE.max}; read forward with first/after or backward with last/before.`,
    authScopes: { signedIn: true },
    args: { ...pageArgs, ...backwardPageArgs },
    resolve: (_root, args, ctx) => {
      const accountId = ctx.caller.session!.account.id;
      return resolveKeysetConnection(args, {
        list: "auditEvents",
        position: (event: AuditEvent) => event.id,
        positionSchema: z.string().regex(EVENT_ID),
        fetch: ({ after, limit }) => ctx.services.audit.list({ accountId, olderThan: after ?? undefined, limit }),
        fetchBefore: ({ before, limit }) =>
          ctx.services.audit.list({ accountId, newerThan: before ?? undefined, limit, oldestFirst: true }),
      });
    },
  }),
);
