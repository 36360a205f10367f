import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import type { Actor } from '../accounts/index.js';
// Type-only: audit sits below every feature (each records into it), so it names their tables by
// entity name and never loads their modules.
import type { OutboxEmail } from '../mail/index.js';
import type { Registration } from '../registrations/index.js';
import type { Seminar } from '../seminars/index.js';
import { AuditEvent } from './audit-event.entity.js';
import { parseDetails, seminarIdOf, type AuditContext } from './audit-sentence.js';

/** Records who did what, inside the transaction of the change itself. */
@Injectable()
export class AuditService {
  /** The time of this process's latest entry: entries get strictly increasing times (see `record`). */
  private lastAt = 0;

  constructor(@InjectRepository(AuditEvent) private readonly events: Repository<AuditEvent>) {}

  async record(
    manager: EntityManager,
    actor: Pick<Actor, 'id' | 'email'> | null,
    action: string,
    entityType: string,
    entityId: string | null,
    details?: Record<string, unknown>,
  ): Promise<void> {
    await manager.insert(AuditEvent, {
      actorId: actor?.id ?? null,
      actorEmail: actor?.email ?? null,
      action,
      entityType,
      entityId,
      details: details ? JSON.stringify(details) : null,
      // To the millisecond (the column's default is to the second on SQLite), and one millisecond after
      // this process's previous entry when it would tie with it: the log lists newest first, and two
      // changes made in one millisecond (a change and its follow-up) must not swap places.
      createdAt: this.nextTime(),
    });
  }

  private nextTime(): Date {
    this.lastAt = Math.max(Date.now(), this.lastAt + 1);
    return new Date(this.lastAt);
  }

  latest(limit = 200, offset = 0): Promise<AuditEvent[]> {
    return this.events.find({ order: { createdAt: 'DESC', id: 'ASC' }, take: limit, skip: offset });
  }

  /**
   * The seminars, people and emails a page of events names, in three queries, so each event can be
   * told as a sentence with its seminar's title and wall clock. Erased people come back nameless.
   */
  async contextFor(events: AuditEvent[], defaultTimeZone: string): Promise<AuditContext> {
    const manager = this.events.manager;
    const ids = (type: string) => [...new Set(events.filter((event) => event.entityType === type && event.entityId).map((event) => event.entityId!))];
    const registrationIds = ids('registration');
    const emailIds = ids('outbox_email');
    const registrations = registrationIds.length
      ? await manager.find<Registration>('Registration', { where: { id: In(registrationIds) }, select: { id: true, fullName: true, seminarId: true, erasedAt: true } })
      : [];
    const registrationMap = new Map(registrations.map((r) => [r.id, { fullName: r.erasedAt ? null : r.fullName, seminarId: r.seminarId }]));
    const seminarIds = [...new Set(events.map((event) => seminarIdOf(event, parseDetails(event.details), { registrations: registrationMap })).filter((id): id is string => !!id))];
    const seminars = seminarIds.length ? await manager.find<Seminar>('Seminar', { where: { id: In(seminarIds) }, select: { id: true, title: true, timeZone: true } }) : [];
    const emails = emailIds.length ? await manager.find<OutboxEmail>('OutboxEmail', { where: { id: In(emailIds) }, select: { id: true, recipient: true } }) : [];
    return {
      seminars: new Map(seminars.map((s) => [s.id, { title: s.title, timeZone: s.timeZone }])),
      registrations: registrationMap,
      emails: new Map(emails.map((e) => [e.id, { recipient: e.recipient }])),
      defaultTimeZone,
    };
  }
}
