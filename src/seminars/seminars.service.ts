import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, EntityManager, Repository } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { ConflictError, InvalidInputError, NotFoundError } from '../common/domain-errors.js';
import { WritePath } from '../database/write-path.js';
import { zonedInputToUtc } from '../common/zoned-time.js';
import { AuditService } from '../audit/index.js';
import type { Actor } from '../accounts/index.js';
import { CreateSeminarDto, UpdateSeminarDto } from './dto/seminar.dto.js';
import { Seminar } from './seminar.entity.js';
import type { SeminarDetails } from './seminar-changes.js';

/** What changed in a seminar, for the features that must react inside the same transaction. */
export interface SeminarChange {
  /** time, place or online link changed: registrants need an updated invite */
  moved: boolean;
  /** capacity went up: waitlisted people may move up */
  capacityRaised: boolean;
  /** the seminar was cancelled: registrants need a cancellation */
  cancelled: boolean;
  /** the start before this change (desks move their windows by as much as the seminar moved) */
  previousStartsAt?: Date;
  /** the seminar as it was, so an update email can say what changed */
  before?: SeminarDetails;
}

export type SeminarChangeHandler = (manager: EntityManager, seminar: Seminar, change: SeminarChange) => Promise<void>;

export interface SeminarFilter {
  city?: string;
  /** Any of these cities as typed (the spellings filed under one entry of the managed city list) */
  cities?: string[];
  language?: string;
  /** "2026-12": seminars starting in that month on DEFAULT_TIMEZONE's calendar */
  month?: string;
}

@Injectable()
export class SeminarsService {
  private readonly logger = new Logger(SeminarsService.name);
  private readonly changeHandlers: SeminarChangeHandler[] = [];

