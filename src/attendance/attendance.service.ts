import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, EntityManager, IsNull, MoreThan, Repository } from 'typeorm';
import type { Actor } from '../accounts/index.js';
import { AuditService } from '../audit/index.js';
import { DomainError, NotFoundError } from '../common/domain-errors.js';
import { searchPattern } from '../common/search-text.js';
import { WritePath } from '../database/write-path.js';
import { Registration, type RegistrationStatus, normalizeDoorInput } from '../registrations/index.js';
import { Seminar, SeminarsService } from '../seminars/index.js';

/** Who a ticket belongs to, as the door needs to see it. */
export interface CheckInPerson {
  registrationId: string;
  fullName: string;
  company: { name: string; bin: string };
  status: RegistrationStatus;
  seminarId: string;
}

export interface CheckInResult extends CheckInPerson {
  checkedInAt: string;
  alreadyCheckedIn: boolean;
  checkedInBy: string | null;
}

export interface UndoCheckInResult {
  registrationId: string;
  checkedInAt: null;
  /** false when the registration was not checked in (repeating an undo is harmless) */
  undone: boolean;
}

/** A check-in the door must refuse. Carries the person (when known) so the page can show who it was. */
export class CheckInRefusedError extends DomainError {
  constructor(
    kind: 'not-found' | 'conflict',
    code: 'unknown_ticket' | 'wrong_seminar' | 'registration_cancelled' | 'not_confirmed' | 'seminar_cancelled',
    message: string,
    readonly person: CheckInPerson | null = null,
    readonly otherSeminar: { id: string; title: string; startsAt: string; timeZone: string; city: string } | null = null,
  ) {
    super(kind, code, message);
  }
}

export interface CheckInTarget {
  ticketCode?: string;
  registrationId?: string;
}

export interface SeminarSummary {
  seminarId: string;
  title: string;
  ended: boolean;
  registered: number;
  attended: number;
  noShows: number;
  cancellations: number;
  waitlist: number;
  attendanceRate: number | null;
  bySector: { sector: string | null; registered: number; attended: number; noShows: number; cancellations: number; waitlist: number }[];
}

/** Door check-in, its undo, and the per-seminar counts. */
@Injectable()
export class AttendanceService {
  constructor(
    @InjectRepository(Seminar) private readonly seminarRows: Repository<Seminar>,
    private readonly seminars: SeminarsService,
    @InjectRepository(Registration) private readonly registrations: Repository<Registration>,
    private readonly writePath: WritePath,
    private readonly audit: AuditService,
  ) {}

  /**
   * Checks a confirmed registrant in. Idempotent: a second scan answers `alreadyCheckedIn` with the
   * first time. The write is a conditional UPDATE (`... WHERE checked_in_at IS NULL`), so two door
   * phones scanning one ticket at the same moment record one check-in, on SQLite and PostgreSQL.
   */
  async checkIn(seminarId: string, target: CheckInTarget, actor: Actor, now = new Date()): Promise<CheckInResult> {
    const seminar = await this.doorSeminarFor(actor, seminarId);
    if (seminar.status === 'cancelled') throw new CheckInRefusedError('conflict', 'seminar_cancelled', `seminar: "${seminar.title}" was cancelled`);
    return this.writePath.transaction(async (manager) => {
      const registration = await this.findTarget(manager, target);
      const person = toPerson(registration);
      if (registration.seminarId !== seminarId) {
        const other = await manager.findOneBy(Seminar, { id: registration.seminarId });
        const otherView = other ? { id: other.id, title: other.title, startsAt: other.startsAt.toISOString(), timeZone: other.timeZone, city: other.city } : null;
        throw new CheckInRefusedError(
          'conflict',
          'wrong_seminar',
          `ticketCode: this ticket is for another seminar: "${other?.title ?? '?'}" (${other?.city ?? ''}, ${otherView?.startsAt ?? ''}, id ${registration.seminarId})`,
          person,
          otherView,
        );
      }
      this.refuseUnconfirmed(registration, person);

      const update = await manager
        .createQueryBuilder()
        .update(Registration)
        .set({ checkedInAt: now, checkedInBy: actor.id })
        .where('id = :id', { id: registration.id })
        .andWhere('checked_in_at IS NULL')
        .andWhere('status = :status', { status: 'confirmed' })
        .execute();
      const recorded = update.affected === 1;
      const current = await manager.findOneByOrFail(Registration, { id: registration.id });
      if (!recorded) {
        // Lost a race: either another scan won (fine, idempotent) or the registration was cancelled meanwhile.
        this.refuseUnconfirmed(current, toPerson(current));
      } else {
        await this.audit.record(manager, actor, 'checkin.recorded', 'registration', registration.id, {
          seminarId,
          via: target.ticketCode !== undefined ? 'ticket' : 'console',
        });
      }
      return {
        ...toPerson({ ...registration, status: current.status }),
        checkedInAt: current.checkedInAt!.toISOString(),
        alreadyCheckedIn: !recorded,
        checkedInBy: current.checkedInBy,
      };
    });
  }

