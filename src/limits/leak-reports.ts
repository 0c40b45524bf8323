import type { Redis } from "ioredis";
import { createBudget } from "./budget.js";
import type { Budget } from "./interface.js";

/** Leak reports (`POST /api/keys/report-leak`) each client address may send per minute. */
export const LEAK_REPORTS_PER_MINUTE = 10;

/** The largest leak-report body read: `{"key":"…"}` needs under 100 bytes; anything larger is 413. */
export const LEAK_REPORT_BODY_LIMIT_BYTES = 4096;

/** The per-address budget of leak reports; counted in Redis when configured, so it holds across instances. */
export function leakReportBudget(options: {
  redis?: Redis | undefined;
  prefix: string;
  onFallback?: ((budget: string) => void) | undefined;
}): Budget {
  return createBudget({
    points: LEAK_REPORTS_PER_MINUTE,
    windowSeconds: 60,
    keyPrefix: `${options.prefix}leak-reports`,
    redis: options.redis,
    onFallback: options.onFallback && (() => options.onFallback!("leak_reports")),
  });
}