  constructor(
    @InjectRepository(Seminar) private readonly seminars: Repository<Seminar>,
    private readonly writePath: WritePath,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  /** Registrations subscribe here, so seminars need not know about them. */
  onChange(handler: SeminarChangeHandler): void {
    this.changeHandlers.push(handler);
  }

  /** Published seminars that have not ended, soonest first. */
  listUpcoming(filter: SeminarFilter = {}, now = new Date()): Promise<Seminar[]> {
    const query = this.seminars
      .createQueryBuilder('s')
      .where('s.status = :status', { status: 'published' })
      .andWhere('s.endsAt > :now', { now })
      .orderBy('s.startsAt', 'ASC');
    return this.applyFilter(query, filter).getMany();
  }

  /** Published seminars that have ended, most recent first. */
  listPast(filter: SeminarFilter = {}, limit = 20, now = new Date()): Promise<Seminar[]> {
    const query = this.seminars
      .createQueryBuilder('s')
      .where('s.status = :status', { status: 'published' })
      .andWhere('s.endsAt <= :now', { now })
      .orderBy('s.startsAt', 'DESC')
      .take(limit);
    return this.applyFilter(query, filter).getMany();
  }

  /** Every seminar, for the console: upcoming first, then past. */
  listAll(): Promise<Seminar[]> {
    return this.seminars.find({ order: { startsAt: 'DESC' } });
  }

  async distinctCities(): Promise<string[]> {
    const rows = await this.seminars
      .createQueryBuilder('s')
      .select('DISTINCT s.city', 'city')
      .where('s.status = :status', { status: 'published' })
      .andWhere("s.city <> ''")
      .orderBy('city')
      .getRawMany<{ city: string }>();
    return rows.map((row) => row.city);
  }

  private applyFilter(query: ReturnType<Repository<Seminar>['createQueryBuilder']>, filter: SeminarFilter) {
    if (filter.city) query.andWhere('s.city = :city', { city: filter.city });
    if (filter.cities) query.andWhere(filter.cities.length ? 's.city IN (:...cities)' : '1 = 0', { cities: filter.cities });
    if (filter.language) query.andWhere('s.language = :language', { language: filter.language });
    if (filter.month && /^\d{4}-(0[1-9]|1[0-2])$/.test(filter.month)) {
      // Months as people in Kazakhstan count them (DEFAULT_TIMEZONE), not UTC months.
      const [year, month] = filter.month.split('-').map(Number);
      const next = month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
      const from = zonedInputToUtc(`${filter.month}-01T00:00`, this.config.defaultTimeZone);
      const to = zonedInputToUtc(`${next}-01T00:00`, this.config.defaultTimeZone);
      query.andWhere(new Brackets((where) => where.where('s.startsAt >= :from', { from }).andWhere('s.startsAt < :to', { to })));
    }
    return query;
  }

  /**
   * The one seminar lookup: NotFoundError for an unknown id, and for a draft when the public asks
   * (organizers see every seminar). Ids come parsed (`ParseId` at the edge).
   */
  async get(id: string, audience: 'public' | 'organizer' = 'organizer'): Promise<Seminar> {
    const seminar = await this.seminars.findOneBy({ id });
    if (!seminar || (audience === 'public' && seminar.status === 'draft')) throw new NotFoundError('seminar');
    return seminar;
  }

  async create(input: CreateSeminarDto, actor: Actor | null): Promise<Seminar> {
    const seminar = this.seminars.create({
      title: input.title.trim(),
      description: input.description?.trim() ?? '',
      startsAt: new Date(input.startsAt),
      endsAt: new Date(input.endsAt),
      timeZone: input.timeZone ?? this.config.defaultTimeZone,
      format: input.format ?? 'in_person',
      city: input.city?.trim() ?? '',
      venue: input.venue?.trim() || null,
      onlineUrl: input.onlineUrl || null,
      language: input.language,
      capacity: input.capacity,
      registrationClosesAt: input.registrationClosesAt ? new Date(input.registrationClosesAt) : null,
      status: input.status ?? 'published',
      createdBy: actor?.id ?? null,
    });
    this.checkTimes(seminar);
    this.checkPlace(seminar);
    return this.writePath.transaction(async (manager) => {
      await manager.insert(Seminar, seminar);
      await this.audit.record(manager, actor, 'seminar.created', 'seminar', seminar.id, { title: seminar.title, city: seminar.city });
      return manager.findOneByOrFail(Seminar, { id: seminar.id });
    });
  }

  async update(id: string, input: UpdateSeminarDto, actor: Actor | null): Promise<Seminar> {
    return this.writePath.transaction(async (manager) => {
      const seminar = await this.writePath.lockRow(manager, Seminar, id);
      if (!seminar) throw new NotFoundError('seminar');
      if (seminar.status === 'cancelled') throw new ConflictError('seminar_cancelled', 'seminar: a cancelled seminar cannot be changed');
      const before = { ...seminar };

      if (input.title !== undefined) seminar.title = input.title.trim();
      if (input.description !== undefined) seminar.description = input.description?.trim() ?? '';
      if (input.startsAt !== undefined) seminar.startsAt = new Date(input.startsAt);
      if (input.endsAt !== undefined) seminar.endsAt = new Date(input.endsAt);
      if (input.timeZone !== undefined) seminar.timeZone = input.timeZone;
      if (input.format !== undefined) seminar.format = input.format;
      if (input.city !== undefined) seminar.city = input.city?.trim() ?? '';
      if (input.venue !== undefined) seminar.venue = input.venue?.trim() || null;
      if (input.onlineUrl !== undefined) seminar.onlineUrl = input.onlineUrl || null;
      if (input.language !== undefined) seminar.language = input.language;
      if (input.capacity !== undefined) seminar.capacity = input.capacity;
      if (input.registrationClosesAt !== undefined) seminar.registrationClosesAt = input.registrationClosesAt ? new Date(input.registrationClosesAt) : null;
      if (input.status !== undefined) {
        if (before.status === 'published' && input.status === 'draft' && seminar.seatsTaken + seminar.waitlistCount > 0) {
          throw new ConflictError('seminar_has_registrations', 'status: a seminar with registrations cannot go back to draft');
        }
        seminar.status = input.status;
      }
      this.checkTimes(seminar);
      this.checkPlace(seminar);

      const moved =
        before.startsAt.getTime() !== seminar.startsAt.getTime() ||
        before.endsAt.getTime() !== seminar.endsAt.getTime() ||
        before.format !== seminar.format ||
        before.city !== seminar.city ||
        before.venue !== seminar.venue ||
        before.onlineUrl !== seminar.onlineUrl ||
        before.title !== seminar.title;
      if (moved) seminar.version += 1;
      await manager.save(Seminar, seminar);

      const change: SeminarChange = { moved, capacityRaised: seminar.capacity > before.capacity, cancelled: false, previousStartsAt: before.startsAt, before };
      if (seminar.status === 'published') for (const handler of this.changeHandlers) await handler(manager, seminar, change);
      await this.audit.record(manager, actor, 'seminar.updated', 'seminar', seminar.id, diff(before, seminar));
      return manager.findOneByOrFail(Seminar, { id });
    });
  }

  /**
   * A draft goes public: the console's Publish step, audited as `seminar.published`. Publishing one
   * that is already published changes nothing; a cancelled one cannot be published.
   */
  async publish(id: string, actor: Actor | null): Promise<Seminar> {
    return this.writePath.transaction(async (manager) => {
      const seminar = await this.writePath.lockRow(manager, Seminar, id);
      if (!seminar) throw new NotFoundError('seminar');
      if (seminar.status === 'cancelled') throw new ConflictError('seminar_cancelled', 'seminar: a cancelled seminar cannot be published');
      if (seminar.status === 'published') return seminar;
      await manager.update(Seminar, { id }, { status: 'published' });
      await this.audit.record(manager, actor, 'seminar.published', 'seminar', seminar.id, { title: seminar.title, status: { from: 'draft', to: 'published' } });
      return manager.findOneByOrFail(Seminar, { id });
    });
  }

  async cancel(id: string, actor: Actor | null): Promise<Seminar> {
    return this.writePath.transaction(async (manager) => {
      const seminar = await this.writePath.lockRow(manager, Seminar, id);
      if (!seminar) throw new NotFoundError('seminar');
      if (seminar.status === 'cancelled') return seminar;
      seminar.status = 'cancelled';
      seminar.version += 1;
      await manager.save(Seminar, seminar);
      for (const handler of this.changeHandlers) await handler(manager, seminar, { moved: false, capacityRaised: false, cancelled: true });
      await this.audit.record(manager, actor, 'seminar.cancelled', 'seminar', seminar.id, { title: seminar.title });
      this.logger.log(`seminar ${seminar.id} cancelled`);
      return manager.findOneByOrFail(Seminar, { id });
    });
  }

  /** An in-person seminar happens somewhere: it needs a city. An online one may name none. */
  private checkPlace(seminar: Seminar): void {
    if (seminar.format !== 'online' && !seminar.city) throw new InvalidInputError('city', 'is required for an in-person seminar');
  }

  private checkTimes(seminar: Seminar): void {
    if (Number.isNaN(seminar.startsAt.getTime())) throw new InvalidInputError('startsAt', 'is not a valid date');
    if (Number.isNaN(seminar.endsAt.getTime())) throw new InvalidInputError('endsAt', 'is not a valid date');
    if (seminar.endsAt <= seminar.startsAt) throw new InvalidInputError('endsAt', 'must be after startsAt');
    if (seminar.registrationClosesAt && Number.isNaN(seminar.registrationClosesAt.getTime())) {
      throw new InvalidInputError('registrationClosesAt', 'is not a valid date');
    }
  }
}

/** What an update changed, `{ field: { from, to } }`, so the audit log can say old -> new. */
function diff(before: object, after: object): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  const plain = (value: unknown) => (value instanceof Date ? value.toISOString() : value);
  for (const [key, value] of Object.entries(after)) {
    if (key === 'updatedAt' || key === 'version') continue;
    const a = plain((before as Record<string, unknown>)[key]);
    const b = plain(value);
    if (a !== b) changes[key] = { from: a, to: b };
  }
  return changes;
}
