/**
 * The workflow edit page and the run history in Chromium, as the account owner uses them:
 * - the JSON editor (CodeMirror in a shadow root) loads under the page's strict CSP without a
 *   single `securitypolicyviolation`, and only on the edit page;
 * - keyboard alone: Tab into the editor, type, Tab out to Save;
 * - a definition naming an unknown model at steps.0.model is refused with the error marked on
 *   that step and listed with "Go to"; a GraphQL read shows the stored workflow unchanged; text
 *   that is not JSON is refused before anything is sent; a valid edit is stored;
 * - the history lists a browser run and a key run, saying who ran each, and reads again when
 *   another tab of this browser announces a run.
 * Screenshots at 1280×800 and 390×844 go to the suite folder, or docs/screenshots with
 * KNOUDS_SCREENSHOTS_DIR.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKey, type SignedIn, signUp } from "../support/accounts.js";
import { checkBothSizes, chromiumMissing, expectNoSeriousA11yViolations, launchChromium, UI_WAIT_MS } from "../support/browser.js";
import { graphql } from "../gql/index.js";
import { startServer, type TestServer } from "../support/server.js";
import { CreateWorkflow, DeployWorkflow } from "../support/workflow-operations.js";
import { PROMPT_TO_IMAGE } from "../support/workflows.js";

const skipReason = chromiumMissing("browser-workflow-edit.test");

/** Everything the edit page may change, as stored. */
const StoredWorkflow = graphql(`
  query StoredWorkflow($id: ID!) {
    workflow(id: $id) {
      name
      description
      visibility
      status
      inputSchema
      steps
      outputs
      updatedAt
    }
  }
`);

const DESKTOP = { width: 1280, height: 800 };

