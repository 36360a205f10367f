import type { RateLimit } from '../config/app-config.js';

/**
 * A fixed-window counter per key (client address), in memory and per instance, like the login
 * throttle: behind a load balancer each instance counts on its own (see README, "Several instances").
 */
export class RateLimiter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  constructor(private readonly rate: RateLimit | null) {}

  /** Counts one attempt for `key`. Returns 0 when it is allowed, else the seconds until the next is. */
  hit(key: string, now = Date.now()): number {
    if (!this.rate) return 0;
    let window = this.windows.get(key);
    if (!window || window.resetAt <= now) {
      if (this.windows.size >= 50_000) this.sweep(now);
      window = { count: 0, resetAt: now + this.rate.ttlMs };
      this.windows.set(key, window);
    }
    window.count += 1;
    return window.count > this.rate.limit ? Math.max(1, Math.ceil((window.resetAt - now) / 1000)) : 0;
  }

  private sweep(now: number): void {
    for (const [key, window] of this.windows) if (window.resetAt <= now) this.windows.delete(key);
  }
}
