import type { Tier } from "./gql/graphql.js";

const PLAN_NAMES: Record<Tier, string> = { free: "Free", pro: "Pro", business: "Business", enterprise: "Enterprise" };

export function planName(tier: Tier): string {
  return PLAN_NAMES[tier];
}
