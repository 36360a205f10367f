import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, Repository, type SelectQueryBuilder } from 'typeorm';
import { toCsv } from '../common/csv.js';
import { xlsxFile, type SheetColumn } from '../common/spreadsheet.js';
import { isLanguage, translate, zoneLabel, type KeysUnder, type Language } from '../i18n/i18n.js';
import { SeminarsService } from '../seminars/index.js';
import { REGISTRATION_STATUSES, Registration, type RegistrationStatus } from './registration.entity.js';
import { searchPattern } from '../common/search-text.js';

export interface RegistrationFilter {
  /** matches name, email, company name (in any script and case) or BIN */
  q?: string;
  status?: RegistrationStatus;
}

/** The contract's `Registration` JSON, as organizers list it. */
export interface OrganizerRegistrationView {
  id: string;
  status: RegistrationStatus;
  fullName: string;
  email: string;
  phone: string | null;
  position: string | null;
  language: string;
  company: { name: string; bin: string; city: string | null; sector: string | null };
  createdAt: string;
  checkedInAt: string | null;
}

const CSV_HEADER = ['id', 'status', 'fullName', 'email', 'phone', 'position', 'language', 'companyName', 'companyBin', 'companyCity', 'companySector', 'waitlistPosition', 'createdAt', 'checkedInAt'];

/** The console list's sortable columns. */
export const REGISTRATION_SORTS = ['name', 'company', 'status', 'createdAt', 'checkedIn'] as const;
export type RegistrationSort = (typeof REGISTRATION_SORTS)[number];
export interface RegistrationOrder {
  sort: RegistrationSort;
  dir: 'asc' | 'desc';
}

const SORT_COLUMNS: Record<RegistrationSort, string> = {
  name: 'r.fullName',
  company: 'c.name',
  status: 'r.status',
  createdAt: 'r.createdAt',
  checkedIn: 'r.checkedInAt',
};

/** Untrusted `sort` and `dir` as an order; sign-up time, oldest first, unless asked otherwise. */
export function registrationOrder(sort: unknown, dir: unknown): RegistrationOrder {
  return {
    sort: typeof sort === 'string' && (REGISTRATION_SORTS as readonly string[]).includes(sort) ? (sort as RegistrationSort) : 'createdAt',
    dir: dir === 'desc' ? 'desc' : 'asc',
  };
}

/** Turns untrusted query values into a filter: unknown statuses and over-long searches are ignored. */
export function registrationFilter(q: unknown, status: unknown): RegistrationFilter {
  return {
    q: typeof q === 'string' && q.trim() && q.length <= 200 ? q.trim() : undefined,
    status: typeof status === 'string' && (REGISTRATION_STATUSES as readonly string[]).includes(status) ? (status as RegistrationStatus) : undefined,
  };
}

/** Organizers' view of a seminar's registrations: the page, the JSON API and the CSV share it. */
@Injectable()
export class RegistrationsQueryService {
  constructor(
    @InjectRepository(Registration) private readonly registrations: Repository<Registration>,
    private readonly seminars: SeminarsService,
  ) {}

  /** Registrations of one seminar (404 for an unknown one), waitlist in order, newest sign-ups last. */
  async list(seminarId: string, filter: RegistrationFilter = {}): Promise<Registration[]> {
    await this.seminars.get(seminarId);
    const query = this.registrations
      .createQueryBuilder('r')
      .innerJoinAndSelect('r.company', 'c')
      .where('r.seminarId = :seminarId', { seminarId })
      .orderBy('r.createdAt', 'ASC')
      .addOrderBy('r.id', 'ASC');
    this.applyFilter(query, filter);
    return query.getMany();
  }

  private applyFilter(query: SelectQueryBuilder<Registration>, filter: RegistrationFilter): void {
    if (filter.status) query.andWhere('r.status = :status', { status: filter.status });
    if (filter.q) {
      const like = searchPattern(filter.q);
      const digits = filter.q.replace(/\s/g, '');
      query.andWhere(
        new Brackets((where) => {
          where.where('1 = 0');
          if (like) where.orWhere("r.searchText LIKE :like ESCAPE '\\'", { like }).orWhere("c.searchText LIKE :like ESCAPE '\\'");
          if (/^\d{1,12}$/.test(digits)) where.orWhere('c.bin LIKE :bin', { bin: `%${digits}%` });
        }),
      );
    }
  }

