/// <reference lib="dom" />
// page.evaluate callbacks run in the browser. (The server's tsconfig has no DOM lib.)
/**
 * A newcomer's first minute in Debian's Chromium (playwright-core), as docs/getting-started.md
 * tells it: `/` opens sign-up on a browser that never signed in here (sign-in on one that
 * has), and sign-up offers the handle — which never changes — with its rule, the default made
 * from the email, and the server's own message under the field when it refuses one. It takes
 * the sign-up screenshots at 1280×800 and 390×844.
 */
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SCREENSHOTS, chromiumMissing, goToKeysPage, launchChromium } from "../support/browser.js";
import { signUp } from "../support/accounts.js";
import { Client } from "../support/client.js";
import { SignUp } from "../support/operations.js";
import { startServer, type TestServer } from "../support/server.js";

const skipReason = chromiumMissing("browser-sign-up.test");
const PASSWORD = "correct horse battery";

describe.skipIf(skipReason !== null)("sign-up in Chromium", () => {
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

  /** Fills the sign-up form and submits it. */
  async function submitSignUp(page: Page, email: string, handle: string): Promise<void> {
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByLabel("Handle (optional)").fill(handle);
    await page.getByRole("button", { name: "Create account" }).click();
  }

  /** What the server itself says about this sign-up input (the first problem's message). */
  async function serverSays(email: string, handle: string): Promise<{ code: unknown; message: string }> {
    const result = await new Client(server.url).graphql(SignUp, { input: { email, password: PASSWORD, handle } });
    const error = result.errors?.[0];
    if (!error) throw new Error(`sign-up of ${handle} was accepted: ${result.text}`);
    const details = error.extensions?.details as Array<{ message: string }> | undefined;
    return { code: error.extensions?.code, message: details?.[0]?.message ?? error.message };
  }

  it("opens sign-up on a first visit to /, with the handle, its rule and the default from the email; the chosen handle is the account's", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    await page.waitForURL("**/sign-up");
    await page.getByRole("heading", { name: "Create your Knouds account" }).waitFor();
    const handle = page.getByLabel("Handle (optional)");
    await expect(handle.getAttribute("aria-describedby")).resolves.toBeTruthy();
    await page.getByText("it can never be changed.", { exact: false }).waitFor();
    await page.getByText(/1-39 characters of a-z, 0-9 and -, starting with a letter or digit/).waitFor();
    await page.getByText(/Reserved words \(knouds, api, admin, graphql, …\) and look-alikes are refused/).waitFor();

    // The default, previewed from the email as it is typed.
    // (This file's server is its own: the address is free.)
    const email = "ada.lovelace@example.com";
    await page.getByLabel("Email").fill(email);
    const derived = "ada-lovelace";
    await page.getByText(`${derived}/…`).waitFor();
    await expect(handle.getAttribute("placeholder")).resolves.toBe(derived);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.screenshot({ path: join(SCREENSHOTS, "sign-up.png") });

    // A chosen handle, previewed as typed (lowercased, as the server stores it), becomes the account's.
    await handle.fill("Analytical-Engine");
    await page.getByText("Your workflows will be analytical-engine/…").waitFor();
    await page.getByRole("button", { name: "Create account" }).click();
    await goToKeysPage(page);
    await page.getByText("Your workflows are analytical-engine/…").waitFor();
    expect((await server.server.services.accounts.findByEmail(email))?.handle).toBe("analytical-engine");

    // Signed in on this browser before: without a session, / now opens sign-in.
    await context.clearCookies();
    await page.goto(`${server.url}/`);
    await page.waitForURL("**/sign-in");
    await page.getByRole("heading", { name: "Sign in to Knouds" }).waitFor();
    await context.close();
  });

  it("shows the server's message under the handle field for a taken, a reserved and a malformed handle", async () => {
    await signUp(server, { handle: "taken-one" });
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/sign-up`);
    const handle = page.getByLabel("Handle (optional)");
    const message = page.locator("#handle-error");

    // Every refusal leaves the email free, so one address serves all the tries.
    const email = "charles.babbage@example.com";
    for (const [chosen, code] of [
      ["taken-one", "CONFLICT"],
      ["adm1n", "BAD_USER_INPUT"],
      ["no_underscores", "BAD_USER_INPUT"],
    ] as const) {
      const said = await serverSays(`probe-${chosen.replace(/_/g, "-")}@example.com`, chosen);
      expect(said.code).toBe(code);
      await submitSignUp(page, email, chosen);
      await expect.poll(() => message.textContent()).toContain(said.message);
      await expect(handle.getAttribute("aria-invalid")).resolves.toBe("true");
      await expect(handle.getAttribute("aria-describedby")).resolves.toContain("handle-error");
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("handle");
      expect(new URL(page.url()).pathname).toBe("/sign-up");
      expect(await server.server.services.accounts.findByEmail(email)).toBeNull();
    }
    expect(await message.textContent()).toMatch(/^Handle must be 1-39 characters/);
    await page.screenshot({ path: join(SCREENSHOTS, "sign-up-handle-refused.png") });

    // Fixed, it goes through, and the message is gone.
    await handle.fill("babbage");
    await page.getByRole("button", { name: "Create account" }).click();
    await goToKeysPage(page);
    await page.getByText("Your workflows are babbage/…").waitFor();
    await context.close();
  });

  it("fits sign-up on a 390 px phone: no horizontal overflow", async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    await page.waitForURL("**/sign-up");
    await page.getByLabel("Email").fill("grace.hopper@example.com");
    await page.getByText("grace-hopper/…").waitFor();
    const wide = await page.evaluate(() =>
      [...document.querySelectorAll("body *")]
        .filter((element) => element.getBoundingClientRect().right > window.innerWidth + 0.5)
        .map((element) => `${element.tagName.toLowerCase()}.${element.className}`),
    );
    expect({ pageWidth: await page.evaluate(() => document.documentElement.scrollWidth), wide }).toEqual({ pageWidth: 390, wide: [] });
    await page.screenshot({ path: join(SCREENSHOTS, "sign-up-phone.png"), fullPage: true });
    await context.close();
  });
});
