/// <reference lib="dom" />
// page.evaluate callbacks run in the browser. (The server's tsconfig has no DOM lib.)
/**
 * The web app's own pages in Chromium, as issue 23 found them and as they should be: the API Keys
 * page at 1280×800 (Create key on one line, a key's actions in one row, usage as a labelled
 * button) and at 390×844 (Details on screen, the Create key dialog's buttons in view, chart
 * labels readable); expiry in calendar days; a roll's grace in the list and the Security log;
 * the example that calls one of the account's own workflows; dialogs with the keyboard alone;
 * axe-core on every page at both sizes, with screenshots (docs/screenshots with
 * KNOUDS_SCREENSHOTS_DIR=docs/screenshots).
 */
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKey, type SignedIn, signUp } from "../support/accounts.js";
import { checkBothSizes, chromiumMissing, expectNoSeriousA11yViolations, goToKeysPage, launchChromium } from "../support/browser.js";
import { startServer, type TestServer } from "../support/server.js";
import { recordKeyValuesIn } from "../support/suite.js";
import { createWorkflow } from "../support/workflows.js";

const skipReason = chromiumMissing("browser-keys-page.test");
const PASSWORD = "correct horse battery";

/** How many lines an element's text takes on screen. */
function lines(locator: Locator): Promise<number> {
  return locator.evaluate((element) => {
    const range = document.createRange();
    range.selectNodeContents(element);
    return new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size;
  });
}

