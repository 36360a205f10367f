import type { Logger } from '@nestjs/common';

/**
 * A scan that runs every `intervalMs` and on demand (`run(now)`, which tests call with a clock of
 * their own). Runs never overlap in this process: a call waits for the one under way. Instances
 * coordinate through the database (unique outbox keys), not through this.
 */
export class PeriodicScan {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(
    private readonly logger: Logger,
    /** "reminder(s)", "follow-up email(s)": what a run queues, for the log line. */
    private readonly what: string,
    private readonly work: (now: Date) => Promise<number>,
  ) {}

  start(intervalMs: number, options: { runNow?: boolean } = {}): void {
    this.timer = setInterval(() => void this.runSafely(), intervalMs);
    this.timer.unref();
    if (options.runNow) void this.runSafely();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  /** Runs the scan for `now`; returns how many items this run queued. */
  async run(now = new Date()): Promise<number> {
    while (this.running) await this.running.catch(() => undefined);
    this.running = this.work(now);
    try {
      return await this.running;
    } finally {
      this.running = null;
    }
  }

  private async runSafely(): Promise<void> {
    try {
      const queued = await this.run();
      if (queued) this.logger.log(`queued ${queued} ${this.what}`);
    } catch (error) {
      this.logger.error(`scan for ${this.what} failed: ${(error as Error).message}`);
    }
  }
}
