/// <reference lib="dom" />
// page.evaluate callbacks run in the browser. (The server's tsconfig has no DOM lib.)
/**
 * The settings page's key-lifecycle screens in Debian's Chromium (playwright-core): create a
 * key with an expiry, see "expires in N days" and its warning, last-use details, rename, and
 * roll with a grace picker and the new value shown once. Screenshots as browser.test.ts does.
 */
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SCREENSHOTS, chromiumMissing, goToKeysPage, launchChromium } from "../support/browser.js";
import { ACCEPTED, probeKey } from "../support/key-probe.js";
import { startServer, type TestServer } from "../support/server.js";
import { recordKeyValuesIn } from "../support/suite.js";

const skipReason = chromiumMissing("key-lifecycle-browser.test");

const MASK = "knouds_live_••••••••••••••••••••••••••••••••";

describe.skipIf(skipReason !== null)("key lifecycle on the settings page in Chromium", () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1100, height: 760 } })).newPage();
    await page.goto(`${server.url}/sign-in`);
    await page.getByRole("link", { name: "Create an account" }).click();
    await page.getByLabel("Email").fill(`lifecycle-${Date.now()}@example.com`);
    await page.getByLabel("Password").fill("correct horse battery");
    await page.getByRole("button", { name: "Create account" }).click();
    await goToKeysPage(page);
    await page.getByText("No API keys yet.").waitFor();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** Reads the shown value, records it for the secret scan, masks it for a screenshot, and closes the dialog. */
  async function takeValue(shot?: string): Promise<string> {
    const field = page.getByLabel("Your new API key");
    await field.waitFor();
    const value = await field.inputValue();
    recordKeyValuesIn(value);
    expect(value).toMatch(/^knouds_live_[0-9A-Za-z]{38}$/);
    await field.evaluate((input: HTMLInputElement, mask: string) => (input.value = mask), MASK);
    if (shot) await page.screenshot({ path: join(SCREENSHOTS, shot) });
    await page.getByRole("button", { name: "Done" }).click();
    await page.getByRole("dialog").waitFor({ state: "detached" });
    return value;
  }

  async function createKey(name: string, expiry: { option: string; date?: string }, shot?: string): Promise<string> {
    await page.getByRole("button", { name: "Create key" }).click();
    const dialog = page.getByRole("dialog", { name: "Create an API key" });
    await dialog.getByLabel("Name").fill(name);
    await dialog.getByLabel("Expires").selectOption({ label: expiry.option });
    if (expiry.date) await dialog.getByLabel("Expiry date").fill(expiry.date);
    if (shot) await page.screenshot({ path: join(SCREENSHOTS, shot) });
    await dialog.getByRole("button", { name: "Create key" }).click();
    return takeValue();
  }

  it("creates keys with an expiry and shows 'expires in N days', warning under 7 days", async () => {
    const inThreeDays = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    await createKey("Nightly export", { option: "On a date…", date: inThreeDays }, "create-key-expiry.png");
    await createKey("CI deploys", { option: "In 90 days" });
    const soon = page.getByRole("row", { name: /Nightly export/ });
    await expect(soon.locator(".expiry-warning").textContent()).resolves.toMatch(/^⚠ Expires in [23] days$/);
    const later = page.getByRole("row", { name: /CI deploys/ });
    await expect(later.getByText(/Expires in (89|90) days/).isVisible()).resolves.toBe(true);
    expect(await later.locator(".expiry-warning").count()).toBe(0);
  });

  it("shows last use (time, address, user agent) in the key's details", async () => {
    const value = await createKey("Used key", { option: "Never" });
    expect((await probeKey(server.url, value, "deploy-bot/2.1 (+https://example.com)")).status).toBe(ACCEPTED);
    await server.server.services.verifier.flushLastUsed();
    await page.reload();
    const row = page.getByRole("row", { name: /Used key/ });
    await row.getByRole("button", { name: "Details of key Used key" }).click();
    const details = page.locator("tr.key-details:not([hidden])");
    await details.getByText("127.0.0.1").waitFor();
    await details.getByText("deploy-bot/2.1 (+https://example.com)").waitFor();
    await expect(row.getByRole("button", { name: "Details of key Used key" }).getAttribute("aria-expanded")).resolves.toBe("true");
    await page.screenshot({ path: join(SCREENSHOTS, "key-details.png") });
  });

  it("renames a key", async () => {
    await page.getByRole("button", { name: "Rename key CI deploys" }).click();
    const dialog = page.getByRole("dialog", { name: /Rename key/ });
    await dialog.getByLabel("New name").fill("CI deploys (production)");
    await page.screenshot({ path: join(SCREENSHOTS, "key-rename-dialog.png") });
    await dialog.getByRole("button", { name: "Rename" }).click();
    await page.getByRole("row", { name: /CI deploys \(production\)/ }).waitFor();
    const empty = page.getByRole("button", { name: "Rename key CI deploys (production)" });
    await empty.click();
    await page
      .getByRole("dialog", { name: /Rename key/ })
      .getByLabel("New name")
      .fill("   ");
    await page
      .getByRole("dialog", { name: /Rename key/ })
      .getByRole("button", { name: "Rename" })
      .click();
    await expect(page.getByRole("dialog").getByRole("alert").textContent()).resolves.toMatch(/name must be 1 to 100 characters/);
    await page.keyboard.press("Escape");
  });

  it("rolls a key with a grace period: new value shown once, old value still working, the list says until when", async () => {
    const before = await createKey("Rolled key", { option: "Never" });
    await page.getByRole("button", { name: "Roll key Rolled key" }).click();
    const dialog = page.getByRole("dialog", { name: /Roll key/ });
    await dialog.getByLabel("Old value keeps working for").selectOption({ label: "24 hours" });
    await page.screenshot({ path: join(SCREENSHOTS, "key-roll-dialog.png") });
    await dialog.getByRole("button", { name: "Roll key" }).click();
    await page.getByRole("heading", { name: "Key “Rolled key” rolled" }).waitFor();
    await page.getByText(/The old value keeps working until /).waitFor();
    const after = await takeValue("key-rolled.png");
    expect(after).not.toBe(before);
    expect((await probeKey(server.url, after)).status).toBe(ACCEPTED);
    expect((await probeKey(server.url, before)).status).toBe(ACCEPTED);

    const row = page.getByRole("row", { name: /Rolled key/ });
    await row.getByText(`knouds_live_${after.slice(12, 16)}…`).waitFor();
    await row.getByRole("button", { name: "Details of key Rolled key" }).click();
    const details = page.locator("tr.key-details:not([hidden])").filter({ hasText: "Previous value" });
    await details.getByText(`knouds_live_${before.slice(12, 16)}…`).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, "api-keys-lifecycle.png"), fullPage: true });

    const traces = await page.evaluate(
      () => document.documentElement.outerHTML + [...document.querySelectorAll("input")].map((i) => i.value).join("\n"),
    );
    expect(traces.includes(after)).toBe(false);
    expect(traces.includes(before)).toBe(false);
  });
});
