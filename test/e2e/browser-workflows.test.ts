/// <reference lib="dom" />
// page.evaluate callbacks run in the browser. (The server's tsconfig has no DOM lib.)
/**
 * Issue 23's acceptance, in Debian's Chromium: a new user on the Free plan, then one on Pro,
 * signs up, creates `my-flow` from the picture template, deploys it, runs it from the form and
 * sees the picture, creates a `free` key on the keys page (its value read from the page once),
 * and the docs' curl — copied from "Call it from code", run by the real `curl` — answers 200
 * with outputs; both runs are in the history. Every workflow page passes axe-core (no serious
 * or critical violation) and is photographed at 1280×800 and 390×844 without overflowing.
 */
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SCREENSHOTS, chromiumMissing, expectNoSeriousA11yViolations, launchChromium } from "../support/browser.js";
import { startServer, type TestServer } from "../support/server.js";
import { recordKeyValuesIn } from "../support/suite.js";

const run = promisify(execFile);
const skipReason = chromiumMissing("browser-workflows.test");
const PASSWORD = "correct horse battery";
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

describe.skipIf(skipReason !== null)("workflows in the browser, from sign-up to a curl", () => {
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

  /** Saves a screenshot when `name` is given (the Free run takes them) and checks the page with axe. */
  async function look(page: Page, name: string | null): Promise<void> {
    await expectNoSeriousA11yViolations(page);
    // A toast ("my-flow is deployed.") goes after a few seconds: not in the picture.
    await page.locator(".toast").waitFor({ state: "detached" });
    if (name) await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
  }

  /** Elements reaching past the right edge of the window (none on a page that fits; a wide table scrolls in its box). */
  function overflowing(page: Page): Promise<string[]> {
    return page.evaluate(() =>
      [...document.querySelectorAll("body *")]
        .filter((element) => element.getBoundingClientRect().right > window.innerWidth + 0.5 && !element.closest(".table-scroll"))
        .map((element) => `${element.tagName.toLowerCase()}.${element.className}`),
    );
  }

  /** The GraphQL answer to `query` with the page's session. */
  function asSession<T>(page: Page, query: string, variables: Record<string, unknown> = {}): Promise<T> {
    return page.evaluate(
      async ([text, vars]) => {
        const response = await fetch("/graphql", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ query: text, variables: vars }),
        });
        return response.json();
      },
      [query, variables] as const,
    ) as Promise<T>;
  }

  for (const plan of ["free", "pro"] as const) {
    it(`as a new ${plan === "free" ? "Free" : "Pro"} user: my-flow from the template, run from the form, then the docs' curl with a free key; both runs in the history`, async () => {
      const shots = plan === "free";
      const context: BrowserContext = await browser.newContext({ viewport: DESKTOP });
      const page = await context.newPage();
      const email = `${plan}-${Date.now()}@example.com`;

      // Sign up (a Pro account is moved to Pro by the operator, as the CLI does).
      await page.goto(`${server.url}/sign-up`);
      await page.getByLabel("Email").fill(email);
      await page.getByLabel("Password").fill(PASSWORD);
      await page.getByRole("button", { name: "Create account" }).click();
      await page.waitForURL((url) => url.pathname !== "/sign-up");
      const account = await server.server.services.accounts.findByEmail(email);
      if (plan === "pro") await server.server.services.accounts.update(account!.id, { tier: "pro" });

      // A new account's list leads to the first workflow.
      await page.goto(`${server.url}/workflows`);
      await page.getByText("No workflows yet").waitFor();
      await look(page, shots ? "workflows-empty" : null);
      await page.getByRole("link", { name: "Create your first workflow" }).click();
      await page.waitForURL("**/workflows/new");

      // The docs' example is the template offered first, as my-flow.
      await expect(page.getByRole("radio", { name: /Picture from a prompt/ }).isChecked()).resolves.toBe(true);
      await expect(page.getByLabel("Slug").inputValue()).resolves.toBe("my-flow");
      await look(page, shots ? "workflow-new" : null);
      await page.getByRole("button", { name: "Create workflow" }).click();
      await page.waitForURL("**/workflows/my-flow");
      await page.getByRole("heading", { name: "Picture from a prompt", level: 1 }).waitFor();
      await page.getByText("Draft", { exact: true }).waitFor();

      // Deploy.
      await page.getByRole("button", { name: "Deploy" }).click();
      await page.getByText("Deployed", { exact: true }).waitFor();
      await page.getByRole("button", { name: "Undeploy" }).waitFor();
      await look(page, shots ? "workflow-overview" : null);

      // Run from the form: the server's problem shows under the field first, then the picture.
      await page.getByRole("navigation", { name: "This workflow" }).getByRole("link", { name: "Run" }).click();
      await page.waitForURL("**/workflows/my-flow/run");
      const prompt = page.getByLabel("Prompt");
      await prompt.waitFor();
      await page.getByRole("button", { name: "Run", exact: true }).click();
      await page.getByText("must have required property 'prompt'").waitFor();
      await expect(prompt.getAttribute("aria-invalid")).resolves.toBe("true");
      const describedBy = (await prompt.getAttribute("aria-describedby")) ?? "";
      const errorText = await page.evaluate(
        (ids) =>
          ids
            .split(" ")
            .map((id) => document.getElementById(id)?.textContent)
            .join(" "),
        describedBy,
      );
      expect(errorText).toContain("must have required property 'prompt'");
      await prompt.fill("a mountain at dusk");
      await page.getByRole("button", { name: "Run", exact: true }).click();
      const picture = page.getByRole("img", { name: "a mountain at dusk" });
      await picture.waitFor();
      expect(await picture.getAttribute("src")).toMatch(/^data:image\/svg\+xml;charset=utf-8,%3Csvg/);
      await expect.poll(() => picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(512);
      await expect(prompt.getAttribute("aria-invalid")).resolves.toBeNull();
      await look(page, shots ? "workflow-run" : null);

      // Call it from code: the docs' curl with this server's address, and the lowest key that runs it.
      await page.getByRole("navigation", { name: "This workflow" }).getByRole("link", { name: "Call it from code" }).click();
      await page.waitForURL("**/workflows/my-flow/code");
      const curl = (await page.locator("#wf-sample-curl ~ pre, section:has(#wf-sample-curl) pre").first().textContent()) ?? "";
      expect(curl).toBe(
        [
          `curl -X POST ${server.url}/api/workflows/my-flow/run \\`,
          '  -H "x-api-key: $KNOUDS_API_KEY" \\',
          '  -H "Content-Type: application/json" \\',
          `  -d '{"inputs": {"prompt": "a mountain at dusk"}}'`,
        ].join("\n"),
      );
      await look(page, shots ? "workflow-code" : null);

      // A free key, created on the keys page; its value is read from the page, once.
      await page.getByRole("link", { name: "Create a free key" }).click();
      await page.waitForURL("**/settings/api-keys");
      const dialog = page.getByRole("dialog", { name: "Create an API key" });
      await dialog.waitFor();
      await dialog.getByLabel("Name").fill("my laptop");
      await expect(dialog.getByRole("radio", { name: "free" }).isChecked()).resolves.toBe(true);
      await dialog.getByRole("button", { name: "Create key" }).click();
      const valueField = page.getByLabel("Your new API key");
      await valueField.waitFor();
      const key = await valueField.inputValue();
      recordKeyValuesIn(key);
      await page.getByRole("button", { name: "Done" }).click();

      // The docs' curl, verbatim from the page, by the real curl binary.
      const { stdout } = await run("bash", ["-c", `${curl} --silent --write-out '\\n%{http_code}'`], {
        env: { ...process.env, KNOUDS_API_KEY: key },
      });
      const status = stdout.slice(stdout.lastIndexOf("\n") + 1);
      const body = JSON.parse(stdout.slice(0, stdout.lastIndexOf("\n"))) as { runId: string; outputs: { image: string } };
      expect(status).toBe("200");
      expect(body).toMatchObject({ runId: expect.stringMatching(/^run_/), status: "succeeded" });
      expect(body.outputs.image).toContain("<title>a mountain at dusk</title>");

      // Both runs in the history: the browser's and the key's.
      const history = await asSession<{
        data: { runs: { edges: Array<{ node: { id: string; status: string; ranBy: { kind: string; keyName: string | null } } }> } };
      }>(page, "query($w: ID) { runs(workflowId: $w, first: 10) { edges { node { id status ranBy { kind keyName } } } } }", {
        w: "my-flow",
      });
      const runs = history.data.runs.edges.map((edge) => edge.node);
      expect(runs.map((node) => [node.status, node.ranBy.kind, node.ranBy.keyName])).toEqual([
        ["succeeded", "API_KEY", "my laptop"],
        ["succeeded", "BROWSER", null],
      ]);
      expect(runs[0]!.id).toBe(body.runId);
      await page.goto(`${server.url}/workflows/my-flow/runs`);
      await page.getByText("key “my laptop”").first().waitFor();
      await page.getByText("the browser").first().waitFor();

      // The list now shows it deployed, with its last run.
      await page.goto(`${server.url}/workflows`);
      const row = page.getByRole("row", { name: /Picture from a prompt/ });
      await row.getByText("Deployed").waitFor();
      await expect(row.getByText("Never").count()).resolves.toBe(0);
      await look(page, shots ? "workflows" : null);

      // The same pages on a phone: nothing reaches past the screen's edge.
      const phone = await browser.newContext({ viewport: PHONE, storageState: await context.storageState() });
      const small = await phone.newPage();
      for (const [path, name, ready] of [
        ["/workflows", "workflows", "Picture from a prompt"],
        ["/workflows/new", "workflow-new", "Start from"],
        ["/workflows/my-flow", "workflow-overview", "Undeploy"],
        ["/workflows/my-flow/run", "workflow-run", "Result"],
        ["/workflows/my-flow/code", "workflow-code", "curl"],
      ] as const) {
        await small.goto(`${server.url}${path}`);
        await small.getByText(ready, { exact: true }).first().waitFor();
        if (path.endsWith("/run")) {
          await small.getByLabel("Prompt").fill("a mountain at dusk");
          await small.getByRole("button", { name: "Run", exact: true }).click();
          await small.getByRole("img", { name: "a mountain at dusk" }).waitFor();
        }
        if (shots) await small.screenshot({ path: join(SCREENSHOTS, `${name}-phone.png`), fullPage: true });
        expect({ path, wide: await overflowing(small) }).toEqual({ path, wide: [] });
        await expectNoSeriousA11yViolations(small);
      }
      await phone.close();
      await context.close();
    });
  }
  it("runs a schema's every supported kind from the form, the server's problems beside their fields, and outputs by kind", async () => {
    const context = await browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    await page.goto(`${server.url}/sign-up`);
    await page.getByLabel("Email").fill(`form-${Date.now()}@example.com`);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Create account" }).click();
    await page.waitForURL((url) => url.pathname !== "/sign-up");
    const created = await asSession<{ errors?: unknown }>(
      page,
      "mutation($input: CreateWorkflowInput!) { createWorkflow(input: $input) { id } }",
      {
        input: {
          id: "form-check",
          name: "Form check",
          inputSchema: {
            type: "object",
            required: ["title", "count"],
            additionalProperties: false,
            properties: {
              title: { type: "string", title: "Title", maxLength: 100 },
              mood: { type: "string", title: "Mood", enum: ["calm", "loud"], default: "calm" },
              count: { type: "integer", title: "Count", minimum: 1, maximum: 5 },
              shout: { type: "boolean", title: "Shout" },
              tags: { type: "array", title: "Tags", items: { type: "string" } },
              size: {
                type: "object",
                title: "Size",
                additionalProperties: false,
                properties: { width: { type: "integer", title: "Width", minimum: 16 } },
              },
              extra: { title: "Extra", anyOf: [{ type: "string" }, { type: "number" }] },
            },
          },
          steps: [{ id: "stats", model: "knouds/text-stats", inputs: { text: { from: "input.title" } } }],
          outputs: { title: { from: "input.title" }, inputs: { from: "input" }, stats: { from: "steps.stats" } },
        },
      },
    );
    expect(created.errors).toBeUndefined();
    await page.goto(`${server.url}/workflows/form-check/run`);

    /** The text the control's aria-describedby points at. */
    const description = (label: string) =>
      page.getByLabel(label, { exact: true }).evaluate((control) =>
        (control.getAttribute("aria-describedby") ?? "")
          .split(" ")
          .map((id) => document.getElementById(id)?.textContent)
          .join(" "),
      );

    await page.getByLabel("Title", { exact: true }).fill("Hello there");
    await expect(page.getByLabel("Mood").inputValue()).resolves.toBe('"calm"');
    await page.getByLabel("Mood").selectOption({ label: "loud" });
    await page.getByLabel("Count").fill("9");
    await page.getByLabel("Shout").check();
    await page.getByRole("button", { name: "Add to Tags" }).click();
    await page.getByRole("button", { name: "Add to Tags" }).click();
    await page.getByLabel("Tags 1", { exact: true }).fill("a");
    await page.getByLabel("Tags 2", { exact: true }).fill("b");
    await page.getByLabel("Width").fill("8");
    await page.getByLabel("Extra").fill('{"x": 1');

    // JSON that does not parse is stopped here; the rest is the server's to judge.
    await page.getByRole("button", { name: "Run", exact: true }).click();
    await expect.poll(() => description("Extra")).toMatch(/is not valid JSON/);
    await page.getByLabel("Extra").fill("42");
    await page.getByRole("button", { name: "Run", exact: true }).click();
    await expect.poll(() => description("Count")).toContain("must be <= 5");
    await expect.poll(() => description("Width")).toContain("must be >= 16");
    await expect(page.getByLabel("Count").getAttribute("aria-invalid")).resolves.toBe("true");
    await expectNoSeriousA11yViolations(page);
    await page.locator(".toast").waitFor({ state: "detached" });
    await page.screenshot({ path: join(SCREENSHOTS, "workflow-run-problems.png"), fullPage: true });

    await page.getByLabel("Count").fill("3");
    await page.getByLabel("Width").fill("32");
    await page.getByRole("button", { name: "Remove Tags 2" }).click();
    await page.getByRole("button", { name: "Run", exact: true }).click();
    const sent = page.locator(".wf-output", { hasText: "Copy inputs" }).locator("pre");
    await sent.waitFor();
    expect(JSON.parse((await sent.textContent()) ?? "")).toEqual({
      title: "Hello there",
      mood: "loud",
      count: 3,
      shout: true,
      tags: ["a"],
      size: { width: 32 },
      extra: 42,
    });
    await expect(page.locator(".wf-output", { hasText: "Copy title" }).locator(".wf-output-text").textContent()).resolves.toBe(
      "Hello there",
    );
    expect(JSON.parse((await page.locator(".wf-output", { hasText: "Copy stats" }).locator("pre").textContent()) ?? "")).toMatchObject({
      words: 2,
    });
    await expect(page.getByLabel("Count").getAttribute("aria-invalid")).resolves.toBeNull();
    await context.close();
  });
  it("new workflow: the server's refusal of a slug under the field; delete asks first (Escape cancels), and the runs stay", async () => {
    const context = await browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    await page.goto(`${server.url}/sign-up`);
    await page.getByLabel("Email").fill(`slugs-${Date.now()}@example.com`);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Create account" }).click();
    await page.waitForURL((url) => url.pathname !== "/sign-up");

    // The text template, with a slug the server refuses, then one it takes.
    await page.goto(`${server.url}/workflows/new`);
    await page.getByRole("radio", { name: /Text from a template/ }).check();
    await expect(page.getByLabel("Slug").inputValue()).resolves.toBe("invitation");
    await page.getByLabel("Slug").fill("Not A Slug");
    await page.getByRole("button", { name: "Create workflow" }).click();
    const slugError = page.locator("#wf-new-slug-error");
    await slugError.waitFor();
    await expect(page.getByLabel("Slug").getAttribute("aria-describedby")).resolves.toContain("wf-new-slug-error");
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("wf-new-slug");
    await page.getByLabel("Slug").fill("invitation");
    await page.getByRole("button", { name: "Create workflow" }).click();
    await page.waitForURL("**/workflows/invitation");

    // The same slug again: CONFLICT, under the field, and nothing else is created.
    await page.goto(`${server.url}/workflows/new?template=text`);
    await page.getByRole("button", { name: "Create workflow" }).click();
    await expect.poll(() => slugError.textContent()).toContain('already have a workflow with id "invitation"');

    // Run it once from its form (a select with its default, a bounded number), then delete it.
    await page.goto(`${server.url}/workflows/invitation/run`);
    await page.getByLabel("Guest").fill("Ada");
    await expect(page.getByLabel("Seats").inputValue()).resolves.toBe("2");
    await page.getByRole("button", { name: "Run", exact: true }).click();
    await page.getByText("Dear Ada, you are invited to our dinner. We are keeping 2 seats for you.").waitFor();
    await page.goto(`${server.url}/workflows/invitation`);
    await page.getByRole("button", { name: "Delete…" }).click();
    const confirm = page.getByRole("dialog", { name: "Delete Invitation?" });
    await confirm.getByText("Its past runs stay in your history.", { exact: false }).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe("Cancel");
    await page.keyboard.press("Escape");
    await confirm.waitFor({ state: "detached" });
    await page.getByRole("button", { name: "Delete…" }).click();
    await confirm.getByRole("button", { name: "Delete workflow" }).click();
    await page.waitForURL("**/workflows");
    await page.getByText("No workflows yet").waitFor();
    const history = await asSession<{ data: { runs: { edges: unknown[] } } }>(page, "{ runs(first: 10) { edges { node { id } } } }");
    expect(history.data.runs.edges).toHaveLength(1);
    await page.goto(`${server.url}/workflows/invitation`);
    await page.getByText('You have no workflow "invitation".').waitFor();
    await context.close();
  });
});
