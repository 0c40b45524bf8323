import { describe, expect, it } from "vitest";
import { SCOPES, effectiveScope, requestsPerMinute, scopeAtLeast, scopesAllowedForTier, tierCeiling } from "../../src/domain/scopes.js";

describe("the scope table", () => {
  it("is cumulative: admin ⊃ deployment ⊃ free", () => {
    expect(scopeAtLeast("admin", "deployment")).toBe(true);
    expect(scopeAtLeast("admin", "free")).toBe(true);
    expect(scopeAtLeast("deployment", "free")).toBe(true);
    expect(scopeAtLeast("deployment", "admin")).toBe(false);
    expect(scopeAtLeast("free", "deployment")).toBe(false);
    for (const scope of SCOPES) expect(scopeAtLeast(scope, scope)).toBe(true);
  });

  it("caps tiers: Free → free, Pro → deployment, Business/Enterprise → admin", () => {
    expect(tierCeiling("free")).toBe("free");
    expect(tierCeiling("pro")).toBe("deployment");
    expect(tierCeiling("business")).toBe("admin");
    expect(tierCeiling("enterprise")).toBe("admin");
    expect(scopesAllowedForTier("pro")).toEqual(["free", "deployment"]);
  });

  it("limits 10, 100 and 1,000 requests per minute", () => {
    expect(requestsPerMinute("free")).toBe(10);
    expect(requestsPerMinute("deployment")).toBe(100);
    expect(requestsPerMinute("admin")).toBe(1000);
  });

  it("takes the lower of key scope and tier ceiling, unless a platform admin assigned it", () => {
    expect(effectiveScope({ scope: "admin", scopeAssignedByPlatformAdmin: false }, "pro")).toBe("deployment");
    expect(effectiveScope({ scope: "free", scopeAssignedByPlatformAdmin: false }, "business")).toBe("free");
    expect(effectiveScope({ scope: "admin", scopeAssignedByPlatformAdmin: true }, "free")).toBe("admin");
  });
});
