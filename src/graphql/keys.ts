import type { ApiKey } from "../domain/account.js";
import { KnoudsError } from "../domain/errors.js";
import { SCOPES, SCOPE_TABLE } from "../domain/scopes.js";
import { builder, platformAdminWhenGiven } from "./builder.js";

export const ScopeEnum = builder.enumType("Scope", {
  values: Object.fromEntries(
    SCOPES.map((scope) => [
      scope,
      { description: `${SCOPE_TABLE[scope].description} (${SCOPE_TABLE[scope].requestsPerMinute} req/min)` },
    ]),
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
    lastUsedAt: t.field({ type: "DateTime", nullable: true, resolve: (k) => k.lastUsedAt }),
  }),
});

const CreatedApiKeyRef = builder
  .objectRef<{ apiKey: ApiKey; value: string }>("CreatedApiKey")
  .implement({
    fields: (t) => ({
      apiKey: t.field({ type: ApiKeyRef, resolve: (c) => c.apiKey }),
      value: t.exposeString("value", {
        description: "The full key. Shown this once: store it now, it cannot be retrieved later.",
      }),
    }),
  });

builder.queryField("apiKeys", (t) =>
  t.field({
    type: [ApiKeyRef],
    description: "The signed-in account's keys, newest first (platform admins may name another account).",
    authScopes: platformAdminWhenGiven("accountId"),
    args: { accountId: t.arg.id() },
    resolve: (_root, args, ctx) =>
      ctx.services.apiKeys.list(args.accountId ? String(args.accountId) : ctx.caller.session!.account.id),
  }),
);

const CreateApiKeyInput = builder.inputType("CreateApiKeyInput", {
  fields: (t) => ({
    name: t.string({ required: true }),
    scope: t.field({ type: ScopeEnum, description: "Defaults to the account's tier ceiling." }),
    accountId: t.id({ description: "Platform admins: create the key for this account." }),
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
      return ctx.services.apiKeys.create(actor, owner, input.name, input.scope ?? undefined);
    },
  }),
);

builder.mutationField("deleteApiKey", (t) =>
  t.field({
    type: ApiKeyRef,
    description: "Deletes a key of the signed-in account. The very next request with it gets 401.",
    authScopes: { signedIn: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, ctx) => ctx.services.apiKeys.delete(ctx.caller.session!.account, String(id)),
  }),
);

builder.mutationField("setApiKeyScope", (t) =>
  t.field({
    type: ApiKeyRef,
    description: "Platform admins: give any key any scope. It stands as assigned, whatever the owner's tier.",
    authScopes: { platformAdmin: true },
    args: { id: t.arg.id({ required: true }), scope: t.arg({ type: ScopeEnum, required: true }) },
    resolve: (_root, { id, scope }, ctx) => ctx.services.apiKeys.assignScope(String(id), scope),
  }),
);
