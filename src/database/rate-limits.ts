import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { rawTimestamp } from './columns.js';
import { WritePath } from './write-path.js';

/** One fixed window of a counter: how many hits so far, and when the window ends (ms since epoch). */
export interface RateWindow {
  count: number;
  resetAt: number;
}

/** Counters in memory before the oldest expired ones are swept. */
const MEMORY_SWEEP_AT = 50_000;

/**
 * Fixed-window counters for the sign-up and login limits.
 *
 * SQLite serves one process, so the counters live in memory. On PostgreSQL several instances share
 * one database, so each hit is one atomic upsert in `rate_limit` and N instances enforce one limit:
 * the row lock taken by `ON CONFLICT DO UPDATE` makes concurrent hits on a key count one after another.
 */
@Injectable()
export class RateLimits {
  private readonly logger = new Logger(RateLimits.name);
  private readonly memory = new Map<string, RateWindow>();
  private hitsSinceSweep = 0;

  constructor(
    private readonly writePath: WritePath,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** Counts one hit on `key` and returns its window, counting this hit. */
  async hit(key: string, ttlMs: number): Promise<RateWindow> {
    if (!this.writePath.isPostgres) return this.hitInMemory(key, ttlMs);
    const rows = await this.writePath.transaction((manager) =>
      manager.query(
        `INSERT INTO rate_limit (key, count, reset_at) VALUES ($1, 1, now() + $2 * interval '1 millisecond')
         ON CONFLICT (key) DO UPDATE SET
           count = CASE WHEN rate_limit.reset_at <= now() THEN 1 ELSE rate_limit.count + 1 END,
           reset_at = CASE WHEN rate_limit.reset_at <= now() THEN EXCLUDED.reset_at ELSE rate_limit.reset_at END
         RETURNING count, reset_at`,
        [key, ttlMs],
      ),
    );
    if (++this.hitsSinceSweep >= 1000) {
      this.hitsSinceSweep = 0;
      void this.sweepTable();
    }
    const [row] = rows as { count: number; reset_at: Date | string }[];
    return { count: Number(row.count), resetAt: rawTimestamp(row.reset_at).getTime() };
  }

  /** The current window of `key` without counting, or null when there is none. */
  async peek(key: string): Promise<RateWindow | null> {
    if (!this.writePath.isPostgres) {
      const window = this.memory.get(key);
      return window && window.resetAt > Date.now() ? { ...window } : null;
    }
    const rows = (await this.dataSource.query('SELECT count, reset_at FROM rate_limit WHERE key = $1 AND reset_at > now()', [key])) as { count: number; reset_at: Date }[];
    return rows.length ? { count: Number(rows[0].count), resetAt: rawTimestamp(rows[0].reset_at).getTime() } : null;
  }

  /** Takes back one hit (an attempt that turned out to be legitimate). */
  async refund(key: string): Promise<void> {
    if (!this.writePath.isPostgres) {
      const window = this.memory.get(key);
      if (window && window.count > 0) window.count -= 1;
      return;
    }
    await this.writePath.transaction((manager) => manager.query('UPDATE rate_limit SET count = count - 1 WHERE key = $1 AND count > 0', [key]));
  }

  async reset(key: string): Promise<void> {
    if (!this.writePath.isPostgres) {
      this.memory.delete(key);
      return;
    }
    await this.writePath.transaction((manager) => manager.query('DELETE FROM rate_limit WHERE key = $1', [key]));
  }

  private hitInMemory(key: string, ttlMs: number, now = Date.now()): RateWindow {
    let window = this.memory.get(key);
    if (!window || window.resetAt <= now) {
      if (this.memory.size >= MEMORY_SWEEP_AT) {
        for (const [stale, entry] of this.memory) if (entry.resetAt <= now) this.memory.delete(stale);
      }
      window = { count: 0, resetAt: now + ttlMs };
      this.memory.set(key, window);
    }
    window.count += 1;
    return { ...window };
  }

  private async sweepTable(): Promise<void> {
    try {
      await this.writePath.transaction((manager) => manager.query('DELETE FROM rate_limit WHERE reset_at <= now()'));
    } catch (error) {
      this.logger.warn(`could not sweep expired rate limits: ${(error as Error).message}`);
    }
  }
}