describe.skipIf(skipReason !== null)("editing a workflow and reading its runs in the browser", () => {
  let server: TestServer;
  let browser: Browser;
  let owner: SignedIn;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchChromium();
    owner = await signUp(server);
    // A Free account's session manages its own workflows (docs/workflows.md#who-may-run-what).
    const created = await owner.client.graphql(CreateWorkflow, {
      input: { id: "my-flow", name: "Prompt to picture", visibility: "private", ...PROMPT_TO_IMAGE },
    });
    expect(created.errors, created.text).toBeUndefined();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** A signed-in page that records every CSP violation, as an event and as a console message. */
  async function signedInPage(viewport: {
    width: number;
    height: number;
  }): Promise<{ page: Page; context: BrowserContext; violations: string[] }> {
    const context = await browser.newContext({ viewport });
    const [name, value] = owner.client.sessionCookie!.split("=") as [string, string];
    await context.addCookies([{ name, value, url: server.url }]);
    await context.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (event) => {
        console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI} ${event.sample}`);
      });
    });
    const page = await context.newPage();
    const violations: string[] = [];
    context.on("console", (message) => {
      if (/Content.Security.Policy|CSP violation/i.test(message.text())) violations.push(message.text());
    });
    return { page, context, violations };
  }

  async function stored() {
    const read = await owner.client.graphql(StoredWorkflow, { id: "my-flow" });
    expect(read.errors, read.text).toBeUndefined();
    return read.data!.workflow;
  }

  it("refuses an unknown model at steps.0.model, marked on that step, and stores nothing; keyboard alone", async () => {
    const before = await stored();
    const { page, context, violations } = await signedInPage(DESKTOP);
    const scripts: string[] = [];
    page.on("request", (request) => {
      if (request.resourceType() === "script") scripts.push(new URL(request.url()).pathname);
    });
    await page.goto(`${server.url}/workflows/my-flow`);
    await page.getByRole("heading", { level: 1 }).waitFor();
    const beforeEditor = scripts.length;
    await page.goto(`${server.url}/workflows/my-flow/edit`);
    const content = page.getByRole("textbox", { name: "Definition (JSON)" });
    await content.waitFor();
    expect(await page.getByLabel("Name").inputValue()).toBe("Prompt to picture");
    expect(await content.textContent()).toContain('"knouds/svg-image"');
    // The editor's chunk came with the edit page, not before it.
    expect(scripts.length).toBeGreaterThan(beforeEditor);

    // Keyboard only: from Name, Tab through the form into the editor, replace the definition, Tab out to Save.
    await page.getByLabel("Name").focus();
    let steps = 0;
    while (!(await content.evaluate((element) => element === (element.getRootNode() as ShadowRoot).activeElement)) && steps++ < 12)
      await page.keyboard.press("Tab");
    expect(steps).toBeLessThan(12);
    const refused = JSON.stringify(
      {
        ...PROMPT_TO_IMAGE,
        steps: [{ ...(PROMPT_TO_IMAGE.steps[0] as object), model: "nobody/unknown-model" }],
      },
      null,
      2,
    );
    await page.keyboard.press("ControlOrMeta+a");
    await page.keyboard.insertText(refused);
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Save");
    await page.keyboard.press("Enter");

    const alert = page.getByRole("alert").filter({ hasText: "Nothing was saved" });
    await alert.waitFor();
    // The unknown model, and the output bound to that step's (now unknown) output.
    const problem = page
      .getByRole("list", { name: "Problems in the definition" })
      .getByRole("listitem")
      .filter({ hasText: "steps.0.model" });
    expect(await problem.textContent()).toContain("nobody/unknown-model");
    // Each marker sits on what its path names: that step's model, and the output's name.
    const marked = page.locator(".cm-lintRange-error");
    await marked.first().waitFor();
    expect((await marked.allTextContents()).sort()).toEqual(['"image"', '"nobody/unknown-model"']);
    // "Go to" selects it in the editor.
    await problem.getByRole("button", { name: /Go to/ }).click();
    expect(
      await content.evaluate(
        (element) => (element.getRootNode() as ShadowRoot & { getSelection?: () => Selection | null }).getSelection?.()?.toString() ?? "",
      ),
    ).toBe('"nobody/unknown-model"');
    expect(await stored()).toEqual(before);
    await checkBothSizes(page, "workflow-edit", { fullPage: true });

    // Not JSON: refused here, before anything is sent.
    await content.focus();
    await page.keyboard.press("ControlOrMeta+End");
    await page.keyboard.insertText(",");
    await page.getByRole("button", { name: "Save" }).click();
    await page
      .getByText(/after the end of the JSON value/)
      .first()
      .waitFor();
    expect(await stored()).toEqual(before);
    expect(violations).toEqual([]);
    await context.close();
  });

  it("saves name, description, visibility and definition", async () => {
    const { page, context, violations } = await signedInPage(DESKTOP);
    await page.goto(`${server.url}/workflows/my-flow/edit`);
    const content = page.getByRole("textbox", { name: "Definition (JSON)" });
    await content.waitFor();
    await page.getByLabel("Name").fill("Mountains");
    await page.getByLabel("Description").fill("Draws mountains.");
    await page.getByRole("radio", { name: /Public/ }).check();
    const edited = {
      ...PROMPT_TO_IMAGE,
      inputSchema: { ...PROMPT_TO_IMAGE.inputSchema, properties: { prompt: { type: "string", maxLength: 300 } } },
    };
    await content.focus();
    await page.keyboard.press("ControlOrMeta+a");
    await page.keyboard.insertText(JSON.stringify(edited, null, 2));
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByText("Saved Mountains.").waitFor();
    expect(await stored()).toMatchObject({
      name: "Mountains",
      description: "Draws mountains.",
      visibility: "public",
      inputSchema: edited.inputSchema,
    });
    await expectNoSeriousA11yViolations(page);
    expect(violations).toEqual([]);
    await context.close();
  });

  it("lists a key run and a browser run with who ran each, newest first, reading again when the Run page in another tab runs it", async () => {
    const deployed = await owner.client.graphql(DeployWorkflow, { id: "my-flow" });
    expect(deployed.errors, deployed.text).toBeUndefined();
    const key = await createKey(owner, "free", "CI pipeline");
    const { page, context, violations } = await signedInPage(DESKTOP);
    await page.goto(`${server.url}/workflows/my-flow/runs`);
    await page.getByText("No runs yet").waitFor();

    // A run with the key, as the docs' curl does; then one from the Run page in another tab of
    // this browser, which announces it: the open history reads again and shows both.
    const keyRun = await fetch(`${server.url}/api/workflows/my-flow/run`, {
      method: "POST",
      headers: { "x-api-key": key.value, "content-type": "application/json" },
      body: JSON.stringify({ inputs: { prompt: "a mountain at dusk" } }),
    });
    expect(keyRun.status).toBe(200);
    const other = await context.newPage();
    await other.goto(`${server.url}/workflows/my-flow/run`);
    await other.getByLabel("prompt").fill("a lake");
    await other.getByRole("button", { name: "Run", exact: true }).click();
    await other.locator(".wf-run-result").getByRole("img").waitFor();
    const rows = page.locator("tr.run-row");
    await expect.poll(() => rows.count(), { timeout: UI_WAIT_MS }).toBe(2);
    expect(await rows.nth(0).getByRole("cell").nth(3).textContent()).toBe("the browser");
    expect(await rows.nth(1).getByRole("cell").nth(3).textContent()).toBe("key “CI pipeline”");

    await rows
      .nth(1)
      .getByRole("button", { name: /Details/ })
      .click();
    const details = page.locator(".run-details");
    await details.getByText("a mountain at dusk").waitFor();
    await details.getByRole("img").waitFor();
    await checkBothSizes(page, "workflow-runs", { fullPage: true });

    await other.goto(`${server.url}/runs`);
    const accountRows = other.locator("tr.run-row");
    await expect.poll(() => accountRows.count(), { timeout: UI_WAIT_MS }).toBe(2);
    expect(await accountRows.nth(0).getByRole("link", { name: "my-flow" }).getAttribute("href")).toBe("/workflows/my-flow/runs");
    await accountRows
      .nth(0)
      .getByRole("button", { name: /Details/ })
      .click();
    await other.locator(".run-details").getByText("a lake").waitFor();
    await checkBothSizes(other, "runs", { fullPage: true });
    expect(violations).toEqual([]);
    await context.close();
  });
});