describe.skipIf(skipReason !== null)("the API Keys and Security log pages in Chromium", () => {
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

  async function signedInPage(owner: SignedIn, viewport = { width: 1280, height: 800 }): Promise<Page> {
    const page = await (await browser.newContext({ viewport })).newPage();
    const problems: string[] = [];
    page.on("pageerror", (error) => problems.push(error.message));
    page.on("console", (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) throw new Error(`CSP: ${message.text()}`);
    });
    await page.goto(`${server.url}/sign-in`);
    await page.getByLabel("Email").fill(owner.email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await goToKeysPage(page);
    return page;
  }

  async function keyCreatedInPage(page: Page, name: string, expiry = "Never"): Promise<void> {
    await page.getByRole("button", { name: "Create key" }).click();
    const dialog = page.getByRole("dialog", { name: "Create an API key" });
    await dialog.getByLabel("Name").fill(name);
    await dialog.getByLabel("Expires").selectOption({ label: expiry });
    await dialog.getByRole("button", { name: "Create key" }).click();
    const value = page.getByLabel("Your new API key");
    recordKeyValuesIn(await value.inputValue());
    await page.getByRole("button", { name: "Done" }).click();
    await page.getByRole("dialog").waitFor({ state: "detached" });
    await page
      .getByRole("row", { name: new RegExp(name) })
      .first()
      .waitFor();
  }

  it("shows sign-in and sign-up without serious accessibility problems, at both sizes", async () => {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    await page.goto(`${server.url}/sign-in`);
    await page.getByRole("heading", { name: "Sign in to Knouds" }).waitFor();
    await checkBothSizes(page, "sign-in");
    await page.getByRole("link", { name: "Create an account" }).click();
    await page.getByRole("heading", { name: "Create your Knouds account" }).waitFor();
    await page.getByLabel("Email").fill("grace.hopper@example.com");
    await checkBothSizes(page, "sign-up", { fullPage: true });
    await page.context().close();
  });

  it("at 1280 px: Create key on one line, a key's actions in one row, usage a labelled button, room for the table", async () => {
    const owner = await signUp(server, { tier: "pro" });
    for (const [scope, name] of [
      ["deployment", "CI deploys (production)"],
      ["free", "Nightly report"],
      ["free", "Local development"],
    ] as const) {
      recordKeyValuesIn((await createKey(owner, scope, name)).value);
    }
    const page = await signedInPage(owner);
    const row = page.getByRole("row", { name: /CI deploys/ });
    await row.waitFor();

    expect(await lines(page.getByRole("button", { name: "Create key" }))).toBe(1);
    const actions = ["Details of key", "Rename key", "Roll key", "Delete key"].map((label) =>
      row.getByRole("button", { name: `${label} CI deploys` }),
    );
    const tops = await Promise.all(actions.map(async (button) => Math.round((await button.boundingBox())!.y)));
    expect(new Set(tops).size, `action rows at ${tops.join(", ")}`).toBe(1);
    for (const button of actions) expect(await lines(button)).toBe(1);
    const rowBox = (await row.boundingBox())!;
    expect(rowBox.height).toBeLessThanOrEqual(64);

    const usage = row.getByRole("button", { name: /^Usage of CI deploys \(production\): 0 requests/ });
    const usageBox = (await usage.boundingBox())!;
    expect(usageBox.width).toBeGreaterThanOrEqual(80);
    expect(usageBox.height).toBeGreaterThanOrEqual(30);
    expect(await usage.locator(":scope > span").textContent()).toBe("0 requests");

    // The table fits the page: nothing to scroll sideways at 1280 px.
    const overflow = await page.locator(".table-scroll").evaluate((box) => box.scrollWidth - box.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await checkBothSizes(page, "api-keys", { fullPage: true });
    await page.context().close();
  });

  it("at 390 px: Details opens on screen, Create key's buttons are in view, chart labels are readable", async () => {
    const owner = await signUp(server, { tier: "pro" });
    recordKeyValuesIn((await createKey(owner, "deployment", "CI deploys")).value);
    const page = await signedInPage(owner, { width: 390, height: 844 });
    await page.getByRole("button", { name: "Details of key CI deploys" }).click();
    const details = page.locator("tr.key-details:not([hidden])");
    await details.getByText("User agent").waitFor();
    const box = (await details.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    expect(box.height).toBeGreaterThan(40);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    await page.getByRole("button", { name: "Create key" }).click();
    const dialog = page.getByRole("dialog", { name: "Create an API key" });
    for (const name of ["Cancel", "Create key"]) {
      const button = (await dialog.getByRole("button", { name, exact: true }).boundingBox())!;
      expect(button.y, name).toBeGreaterThanOrEqual(0);
      expect(button.y + button.height, name).toBeLessThanOrEqual(844);
      expect(button.x + button.width, name).toBeLessThanOrEqual(390);
    }
    await expectNoSeriousA11yViolations(page, "Create key dialog at 390 px");
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });

    await page.getByRole("button", { name: /^Usage of CI deploys:/ }).click();
    const usage = page.getByRole("dialog", { name: "Usage of “CI deploys”" });
    const label = usage.locator(".usage-labels span").first();
    await label.waitFor();
    // Text at least 11 px tall as rendered (an SVG label scaled down with its chart was about 5 px).
    expect((await label.boundingBox())!.height).toBeGreaterThanOrEqual(11);
    await expectNoSeriousA11yViolations(page, "usage dialog at 390 px");
    await page.context().close();
  });

  it("works Create key with the keyboard alone: focus starts in the dialog, Tab stays in it, Escape closes it and focus returns", async () => {
    const owner = await signUp(server);
    const page = await signedInPage(owner);
    await page.getByText("No API keys yet.").waitFor();
    const opener = page.getByRole("button", { name: "Create key" });
    await opener.focus();
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog", { name: "Create an API key" });
    await dialog.waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("key-name");
    await page.keyboard.type("Typed key");
    const visited: string[] = [];
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press("Tab");
      const where = await page.evaluate(() => {
        const active = document.activeElement;
        return {
          inside: Boolean(active?.closest("dialog")),
          what: `${active?.tagName} ${active?.getAttribute("name") ?? active?.textContent ?? ""}`,
        };
      });
      // Past the dialog's last control, focus may rest on the browser itself (the page is inert behind the dialog).
      if (where.what.startsWith("BODY") || where.what.startsWith("undefined")) continue;
      expect(where.inside, `Tab reached ${where.what}`).toBe(true);
      visited.push(where.what);
    }
    expect(visited.some((what) => what.startsWith("SELECT expiry"))).toBe(true);
    expect(visited.some((what) => what === "BUTTON Cancel")).toBe(true);
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Create key");
    // Nothing was created by Escape.
    await page.getByText("No API keys yet.").waitFor();

    // And through to a key, with Enter and Space only.
    await page.keyboard.press("Enter");
    await dialog.waitFor();
    await page.keyboard.type("Keyboard key");
    await page.keyboard.press("Enter");
    await page.getByLabel("Your new API key").waitFor();
    recordKeyValuesIn(await page.getByLabel("Your new API key").inputValue());
    await page.keyboard.press("Escape");
    await page.getByRole("dialog").waitFor({ state: "detached" });
    await page.getByRole("row", { name: /Keyboard key/ }).waitFor();
    await page.context().close();
  });

  it("says 'Expires in 7 days' for a key made to expire in 7 days (30 for 30)", async () => {
    const owner = await signUp(server);
    const page = await signedInPage(owner);
    await keyCreatedInPage(page, "Weekly key", "In 7 days");
    await keyCreatedInPage(page, "Monthly key", "In 30 days");
    expect(
      await page
        .getByRole("row", { name: /Weekly key/ })
        .getByText(/Expires in/)
        .textContent(),
    ).toBe("Expires in 7 days");
    expect(
      await page
        .getByRole("row", { name: /Monthly key/ })
        .getByText(/Expires in/)
        .textContent(),
    ).toBe("Expires in 30 days");
    await page.context().close();
  });

  it("after a roll, shows in the list that the old value still works and until when, and the Security log states the grace", async () => {
    const owner = await signUp(server);
    const page = await signedInPage(owner);
    await keyCreatedInPage(page, "Rolled key");
    await page.getByRole("button", { name: "Roll key Rolled key" }).click();
    const dialog = page.getByRole("dialog", { name: /Roll key/ });
    await dialog.getByLabel("Old value keeps working for").selectOption({ label: "24 hours" });
    await dialog.getByRole("button", { name: "Roll key" }).click();
    recordKeyValuesIn(await page.getByLabel("Your new API key").inputValue());
    await page.getByRole("button", { name: "Done" }).click();
    const row = page.getByRole("row", { name: /Rolled key/ });
    await row.getByText(/^Old value knouds_live_\w{4}… works until /).waitFor();

    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Security log" }).click();
    await page.waitForURL("**/settings/security-log");
    const rolled = page.getByRole("row", { name: /Key rolled/ });
    await rolled.waitFor();
    expect(await rolled.textContent()).toMatch(/Old value kept working for 24 hours, until /);
    await checkBothSizes(page, "security-log", { fullPage: true });
    await page.context().close();
  });

  it("calls one of the account's own deployed workflows in its example, or says to create one first", async () => {
    const fresh = await signUp(server);
    const page = await signedInPage(fresh);
    const create = page.getByRole("link", { name: "create your first workflow" });
    await create.waitFor();
    expect(await create.getAttribute("href")).toBe("/workflows/new");
    await page.context().close();

    const builder = await signUp(server, { tier: "business" });
    await createWorkflow(builder, "my-flow");
    const withFlow = await signedInPage(builder);
    const example = withFlow.locator(".keys-curl");
    await example.waitFor();
    const text = (await example.textContent()) ?? "";
    expect(text).toContain(`${server.url}/api/workflows/my-flow/run`);
    expect(text).toContain(`-d '{"inputs":{"prompt":"text"}}'`);
    await withFlow.context().close();
  });
});
