import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, IsNull, Not, Repository } from 'typeorm';
import type { Actor } from '../accounts/index.js';
import { AuditService } from '../audit/index.js';
import { ConflictError, InvalidInputError, NotFoundError } from '../common/domain-errors.js';
import { WritePath } from '../database/write-path.js';
import { Seminar } from '../seminars/index.js';
import { Agency } from './agency.entity.js';
import { Desk, segmentsOf } from './desk.entity.js';
import type { CreateAgencyDto, CreateDeskDto, UpdateDeskDto } from './dto/desk.dto.js';
import { MeetingChanges } from './meeting-changes.js';
import { Meeting } from './meeting.entity.js';
import { cutSlots, overlaps, shiftWindow, slotCount, type SlotTimes } from './slots.js';
import { Slot } from './slot.entity.js';

/** A desk as the API shows it; `free` says whether a slot can be booked (no company data). */
export interface DeskView {
  id: string;
  seminarId: string;
  agency: string;
  table: string;
  officerName: string | null;
  startsAt: string;
  endsAt: string;
  slotMinutes: number;
  unspscSegments: string[];
  slots: Array<{ id: string; startsAt: string; endsAt: string; free: boolean }>;
}

export interface DeskWithSlots {
  desk: Desk;
  slots: Slot[];
  /** booked meetings of the desk by slot id */
  booked: Map<string, Meeting>;
}

/** A desk's new window (and slot length) for a re-cut. */
interface Recut {
  desk: Desk;
  window: SlotTimes;
  slotMinutes: number;
}

/**
 * Desks, their slots, and the managed list of agencies.
 *
 * Slots are rows, cut from the desk's window when it is made. When the window moves (the desk is
 * edited, or its seminar moves), slots are re-cut by position: the meeting in the n-th slot stays
 * in the n-th slot at its new time. Meetings whose position no longer exists, or whose new time
 * would clash with another meeting of the same registrant, are cancelled. Everyone else gets an
 * update with the same UID and a higher SEQUENCE.
 */
@Injectable()
export class DesksService {
  private readonly logger = new Logger(DesksService.name);

  constructor(
    @InjectRepository(Desk) private readonly desks: Repository<Desk>,
    @InjectRepository(Agency) private readonly agencies: Repository<Agency>,
    private readonly writePath: WritePath,
    private readonly changes: MeetingChanges,
    private readonly audit: AuditService,
  ) {}

  listAgencies(onlyActive = false): Promise<Agency[]> {
    return this.agencies.find({ where: onlyActive ? { active: true } : {}, order: { sortOrder: 'ASC', code: 'ASC' } });
  }

  async addAgency(input: CreateAgencyDto, actor: Actor | null): Promise<Agency> {
    return this.writePath.transaction(async (manager) => {
      const existing = await manager.getRepository(Agency).createQueryBuilder('a').where('LOWER(a.code) = LOWER(:code)', { code: input.code }).getOne();
      if (existing) {
        if (existing.active && existing.name === input.name) return existing;
        await manager.update(Agency, { id: existing.id }, { active: true, name: input.name });
        return manager.findOneByOrFail(Agency, { id: existing.id });
      }
      const last = await manager.getRepository(Agency).createQueryBuilder('a').select('MAX(a.sort_order)', 'max').getRawOne<{ max: number | null }>();
      const agency = manager.create(Agency, { code: input.code, name: input.name, active: true, sortOrder: Number(last?.max ?? 0) + 1 });
      await manager.insert(Agency, agency);
      await this.audit.record(manager, actor, 'agency.added', 'agency', agency.id, { code: agency.code });
      return agency;
    });
  }

  async setAgencyActive(id: string, active: boolean, actor: Actor | null): Promise<Agency> {
    return this.writePath.transaction(async (manager) => {
      const agency = await manager.findOneBy(Agency, { id });
      if (!agency) throw new NotFoundError('agency');
      await manager.update(Agency, { id }, { active });
      await this.audit.record(manager, actor, active ? 'agency.enabled' : 'agency.disabled', 'agency', id, { code: agency.code });
      return { ...agency, active };
    });
  }

