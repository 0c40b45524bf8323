/**
 * Fixed-window counters in this process, counted synchronously: no promise per request, which
 * is most of what a promise-based limiter costs on the request path. Expired windows are swept
 * once a window, so memory holds only what was counted in the last two windows.
 */
export interface WindowCount {
  /** Hits in the current window, this one included. */
  count: number;
  /** Milliseconds until the window resets. */
  resetMs: number;
}

export class WindowCounters {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();
  private nextSweep: number;

  constructor(private readonly windowMs: number) {
    this.nextSweep = Date.now() + windowMs;
  }

  hit(name: string, now: number): WindowCount {
    if (now >= this.nextSweep) this.sweep(now);
    const window = this.windows.get(name);
    if (window === undefined || window.resetAt <= now) {
      this.windows.set(name, { count: 1, resetAt: now + this.windowMs });
      return { count: 1, resetMs: this.windowMs };
    }
    window.count += 1;
    return { count: window.count, resetMs: window.resetAt - now };
  }

  /** Takes back one hit on `name` in its current window, never below zero. */
  takeBack(name: string, now: number): void {
    const window = this.windows.get(name);
    if (window !== undefined && window.resetAt > now && window.count > 0) window.count -= 1;
  }

  private sweep(now: number): void {
    for (const [name, window] of this.windows) if (window.resetAt <= now) this.windows.delete(name);
    this.nextSweep = now + this.windowMs;
  }
}
