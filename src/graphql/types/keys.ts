import type { ApiKey } from "../../domain/account.js";
import { KnoudsError } from "../../domain/errors.js";
import { MAX_LAST_USED_USER_AGENT_LENGTH, ROLL_SETTLE_MS } from "../../domain/key-lifecycle.js";
import { KEY_VALUE_LENGTH } from "../../domain/keys.js";
import { SCOPES, SCOPE_TABLE } from "../../domain/scopes.js";
import { requestClient } from "./audit.js";
import { builder, platformAdminWhenGiven } from "../builder.js";
import { answersAtMost } from "../cost-declarations.js";
import { connectionOf, newestFirstPositionSchema, pageArgs, resolveKeysetConnection } from "../connections.js";

export const ScopeEnum = builder.enumType("Scope", {
  values: Object.fromEntries(
    SCOPES.map((scope) => [scope, { description: `${SCOPE_TABLE[scope].description} (${SCOPE_TABLE[scope].requestsPerMinute} req/min)` }]),
  ) as Record<(typeof SCOPES)[number], { description: string }>,
});

export const ApiKeyRef = builder.objectRef<ApiKey>("ApiKey").implement({
  description: "An API key. Its value is never shown again after createApiKey.",
  fields: (t) => ({
    id: t.exposeID("id"),
    accountId: t.exposeID("accountId"),
    name: t.exposeString("name"),
    scope: t.field({ type: ScopeEnum, description: "The scope the key was given.", resolve: (k) => k.scope }),
    scopeAssignedByPlatformAdmin: t.exposeBoolean("scopeAssignedByPlatformAdmin", {
      description: "True when a platform admin set the scope: it then stands whatever the account's tier.",
    }),
    start: t.exposeString("start", {
      description: "The first characters of the key after its prefix, to tell keys apart.",
    }),
    createdAt: t.field({ type: "DateTime", resolve: (k) => k.createdAt }),
    expiresAt: t.field({
      type: "DateTime",
      nullable: true,
      description: "From this instant the key answers 401 like a deleted one. Null: it never expires.",
      resolve: (k) => k.expiresAt,
    }),
    graceEndsAt: t.field({
      type: "DateTime",
      nullable: true,
      description: "After rollApiKey: until when the previous value still works. Null when no previous value works.",
      resolve: (k) => (k.graceEndsAt !== null && k.graceEndsAt > Date.now() ? k.graceEndsAt : null),
    }),
    previousStart: t.string({
      nullable: true,
      description: "The first characters of the previous value while it still works (see graceEndsAt).",
      resolve: (k) => (k.graceEndsAt !== null && k.graceEndsAt > Date.now() ? k.previousStart : null),
    }),
    lastUsedAt: t.field({ type: "DateTime", nullable: true, resolve: (k) => k.lastUsedAt }),
    lastUsedAddress: t.exposeString("lastUsedAddress", {
      nullable: true,
      description: "The client address of the last use (written in batches, a few seconds behind).",
    }),
    lastUsedUserAgent: t.exposeString("lastUsedUserAgent", {
      nullable: true,
      ...answersAtMost(MAX_LAST_USED_USER_AGENT_LENGTH),
      description: "The User-Agent of the last use, without control characters, at most 256 characters.",
    }),
  }),
});

const CreatedApiKeyRef = builder.objectRef<{ apiKey: ApiKey; value: string }>("CreatedApiKey").implement({
  fields: (t) => ({
    apiKey: t.field({ type: ApiKeyRef, resolve: (c) => c.apiKey }),
    value: t.exposeString("value", {
      ...answersAtMost(KEY_VALUE_LENGTH, "ascii"),
      description: "The full key. Shown this once: store it now, it cannot be retrieved later.",
    }),
  }),
});

const RolledApiKeyRef = builder.objectRef<{ apiKey: ApiKey; value: string }>("RolledApiKey").implement({
  fields: (t) => ({
    apiKey: t.field({ type: ApiKeyRef, resolve: (c) => c.apiKey }),
    value: t.exposeString("value", {
      ...answersAtMost(KEY_VALUE_LENGTH, "ascii"),
      description: "The key's new value. Shown this once: store it now, it cannot be retrieved later.",
    }),
  }),
});
const ApiKeyConnection = connectionOf(ApiKeyRef, "ApiKey");