  /** The live desks of a seminar with their slots and booked meetings, desks by agency then table. */
  async withSlots(seminarId: string, manager: EntityManager = this.desks.manager): Promise<DeskWithSlots[]> {
    const desks = await manager.find(Desk, { where: { seminarId, deletedAt: IsNull() }, order: { agency: 'ASC', tableLabel: 'ASC', createdAt: 'ASC' } });
    if (desks.length === 0) return [];
    const ids = desks.map((desk) => desk.id);
    const slots = await manager.find(Slot, { where: { deskId: In(ids) }, order: { position: 'ASC' } });
    const meetings = await manager.find(Meeting, { where: { seminarId, status: 'booked' } });
    const bySlot = new Map(meetings.filter((m) => m.slotId).map((m) => [m.slotId!, m]));
    return desks.map((desk) => {
      const own = slots.filter((slot) => slot.deskId === desk.id);
      return { desk, slots: own, booked: new Map(own.filter((slot) => bySlot.has(slot.id)).map((slot) => [slot.id, bySlot.get(slot.id)!])) };
    });
  }

  async list(seminarId: string): Promise<DeskView[]> {
    return (await this.withSlots(seminarId)).map(toDeskView);
  }

  async get(seminarId: string, deskId: string): Promise<DeskWithSlots> {
    const found = (await this.withSlots(seminarId)).find((entry) => entry.desk.id === deskId);
    if (!found) throw new NotFoundError('desk');
    return found;
  }

  async create(seminarId: string, input: CreateDeskDto, actor: Actor | null): Promise<DeskView> {
    const deskId = await this.writePath.transaction(async (manager) => {
      const seminar = await this.writePath.lockRow(manager, Seminar, seminarId);
      if (!seminar) throw new NotFoundError('seminar');
      if (seminar.status === 'cancelled') throw new ConflictError('seminar_cancelled', 'seminar: a cancelled seminar gets no desks');
      const agency = await this.knownAgency(manager, input.agency);
      const desk = manager.create(Desk, {
        seminarId,
        agency: agency.code,
        tableLabel: input.table || agency.code,
        officerName: input.officerName || null,
        startsAt: new Date(input.startsAt),
        endsAt: new Date(input.endsAt),
        slotMinutes: input.slotMinutes,
        unspscSegments: [...new Set(input.unspscSegments ?? [])].sort().join(','),
        deletedAt: null,
      });
      checkWindow(desk, seminar);
      await manager.insert(Desk, desk);
      const slots = cutSlots(desk.startsAt, desk.endsAt, desk.slotMinutes).map((times, position) => manager.create(Slot, { deskId: desk.id, position, ...times }));
      await manager.insert(Slot, slots);
      await this.audit.record(manager, actor, 'desk.created', 'desk', desk.id, { seminarId, agency: desk.agency, slots: slots.length });
      return desk.id;
    });
    return toDeskView(await this.get(seminarId, deskId));
  }

  async update(seminarId: string, deskId: string, input: UpdateDeskDto, actor: Actor | null): Promise<DeskView> {
    await this.writePath.transaction(async (manager) => {
      const desk = await this.writePath.lockRow(manager, Desk, deskId);
      if (!desk || desk.seminarId !== seminarId || desk.deletedAt) throw new NotFoundError('desk');
      const seminar = await manager.findOneByOrFail(Seminar, { id: seminarId });
      if (seminar.status === 'cancelled') throw new ConflictError('seminar_cancelled', 'seminar: the seminar was cancelled');
      const before = { ...desk };
      if (input.agency !== undefined) desk.agency = (await this.knownAgency(manager, input.agency, before.agency)).code;
      if (input.table !== undefined) desk.tableLabel = input.table || desk.agency;
      if (input.officerName !== undefined) desk.officerName = input.officerName || null;
      if (input.unspscSegments !== undefined) desk.unspscSegments = [...new Set(input.unspscSegments)].sort().join(',');
      const window = { startsAt: input.startsAt ? new Date(input.startsAt) : desk.startsAt, endsAt: input.endsAt ? new Date(input.endsAt) : desk.endsAt };
      const slotMinutes = input.slotMinutes ?? desk.slotMinutes;
      checkWindow({ ...window, slotMinutes }, seminar);
      // The calendar shows agency, table and officer: a change of those is an update even at the same time.
      const detailsChanged = before.agency !== desk.agency || before.tableLabel !== desk.tableLabel || before.officerName !== desk.officerName;
      await manager.update(Desk, { id: desk.id }, { agency: desk.agency, tableLabel: desk.tableLabel, officerName: desk.officerName, unspscSegments: desk.unspscSegments });
      await this.recut(manager, [{ desk, window, slotMinutes }], detailsChanged);
      await this.audit.record(manager, actor, 'desk.updated', 'desk', desk.id, { seminarId, startsAt: window.startsAt.toISOString(), endsAt: window.endsAt.toISOString(), slotMinutes });
    });
    return toDeskView(await this.get(seminarId, deskId));
  }

