import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AuditService } from '../audit/index.js';
import { AppConfig } from '../config/app-config.js';
import { WritePath } from '../database/write-path.js';
import { Invitation } from '../invitations/index.js';
import { Registration } from '../registrations/index.js';
import { Seminar } from '../seminars/index.js';
import { ERASED_EMAIL_SQL, ErasureService } from './erasure.service.js';

export const RETENTION_SETTING = 'retention:last-run';
const CHECK_EVERY_MS = 3_600_000;
// Not at once: a fresh start (or a test run) should not race the first request for the database.
const FIRST_CHECK_MS = 5 * 60_000;
const BATCH = 500;

export interface RetentionRun {
  /** false when this day was already claimed (by this or another instance) */
  ran: boolean;
  registrations: number;
  invitations: number;
}

/**
 * RETENTION_DAYS after a seminar ends, its registrants' personal data is erased. Every instance
 * checks hourly; the first to claim the day in app_setting does the work, so it runs once a day
 * however many instances share the database.
 */
@Injectable()
export class RetentionService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RetentionService.name);
  private timers: NodeJS.Timeout[] = [];

  constructor(
    private readonly writePath: WritePath,
    private readonly erasure: ErasureService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const check = () => void this.runIfDue().catch((error: Error) => this.logger.error(`retention failed: ${error.message}`));
    this.timers = [setTimeout(check, FIRST_CHECK_MS), setInterval(check, CHECK_EVERY_MS)];
    for (const timer of this.timers) timer.unref();
  }

  onApplicationShutdown(): void {
    for (const timer of this.timers) clearTimeout(timer);
  }

  /** Runs the day's retention unless an instance has already claimed today (UTC). */
  async runIfDue(now = new Date()): Promise<RetentionRun> {
    if (!(await this.claimDay(now))) return { ran: false, registrations: 0, invitations: 0 };
    const result = await this.eraseExpired(now);
    this.logger.log(`retention: erased ${result.registrations} registrations and ${result.invitations} invitations`);
    return { ran: true, ...result };
  }

  /**
   * One conditional upsert decides the winner: the row is created with today if missing, or moved to
   * today only where it still holds an earlier day. Exactly one instance sees a changed row. A single
   * statement, committed on its own: instances sharing one SQLite file must not hold its write lock
   * across an await while the others wait for it.
   */
  private claimDay(now: Date): Promise<boolean> {
    const today = now.toISOString().slice(0, 10);
    return this.writePath.autocommit(async (manager) => {
      const [key, day] = this.writePath.isPostgres ? ['$1', '$2'] : ['?', '?'];
      const changed: unknown[] = await manager.query(
        `INSERT INTO app_setting ("key", "value") VALUES (${key}, ${day}) ` +
          `ON CONFLICT ("key") DO UPDATE SET "value" = excluded."value" WHERE app_setting."value" < excluded."value" RETURNING "value"`,
        [RETENTION_SETTING, today],
      );
      return changed.length === 1;
    });
  }

  /** Erases registrations and invitations of seminars that ended more than RETENTION_DAYS before `now`. */
  async eraseExpired(now = new Date()): Promise<{ registrations: number; invitations: number }> {
    const cutoff = new Date(now.getTime() - this.config.retentionDays * 86_400_000);
    let registrations = 0;
    for (;;) {
      const erased = await this.writePath.transaction(async (manager) => {
        const batch = await manager
          .createQueryBuilder(Registration, 'r')
          .select(['r.id', 'r.email', 'r.seminarId'])
          .innerJoin(Seminar, 's', 's.id = r.seminarId')
          .where('r.erasedAt IS NULL')
          .andWhere('s.endsAt < :cutoff', { cutoff })
          .orderBy('r.id')
          .take(BATCH)
          .getMany();
        await this.erasure.eraseRows(manager, batch, now);
        return batch.length;
      });
      registrations += erased;
      if (erased < BATCH) break;
    }
    // Invitations that never led to a registration hold an address and a name too.
    const invitations = await this.writePath.transaction(async (manager) => {
      const expired = manager
        .createQueryBuilder()
        .subQuery()
        .select('s.id')
        .from(Seminar, 's')
        .where('s.ends_at < :cutoff')
        .getQuery();
      const result = await manager
        .createQueryBuilder()
        .update(Invitation)
        .set({ email: () => ERASED_EMAIL_SQL, fullName: null })
        .where(`seminar_id IN ${expired}`, { cutoff })
        .andWhere("email NOT LIKE 'erased-%@invalid'")
        .execute();
      const count = result.affected ?? 0;
      if (registrations + count > 0) {
        await this.audit.record(manager, null, 'privacy.retention', 'registration', null, { registrations, invitations: count, retentionDays: this.config.retentionDays });
      }
      return count;
    });
    return { registrations, invitations };
  }
}
