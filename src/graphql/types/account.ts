import { MAX_EMAIL_LENGTH, normalizeEmail, type Account } from "../../domain/account.js";
import { KnoudsError } from "../../domain/errors.js";
import { HANDLE_RULE } from "../../domain/handle.js";
import { SCOPES, TIERS, scopesAllowedForTier, tierCeiling } from "../../domain/scopes.js";
import { SESSION_COOKIE } from "../../auth/sessions.js";
import { accountActor } from "../../audit/actor.js";
import { requestClient } from "./audit.js";
import { builder } from "../builder.js";
import type { GraphQLContext } from "../context.js";
import { answersAtMost, holdsAtMost } from "../cost-declarations.js";
import { ApiKeyRef, ScopeEnum } from "./keys.js";

export const TierEnum = builder.enumType("Tier", { values: TIERS });

export const AccountRef = builder.objectRef<Account>("Account").implement({
  description: "A Knouds account on a plan tier.",
  fields: (t) => ({
    id: t.exposeID("id"),
    handle: t.exposeString("handle", { description: "Unique; your workflows' addresses start with it (`handle/slug`)." }),
    email: t.exposeString("email", answersAtMost(MAX_EMAIL_LENGTH)),
    name: t.exposeString("name"),
    tier: t.field({ type: TierEnum, resolve: (a) => a.tier }),
    isPlatformAdmin: t.exposeBoolean("isPlatformAdmin"),
    scopeCeiling: t.field({
      type: ScopeEnum,
      description: "The highest scope this account can give its own keys.",
      resolve: (a) => tierCeiling(a.tier),
    }),
    allowedScopes: t.field({
      ...holdsAtMost(SCOPES.length),
      type: [ScopeEnum],
      description: "The scopes this account can pick when creating a key, lowest first.",
      resolve: (a) => scopesAllowedForTier(a.tier),
    }),
    createdAt: t.field({ type: "DateTime", resolve: (a) => a.createdAt }),
  }),
});

const AuthMethodEnum = builder.enumType("AuthMethod", {
  values: { API_KEY: { description: "x-api-key header" }, SESSION: { description: "browser session cookie" } },
});

interface Viewer {
  account: Account;
  method: "API_KEY" | "SESSION";
  ctx: GraphQLContext;
}

const ViewerRef = builder.objectRef<Viewer>("Viewer").implement({
  description: "Who is calling: the account, and the API key with its effective scope when one was sent.",
  fields: (t) => ({
    account: t.field({ type: AccountRef, resolve: (v) => v.account }),
    authenticatedBy: t.field({ type: AuthMethodEnum, resolve: (v) => v.method }),
    apiKey: t.field({ type: ApiKeyRef, nullable: true, resolve: (v) => v.ctx.caller.key?.key ?? null }),
    effectiveScope: t.field({
      type: ScopeEnum,
      nullable: true,
      description: "The scope the API key acts with now: its own, capped by the account's current tier.",
      resolve: (v) => v.ctx.caller.key?.scope ?? null,
    }),
  }),
});

builder.queryField("viewer", (t) =>
  t.field({
    type: ViewerRef,
    nullable: true,
    description: "The caller, or null when the request carries neither an API key nor a session.",
    resolve: (_root, _args, ctx) => {
      const { key, session } = ctx.caller;
      if (key) return { account: key.account, method: "API_KEY" as const, ctx };
      if (session) return { account: session.account, method: "SESSION" as const, ctx };
      return null;
    },
  }),
);

const SignUpInput = builder.inputType("SignUpInput", {
  fields: (t) => ({
    email: t.string({ required: true }),
    password: t.string({ required: true }),
    name: t.string(),
    handle: t.string({ description: `Your namespace: ${HANDLE_RULE}. Derived from the email when left out.` }),
  }),
});

const SignInInput = builder.inputType("SignInInput", {
  fields: (t) => ({
    email: t.string({ required: true }),
    password: t.string({ required: true }),
  }),
});

async function startSession(ctx: GraphQLContext, account: Account): Promise<Account> {
  const { token, expiresAt } = await ctx.services.sessions.start(account.id);
  ctx.reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "lax",
    secure: ctx.services.config.cookieSecure,
    path: "/",
    expires: new Date(expiresAt),
  });
  return account;
}

builder.mutationField("signUp", (t) =>
  t.field({
    type: AccountRef,
    description: "Creates a Free account and signs it in (sets the session cookie).",
    args: { input: t.arg({ type: SignUpInput, required: true }) },
    resolve: async (_root, args, ctx, info) => {
      await ctx.services.limits.fields.check({ field: "signUp", args, info, clientAddress: ctx.clientAddress });
      const { input } = args;
      const account = await ctx.services.accounts.create({
        email: input.email,
        password: input.password,
        name: input.name ?? undefined,
        handle: input.handle ?? undefined,
        clientAddress: ctx.clientAddress,
      });
      return startSession(ctx, account);
    },
  }),
);

builder.mutationField("signIn", (t) =>
  t.field({
    type: AccountRef,
    description: "Checks email and password and sets the session cookie.",
    args: { input: t.arg({ type: SignInInput, required: true }) },
    resolve: async (_root, args, ctx, info) => {
      // Counted per address across all emails (spraying), then per address and account:
      // `Ada@x.com` and ` ada@x.com` are one account, and a megabyte-long "email" must not
      // become a megabyte-long counter key.
      const limits = ctx.services.limits.fields;
      await limits.check({ field: "signInFromAddress", args: {}, info, clientAddress: ctx.clientAddress });
      const counted = { input: { email: normalizeEmail(args.input.email).slice(0, MAX_EMAIL_LENGTH) } };
      await limits.check({ field: "signIn", args: counted, info, clientAddress: ctx.clientAddress });
      const { input } = args;
      const account = await ctx.services.accounts.signIn(input.email, input.password, requestClient(ctx));
      if (!account) throw new KnoudsError("UNAUTHENTICATED", "Wrong email or password");
      return startSession(ctx, account);
    },
  }),
);

builder.mutationField("signOut", (t) =>
  t.boolean({
    description: "Ends the browser session. True when there was one.",
    resolve: async (_root, _args, ctx) => {
      ctx.reply.clearCookie(SESSION_COOKIE, { path: "/" });
      if (!ctx.caller.session) return false;
      await ctx.services.sessions.end(ctx.caller.session.digest);
      return true;
    },
  }),
);

builder.mutationField("setAccountTier", (t) =>
  t.field({
    type: AccountRef,
    description: "Platform admins: move an account to another tier. Its keys' effective scopes follow at once.",
    authScopes: { platformAdmin: true },
    args: {
      accountId: t.arg.id({ required: true }),
      tier: t.arg({ type: TierEnum, required: true }),
    },
    resolve: (_root, { accountId, tier }, ctx) =>
      ctx.services.accounts.update(
        String(accountId),
        { tier },
        { actor: accountActor(ctx.caller.session!.account), client: requestClient(ctx) },
      ),
  }),
);
