/**
 * Settings → API Keys with more keys than one page: the page shows the newest KEYS_PER_PAGE and
 * a "Show more keys" button that appends the rest, each key once.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumMissing, goToKeysPage, launchChromium } from "../support/browser.js";
import { KEYS_PER_PAGE } from "../../src/http/settings/client/operations.js";
import { signUp } from "../support/accounts.js";
import { startServer, type TestServer } from "../support/server.js";
import { recordKeyValuesIn } from "../support/suite.js";

const skipReason = chromiumMissing("browser-key-pages.test");

describe.skipIf(skipReason !== null)("the API Keys tab with more than one page of keys", () => {
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startServer();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("shows the newest page, then the rest on Show more keys, each once", async () => {
    const owner = await signUp(server);
    const account = (await server.server.services.accounts.findById(owner.accountId))!;
    const total = KEYS_PER_PAGE + 5;
    // More than createApiKey's 60 a minute allows: made through the service, as an operator would.
    for (let i = 0; i < total; i++) {
      const created = await server.server.services.apiKeys.create(account, account, `key ${String(i).padStart(3, "0")}`);
      recordKeyValuesIn(created.value);
    }
    const page = await (await browser.newContext({ viewport: { width: 1100, height: 760 } })).newPage();
    await page.goto(`${server.url}/sign-in`);
    await page.getByLabel("Email").fill(owner.email);
    await page.getByLabel("Password").fill("correct horse battery");
    await page.getByRole("button", { name: "Sign in" }).click();
    await goToKeysPage(page);
    const names = page.locator("tbody th[scope=row]");
    await expect.poll(() => names.count()).toBe(KEYS_PER_PAGE);
    const more = page.getByRole("button", { name: "Show more keys" });
    await more.click();
    await expect.poll(() => names.count()).toBe(total);
    await expect.poll(() => more.isHidden()).toBe(true);
    const shown = await names.allTextContents();
    // Keys made within one millisecond tie on time (the id orders them): compare as sets.
    expect([...shown].sort()).toEqual(Array.from({ length: total }, (_, i) => `key ${String(i).padStart(3, "0")}`));
  });
});
