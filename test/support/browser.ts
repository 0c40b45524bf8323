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

/** Headless, without the background networking, updates and QUIC that the closed network refuses. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
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
}

/** KNOUDS_SCREENSHOTS_DIR (`docs/screenshots` refreshes the ones docs/ shows), else the suite's folder. */
export const SCREENSHOTS = process.env.KNOUDS_SCREENSHOTS_DIR
  ? resolve(ROOT, process.env.KNOUDS_SCREENSHOTS_DIR)
  : join(suiteRoot(), "screenshots");
