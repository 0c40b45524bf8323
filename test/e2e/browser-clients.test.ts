/**
 * What a frontend developer sees first, in Debian's Chromium (playwright-core): the GraphQL
 * playground opening clean (no 4xx, docs loaded, the welcome text readable), reached from the
 * settings page in one click with the session, and the settings page on a 390 px phone.
 * Screenshots go to the suite folder, or to docs/screenshots with KNOUDS_SCREENSHOTS_DIR.
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKey, signUp, type SignedIn } from "../support/accounts.js";
import { ROOT } from "../support/process.js";
import { startServer, type TestServer } from "../support/server.js";
import { suiteRoot } from "../support/suite.js";

const CHROMIUM = "/usr/bin/chromium";
const skipReason = existsSync(CHROMIUM) ? null : `${CHROMIUM} is missing (install Debian's chromium package)`;
if (skipReason) console.log(`[browser-clients.test] skipped: ${skipReason}`);

const SHOTS = process.env.KNOUDS_SCREENSHOTS_DIR ? resolve(ROOT, process.env.KNOUDS_SCREENSHOTS_DIR) : join(suiteRoot(), "screenshots");

describe.skipIf(skipReason !== null)("frontends in Chromium", () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** A page whose every 4xx/5xx answer is collected. */
  async function pageIn(context: BrowserContext): Promise<{ page: Page; failures: string[] }> {
    const page = await context.newPage();
    const failures: string[] = [];
    page.on("response", (response) => {
      if (response.status() >= 400) failures.push(`${response.status()} ${response.request().method()} ${response.url()}`);
    });
    return { page, failures };
  }

  /** A browser context signed in as `who` (the session cookie, as the sign-in page sets it). */
  async function signedInContext(who: SignedIn, viewport: { width: number; height: number }): Promise<BrowserContext> {
    const context = await browser.newContext({ viewport });
    const [name, value] = who.client.sessionCookie!.split("=") as [string, string];
    await context.addCookies([{ name, value, url: server.url }]);
    return context;
  }

  it("opens the playground without a 4xx, the welcome text in view, the docs loaded with each field's rule", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const { page, failures } = await pageIn(context);
    await page.goto(`${server.url}/graphql`);
    await page.getByText("query Viewer").first().waitFor({ timeout: 20_000 });
    await page.getByText("open Headers below and paste").first().waitFor();
    await page.screenshot({ path: join(SHOTS, "playground.png") });
    // The welcome comments fit the editor pane: the longest line ends inside it.
    const clipped = await page.evaluate(() => {
      const editor = document.querySelector(".graphiql-query-editor");
      if (!editor) return ["no query editor"];
      const right = editor.getBoundingClientRect().right;
      return [...editor.querySelectorAll(".view-line")]
        .filter((line) => line.textContent?.startsWith("#"))
        .filter((line) => {
          const range = document.createRange();
          range.selectNodeContents(line);
          return range.getBoundingClientRect().right > right;
        })
        .map((line) => line.textContent);
    });
    expect(clipped).toEqual([]);
    // The docs are there: introspection needs no key, so the schema loaded.
    await page.getByRole("button", { name: "Show Documentation Explorer" }).click();
    const docs = page.getByRole("region", { name: "Documentation Explorer" });
    await docs.getByText("Root Types").waitFor({ timeout: 20_000 });
    await docs.getByText("Mutation", { exact: true }).first().click();
    await docs.getByText(/Needs an API key with scope\s*admin\s*or above/).first().waitFor();
    expect(failures).toEqual([]);
    await context.close();
  });

  it("takes a signed-in visitor from the settings page to the playground in one click, using the session", async () => {
    const owner = await signUp(server, { tier: "business" });
    await createKey(owner, "free", "from the settings page");
    const context = await signedInContext(owner, { width: 1280, height: 800 });
    const { page, failures } = await pageIn(context);
    await page.goto(`${server.url}/settings/api-keys`);
    await page.getByRole("link", { name: /GraphQL playground/ }).click();
    await page.waitForURL("**/graphql");
    await page.getByText("query MyApiKeys").first().waitFor({ timeout: 20_000 });
    await page.getByRole("button", { name: /Execute query/ }).click();
    await page.getByRole("menuitem", { name: "MyApiKeys" }).click();
    await page.locator(".graphiql-response").getByText("from the settings page").waitFor({ timeout: 20_000 });
    expect(failures).toEqual([]);
    await context.close();
  });
});
