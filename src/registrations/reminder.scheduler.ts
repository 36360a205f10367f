import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { TokensService } from '../accounts/index.js';
import { PeriodicScan } from '../common/periodic-scan.js';
import { AppConfig } from '../config/app-config.js';
import { rawTimestamp } from '../database/columns.js';
import { WritePath } from '../database/write-path.js';
import { OutboxEmail, OutboxService } from '../mail/index.js';
import { Seminar } from '../seminars/index.js';
import { RegistrantMailer } from './registrant-mailer.js';
import { Registration } from './registration.entity.js';

const SCAN_INTERVAL_MS = 30_000;
const HOUR_MS = 3_600_000;
/** Registrations queued per transaction, so a big seminar does not hold the write path for long. */
const CHUNK = 50;

export function reminderKey(registrationId: string, hours: number): string {
  return `reminder:${registrationId}:${hours}`;
}

/**
 * A registrations job: queues a `reminder` at each of REMINDER_HOURS before a seminar starts, once per registration and hour.
 * "Once" is the outbox's unique dedupe_key, inserted with ON CONFLICT DO NOTHING, so two instances or
 * a restart cannot queue it twice. A reminder is due from its hour until the next smaller hour, so an
 * app that was down does not send a stale 24 h reminder next to the 2 h one. A registration made after
 * the reminder time does not get that reminder.
 */
@Injectable()
export class ReminderScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ReminderScheduler.name);
  private readonly scans = new PeriodicScan(this.logger, 'reminder(s)', (now) => this.scanHours(now));

  constructor(
    @InjectRepository(Registration) private readonly registrations: Repository<Registration>,
    private readonly writePath: WritePath,
    private readonly outbox: OutboxService,
    private readonly mailer: RegistrantMailer,
    private readonly tokens: TokensService,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.mailWorker || this.config.reminderHours.length === 0) return;
    this.scans.start(SCAN_INTERVAL_MS, { runNow: true });
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.scans.stop();
  }

  /** Queues every reminder due at `now`; returns how many this call queued (a lost race with another instance still counts). */
  scan(now = new Date()): Promise<number> {
    return this.scans.run(now);
  }

  private async scanHours(now: Date): Promise<number> {
    const hours = this.config.reminderHours; // largest first
    let queued = 0;
    for (const [index, hour] of hours.entries()) {
      const until = hours[index + 1] ?? 0;
      const due = await this.dueRegistrations(hour, until, now);
      for (let start = 0; start < due.length; start += CHUNK) {
        queued += await this.queueChunk(due.slice(start, start + CHUNK), hour);
      }
    }
    return queued;
  }

  /** Confirmed registrations of published seminars that start within (until, hour] hours and have no such reminder yet. */
  private async dueRegistrations(hour: number, until: number, now: Date): Promise<string[]> {
    const rows = await this.registrations
      .createQueryBuilder('r')
      .innerJoin(Seminar, 's', 's.id = r.seminar_id')
      .leftJoin(OutboxEmail, 'o', `o.dedupe_key = 'reminder:' || r.id || ':${Math.trunc(hour)}'`)
      .select(['r.id AS id', 'r.created_at AS "createdAt"', 's.starts_at AS "startsAt"'])
      .where('r.status = :confirmed', { confirmed: 'confirmed' })
      .andWhere('r.erased_at IS NULL')
      .andWhere('s.status = :published', { published: 'published' })
      .andWhere('s.startsAt <= :latest', { latest: new Date(now.getTime() + hour * HOUR_MS) })
      .andWhere('s.startsAt > :earliest', { earliest: new Date(now.getTime() + until * HOUR_MS) })
      .andWhere('o.id IS NULL')
      .orderBy('s.starts_at', 'ASC')
      .addOrderBy('r.id', 'ASC')
      .limit(2000)
      .getRawMany<{ id: string; createdAt: Date | string; startsAt: Date | string }>();
    return rows.filter((row) => rawTimestamp(row.createdAt).getTime() <= rawTimestamp(row.startsAt).getTime() - hour * HOUR_MS).map((row) => row.id);
  }

  private queueChunk(ids: string[], hour: number): Promise<number> {
    return this.writePath.transaction(async (manager) => {
      let queued = 0;
      // Read again inside the transaction, in one query: the person may have cancelled since the scan.
      const registrations = await manager.find(Registration, { where: { id: In(ids) }, relations: { seminar: true, company: true } });
      for (const registration of registrations) {
        const { id, seminar, company } = registration;
        if (registration.status !== 'confirmed' || registration.erasedAt || !seminar || !company || seminar.status !== 'published') continue;
        const dedupeKey = reminderKey(id, hour);
        // Another instance may have queued it since the scan; the insert below ignores a late duplicate too.
        if (await this.outbox.hasDedupeKey(manager, dedupeKey)) continue;
        await this.mailer.queue(manager, {
          kind: 'reminder',
          registration,
          seminar,
          company,
          manageUrl: this.tokens.manageUrl(id),
          dedupeKey,
        });
        queued++;
      }
      return queued;
    });
  }
}
