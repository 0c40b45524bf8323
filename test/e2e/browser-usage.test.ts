/// <reference lib="dom" />
// page.evaluate callbacks run in the browser. (The server's tsconfig has no DOM lib.)
/**
 * Usage charts and the Security log tab in Debian's Chromium (playwright-core): a key's
 * 48-hour sparkline in the list, its hourly and daily charts in the details dialog, and the
 * account's security events. Screenshots go where browser.test.ts puts them (KNOUDS_SCREENSHOTS_DIR).
 */
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SCREENSHOTS, chromiumMissing, goToKeysPage, launchChromium } from "../support/browser.js";
import { createKey, signUp } from "../support/accounts.js";
import { startServer, type TestServer } from "../support/server.js";
import type { UsageDelta } from "../../src/domain/usage.js";

const skipReason = chromiumMissing("browser-usage.test");

const PASSWORD = "correct horse battery";
const HOUR = 3_600_000;
const DAY = 86_400_000;

/** A past the charts can show: deterministic traffic for the 47 hours and 89 days before now. */
function history(keyId: string, now: number): { deltas: UsageDelta[]; hourly: number; daily: number } {
  const thisHour = now - (now % HOUR);
  const today = now - (now % DAY);
  const deltas: UsageDelta[] = [];
  let hourly = 0;
  let daily = 0;
  for (let i = 1; i < 48; i++) {
    const ok = 20 + ((i * 37) % 60);
    const scopeDenied = i % 7 === 0 ? 6 : 0;
    const rateLimited = i % 11 === 0 ? 12 : 0;
    deltas.push({ keyId, period: "hour", start: thisHour - i * HOUR, ok, scopeDenied, rateLimited, otherErrors: i % 5 === 0 ? 2 : 0 });
  }
  for (let i = 1; i < 90; i++) {
    const ok = 900 + ((i * 53) % 700);
    deltas.push({
      keyId,
      period: "day",
      start: today - i * DAY,
      ok,
      scopeDenied: i % 9 === 0 ? 40 : 0,
      rateLimited: i % 13 === 0 ? 150 : 0,
      otherErrors: 5,
    });
  }
  for (const d of deltas) {
    const total = d.ok + d.scopeDenied + d.rateLimited + d.otherErrors;
    // Hours before today's midnight belong to earlier days, which hold their own figures above.
    if (d.period === "hour") hourly += total;
    else daily += total;
  }
  return { deltas, hourly, daily };
}

describe.skipIf(skipReason !== null)("usage charts and the Security log in Chromium", () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer({ env: { KNOUDS_EVENTS_FLUSH_MS: "100" } });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("charts each key's usage by outcome and lists the account's security events", async () => {
    const owner = await signUp(server, { tier: "pro" });
    const ci = await createKey(owner, "deployment", "CI deploys");
    await createKey(owner, "free", "Nightly report");
    // This hour, for real: 5 OK, 3 scope denied, 2 other errors.
    const call = (path: string, method = "GET", body?: string) =>
      fetch(`${server.url}${path}`, { method, headers: { "x-api-key": ci.value, "content-type": "application/json" }, body });
    for (let i = 0; i < 5; i++) expect((await call("/api/workflows/knouds/hello-world/schema")).status).toBe(200);
    for (let i = 0; i < 3; i++) expect((await call("/api/models/knouds/echo/run", "POST", '{"inputs":{"text":"hi"}}')).status).toBe(403);
    for (let i = 0; i < 2; i++) expect((await call("/api/runs/run_missing")).status).toBe(404);
    const past = history(ci.id, Date.now());
    await server.server.services.store.usage.add(past.deltas);
    // A failed sign-in from a script, before the owner signs in with the browser.
    await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", "user-agent": "python-requests/2.32" },
      body: JSON.stringify({ query: `mutation { signIn(input: {email: "${owner.email}", password: "not the password"}) { id } }` }),
    });

    const context = await browser.newContext({ viewport: { width: 1100, height: 760 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on("pageerror", (error) => problems.push(error.message));
    page.on("console", (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) problems.push(message.text());
    });
    await page.goto(`${server.url}/sign-in`);
    await page.getByLabel("Email").fill(owner.email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await goToKeysPage(page);

    const sparkline = page.getByRole("button", { name: /^Usage of CI deploys:/ });
    await sparkline.waitFor();
    const thisHour = 10;
    expect(await sparkline.getAttribute("aria-label")).toContain(`${(past.hourly + thisHour).toLocaleString("en-US")} requests`);
    await expect(page.getByRole("button", { name: /^Usage of Nightly report: 0 requests/ }).isVisible()).resolves.toBe(true);
    expect(await sparkline.locator("rect.usage-ok").count()).toBe(48);
    await page.screenshot({ path: join(SCREENSHOTS, "api-keys-usage.png") });

    await sparkline.click();
    const dialog = page.getByRole("dialog", { name: "Usage of “CI deploys”" });
    await dialog.waitFor();
    const hourly = dialog.getByRole("img", { name: /^Hourly usage of CI deploys/ });
    const daily = dialog.getByRole("img", { name: /^Daily usage of CI deploys/ });
    expect(await hourly.getAttribute("aria-label")).toContain(`${(past.hourly + thisHour).toLocaleString("en-US")} requests: `);
    expect(await hourly.getAttribute("aria-label")).toMatch(/ 3\d* scope denied/);
    expect(await daily.getAttribute("aria-label")).toContain(`${(past.daily + thisHour).toLocaleString("en-US")} requests`);
    expect(await hourly.locator("g.usage-bar").count()).toBe(48);
    expect(await daily.locator("g.usage-bar").count()).toBe(90);
    // The current hour's bar: its tooltip gives this hour's own counts.
    expect(await hourly.locator("g.usage-bar title").last().textContent()).toContain(
      "10 requests: 5 ok, 3 scope denied, 0 rate limited, 2 other errors",
    );
    await page.screenshot({ path: join(SCREENSHOTS, "key-usage.png") });
    await dialog.getByRole("button", { name: "Close" }).click();
    await dialog.waitFor({ state: "detached" });

    await page.getByRole("link", { name: "Security log" }).click();
    await page.waitForURL("**/settings/security-log");
    await page.getByRole("heading", { name: "Security log" }).waitFor();
    const rows = page.getByRole("row");
    await page.getByRole("rowheader", { name: "Signed in" }).waitFor();
    const texts = (await rows.allTextContents()).slice(1);
    expect(texts).toHaveLength(5);
    expect(texts[0]).toMatch(/Signed in.*You.*127\.0\.0\.1.*Chrom/);
    expect(texts[1]).toMatch(/Failed sign-in.*Unknown.*python-requests\/2\.32/);
    expect(texts[2]).toMatch(/Key created.*Nightly report.*Scope free.*You/);
    expect(texts[3]).toMatch(/Key created.*CI deploys.*Scope deployment/);
    expect(texts[4]).toMatch(/Plan changed.*Free → Pro.*Operator \(CLI\)/);
    await page.screenshot({ path: join(SCREENSHOTS, "security-log.png"), fullPage: true });

    const html = await page.evaluate(() => document.documentElement.outerHTML);
    expect(html.includes(ci.value)).toBe(false);
    expect(html.includes(PASSWORD)).toBe(false);
    expect(problems).toEqual([]);
    await context.close();
  });
});
