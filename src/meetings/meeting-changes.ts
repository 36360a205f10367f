import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { Registration } from '../registrations/index.js';
import { Seminar } from '../seminars/index.js';
import { Desk } from './desk.entity.js';
import { MeetingMailer } from './meeting-mailer.js';
import { Meeting } from './meeting.entity.js';

export type CancelReason = 'registrant' | 'organizer' | 'registration' | 'seminar' | 'desk-deleted' | 'desk-moved';

/**
 * Changes to booked meetings that several flows share (a registrant cancels, a registration or a
 * seminar is cancelled, a desk is deleted or moved). Always inside the caller's transaction, and
 * always with the email that tells the registrant: a higher SEQUENCE for every change.
 */
@Injectable()
export class MeetingChanges {
  constructor(private readonly mailer: MeetingMailer) {}

  async cancel(manager: EntityManager, meetings: Meeting[], reason: CancelReason, now = new Date()): Promise<void> {
    const booked = meetings.filter((meeting) => meeting.status === 'booked');
    if (booked.length === 0) return;
    for (const meeting of booked) {
      meeting.status = 'cancelled';
      meeting.cancelledAt = now;
      meeting.cancelReason = reason;
      meeting.calendarSequence += 1;
      await manager.update(
        Meeting,
        { id: meeting.id, status: 'booked' },
        { status: 'cancelled', cancelledAt: now, cancelReason: reason, calendarSequence: meeting.calendarSequence },
      );
    }
    // Booking another time is possible unless the registration or the whole seminar went with it.
    await this.notify(manager, 'cancelled', booked, { rebook: reason !== 'registration' && reason !== 'seminar' });
  }

  /** New times (or new desk details) for booked meetings: one update each, SEQUENCE raised. */
  async reschedule(manager: EntityManager, changes: Array<{ meeting: Meeting; startsAt: Date; endsAt: Date }>): Promise<void> {
    const before = new Map<string, { startsAt: Date; endsAt: Date }>();
    for (const { meeting, startsAt, endsAt } of changes) {
      before.set(meeting.id, { startsAt: meeting.startsAt, endsAt: meeting.endsAt });
      meeting.startsAt = startsAt;
      meeting.endsAt = endsAt;
      meeting.calendarSequence += 1;
      await manager.update(Meeting, { id: meeting.id }, { startsAt, endsAt, calendarSequence: meeting.calendarSequence });
    }
    await this.notify(manager, 'updated', changes.map((change) => change.meeting), { before });
  }

  /** Emails for many meetings, loading their desks, seminars and registrations in three queries. */
  async notify(
    manager: EntityManager,
    kind: 'booked' | 'updated' | 'cancelled',
    meetings: Meeting[],
    options: { rebook?: boolean; before?: Map<string, { startsAt: Date; endsAt: Date }> } = {},
  ): Promise<void> {
    if (meetings.length === 0) return;
    const unique = <T>(values: T[]) => [...new Set(values)];
    // One after another: a transaction's statements share one connection.
    const desks = await manager.findBy(Desk, { id: In(unique(meetings.map((m) => m.deskId))) });
    const seminars = await manager.findBy(Seminar, { id: In(unique(meetings.map((m) => m.seminarId))) });
    const registrations = await manager.findBy(Registration, { id: In(unique(meetings.map((m) => m.registrationId))) });
    const byId = <T extends { id: string }>(rows: T[]) => new Map(rows.map((row) => [row.id, row]));
    const deskMap = byId(desks);
    const seminarMap = byId(seminars);
    const registrationMap = byId(registrations);
    for (const meeting of [...meetings].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.id.localeCompare(b.id))) {
      await this.mailer.send(manager, kind, meeting, deskMap.get(meeting.deskId)!, seminarMap.get(meeting.seminarId)!, registrationMap.get(meeting.registrationId)!, {
        rebook: options.rebook,
        before: options.before?.get(meeting.id),
      });
    }
  }
}