  /** The desk disappears from every list; its booked meetings are cancelled with a calendar cancellation each. */
  async remove(seminarId: string, deskId: string, actor: Actor | null): Promise<{ cancelledMeetings: number }> {
    return this.writePath.transaction(async (manager) => {
      const desk = await this.writePath.lockRow(manager, Desk, deskId);
      if (!desk || desk.seminarId !== seminarId || desk.deletedAt) throw new NotFoundError('desk');
      const meetings = await manager.find(Meeting, { where: { deskId, status: 'booked' } });
      await this.changes.cancel(manager, meetings, 'desk-deleted');
      await manager.update(Desk, { id: deskId }, { deletedAt: new Date() });
      await this.audit.record(manager, actor, 'desk.deleted', 'desk', deskId, { seminarId, cancelledMeetings: meetings.length });
      return { cancelledMeetings: meetings.length };
    });
  }

  /**
   * The seminar moved (SeminarsService.onChange, same transaction): every desk window moves by as
   * much as the seminar's start did, clipped to the seminar's new times; every booked meeting that
   * survives gets an update (place, title or time changed).
   */
  async followSeminar(manager: EntityManager, seminar: Seminar, previousStartsAt: Date | undefined): Promise<void> {
    const desks = await this.lockDesks(manager, seminar.id);
    if (desks.length === 0) return;
    const shiftMs = previousStartsAt ? seminar.startsAt.getTime() - previousStartsAt.getTime() : 0;
    await this.recut(
      manager,
      desks.map((desk) => ({ desk, window: shiftWindow(desk, shiftMs, seminar), slotMinutes: desk.slotMinutes })),
      true,
    );
  }

  /** Locks a seminar's live desks (PostgreSQL FOR UPDATE): bookings take them FOR SHARE. */
  async lockDesks(manager: EntityManager, seminarId: string): Promise<Desk[]> {
    const query = manager.getRepository(Desk).createQueryBuilder('d').where('d.seminarId = :seminarId AND d.deletedAt IS NULL', { seminarId }).orderBy('d.id');
    if (this.writePath.isPostgres) query.setLock('pessimistic_write');
    return query.getMany();
  }

