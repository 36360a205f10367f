/**
 * Counts failed logins per email and per client address in memory. After `maxFailures` within the
 * window, further attempts get 429 until the window passes. Per instance: behind a load balancer
 * each instance counts on its own (see README, "Several instances").
 */
export class LoginThrottle {
  private readonly failures = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly maxFailures: number,
    private readonly windowMs = 15 * 60_000,
  ) {}

  /** Keys starting with `ip:` allow more failures: several people may share one office address. */
  isBlocked(keys: string[], now = Date.now()): boolean {
    return keys.some((key) => {
      const entry = this.failures.get(key);
      const limit = key.startsWith('ip:') ? this.maxFailures * 4 : this.maxFailures;
      return !!entry && entry.resetAt > now && entry.count >= limit;
    });
  }

  recordFailure(keys: string[], now = Date.now()): void {
    for (const key of keys) {
      const entry = this.failures.get(key);
      if (!entry || entry.resetAt <= now) this.failures.set(key, { count: 1, resetAt: now + this.windowMs });
      else entry.count += 1;
    }
    if (this.failures.size > 10_000) {
      for (const [key, entry] of this.failures) if (entry.resetAt <= now) this.failures.delete(key);
    }
  }

  reset(keys: string[]): void {
    for (const key of keys) this.failures.delete(key);
  }
}
