/** Debian's Chromium for the browser tests, launched as this machine's closed network needs. */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { chromium, type Browser } from "playwright-core";
import { ROOT } from "./process.js";
import { suiteRoot } from "./suite.js";

const CHROMIUM = "/usr/bin/chromium";

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
