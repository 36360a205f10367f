import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { TokensService } from '../accounts/index.js';
import { AppConfig } from '../config/app-config.js';
import { isLanguage, translate, type Language } from '../i18n/i18n.js';
import { seminarWhen, seminarWhere, OutboxService } from '../mail/index.js';
import type { Registration } from '../registrations/index.js';
import type { Seminar } from '../seminars/index.js';
import type { Desk } from './desk.entity.js';
import { meetingCalendar } from './meeting-calendar.js';
import type { Meeting } from './meeting.entity.js';

/** What the email and its calendar need of each row: the booking path reads no more than this. */
type MeetingInEmail = Pick<Meeting, 'calendarUid' | 'calendarSequence' | 'startsAt' | 'endsAt'>;
type DeskInEmail = Pick<Desk, 'agency' | 'tableLabel' | 'officerName'>;
type SeminarInEmail = Pick<Seminar, 'id' | 'title' | 'venue' | 'city' | 'onlineUrl' | 'format' | 'timeZone'>;
type RegistrationInEmail = Pick<Registration, 'id' | 'erasedAt' | 'language' | 'email' | 'fullName'>;

export type MeetingEmailKind = 'booked' | 'updated' | 'cancelled';

const TEMPLATE: Record<MeetingEmailKind, string> = { booked: 'meeting-booked', updated: 'meeting-updated', cancelled: 'meeting-cancelled' };

/**
 * Queues a meeting's email with its own calendar: REQUEST when booked or moved, CANCEL when
 * cancelled. The caller has already set `meeting.calendarSequence` (raised for every update and
 * cancellation). The data is plain JSON (strings), so the outbox may render it whenever it likes.
 */
/** "When: <old> → <new>" when the times moved; nothing when only the place or table changed. */
function timeChange(before: { startsAt: Date; endsAt: Date }, after: { startsAt: Date; endsAt: Date }, timeZone: string, language: Language) {
  if (before.startsAt.getTime() === after.startsAt.getTime() && before.endsAt.getTime() === after.endsAt.getTime()) return [];
  return [{ label: translate(language, 'seminarChanges.when'), from: seminarWhen({ ...before, timeZone }, language), to: seminarWhen({ ...after, timeZone }, language) }];
}

@Injectable()
export class MeetingMailer {
  constructor(
    private readonly outbox: OutboxService,
    private readonly tokens: TokensService,
    private readonly config: AppConfig,
  ) {}

  manageUrl(registrationId: string): string {
    return this.tokens.manageUrl(registrationId);
  }

  /**
   * `rebook`: a cancelled meeting's email says another time can be booked (not when the registration
   * or seminar went). `before`: an update's previous times, shown as "When: old → new".
   */
  async send(
    manager: EntityManager,
    kind: MeetingEmailKind,
    meeting: MeetingInEmail,
    desk: DeskInEmail,
    seminar: SeminarInEmail,
    registration: RegistrationInEmail,
    options: { rebook?: boolean; before?: { startsAt: Date; endsAt: Date } } = {},
  ): Promise<void> {
    // Erased registrants have no address left to write to.
    if (registration.erasedAt) return;
    const language: Language = isLanguage(registration.language) ? registration.language : 'ru';
    const manageUrl = this.manageUrl(registration.id);
    const meetingsUrl = `${manageUrl}/meetings`;
    const calendar = meetingCalendar({
      method: kind === 'cancelled' ? 'CANCEL' : 'REQUEST',
      meeting,
      desk,
      seminar,
      registrant: registration,
      organizer: this.config.mailFrom,
    });
    await this.outbox.queue(manager, {
      kind: `meeting-${kind}`,
      recipient: registration.email,
      language,
      template: TEMPLATE[kind],
      data: {
        fullName: registration.fullName,
        agency: desk.agency,
        table: desk.tableLabel,
        officerName: desk.officerName,
        // "Friday, 4 December 2026, 11:00 – 11:15, Almaty time (UTC+5)": the zone named in the reader's language.
        when: seminarWhen({ startsAt: meeting.startsAt, endsAt: meeting.endsAt, timeZone: seminar.timeZone }, language),
        changes: kind === 'updated' && options.before ? timeChange(options.before, meeting, seminar.timeZone, language) : [],
        title: seminar.title,
        where: seminarWhere(seminar, language),
        meetingsUrl,
        manageUrl,
        rebook: kind === 'cancelled' && !!options.rebook,
      },
      calendar,
      registrationId: registration.id,
      seminarId: seminar.id,
    });
  }
}