builder.queryField("apiKeys", (t) =>
  t.field({
    type: ApiKeyConnection,
    description: "The signed-in account's keys, newest first (platform admins may name another account).",
    authScopes: platformAdminWhenGiven("accountId"),
    args: { ...pageArgs, accountId: t.arg.id() },
    resolve: (_root, args, ctx) => {
      const accountId = args.accountId ? String(args.accountId) : ctx.caller.session!.account.id;
      return resolveKeysetConnection(args, {
        list: "apiKeys",
        position: (key: ApiKey) => ({ at: key.createdAt, id: key.id }),
        positionSchema: newestFirstPositionSchema,
        fetch: (page) => ctx.services.apiKeys.list(accountId, page),
      });
    },
  }),
);

const CreateApiKeyInput = builder.inputType("CreateApiKeyInput", {
  fields: (t) => ({
    name: t.string({ required: true }),
    scope: t.field({ type: ScopeEnum, description: "Defaults to the account's tier ceiling." }),
    accountId: t.id({ description: "Platform admins: create the key for this account." }),
    expiresInDays: t.int({ description: "Expire this many days from now (1 to 366; the page offers 7, 30, 90)." }),
    expiresAt: t.field({
      type: "DateTime",
      description: "Expire at this instant (in the future, at most 366 days ahead). Neither given: never expires.",
    }),
  }),
});

builder.mutationField("createApiKey", (t) =>
  t.field({
    type: CreatedApiKeyRef,
    description: "Creates a key for the signed-in account. The full value is in the answer, once.",
    authScopes: platformAdminWhenGiven("input.accountId"),
    args: { input: t.arg({ type: CreateApiKeyInput, required: true }) },
    resolve: async (_root, args, ctx, info) => {
      const actor = ctx.caller.session!.account;
      await ctx.services.limits.fields.check({
        field: "createApiKey",
        args,
        info,
        clientAddress: ctx.clientAddress,
        accountId: actor.id,
      });
      const { input } = args;
      const owner = input.accountId ? await ctx.services.accounts.findById(String(input.accountId)) : actor;
      if (!owner) throw KnoudsError.notFound();
      return ctx.services.apiKeys.create(
        actor,
        owner,
        input.name,
        input.scope ?? undefined,
        { expiresInDays: input.expiresInDays, expiresAt: input.expiresAt },
        requestClient(ctx),
      );
    },
  }),
);

builder.mutationField("rollApiKey", (t) =>
  t.field({
    type: RolledApiKeyRef,
    description:
      "Gives a key a new value (same id, name, scope, expiry). The previous value keeps working for graceSeconds " +
      "(0 to 604800, i.e. 7 days), then answers 401. CONFLICT when another roll of the key won a race: one that changed " +
      `the value since this request read it, or one less than ${ROLL_SETTLE_MS / 1000} s earlier. Rolling again later, ` +
      "during a grace, ends the earlier previous value at once.",
    authScopes: { signedIn: true },
    args: { id: t.arg.id({ required: true }), graceSeconds: t.arg.int({ required: true }) },
    resolve: async (_root, args, ctx, info) => {
      const actor = ctx.caller.session!.account;
      await ctx.services.limits.fields.check({
        field: "rollApiKey",
        args,
        info,
        clientAddress: ctx.clientAddress,
        accountId: actor.id,
      });
      return ctx.services.apiKeys.roll(actor, String(args.id), args.graceSeconds, requestClient(ctx));
    },
  }),
);

builder.mutationField("renameApiKey", (t) =>
  t.field({
    type: ApiKeyRef,
    description: "Renames a key of the signed-in account (1 to 100 characters, trimmed).",
    authScopes: { signedIn: true },
    args: { id: t.arg.id({ required: true }), name: t.arg.string({ required: true }) },
    resolve: (_root, { id, name }, ctx) => ctx.services.apiKeys.rename(ctx.caller.session!.account, String(id), name, requestClient(ctx)),
  }),
);

builder.mutationField("deleteApiKey", (t) =>
  t.field({
    type: ApiKeyRef,
    description: "Deletes a key of the signed-in account. The very next request with it gets 401.",
    authScopes: { signedIn: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, ctx) => ctx.services.apiKeys.delete(ctx.caller.session!.account, String(id), requestClient(ctx)),
  }),
);

builder.mutationField("setApiKeyScope", (t) =>
  t.field({
    type: ApiKeyRef,
    description: "Platform admins: give any key any scope. It stands as assigned, whatever the owner's tier.",
    authScopes: { platformAdmin: true },
    args: { id: t.arg.id({ required: true }), scope: t.arg({ type: ScopeEnum, required: true }) },
    resolve: (_root, { id, scope }, ctx) =>
      ctx.services.apiKeys.assignScope(ctx.caller.session!.account, String(id), scope, requestClient(ctx)),
  }),
);
