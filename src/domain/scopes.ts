/**
 * The one scope table. Every other rule — Pothos authScopes, REST checks, rate limits,
 * tier ceilings and the settings page's scope picker — is derived from what is here.
 */

/** Scopes in ascending order of power; each includes everything below it. */
export const SCOPES = ["free", "deployment", "admin"] as const;
export type Scope = (typeof SCOPES)[number];

export const TIERS = ["free", "pro", "business", "enterprise"] as const;
export type Tier = (typeof TIERS)[number];

/**
 * The most workflows an account of each tier holds (docs/limits.md#workflows-per-account):
 * ten times the one before, from what a person trying the product keeps (Free) to what an
 * organisation's automation does (Enterprise). Creating past it is BAD_USER_INPUT.
 */
export const WORKFLOWS_PER_ACCOUNT: Readonly<Record<Tier, number>> = {
  free: 10,
  pro: 100,
  business: 1_000,
  enterprise: 10_000,
};

/** The most workflows an account of `tier` may hold. */
export function workflowsPerAccount(tier: Tier): number {
  return WORKFLOWS_PER_ACCOUNT[tier];
}

export interface ScopeDefinition {
  readonly scope: Scope;
  readonly requestsPerMinute: number;
  readonly defaultForTiers: readonly Tier[];
  /**
   * Requests per minute an account of the tiers this scope is the ceiling of may make with its
   * browser sessions (all of them together): what a person at the settings page needs, with room.
   */
  readonly sessionRequestsPerMinute: number;
  readonly description: string;
}

export const SCOPE_TABLE: Readonly<Record<Scope, ScopeDefinition>> = {
  free: {
    scope: "free",
    requestsPerMinute: 10,
    defaultForTiers: ["free"],
    sessionRequestsPerMinute: 120,
    description: "Run your own deployed workflows",
  },
  deployment: {
    scope: "deployment",
    requestsPerMinute: 100,
    defaultForTiers: ["pro"],
    sessionRequestsPerMinute: 300,
    description: "Run deployed workflows (own and public); read workflow schemas",
  },
  admin: {
    scope: "admin",
    requestsPerMinute: 1000,
    defaultForTiers: ["business", "enterprise"],
    sessionRequestsPerMinute: 600,
    description: "Run any registry model; create, update, deploy and delete workflows; run own drafts",
  },
};

/**
 * What each operation needs from an API key. Ownership and visibility rules that refine these
 * (e.g. a free key may only run its own account's workflows) live in `workflow-access.ts`.
 * A signed-in browser session (no key) may do all of it with its own account's workflows
 * and runs on every tier; with another account's, it acts as a key of its tier's ceiling scope.
 */
export const CAPABILITIES = {
  runOwnDeployedWorkflow: "free",
  runPublicWorkflow: "deployment",
  readWorkflowSchema: "deployment",
  listWorkflows: "free",
  readRun: "free",
  listModels: "free",
  runModel: "admin",
  manageWorkflows: "admin",
  runOwnDraftWorkflow: "admin",
} as const satisfies Record<string, Scope>;
export type Capability = keyof typeof CAPABILITIES;

const RANK: Readonly<Record<Scope, number>> = { free: 0, deployment: 1, admin: 2 };

export function isScope(value: unknown): value is Scope {
  return typeof value === "string" && value in RANK;
}

export function isTier(value: unknown): value is Tier {
  return typeof value === "string" && (TIERS as readonly string[]).includes(value);
}

/** True when `actual` includes everything `required` grants. */
export function scopeAtLeast(actual: Scope, required: Scope): boolean {
  return RANK[actual] >= RANK[required];
}

export function lowerScope(a: Scope, b: Scope): Scope {
  return RANK[a] <= RANK[b] ? a : b;
}

/** The highest scope an account of this tier may give its own keys. */
export function tierCeiling(tier: Tier): Scope {
  for (const scope of SCOPES) {
    if (SCOPE_TABLE[scope].defaultForTiers.includes(tier)) return scope;
  }
  throw new Error(`tier without a ceiling: ${tier}`);
}

/** The lowest tier whose accounts may give their own keys this scope. */
export function lowestTierFor(scope: Scope): Tier {
  const tier = TIERS.find((candidate) => scopeAtLeast(tierCeiling(candidate), scope));
  if (!tier) throw new Error(`no tier reaches scope ${scope}`);
  return tier;
}

/** The scopes a tier may pick from, lowest first. */
export function scopesAllowedForTier(tier: Tier): Scope[] {
  const ceiling = tierCeiling(tier);
  return SCOPES.filter((scope) => scopeAtLeast(ceiling, scope));
}

/**
 * The scope a key acts with right now: capped by the owner's current tier, unless a
 * platform admin assigned it, in which case it stands as assigned.
 */
export function effectiveScope(key: { scope: Scope; scopeAssignedByPlatformAdmin: boolean }, ownerTier: Tier): Scope {
  if (key.scopeAssignedByPlatformAdmin) return key.scope;
  return lowerScope(key.scope, tierCeiling(ownerTier));
}

export function requestsPerMinute(scope: Scope): number {
  return SCOPE_TABLE[scope].requestsPerMinute;
}

/**
 * docs/limits.md#account-budget: all keys of one account together may make this many times the per-key limit of the
 * account's tier per minute, so minting more keys never multiplies a tier's allowance.
 */
export const ACCOUNT_BUDGET_MULTIPLE = 5;

/**
 * The account-wide budget per minute that a request of a key acting with `scope` is judged
 * against: the multiple of the tier ceiling's per-key limit, or of the key's own scope when a
 * platform admin assigned one above the ceiling (so the assignment is not capped back down).
 */
export function accountRequestsPerMinute(tier: Tier, scope: Scope): number {
  const ceiling = tierCeiling(tier);
  return ACCOUNT_BUDGET_MULTIPLE * requestsPerMinute(scopeAtLeast(scope, ceiling) ? scope : ceiling);
}

/**
 * The budget per minute of every request an account of `tier` makes with a browser session
 * (no key): its tier ceiling's row of the table.
 */
export function sessionRequestsPerMinute(tier: Tier): number {
  return SCOPE_TABLE[tierCeiling(tier)].sessionRequestsPerMinute;
}