  /**
   * One page of the console's list: the same filter as `list`, sorted by a column (the registration
   * id breaks ties, so pages never overlap), with the number of matches.
   */
  async page(seminarId: string, filter: RegistrationFilter, order: RegistrationOrder, page: number, pageSize: number): Promise<{ rows: Registration[]; total: number }> {
    await this.seminars.get(seminarId);
    const query = this.registrations.createQueryBuilder('r').innerJoinAndSelect('r.company', 'c').where('r.seminarId = :seminarId', { seminarId });
    this.applyFilter(query, filter);
    const direction = order.dir === 'desc' ? 'DESC' : 'ASC';
    // Not yet checked in sorts after everyone who is, either way round.
    query.orderBy(SORT_COLUMNS[order.sort], direction, order.sort === 'checkedIn' ? 'NULLS LAST' : undefined);
    if (order.sort === 'status') query.addOrderBy('r.waitlistPosition', 'ASC');
    query.addOrderBy('r.createdAt', 'ASC').addOrderBy('r.id', 'ASC');
    // offset/limit rather than skip/take: the join is many-to-one, one row per registration.
    const [rows, total] = await query.offset((page - 1) * pageSize).limit(pageSize).getManyAndCount();
    return { rows, total };
  }

  async listViews(seminarId: string, filter: RegistrationFilter = {}): Promise<OrganizerRegistrationView[]> {
    return (await this.list(seminarId, filter)).map(toOrganizerRegistrationView);
  }

  async csv(seminarId: string, filter: RegistrationFilter = {}): Promise<string> {
    const rows = (await this.list(seminarId, filter)).map((r) => [
      r.id,
      r.status,
      r.fullName,
      r.email,
      r.phone,
      r.position,
      r.language,
      r.company?.name,
      r.company?.bin,
      r.company?.city,
      r.company?.sector,
      r.waitlistPosition,
      r.createdAt,
      r.checkedInAt,
    ]);
    return toCsv(CSV_HEADER, rows);
  }

  /**
   * The same rows for Excel (src/common/spreadsheet.ts): headers and statuses in the console's
   * language, times on the seminar's wall clock, phone numbers and BINs as text.
   */
  async xlsx(seminarId: string, filter: RegistrationFilter, lang: Language): Promise<Buffer> {
    const seminar = await this.seminars.get(seminarId);
    const t = (key: KeysUnder<'spreadsheets.registrations.'>, params?: Record<string, string>) => translate(lang, `spreadsheets.registrations.${key}`, params);
    const zone = zoneLabel(seminar.startsAt, seminar.timeZone, lang);
    const columns: SheetColumn[] = [
      { header: t('status'), kind: 'text', width: 16 },
      { header: t('fullName'), kind: 'text', width: 30 },
      { header: t('email'), kind: 'text', width: 30 },
      { header: t('phone'), kind: 'text', width: 18 },
      { header: t('position'), kind: 'text', width: 20 },
      { header: t('language'), kind: 'text', width: 12 },
      { header: t('company'), kind: 'text', width: 30 },
      { header: t('bin'), kind: 'text', width: 14 },
      { header: t('city'), kind: 'text', width: 16 },
      { header: t('sector'), kind: 'text', width: 24 },
      { header: t('waitlistPosition'), kind: 'integer' },
      { header: t('createdAt', { zone }), kind: 'dateTime', width: 20 },
      { header: t('checkedInAt', { zone }), kind: 'dateTime', width: 20 },
    ];
    const rows = (await this.list(seminarId, filter)).map((r) => [
      translate(lang, `admin.registrationStatus.${r.status}`),
      r.fullName,
      r.email,
      r.phone,
      r.position,
      isLanguage(r.language) ? translate(lang, `languages.${r.language}`) : r.language,
      r.company?.name,
      r.company?.bin,
      r.company?.city,
      r.company?.sector,
      r.waitlistPosition,
      r.createdAt,
      r.checkedInAt,
    ]);
    return xlsxFile(t('sheet'), columns, rows, seminar.timeZone);
  }

  async get(seminarId: string, registrationId: string): Promise<Registration | null> {
    return this.registrations.findOne({ where: { id: registrationId, seminarId }, relations: { company: true } });
  }
}

export function toOrganizerRegistrationView(r: Registration): OrganizerRegistrationView {
  return {
    id: r.id,
    status: r.status,
    fullName: r.fullName,
    email: r.email,
    phone: r.phone,
    position: r.position,
    language: r.language,
    company: { name: r.company?.name ?? '', bin: r.company?.bin ?? '', city: r.company?.city ?? null, sector: r.company?.sector ?? null },
    createdAt: r.createdAt.toISOString(),
    checkedInAt: r.checkedInAt ? r.checkedInAt.toISOString() : null,
  };
}