  /**
   * The door's fallback when a ticket is not at hand: this seminar's registrants whose name, email or
   * company matches `query` in any script and case (folded search columns), at most `limit` of them.
   */
  async findAtDoor(seminarId: string, query: string, limit = 10): Promise<(CheckInPerson & { checkedInAt: string | null })[]> {
    const like = searchPattern(query.slice(0, 200));
    if (!like) return [];
    const found = await this.registrations
      .createQueryBuilder('r')
      .innerJoinAndSelect('r.company', 'c')
      .where('r.seminarId = :seminarId', { seminarId })
      .andWhere('r.erasedAt IS NULL')
      .andWhere(new Brackets((where) => where.where("r.searchText LIKE :like ESCAPE '\\'", { like }).orWhere("c.searchText LIKE :like ESCAPE '\\'")))
      .orderBy('r.fullName', 'ASC')
      .addOrderBy('r.id', 'ASC')
      .limit(limit)
      .getMany();
    return found.map((registration) => ({ ...toPerson(registration), checkedInAt: registration.checkedInAt?.toISOString() ?? null }));
  }

  /** Clears a check-in made by mistake. Repeating it is harmless. */
  async undoCheckIn(seminarId: string, registrationId: string, actor: Actor): Promise<UndoCheckInResult> {
    return this.writePath.transaction(async (manager) => {
      const registration = await manager.findOneBy(Registration, { id: registrationId, seminarId });
      if (!registration) throw new NotFoundError('registration');
      const update = await manager
        .createQueryBuilder()
        .update(Registration)
        .set({ checkedInAt: null, checkedInBy: null })
        .where('id = :id', { id: registration.id })
        .andWhere('checked_in_at IS NOT NULL')
        .execute();
      const undone = update.affected === 1;
      if (undone) {
        await this.audit.record(manager, actor, 'checkin.undone', 'registration', registration.id, {
          seminarId,
          checkedInAt: registration.checkedInAt?.toISOString() ?? null,
          checkedInBy: registration.checkedInBy,
        });
      }
      return { registrationId: registration.id, checkedInAt: null, undone };
    });
  }

  /** Seminars the door may pick: not cancelled, and not ended more than 12 hours ago. Soonest first. */
  doorSeminars(now = new Date()): Promise<Seminar[]> {
    return this.seminarRows.find({
      where: { status: 'published', format: 'in_person', endsAt: MoreThan(new Date(now.getTime() - 12 * 3_600_000)) },
      order: { startsAt: 'ASC' },
      take: 30,
    });
  }

  /**
   * The seminar of a door page or check-in. Check-in staff see published seminars only: a draft is
   * not public yet, and its existence is no business of the door (404, as for an unknown id).
   */
  doorSeminarFor(actor: { role: string }, seminarId: string): Promise<Seminar> {
    return this.seminars.get(seminarId, actor.role === 'checkin' ? 'public' : 'organizer');
  }

