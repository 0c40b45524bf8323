/// <reference lib="dom" />
// page.evaluate callbacks run in the browser. (The server's tsconfig has no DOM lib.)
/**
 * The settings page in Debian's Chromium, driven by playwright-core: sign up, Settings → API
 * Keys, create a key, use it on the REST API, delete it in the page, see it refused. The scope
 * picker is capped by the plan, and the key's value leaves no trace once the dialog closes.
 * It saves screenshots of each step (see SCREENSHOTS).
 */
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SCREENSHOTS, UI_WAIT_MS, chromiumMissing, goToKeysPage, launchChromium } from "../support/browser.js";
import { Client } from "../support/client.js";
import { SignIn } from "../support/operations.js";
import { startServer, type TestServer } from "../support/server.js";
import { recordKeyValuesIn } from "../support/suite.js";
import { createWorkflow } from "../support/workflows.js";

const skipReason = chromiumMissing("browser.test");

// Into the suite's folder by default; `KNOUDS_SCREENSHOTS_DIR=docs/screenshots` refreshes the ones docs/ shows.
const PASSWORD = "correct horse battery";

describe.skipIf(skipReason !== null)("the settings page in Chromium", () => {
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

  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1100, height: 760 } });
    return context.newPage();
  }

  async function signUpInPage(page: Page, email: string): Promise<void> {
    await page.goto(`${server.url}/`);
    await page.waitForURL("**/sign-up");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Create account" }).click();
    await goToKeysPage(page);
    await page.getByRole("heading", { name: "API Keys" }).waitFor();
  }

  async function setTier(email: string, tier: "free" | "pro" | "business"): Promise<string> {
    const account = await server.server.services.accounts.findByEmail(email);
    await server.server.services.accounts.update(account!.id, { tier });
    return account!.id;
  }

  async function pickerState(page: Page) {
    await page.getByRole("button", { name: "Create key" }).click();
    const dialog = page.getByRole("dialog", { name: "Create an API key" });
    await dialog.waitFor();
    const state: Record<string, { enabled: boolean; checked: boolean }> = {};
    for (const scope of ["free", "deployment", "admin"]) {
      const radio = dialog.getByRole("radio", { name: scope });
      state[scope] = { enabled: await radio.isEnabled(), checked: await radio.isChecked() };
    }
    return { dialog, state };
  }

  it("signs up, creates a key, runs a workflow with it, deletes it, and the key is refused", async () => {
    const page = await newPage();
    const bodies: string[] = [];
    page.on("response", async (response) => {
      const text = await response.text().catch(() => "");
      if (!text.includes("createApiKey")) bodies.push(text);
    });
    const email = `browser-${Date.now()}@example.com`;

    await page.goto(`${server.url}/sign-in`);
    await page.screenshot({ path: join(SCREENSHOTS, "sign-in.png") });
    await signUpInPage(page, email);
    await page.getByText("No API keys yet.").waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, "api-keys-empty.png") });

    // A Business account owning a deployed workflow, as the curl in docs/getting-started.md expects.
    await setTier(email, "business");
    const apiClient = new Client(server.url);
    await apiClient.graphql(SignIn, { input: { email, password: PASSWORD } });
    await createWorkflow({ client: apiClient }, "my-flow");
    await page.reload();

    const { dialog } = await pickerState(page);
    await dialog.getByLabel("Name").fill("CI deploys");
    await dialog.getByRole("radio", { name: "deployment" }).check();
    await page.screenshot({ path: join(SCREENSHOTS, "create-key-dialog.png") });
    await dialog.getByRole("button", { name: "Create key" }).click();

    const valueField = page.getByLabel("Your new API key");
    await valueField.waitFor();
    const value = await valueField.inputValue();
    recordKeyValuesIn(value);
    expect(value).toMatch(/^knouds_live_[0-9A-Za-z]{32,}$/);
    await expect(page.getByText("You won't be able to see it again.").isVisible()).resolves.toBe(true);
    await page.getByRole("button", { name: "Copy", exact: true }).click();
    await page.getByText("Copied to the clipboard").waitFor();
    // Mask the value before the screenshot, so no real secret ends up in the repository.
    await valueField.evaluate((input: HTMLInputElement) => (input.value = "knouds_live_••••••••••••••••••••••••••••••••"));
    await page.screenshot({ path: join(SCREENSHOTS, "key-created.png") });
    await valueField.evaluate((input: HTMLInputElement, original: string) => (input.value = original), value);

    const run = () =>
      fetch(`${server.url}/api/workflows/my-flow/run`, {
        method: "POST",
        headers: { "x-api-key": value, "Content-Type": "application/json" },
        body: '{"inputs": {"prompt": "a mountain at dusk"}}',
      });
    const ran = await run();
    expect(ran.status).toBe(200);
    expect(await ran.json()).toMatchObject({ runId: expect.any(String), status: "succeeded", outputs: { image: expect.any(String) } });

    await page.getByRole("button", { name: "Done" }).click();
    await page.getByRole("dialog").waitFor({ state: "detached" });
    const row = page.getByRole("row", { name: /CI deploys/ });
    await row.waitFor();
    await expect(row.getByText("deployment").isVisible()).resolves.toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS, "api-keys-list.png") });

    // The value is gone: not in the DOM, not in any field, not in storage or cookies.
    const traces = await page.evaluate(() => ({
      html: document.documentElement.outerHTML,
      inputs: [...document.querySelectorAll("input")].map((input) => input.value).join("\n"),
      local: JSON.stringify({ ...localStorage }),
      session: JSON.stringify({ ...sessionStorage }),
      cookie: document.cookie,
    }));
    for (const [where, text] of Object.entries(traces)) expect(text.includes(value), `value found in ${where}`).toBe(false);

    await row.getByRole("button", { name: "Delete key CI deploys" }).click();
    const confirm = page.getByRole("dialog", { name: /Delete key/ });
    await confirm.getByText("Requests using it will fail immediately.", { exact: false }).waitFor();
    await confirm.getByRole("button", { name: "Delete key" }).click();
    await row.waitFor({ state: "detached" });
    // The list reloaded without it; the workflow's builder key (made through the API) remains.
    await page.getByRole("row", { name: /builder for my-flow/ }).waitFor();
    expect(await page.getByRole("row", { name: /CI deploys/ }).count()).toBe(0);

    const refused = await run();
    expect(refused.status).toBe(401);
    expect(await refused.text()).toBe('{"error":"Unauthorized"}');
    expect(bodies.length).toBeGreaterThan(3);
    expect(bodies.filter((body) => body.includes(value))).toEqual([]);
    await page.context().close();
  });

  it("offers only the scopes the plan allows: Free → free, Pro → up to deployment, Business → up to admin", async () => {
    const page = await newPage();
    const email = `tiers-${Date.now()}@example.com`;
    await signUpInPage(page, email);

    let { dialog, state } = await pickerState(page);
    expect(state).toEqual({
      free: { enabled: true, checked: true },
      deployment: { enabled: false, checked: false },
      admin: { enabled: false, checked: false },
    });
    await expect(dialog.getByText("Requires the Pro plan or higher.", { exact: false }).isVisible()).resolves.toBe(true);
    await expect(dialog.getByText("Requires the Business plan or higher.", { exact: false }).isVisible()).resolves.toBe(true);
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });

    await setTier(email, "pro");
    await page.reload();
    ({ dialog, state } = await pickerState(page));
    expect(state).toEqual({
      free: { enabled: true, checked: false },
      deployment: { enabled: true, checked: true },
      admin: { enabled: false, checked: false },
    });
    await page.keyboard.press("Escape");

    await setTier(email, "business");
    await page.reload();
    ({ dialog, state } = await pickerState(page));
    expect(state).toEqual({
      free: { enabled: true, checked: false },
      deployment: { enabled: true, checked: false },
      admin: { enabled: true, checked: true },
    });
    await page.context().close();
  });

  it("sends a new visitor without a session to sign-up, which links to sign-in; shows a wrong password as an error", async () => {
    const page = await newPage();
    await page.goto(`${server.url}/settings/api-keys`);
    await page.waitForURL("**/sign-up");
    await page.getByRole("link", { name: "Sign in" }).click();
    await page.waitForURL("**/sign-in");
    await page.getByLabel("Email").fill("nobody@example.com");
    await page.getByLabel("Password").fill("wrong password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert").textContent()).resolves.toContain("Wrong email or password");
    await page.context().close();
  });

  it("opens the GraphQL playground from this server alone: example operations, key header template, no CDN", async () => {
    const page = await newPage();
    const elsewhere: string[] = [];
    const problems: string[] = [];
    page.on("request", (request) => {
      const url = request.url();
      if (!url.startsWith(server.url) && !url.startsWith("blob:") && !url.startsWith("data:")) elsewhere.push(url);
    });
    page.on("console", (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) problems.push(message.text());
    });
    page.on("pageerror", (error) => problems.push(error.message));
    await page.goto(`${server.url}/graphql`);
    await page.getByText("query Viewer").first().waitFor({ timeout: UI_WAIT_MS });
    await page.getByText("Knouds API playground").first().waitFor();
    await page.getByText("open Headers below and paste").first().waitFor();
    expect(elsewhere).toEqual([]);
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
