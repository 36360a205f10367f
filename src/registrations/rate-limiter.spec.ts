import { RateLimiter } from './rate-limiter.js';

describe('sign-up rate limiter', () => {
  it('allows N per window per address, then says how long to wait', () => {
    const limiter = new RateLimiter({ limit: 2, ttlMs: 60_000 });
    const t0 = 1_000_000;
    expect(limiter.hit('a', t0)).toBe(0);
    expect(limiter.hit('a', t0 + 1)).toBe(0);
    expect(limiter.hit('a', t0 + 10_000)).toBe(50);
    expect(limiter.hit('b', t0 + 10_000)).toBe(0);
    expect(limiter.hit('a', t0 + 60_000)).toBe(0);
  });

  it('lets everything through when off', () => {
    const limiter = new RateLimiter(null);
    for (let i = 0; i < 1000; i++) expect(limiter.hit('a')).toBe(0);
  });
});
