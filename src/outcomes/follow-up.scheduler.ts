import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { TokensService } from '../accounts/index.js';
import { PeriodicScan } from '../common/periodic-scan.js';
import { AppConfig } from '../config/app-config.js';
import { WritePath } from '../database/write-path.js';
import { formatDateTime, isLanguage, type Language } from '../i18n/i18n.js';
import { OutboxEmail, OutboxService } from '../mail/index.js';
import { Registration } from '../registrations/index.js';
import { Seminar } from '../seminars/index.js';
import { FollowUpAnswer, isRegisteredOrBetter } from './follow-up-answer.entity.js';

const SCAN_INTERVAL_MS = 20_000;
const DAY_MS = 86_400_000;
/** A mark stays due this long at most (or until the next mark), so an app that was down sends no stale survey. */
const MAX_LATE_DAYS = 7;
const CHUNK = 50;

export function followUpKey(registrationId: string, days: number): string {
  return `follow-up:${registrationId}:${days}`;
}

/**
 * At each FOLLOWUP_DAYS mark after a seminar ended, every checked-in registrant gets one follow-up
 * email. "One" is the outbox's unique dedupe key per registration and mark, inserted with ON CONFLICT
 * DO NOTHING, so several instances (or a restart) never queue it twice. Scans run every 20 s, so an
 * email is queued within a minute of its mark. The first mark is the thank-you that also links the
 * certificate; once the company reports `registered` or better, later emails stop nudging about UNGM
 * registration and ask about bids and contracts only.
 *
 * `scan(now)` takes the clock as an argument, so tests move time without waiting.
 */
@Injectable()
export class FollowUpScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(FollowUpScheduler.name);
  private readonly scans = new PeriodicScan(this.logger, 'follow-up email(s)', (now) => this.scanMarks(now));

  constructor(
    private readonly writePath: WritePath,
    private readonly outbox: OutboxService,
    private readonly tokens: TokensService,
    private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.mailWorker || this.config.followUpDays.length === 0) return;
    this.scans.start(SCAN_INTERVAL_MS);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.scans.stop();
  }

  /** Queues every follow-up due at `now`; returns how many this call queued. */
  scan(now = new Date()): Promise<number> {
    return this.scans.run(now);
  }

  private async scanMarks(now: Date): Promise<number> {
    const marks = this.config.followUpDays; // smallest first
    let queued = 0;
    for (const [index, days] of marks.entries()) {
      const dueUntilDays = Math.min(marks[index + 1] ?? Infinity, days + MAX_LATE_DAYS);
      const due = await this.dueRegistrations(days, dueUntilDays, now);
      for (let start = 0; start < due.length; start += CHUNK) {
        queued += await this.queueChunk(due.slice(start, start + CHUNK), days, index === 0, now);
      }
    }
    return queued;
  }

  /** Checked-in registrations of seminars that ended between `dueUntilDays` and `days` days before `now`, without this follow-up yet. */
  private async dueRegistrations(days: number, dueUntilDays: number, now: Date): Promise<string[]> {
    const rows = await this.dataSource
      .getRepository(Registration)
      .createQueryBuilder('r')
      .innerJoin(Seminar, 's', 's.id = r.seminar_id')
      .leftJoin(OutboxEmail, 'o', `o.dedupe_key = 'follow-up:' || r.id || ':${Math.trunc(days)}'`)
      .select('r.id', 'id')
      .where('r.checked_in_at IS NOT NULL')
      .andWhere('r.erased_at IS NULL')
      .andWhere('r.status = :confirmed', { confirmed: 'confirmed' })
      .andWhere('s.status = :published', { published: 'published' })
      .andWhere('s.ends_at <= :latest', { latest: new Date(now.getTime() - days * DAY_MS) })
      .andWhere('s.ends_at > :earliest', { earliest: new Date(now.getTime() - dueUntilDays * DAY_MS) })
      .andWhere('o.id IS NULL')
      .orderBy('s.ends_at', 'ASC')
      .addOrderBy('r.id', 'ASC')
      .limit(5000)
      .getRawMany<{ id: string }>();
    return rows.map((row) => row.id);
  }

  private queueChunk(ids: string[], days: number, first: boolean, now: Date): Promise<number> {
    return this.writePath.transaction(async (manager) => {
      let queued = 0;
      const registrations = await manager.find(Registration, { where: { id: In(ids) }, relations: { seminar: true, company: true } });
      const companyIds = [...new Set(registrations.map((registration) => registration.companyId))];
      const registered = new Set<string>();
      for (const companyId of companyIds) {
        const latest = await manager.findOne(FollowUpAnswer, { where: { companyId }, order: { createdAt: 'DESC', id: 'DESC' } });
        if (latest && isRegisteredOrBetter(latest.ungmStage)) registered.add(companyId);
      }
      for (const registration of registrations) {
        const { id, seminar, company } = registration;
        if (!registration.checkedInAt || registration.erasedAt || !seminar || !company || seminar.status !== 'published' || seminar.endsAt > now) continue;
        const dedupeKey = followUpKey(id, days);
        if (await manager.existsBy(OutboxEmail, { dedupeKey })) continue;
        const language: Language = isLanguage(registration.language) ? registration.language : 'ru';
        const manageUrl = this.tokens.manageUrl(id);
        const token = manageUrl.slice(manageUrl.lastIndexOf('/') + 1);
        await this.outbox.queue(manager, {
          kind: 'follow-up',
          recipient: registration.email,
          language,
          template: 'follow-up',
          subjectKey: 'outcomes.email.subject',
          data: {
            fullName: registration.fullName,
            title: seminar.title,
            date: formatDateTime(seminar.startsAt, seminar.timeZone, language),
            city: seminar.city,
            companyName: company.name,
            days,
            thankYou: first,
            nudgeRegistration: !registered.has(company.id),
            followUpUrl: `${manageUrl}/follow-up?mark=${days}`,
            certificateUrl: first ? `${this.config.publicUrl}/api/registrations/${token}/certificate.pdf` : null,
            manageUrl,
          },
          dedupeKey,
          registrationId: id,
          seminarId: seminar.id,
        });
        queued++;
      }
      return queued;
    });
  }
}
