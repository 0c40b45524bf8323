/// <reference lib="dom" />
// page.evaluate callbacks run in the browser. (The server's tsconfig has no DOM lib.)
/**
 * What a frontend developer sees first, in Debian's Chromium (playwright-core): the GraphQL
 * playground opening clean (no 4xx, docs loaded, the welcome text readable), reached from the
 * settings page in one click with the session, and the settings page on a 390 px phone.
 * Screenshots go to the suite folder, or to docs/screenshots with KNOUDS_SCREENSHOTS_DIR.
 */
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SCREENSHOTS, UI_WAIT_MS, chromiumMissing, launchChromium } from "../support/browser.js";
import { createKey, signUp, type SignedIn } from "../support/accounts.js";
import { startServer, type TestServer } from "../support/server.js";

const skipReason = chromiumMissing("browser-clients.test");

describe.skipIf(skipReason !== null)("frontends in Chromium", () => {
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
    await page.getByText("query Viewer").first().waitFor({ timeout: UI_WAIT_MS });
    await page.getByText("open Headers below and paste").first().waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, "playground.png") });
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
    await docs.getByText("Root Types").waitFor({ timeout: UI_WAIT_MS });
    await docs.getByText("Mutation", { exact: true }).first().click();
    await docs
      .getByText(/Needs an API key with scope\s*admin\s*or above/)
      .first()
      .waitFor();
    expect(failures).toEqual([]);
    await context.close();
  });

  /** The titles of the playground's tabs, and the active one's. */
  async function playgroundTabs(page: Page): Promise<{ titles: string[]; active: string | undefined }> {
    return page.evaluate(() => {
      const tabs = [...document.querySelectorAll(".graphiql-tab")];
      const title = (tab: Element | undefined) => tab?.querySelector(".graphiql-tab-button")?.textContent?.trim() ?? "";
      return { titles: tabs.map(title), active: title(tabs.find((tab) => tab.classList.contains("graphiql-tab-active"))) };
    });
  }

  /** Opens a new tab in the playground and types `text` into its (empty) editor. */
  async function typeInNewTab(page: Page, text: string): Promise<void> {
    const tabs = (await playgroundTabs(page)).titles.length;
    await page.getByRole("button", { name: "New tab" }).click();
    await page.waitForFunction((count) => document.querySelectorAll(".graphiql-tab").length === count, tabs + 1);
    const editor = page.locator(".graphiql-query-editor .view-lines");
    await page.waitForFunction(() => document.querySelector(".graphiql-query-editor .view-lines")?.textContent?.trim() === "");
    await editor.click();
    await page.keyboard.type(text);
    await editor.getByText(text).waitFor();
    // GraphiQL takes the editor's text into its state after a short debounce, and runs what its
    // state holds: wait until it has saved the tab with the text, or a slow machine runs the
    // empty tab instead.
    await page.waitForFunction((typed) => localStorage.getItem("graphiql:tabState")?.includes(typed), text);
  }

  /** A first visit to the playground, left once GraphiQL has saved its tabs (it does so shortly after). */
  async function firstVisit(page: Page): Promise<void> {
    await page.goto(`${server.url}/graphql`);
    await page.getByText("query Viewer").first().waitFor({ timeout: UI_WAIT_MS });
    await page.waitForFunction(() => localStorage.getItem("graphiql:tabState")?.includes("query Viewer"));
  }

  it("brings a returning visitor back to their saved tabs, never to a blank one", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const { page, failures } = await pageIn(context);
    await firstVisit(page);
    // The second visit, untouched: the welcome document alone, as on the first.
    await page.goto(`${server.url}/graphql`);
    await page.getByText("query Viewer").first().waitFor({ timeout: UI_WAIT_MS });
    expect(await playgroundTabs(page)).toEqual({ titles: ["Viewer"], active: "Viewer" });

    // A tab of one's own is there on the next visit, still in front.
    await typeInNewTab(page, "query Mine");
    await page.waitForFunction(() => localStorage.getItem("graphiql:tabState")?.includes("query Mine"));
    await page.goto(`${server.url}/graphql`);
    await page.locator(".graphiql-query-editor").getByText("query Mine").waitFor({ timeout: UI_WAIT_MS });
    expect(await playgroundTabs(page)).toEqual({ titles: ["Viewer", "Mine"], active: "Mine" });
    expect(failures).toEqual([]);
    await context.close();
  });

  it("answers a syntax error in the playground with the server's one line, no stack trace", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const { page } = await pageIn(context);
    await page.goto(`${server.url}/graphql`);
    await page.getByText("query Viewer").first().waitFor({ timeout: UI_WAIT_MS });
    await typeInNewTab(page, "nope");
    await page.getByRole("button", { name: /Execute query/ }).click();
    const response = page.locator(".graphiql-response");
    await response.getByText("Syntax Error").first().waitFor({ timeout: UI_WAIT_MS });
    // Monaco lays the answer out with no-break spaces.
    const text = ((await response.textContent()) ?? "").replace(/\s+/g, " ");
    expect(text).toContain('Syntax Error: Unexpected Name \\"nope\\".');
    expect(text).toContain("GRAPHQL_PARSE_FAILED");
    expect(text).not.toMatch(/stack|graphiql\.js|\bat /);
    await context.close();
  });

  it("takes a signed-in visitor from the settings page to the playground in one click, using the session", async () => {
    const owner = await signUp(server, { tier: "business" });
    await createKey(owner, "free", "from the settings page");
    const context = await signedInContext(owner, { width: 1280, height: 800 });
    const { page, failures } = await pageIn(context);
    // Been to the playground before: the settings page's link still opens the welcome document.
    await firstVisit(page);
    await page.goto(`${server.url}/settings/api-keys`);
    await page.getByRole("link", { name: /GraphQL playground/ }).click();
    await page.waitForURL("**/graphql");
    await page.getByText("query MyApiKeys").first().waitFor({ timeout: UI_WAIT_MS });
    await page.getByRole("button", { name: /Execute query/ }).click();
    await page.getByRole("menuitem", { name: "MyApiKeys" }).click();
    await page.locator(".graphiql-response").getByText("from the settings page").waitFor({ timeout: UI_WAIT_MS });
    expect(failures).toEqual([]);
    await context.close();
  });

  it("fits the settings page on a 390 px phone: no horizontal overflow, header parts apart", async () => {
    const owner = await signUp(server, { tier: "pro" });
    await createKey(owner, "deployment", "Production backend (eu-west)");
    await createKey(owner, "free", "nightly-ci-pipeline-for-the-mobile-app");
    const context = await signedInContext(owner, { width: 390, height: 844 });
    const { page, failures } = await pageIn(context);
    await page.goto(`${server.url}/settings/api-keys`);
    await page.getByRole("row", { name: /nightly-ci/ }).waitFor();
    const layout = await page.evaluate(() => {
      const box = (selector: string) => document.querySelector(selector)!.getBoundingClientRect();
      const brand = box(".top .brand");
      const who = box(".top .account-menu");
      const overlap = !(brand.right <= who.left || who.right <= brand.left || brand.bottom <= who.top || who.bottom <= brand.top);
      const sticking = [...document.querySelectorAll("body *")]
        .filter(
          (element) =>
            element.getBoundingClientRect().right > window.innerWidth + 0.5 &&
            !element.closest(".visually-hidden") &&
            !element.parentElement?.closest("table"),
        )
        .map((element) => `${element.tagName.toLowerCase()}.${element.className}`);
      // A wide table may scroll sideways inside its card; its cells are outside the check above.
      return { pageWidth: document.documentElement.scrollWidth, overlap, sticking };
    });
    await page.screenshot({ path: join(SCREENSHOTS, "api-keys-phone.png"), fullPage: true });
    expect(layout).toEqual({ pageWidth: 390, overlap: false, sticking: [] });

    // The Create key dialog fits too, and says how a self-hosted account gets a higher scope.
    await page.getByRole("button", { name: "Create key" }).click();
    const dialog = page.getByRole("dialog", { name: "Create an API key" });
    await dialog.getByText(`npm run cli -- set-tier --email ${owner.email} --tier business`).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(390);
    await page.screenshot({ path: join(SCREENSHOTS, "create-key-phone.png") });
    expect(failures).toEqual([]);
    await context.close();
  });

  it("serves a favicon and /sign-up as its own page", async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const { page, failures } = await pageIn(context);
    await page.goto(`${server.url}/sign-up`);
    await page.getByRole("heading", { name: "Create your Knouds account" }).waitFor();
    await page.getByRole("link", { name: "Sign in" }).click();
    await page.waitForURL("**/sign-in");
    await page.getByRole("link", { name: "Create an account" }).click();
    await page.waitForURL("**/sign-up");
    const icon = await fetch(`${server.url}/favicon.ico`);
    expect(icon.status).toBe(200);
    expect(icon.headers.get("content-type")).toMatch(/^image\//);
    expect(failures).toEqual([]);
    await context.close();
  });
});
