import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, EntityManager, In, IsNull, LessThan, Not, Or, Repository } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { WritePath } from '../database/write-path.js';
import { MailTransport, PermanentSendError } from './mail-transport.js';
import { OutboxEmail } from './outbox-email.entity.js';

/**
 * Rows claimed per round; the SMTP pool sends them over up to 5 connections. During a burst of
 * sign-ups every worker transaction waits its turn on the write path behind them, so a round is
 * large, and recording one round and claiming the next share one transaction.
 */
const BATCH = 50;
/**
 * Sent rows are recorded this many at a time while a round goes on: a kill -9 then repeats at most
 * about this many plus those in flight. One transaction per email looked costlier in paired runs (README).
 */
const RECORD_EVERY = 5;
/** A claim is held this long: longer than the worst SMTP timeout, so nobody else sends the row meanwhile. */
const LEASE_MS = 60_000;
const FIRST_RETRY_MS = 1_000;
/** Capped so that mail flows again within about 10 s of the SMTP server coming back. */
const MAX_RETRY_MS = 10_000;
/** Polling when nothing is due: other instances' commits do not wake this one. */
const IDLE_POLL_MS = 5_000;
const MIN_POLL_MS = 200;

export function retryDelayMs(attempts: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(attempts - 1, 0), MAX_RETRY_MS);
}

type Outcome = { row: OutboxEmail; error?: Error };

/** Rows rendered and handed to the SMTP pool at once (it sends over up to 5 connections). */
const SENDERS = 10;
/**
 * While other transactions are queued or running, emails take at most this share of each window,
 * each charged from the start of its build to the end of its delivery (wall time: more than its CPU,
 * since other work runs in between), and only RUSH_SENDERS senders work.
 *
 * Until 2026-12-02 only the build was charged, and nodemailer's build piped each part through streams,
 * so it spanned several turns of the event loop and was charged for the requests served meanwhile. Once
 * the message was written in one pass (mime-build.ts) a build took ~1 ms, and the worker sent 1,150-1,220
 * emails during a 10 s burst of sign-ups: 110-118 sign-ups/s against 232-264/s, p99 ~700 ms. Measured
 * since (`npm run bench -- --only health,signups`, SQLite, paired with the version before, alternating),
 * charging build and delivery, booked when a sender starts: at share 0.5, 224 and 260 sign-ups/s against
 * 190 and 238, emails all sent 11.8 and 10.9 s after the burst against 13.8 and 14.4 s; at 0.25, 298 and
 * 301/s, p99 299-347 ms, 167-177 emails during the burst, all sent 14.8 and 17.1 s after it (goal: 30 s).
 */
const RUSH_SHARE = 0.25;
const RUSH_SENDERS = 5;
/**
 * A rush ends once no other transaction was queued or running for this long. Under 50 connections the
 * write path is empty now and then for a moment (a request between its transactions); a worker that
 * took each such moment for the end of the rush sent at full speed in the middle of it.
 */
const RUSH_QUIET_MS = 250;
const RUSH_WINDOW_MS = 100;
const RUSH_RECHECK_MS = 10;

/**
 * The worker's share of the event loop during a rush. Without it, either the emails starved (84 sent
 * during a 10 s burst of sign-ups, when SQLite transactions ran back to back) or, once each
 * transaction yields to the event loop, rendering took most of the CPU (200 sign-ups/s instead of
 * 470). `turn()` books what an email has been costing lately and waits for the next window once this
 * window's share is booked; `spent()` replaces the booking by what the email took. All but the first
 * RUSH_SENDERS senders wait until the rush is over.
 */
export class RushShare {
  private windowStart = 0;
  private used = 0;
  /** When `rush()` was last seen true (performance.now()). */
  private rushSeenAt = -Infinity;
  /**
   * What an email has been costing lately (moving average of `spent`). A sender books it when it takes
   * its turn, so senders starting together in one window cannot all pass before any has spent anything.
   */
  private expectedMs = 5;

  constructor(
    private readonly rush: () => boolean,
    private readonly share = RUSH_SHARE,
    private readonly windowMs = RUSH_WINDOW_MS,
    private readonly senders = RUSH_SENDERS,
    private readonly quietMs = RUSH_QUIET_MS,
  ) {}

  /**
   * `sender` numbers the worker's senders from 0: during a rush only the first few work. A sender
   * held back stops waiting once `nothingLeft` (the others took the round's last row).
   */
  async turn(sender = 0, nothingLeft: () => boolean = () => false): Promise<number> {
    for (;;) {
      const now = performance.now();
      if (this.rush()) this.rushSeenAt = now;
      else if (now - this.rushSeenAt >= this.quietMs) return 0;
      if (nothingLeft()) return 0;
      if (now - this.windowStart >= this.windowMs) {
        this.windowStart = now;
        this.used = 0;
      }
      if (sender < this.senders && this.used < this.share * this.windowMs) {
        this.used += this.expectedMs;
        return this.expectedMs;
      }
      // Looks again every few ms at most, so the end of a rush is noticed at once.
      await new Promise((resolve) => setTimeout(resolve, Math.min(RUSH_RECHECK_MS, Math.max(1, this.windowStart + this.windowMs - now))));
    }
  }