  /** The door's running count: checked in out of confirmed. */
  async doorCount(seminarId: string): Promise<{ checkedIn: number; confirmed: number }> {
    const [confirmed, notCheckedIn] = await Promise.all([
      this.registrations.countBy({ seminarId, status: 'confirmed' }),
      this.registrations.countBy({ seminarId, status: 'confirmed', checkedInAt: IsNull() }),
    ]);
    return { checkedIn: confirmed - notCheckedIn, confirmed };
  }

  /** Registered, attended, no-shows (once it ended), cancellations and waitlist, overall and per company sector. */
  async seminarSummary(seminarId: string, now = new Date()): Promise<SeminarSummary> {
    const seminar = await this.seminars.get(seminarId);
    const ended = seminar.endsAt <= now;
    const rows = await this.registrations
      .createQueryBuilder('r')
      .innerJoin('r.company', 'c')
      .select('c.sector', 'sector')
      .addSelect("SUM(CASE WHEN r.status = 'confirmed' THEN 1 ELSE 0 END)", 'registered')
      .addSelect("SUM(CASE WHEN r.status = 'confirmed' AND r.checked_in_at IS NOT NULL THEN 1 ELSE 0 END)", 'attended')
      .addSelect("SUM(CASE WHEN r.status = 'cancelled' THEN 1 ELSE 0 END)", 'cancellations')
      .addSelect("SUM(CASE WHEN r.status = 'waitlisted' THEN 1 ELSE 0 END)", 'waitlist')
      .where('r.seminar_id = :seminarId', { seminarId })
      .groupBy('c.sector')
      .getRawMany<Record<string, string | number | null>>();
    // A cancelled seminar has neither attendees to count as no-shows nor a meaningful rate.
    const countsNoShows = ended && seminar.status !== 'cancelled';
    const bySector = rows
      .map((row) => {
        const registered = Number(row.registered);
        const attended = Number(row.attended);
        return {
          sector: (row.sector as string | null) || null,
          registered,
          attended,
          noShows: countsNoShows ? registered - attended : 0,
          cancellations: Number(row.cancellations),
          waitlist: Number(row.waitlist),
        };
      })
      .sort((a, b) => b.registered - a.registered || (a.sector ?? '\uffff').localeCompare(b.sector ?? '\uffff'));
    const sum = (key: 'registered' | 'attended' | 'noShows' | 'cancellations' | 'waitlist') => bySector.reduce((total, row) => total + row[key], 0);
    const attended = sum('attended');
    const noShows = sum('noShows');
    return {
      seminarId: seminar.id,
      title: seminar.title,
      ended,
      registered: sum('registered'),
      attended,
      noShows,
      cancellations: sum('cancellations'),
      waitlist: sum('waitlist'),
      attendanceRate: attended + noShows > 0 ? attended / (attended + noShows) : null,
      bySector,
    };
  }

  private async findTarget(manager: EntityManager, target: CheckInTarget): Promise<Registration> {
    if (target.registrationId !== undefined) {
      const found = await manager.findOne(Registration, { where: { id: target.registrationId }, relations: { company: true } });
      if (!found) throw new NotFoundError('registration');
      return found;
    }
    const code = normalizeDoorInput(target.ticketCode ?? '');
    const found = code ? await manager.findOne(Registration, { where: { ticketCode: code }, relations: { company: true } }) : null;
    if (!found) throw new CheckInRefusedError('not-found', 'unknown_ticket', 'ticketCode: no registration has this ticket code');
    return found;
  }

  private refuseUnconfirmed(registration: Registration, person: CheckInPerson): void {
    if (registration.status === 'cancelled') {
      throw new CheckInRefusedError('conflict', 'registration_cancelled', 'status: this registration was cancelled', person);
    }
    if (registration.status === 'waitlisted') {
      throw new CheckInRefusedError('conflict', 'not_confirmed', 'status: this registration is on the waitlist, not confirmed', person);
    }
  }
}

function toPerson(registration: Registration): CheckInPerson {
  return {
    registrationId: registration.id,
    fullName: registration.fullName,
    company: { name: registration.company?.name ?? '', bin: registration.company?.bin ?? '' },
    status: registration.status,
    seminarId: registration.seminarId,
  };
}