  /**
   * Re-cuts desks and moves their meetings by slot position. All new times are worked out first;
   * a moved meeting that would overlap another meeting of the same registrant is cancelled (the one
   * booked later gives way), then the rest are written and told.
   */
  private async recut(manager: EntityManager, recuts: Recut[], notifyAll: boolean): Promise<void> {
    const deskIds = recuts.map((entry) => entry.desk.id);
    const slots = await manager.find(Slot, { where: { deskId: In(deskIds) }, order: { position: 'ASC' } });
    const meetings = await manager.find(Meeting, { where: { deskId: In(deskIds), status: 'booked' }, order: { createdAt: 'ASC', id: 'ASC' } });
    const slotById = new Map(slots.map((slot) => [slot.id, slot]));
    const dropped: Meeting[] = [];
    const moved: Array<{ meeting: Meeting; startsAt: Date; endsAt: Date }> = [];

    const cuts = new Map<string, SlotTimes[]>();
    for (const { desk, window, slotMinutes } of recuts) cuts.set(desk.id, cutSlots(window.startsAt, window.endsAt, slotMinutes));
    for (const meeting of meetings) {
      const slot = meeting.slotId ? slotById.get(meeting.slotId) : undefined;
      const times = slot ? cuts.get(meeting.deskId)![slot.position] : undefined;
      if (!times) dropped.push(meeting);
      else moved.push({ meeting, startsAt: times.startsAt, endsAt: times.endsAt });
    }

    // Final times of each affected registrant's other meetings, then keep the earlier-booked on a clash.
    const registrants = [...new Set(moved.map((entry) => entry.meeting.registrationId))];
    const others = registrants.length
      ? await manager.find(Meeting, { where: { registrationId: In(registrants), status: 'booked', deskId: Not(In(deskIds)) } })
      : [];
    const kept = new Map<string, SlotTimes[]>();
    for (const other of others) kept.set(other.registrationId, [...(kept.get(other.registrationId) ?? []), other]);
    const survivors: typeof moved = [];
    for (const entry of moved) {
      const mine = kept.get(entry.meeting.registrationId) ?? [];
      if (mine.some((times) => overlaps(times, entry))) {
        dropped.push(entry.meeting);
        continue;
      }
      kept.set(entry.meeting.registrationId, [...mine, entry]);
      survivors.push(entry);
    }

    await this.changes.cancel(manager, dropped, 'desk-moved');
    for (const { desk, window, slotMinutes } of recuts) {
      const cut = cuts.get(desk.id)!;
      const own = slots.filter((slot) => slot.deskId === desk.id);
      const surplus = own.filter((slot) => slot.position >= cut.length).map((slot) => slot.id);
      if (surplus.length) await manager.delete(Slot, { id: In(surplus) });
      for (const slot of own) {
        const times = cut[slot.position];
        if (times && (times.startsAt.getTime() !== slot.startsAt.getTime() || times.endsAt.getTime() !== slot.endsAt.getTime())) {
          await manager.update(Slot, { id: slot.id }, times);
        }
      }
      const added = cut.slice(own.length).map((times, index) => manager.create(Slot, { deskId: desk.id, position: own.length + index, ...times }));
      if (added.length) await manager.insert(Slot, added);
      await manager.update(Desk, { id: desk.id }, { startsAt: window.startsAt, endsAt: window.endsAt, slotMinutes });
      desk.startsAt = window.startsAt;
      desk.endsAt = window.endsAt;
      desk.slotMinutes = slotMinutes;
    }
    const changed = survivors.filter(
      (entry) => notifyAll || entry.startsAt.getTime() !== entry.meeting.startsAt.getTime() || entry.endsAt.getTime() !== entry.meeting.endsAt.getTime(),
    );
    await this.changes.reschedule(manager, changed);
    if (dropped.length || changed.length) this.logger.log(`re-cut ${recuts.length} desk(s): ${changed.length} meeting(s) updated, ${dropped.length} cancelled`);
  }

  private async knownAgency(manager: EntityManager, code: string, current?: string): Promise<Agency> {
    const agency = await manager.getRepository(Agency).createQueryBuilder('a').where('LOWER(a.code) = LOWER(:code)', { code }).getOne();
    // A desk may keep an agency that was taken off the list since; new choices must be active.
    if (!agency || (!agency.active && agency.code !== current)) throw new InvalidInputError('agency', `"${code}" is not on the list of agencies`);
    return agency;
  }
}

function checkWindow(desk: { startsAt: Date; endsAt: Date; slotMinutes: number }, seminar: Seminar): void {
  if (Number.isNaN(desk.startsAt.getTime())) throw new InvalidInputError('startsAt', 'is not a valid date');
  if (Number.isNaN(desk.endsAt.getTime())) throw new InvalidInputError('endsAt', 'is not a valid date');
  if (desk.endsAt <= desk.startsAt) throw new InvalidInputError('endsAt', 'must be after startsAt');
  if (desk.startsAt < seminar.startsAt || desk.endsAt > seminar.endsAt) {
    throw new InvalidInputError('startsAt, endsAt', `the desk's window must lie inside the seminar (${seminar.startsAt.toISOString()} – ${seminar.endsAt.toISOString()})`);
  }
  if (slotCount(desk.startsAt, desk.endsAt, desk.slotMinutes) < 1) throw new InvalidInputError('slotMinutes', 'is longer than the window');
}

export function toDeskView({ desk, slots, booked }: DeskWithSlots): DeskView {
  return {
    id: desk.id,
    seminarId: desk.seminarId,
    agency: desk.agency,
    table: desk.tableLabel,
    officerName: desk.officerName,
    startsAt: desk.startsAt.toISOString(),
    endsAt: desk.endsAt.toISOString(),
    slotMinutes: desk.slotMinutes,
    unspscSegments: segmentsOf(desk),
    slots: slots.map((slot) => ({ id: slot.id, startsAt: slot.startsAt.toISOString(), endsAt: slot.endsAt.toISOString(), free: !booked.has(slot.id) })),
  };
}