  /** What the email took; `booked` is what `turn()` booked for it. */
  spent(ms: number, booked = 0): void {
    this.used += ms - booked;
    this.expectedMs = 0.8 * this.expectedMs + 0.2 * ms;
  }
}

/**
 * Sends the outbox. Woken right after every commit (WritePath.onCommit) and by a timer.
 * Rows are claimed with a lease (attempts + 1, lease_until); on PostgreSQL the claim reads with
 * FOR UPDATE SKIP LOCKED, so instances sharing a database never claim the same row. A row whose
 * sender died is claimed again once the lease runs out, with the same Message-ID.
 */
@Injectable()
export class OutboxWorker implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxWorker.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private rerun = false;
  private stopped = true;
  /** Commits of the worker's own claim/mark transactions, which must not wake it again. */
  private ownCommits = 0;
  /** The worker's own transactions queued or running (recording sent emails while a round goes on). */
  private ownPending = 0;
  /** Other transactions than the worker's own are queued or running: a rush, see RushShare. */
  private readonly rushShare = new RushShare(() => this.writePath.pending - this.ownPending > 0);

  constructor(
    @InjectRepository(OutboxEmail) private readonly rows: Repository<OutboxEmail>,
    private readonly writePath: WritePath,
    private readonly transport: MailTransport,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.mailWorker) {
      this.logger.log('MAIL_WORKER=off: emails stay queued');
      return;
    }
    this.stopped = false;
    this.writePath.onCommit(() => {
      if (this.ownCommits > 0) this.ownCommits--;
      else this.kick();
    });
    if (!this.writePath.isPostgres) {
      // SQLite serves one process only, so a lease still held here belongs to a process that died.
      await this.ownTransaction((manager) => manager.update(OutboxEmail, { status: 'queued', leaseUntil: Not(IsNull()) }, { leaseUntil: null }));
    }
    this.logger.log(`sending via ${this.transport.description}`);
    this.schedule(0);
  }

  /** Send what is due as soon as possible (after the current round, if one is running). */
  kick(): void {
    if (this.stopped) return;
    if (this.running) this.rerun = true;
    else this.schedule(0);
  }

  /** One full pass over what is due now; tests and the console may await it. */
  async drain(): Promise<void> {
    while (this.running) await this.running;
    this.running = this.loop();
    try {
      await this.running;
    } finally {
      this.running = null;
    }
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.stop();
  }

  onApplicationShutdown(): Promise<void> {
    return this.stop();
  }

  private async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    // Let the round in flight record its results; an unrecorded send would be repeated after the lease.
    while (this.running) await this.running.catch(() => undefined);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), delayMs);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    this.timer = null;
    if (this.running || this.stopped) return;
    let delay = IDLE_POLL_MS;
    try {
      await this.drain();
      delay = await this.nextPollDelay();
    } catch (error) {
      // Never let a database hiccup kill the process; try again shortly.
      this.logger.error(`outbox round failed: ${(error as Error).message}`);
      delay = FIRST_RETRY_MS;
    }
    if (this.rerun) delay = 0;
    this.rerun = false;
    this.schedule(delay);
  }

  private async loop(): Promise<void> {
    this.rerun = false;
    let claimed = await this.ownTransaction((manager) => this.claim(manager));
    while (claimed.length > 0) {
      this.rerun = false;
      const { sent, unrecorded } = await this.sendAll(claimed);
      const more = !this.stopped;
      claimed = await this.ownTransaction(async (manager) => {
        await this.record(manager, unrecorded);
        return more ? this.claim(manager) : [];
      });
      if (sent) this.logger.log(`sent ${sent} email(s)`);
    }
  }

  /**
   * Renders and sends a round, SENDERS rows at a time (the SMTP pool takes them over its connections).
   * An email costs more CPU than a sign-up (render, MIME, SMTP: about 2-3 ms): while a rush of writes is
   * under way the emails get at most RUSH_SHARE of the time, so they keep flowing without taking the
   * sign-ups' turn; otherwise they go at full speed.
   */
  private async sendAll(claimed: OutboxEmail[]): Promise<{ sent: number; unrecorded: Outcome[] }> {
    let sent = 0;
    // Recorded while the round goes on, RECORD_EVERY at a time (one transaction for whatever finished
    // meanwhile): a sender that dies (kill -9) leaves only its last few deliveries unrecorded, which
    // another instance sends again once the lease runs out, not the whole round. The rest is recorded
    // with the next claim.
    let unrecorded: Outcome[] = [];
    let recording: Promise<void> | null = null;
    const recordSoFar = (): void => {
      if (recording || unrecorded.length < RECORD_EVERY) return;
      const batch = unrecorded;
      unrecorded = [];
      recording = this.ownTransaction((manager) => this.record(manager, batch))
        .catch((error: Error) => {
          unrecorded.push(...batch);
          this.logger.warn(`recording sent emails failed, retried with the round: ${error.message}`);
        })
        .finally(() => {
          recording = null;
          recordSoFar();
        });
    };
    let next = 0;
    const nothingLeft = () => next >= claimed.length;
    const sender = async (index: number) => {
      for (;;) {
        // A row is taken only once it is this sender's turn: a sender held back holds none.
        const booked = await this.rushShare.turn(index, nothingLeft);
        if (nothingLeft()) return;
        const row = claimed[next++];
        // The share is charged from the start of the build to the end of the delivery (see RushShare).
        const started = performance.now();
        try {
          // Renders the row's snapshot; a snapshot that cannot be rendered fails for good.
          const raw = await this.transport.build(row);
          await this.transport.deliver(row, raw);
          sent++;
          unrecorded.push({ row });
          recordSoFar();
        } catch (error) {
          unrecorded.push({ row, error: error as Error });
        } finally {
          this.rushShare.spent(performance.now() - started, booked);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(SENDERS, claimed.length) }, (_, index) => sender(index)));
    while (recording) await recording;
    return { sent, unrecorded };
  }

  private async claim(manager: EntityManager): Promise<OutboxEmail[]> {
    const now = new Date();
    const query = manager
      .getRepository(OutboxEmail)
      .createQueryBuilder('o')
      .where('o.status = :status', { status: 'queued' })
      .andWhere('o.nextAttemptAt <= :now', { now })
      .andWhere(new Brackets((lease) => lease.where('o.leaseUntil IS NULL').orWhere('o.leaseUntil < :now', { now })))
      .orderBy('o.nextAttemptAt', 'ASC')
      .addOrderBy('o.id', 'ASC')
      .limit(BATCH);
    if (this.writePath.isPostgres) query.setLock('pessimistic_write').setOnLocked('skip_locked');
    const rows = await query.getMany();
    if (rows.length === 0) return rows;
    const leaseUntil = new Date(now.getTime() + LEASE_MS);
    await manager
      .createQueryBuilder()
      .update(OutboxEmail)
      .set({ leaseUntil, attempts: () => 'attempts + 1' })
      .where({ id: In(rows.map((row) => row.id)) })
      .execute();
    for (const row of rows) {
      row.attempts += 1;
      row.leaseUntil = leaseUntil;
    }
    return rows;
  }

  private async record(manager: EntityManager, outcomes: Outcome[]): Promise<void> {
    const now = new Date();
    const sent = outcomes.filter((outcome) => !outcome.error).map((outcome) => outcome.row.id);
    if (sent.length) {
      await manager.update(OutboxEmail, { id: In(sent), status: 'queued' }, { status: 'sent', sentAt: now, leaseUntil: null, lastError: null });
    }
    for (const { row, error } of outcomes) {
      if (!error) continue;
      const lastError = `${error.message}`.slice(0, 2000);
      const giveUp = error instanceof PermanentSendError || row.attempts >= this.config.mailMaxAttempts;
      if (giveUp) {
        this.logger.error(`email ${row.id} (${row.kind}) to ${row.recipient} failed after ${row.attempts} attempt(s): ${lastError}`);
        await manager.update(OutboxEmail, { id: row.id, status: 'queued' }, { status: 'failed', leaseUntil: null, lastError });
      } else {
        const nextAttemptAt = new Date(now.getTime() + retryDelayMs(row.attempts));
        this.logger.warn(`email ${row.id} attempt ${row.attempts} failed, retrying at ${nextAttemptAt.toISOString()}: ${lastError}`);
        await manager.update(OutboxEmail, { id: row.id, status: 'queued' }, { nextAttemptAt, leaseUntil: null, lastError });
      }
    }
  }

  /** Sooner when a retry is due soon; otherwise the idle poll picks up other instances' rows. */
  private async nextPollDelay(): Promise<number> {
    const now = new Date();
    const next = await this.rows.findOne({
      where: { status: 'queued', leaseUntil: Or(IsNull(), LessThan(now)) },
      order: { nextAttemptAt: 'ASC' },
      select: { id: true, nextAttemptAt: true },
    });
    if (!next) return IDLE_POLL_MS;
    return Math.min(Math.max(next.nextAttemptAt.getTime() - now.getTime(), MIN_POLL_MS), IDLE_POLL_MS);
  }

  private async ownTransaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    let counted = false;
    this.ownPending++;
    try {
      return await this.writePath.transaction(async (manager) => {
        const result = await work(manager);
        this.ownCommits++;
        counted = true;
        return result;
      });
    } catch (error) {
      // The commit itself failed, so no after-commit call will consume the count.
      if (counted) this.ownCommits = Math.max(0, this.ownCommits - 1);
      throw error;
    } finally {
      this.ownPending--;
    }
  }
}
