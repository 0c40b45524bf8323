/** Debian's Chromium for the browser tests, launched as this machine's closed network needs. */
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { expect } from "vitest";
import { ROOT } from "./process.js";
import { suiteRoot } from "./suite.js";

const CHROMIUM = "/usr/bin/chromium";
const require = createRequire(import.meta.url);

/** Why a browser test cannot run here (printed, tagged with the test's name), or null. */
export function chromiumMissing(test: string): string | null {
  const reason = existsSync(CHROMIUM) ? null : `${CHROMIUM} is missing (install Debian's chromium package)`;
  if (reason) console.log(`[${test}] skipped: ${reason}`);
  return reason;
}

/**
 * How long a page may take to show what a test waits for. Generous on purpose: on a loaded
 * 2-core machine Chromium laying out GraphiQL can take tens of seconds, and a wait that merely
 * took long must not fail a test (vitest's test timeout is longer still).
 */
export const UI_WAIT_MS = 90_000;

/**
 * Headless, without the background networking, updates and QUIC that the closed network
 * refuses; every context it opens waits up to UI_WAIT_MS by default.
 */
export async function launchChromium(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  });
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext(options);
    context.setDefaultTimeout(UI_WAIT_MS);
    return context;
  };
  return browser;
}

/** KNOUDS_SCREENSHOTS_DIR (`docs/screenshots` refreshes the ones docs/ shows), else the suite's folder. */
export const SCREENSHOTS = process.env.KNOUDS_SCREENSHOTS_DIR
  ? resolve(ROOT, process.env.KNOUDS_SCREENSHOTS_DIR)
  : join(suiteRoot(), "screenshots");

/** After sign-in or sign-up (which land on /workflows): the API Keys page, through the top navigation. */
export async function goToKeysPage(page: Page): Promise<void> {
  await page.waitForURL("**/workflows");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "API keys" }).click();
  await page.waitForURL("**/settings/api-keys");
}

const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown[]; failureSummary?: string }>;
}

/**
 * Runs axe-core (WCAG 2 A and AA rules, and best practices) on the page as it is now and fails
 * with every serious or critical violation, named with the elements it found. axe is added to
 * the page through the DevTools protocol (page.evaluate of its source), which the page's CSP
 * does not govern: the page itself still runs no inline script.
 */
export async function expectNoSeriousA11yViolations(page: Page, what = page.url()): Promise<void> {
  // A string is evaluated as a script by the DevTools protocol, outside the page's CSP (no eval in the page).
  if (!(await page.evaluate(() => "axe" in globalThis))) await page.evaluate(AXE_SOURCE);
  const violations = (await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: unknown[] }> } }).axe;
    return (await axe.run(document, { resultTypes: ["violations"] })).violations;
  })) as AxeViolation[];
  const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const report = serious.map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => JSON.stringify(n.target)).join(", ")}`);
  expect(report, `axe on ${what}`).toEqual([]);
}

/**
 * Screenshots of the page as it is, at 1280×800 (docs/screenshots/<name>.png with
 * KNOUDS_SCREENSHOTS_DIR=docs/screenshots) and at 390×844 (<name>-phone.png), each also checked
 * with axe and for a page wider than the screen. The viewport is left at 1280×800.
 */
export async function checkBothSizes(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  for (const [viewport, file] of [
    [{ width: 1280, height: 800 }, `${name}.png`],
    [{ width: 390, height: 844 }, `${name}-phone.png`],
  ] as const) {
    await page.setViewportSize(viewport);
    // Layout settles (fonts, a table reflowing) before the shot.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${name} at ${viewport.width} px is wider than the screen`).toBeLessThanOrEqual(0);
    await expectNoSeriousA11yViolations(page, `${name} at ${viewport.width} px`);
    await page.screenshot({ path: join(SCREENSHOTS, file), fullPage: options.fullPage ?? false });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}
