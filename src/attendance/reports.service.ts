import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { utcToZonedInput, zonedInputToUtc } from '../common/zoned-time.js';
import { rawTimestamp } from '../database/columns.js';
import { InvalidInputError } from '../common/domain-errors.js';
import { AppConfig } from '../config/app-config.js';
import { Company } from '../companies/index.js';
import { Registration } from '../registrations/index.js';
import { translate, type Language } from '../i18n/i18n.js';
import { ListsService, type FilterOption } from '../lists/index.js';

/** One row of the attendance report; docs/api.md defines every count (Reports). */
export interface CompanyAttendance {
  company: { bin: string; name: string };
  /** confirmed registrations (not waitlisted, not cancelled), seminar not cancelled */
  registered: number;
  /** confirmed and checked in */
  attended: number;
  /** confirmed, not checked in, seminar ended (and not cancelled) */
  noShows: number;
  /** cancelled registrations */
  cancelled: number;
  /** attended / (attended + noShows), or null when nobody could have come yet */
  attendanceRate: number | null;
  /** distinct seminars with a confirmed registration */
  seminars: number;
  /** waitlisted registrations (not in the contract's counts; explains rows of zeros) */
  waitlisted: number;
  /** one-to-one meetings with agency desks, booked and not cancelled */
  meetingsBooked: number;
  /** of those, marked held */
  meetingsHeld: number;
  /** the company's latest UNGM stage from a follow-up answer (src/outcomes), or null when it never answered */
  ungmStage: string | null;
}

export interface ReportFilter {
  /** seminars starting at or after this instant */
  from?: Date;
  /** seminars starting before this instant */
  to?: Date;
  /** the seminar's city */
  city?: string;
  /** the company's sector */
  sector?: string;
  /** the seminar cities filed under the entry `city` names (src/lists/), once expanded */
  cities?: string[];
  /** the company sectors filed under the entry `sector` names, once expanded */
  sectors?: string[];
}

export interface MonthAttendance {
  month: string;
  registered: number;
  attended: number;
  noShows: number;
}

/**
 * What the counts mean for a cancelled seminar: its confirmed registrations are neither registered,
 * attended nor no-shows (nobody could come); a registration with status `cancelled` still counts as
 * cancelled, whoever cancelled it. Waitlisted registrations count nowhere but `waitlisted`.
 */
const ACTIVE_CONFIRMED = "r.status = 'confirmed' AND s.status <> 'cancelled'";
/** The contract's counts per registration row, shared by the company report and the monthly chart. */
const REGISTERED = `SUM(CASE WHEN ${ACTIVE_CONFIRMED} THEN 1 ELSE 0 END)`;
const ATTENDED = `SUM(CASE WHEN ${ACTIVE_CONFIRMED} AND r.checked_in_at IS NOT NULL THEN 1 ELSE 0 END)`;
const NO_SHOWS = `SUM(CASE WHEN ${ACTIVE_CONFIRMED} AND r.checked_in_at IS NULL AND s.ends_at <= :now THEN 1 ELSE 0 END)`;

/** The attendance report: one aggregate query, the same SQL on SQLite and PostgreSQL. */
@Injectable()
export class ReportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly lists: ListsService,
  ) {}

  /**
   * City and sector filters stand for managed list entries (src/lists/): "IT" and "ИТ и связь" are one
   * sector, "Almaty" and "Алматы" one city. A value that names no entry matches its own text only.
   */
  async expandFilter(filter: ReportFilter): Promise<ReportFilter> {
    const expanded = { ...filter };
    if (filter.city && !filter.cities) expanded.cities = (await this.lists.textsFor('city', filter.city)) ?? undefined;
    if (filter.sector && !filter.sectors) expanded.sectors = (await this.lists.textsFor('sector', filter.sector)) ?? undefined;
    return expanded;
  }

  /**
   * Turns the query's text values into instants. A bare date is a day on the wall clock of
   * DEFAULT_TIMEZONE (Kazakhstan): `from` its start, `to` its end (inclusive); a date-time is exact.
   */
  parseFilter(input: { from?: string; to?: string; city?: string; sector?: string }): ReportFilter {
    const filter: ReportFilter = { city: input.city || undefined, sector: input.sector || undefined };
    if (input.from) filter.from = this.parseBound('from', input.from, false);
    if (input.to) filter.to = this.parseBound('to', input.to, true);
    if (filter.from && filter.to && filter.to <= filter.from) throw new InvalidInputError('to', 'must be after from');
    return filter;
  }

  private parseBound(field: 'from' | 'to', value: string, endOfDay: boolean): Date {
    const dateOnly = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    let instant: Date | null;
    if (dateOnly) {
      instant = zonedInputToUtc(`${value}T00:00`, this.config.defaultTimeZone);
      if (instant && endOfDay) {
        const [year, month, day] = dateOnly.slice(1).map(Number);
        const next = new Date(Date.UTC(year, month - 1, day + 1)).toISOString().slice(0, 10);
        instant = zonedInputToUtc(`${next}T00:00`, this.config.defaultTimeZone);
      }
    } else {
      instant = /^\d{4}-\d{2}-\d{2}T/.test(value) ? new Date(value) : null;
      if (instant && Number.isNaN(instant.getTime())) instant = null;
      // Date.parse accepts "2026-02-31T00:00Z" and rolls it over; refuse dates that do not exist.
      if (instant && !realDate(value.slice(0, 10))) instant = null;
    }
    if (!instant) throw new InvalidInputError(field, 'must be an ISO date (YYYY-MM-DD) or date-time');
    return instant;
  }

  /**
   * One row per company (BIN). A single GROUP BY over registration ⋈ seminar ⋈ company; sorted here
   * so the order of names is the same on both databases (their collations differ).
   */
  async attendanceByCompany(filter: ReportFilter = {}, now = new Date()): Promise<CompanyAttendance[]> {
    filter = await this.expandFilter(filter);
    const rows = await this.rawRows(this.companyQuery(filter, now));
    const meetings = await this.meetingsPerCompany(filter);
    const stages = await this.latestUngmStages();
    const collator = new Intl.Collator('ru');
    return rows
      .map((row): CompanyAttendance => {
        const attended = Number(row.attended);
        const noShows = Number(row.no_shows);
        return {
          company: { bin: String(row.bin), name: String(row.name) },
          registered: Number(row.registered),
          attended,
          noShows,
          cancelled: Number(row.cancelled),
          attendanceRate: attended + noShows > 0 ? attended / (attended + noShows) : null,
          seminars: Number(row.seminars),
          waitlisted: Number(row.waitlisted),
          meetingsBooked: meetings.get(String(row.bin))?.booked ?? 0,
          meetingsHeld: meetings.get(String(row.bin))?.held ?? 0,
          ungmStage: stages.get(String(row.bin)) ?? null,
        };
      })
      .sort((a, b) => b.attended - a.attended || b.registered - a.registered || collator.compare(a.company.name, b.company.name) || a.company.bin.localeCompare(b.company.bin));
  }

  /** Booked (not cancelled) and held meetings with agency desks per BIN, over the same seminars. */
  private async meetingsPerCompany(filter: ReportFilter): Promise<Map<string, { booked: number; held: number }>> {
    const query = this.dataSource
      .createQueryBuilder()
      .select('c.bin', 'bin')
      .addSelect('COUNT(*)', 'booked')
      .addSelect('SUM(CASE WHEN m.held_at IS NOT NULL THEN 1 ELSE 0 END)', 'held')
      .from('meeting', 'm')
      .innerJoin('seminar', 's', 's.id = m.seminar_id')
      .innerJoin(Company, 'c', 'c.id = m.company_id')
      .where("m.status = 'booked'")
      .groupBy('c.bin');
    const rows = await applyFilter(query, filter).getRawMany<{ bin: string; booked: string | number; held: string | number }>();
    return new Map(rows.map((row) => [String(row.bin), { booked: Number(row.booked), held: Number(row.held) }]));
  }

  /** Each company's latest follow-up answer's stage, by BIN (answers are few: one per company and mark at most). */
  private async latestUngmStages(): Promise<Map<string, string>> {
    const rows = await this.dataSource
      .createQueryBuilder()
      .select(['c.bin AS bin', 'fa.ungm_stage AS stage'])
      .from('follow_up_answer', 'fa')
      .innerJoin('company', 'c', 'c.id = fa.company_id')
      .orderBy('fa.created_at', 'DESC')
      .addOrderBy('fa.id', 'DESC')
      .getRawMany<{ bin: string; stage: string }>();
    const stages = new Map<string, string>();
    for (const row of rows) if (!stages.has(row.bin)) stages.set(row.bin, row.stage);
    return stages;
  }

  /**
   * PostgreSQL's default work_mem (4 MB) makes the inner aggregate (one group per company and seminar:
   * ~97,000 with the bench's data) spill to disk in batches; 32 MB for this one read-only transaction
   * keeps it in memory (measured 210 -> 176 ms). SQLite has no such setting and must not open a
   * transaction outside WritePath, so it runs the query as it is.
   */
  private async rawRows(query: SelectQueryBuilder<ObjectLiteral>): Promise<Record<string, string | number>[]> {
    if (this.dataSource.options.type !== 'postgres') return query.getRawMany<Record<string, string | number>>();
    const [sql, parameters] = query.getQueryAndParameters();
    return this.dataSource.transaction(async (manager) => {
      await manager.query("SET LOCAL work_mem = '32MB'");
      return (await manager.query(sql, parameters)) as Record<string, string | number>[];
    });
  }

  /**
   * The report's SQL, exposed so the query plan can be inspected (EXPLAIN). Two levels of GROUP BY in
   * one statement: per (company, seminar) first, then per company. Counting seminars that way avoids
   * COUNT(DISTINCT), which forced PostgreSQL into sorting every registration (see the migration
   * AttendanceReportIndexes for the measured plans); both levels are hash or index-order aggregates.
   * Company names are joined last, to the ~one row per company, not to the ~one row per registration
   * of the inner level: with the bench's 100,000 registrations that cut the SQLite query from ~165 to
   * ~145 ms and spared PostgreSQL a hash join and a hash aggregate over 97,000 rows.
   */
  companyQuery(filter: ReportFilter, now = new Date()): SelectQueryBuilder<ObjectLiteral> {
    return this.dataSource
      .createQueryBuilder()
      .select('c.bin', 'bin')
      .addSelect('c.name', 'name')
      .addSelect('y.registered', 'registered')
      .addSelect('y.attended', 'attended')
      .addSelect('y.no_shows', 'no_shows')
      .addSelect('y.cancelled', 'cancelled')
      .addSelect('y.waitlisted', 'waitlisted')
      .addSelect('y.seminars', 'seminars')
      .from((sub) => this.perCompany(sub.subQuery(), filter, now), 'y')
      .innerJoin(Company, 'c', 'c.id = y.company_id');
  }

  /** Counts per company; the middle level of the report. */
  private perCompany(query: SelectQueryBuilder<ObjectLiteral>, filter: ReportFilter, now: Date): SelectQueryBuilder<ObjectLiteral> {
    return query
      .select('x.company_id', 'company_id')
      .addSelect('SUM(x.registered)', 'registered')
      .addSelect('SUM(x.attended)', 'attended')
      .addSelect('SUM(x.no_shows)', 'no_shows')
      .addSelect('SUM(x.cancelled)', 'cancelled')
      .addSelect('SUM(x.waitlisted)', 'waitlisted')
      .addSelect('SUM(CASE WHEN x.registered > 0 THEN 1 ELSE 0 END)', 'seminars')
      .from((sub) => this.perCompanyAndSeminar(sub.subQuery(), filter, now), 'x')
      .groupBy('x.company_id');
  }

  /** Counts per (company, seminar), filtered; the inner level of the report. */
  private perCompanyAndSeminar(query: SelectQueryBuilder<ObjectLiteral>, filter: ReportFilter, now: Date): SelectQueryBuilder<ObjectLiteral> {
    query
      .from(Registration, 'r')
      .innerJoin('r.seminar', 's')
      .select('r.company_id', 'company_id')
      .addSelect('r.seminar_id', 'seminar_id')
      .addSelect(REGISTERED, 'registered')
      .addSelect(ATTENDED, 'attended')
      .addSelect(NO_SHOWS, 'no_shows')
      .addSelect("SUM(CASE WHEN r.status = 'cancelled' THEN 1 ELSE 0 END)", 'cancelled')
      .addSelect("SUM(CASE WHEN r.status = 'waitlisted' THEN 1 ELSE 0 END)", 'waitlisted')
      .setParameter('now', now)
      .groupBy('r.company_id')
      .addGroupBy('r.seminar_id');
    if (filter.sector) {
      query.innerJoin('r.company', 'rc');
      if (filter.sectors) query.andWhere(filter.sectors.length ? 'rc.sector IN (:...sectors)' : '1 = 0', { sectors: filter.sectors });
      else query.andWhere('rc.sector = :sector', { sector: filter.sector });
    }
    return applyFilter(query, { ...filter, sector: undefined, sectors: undefined });
  }

  /**
   * Attendance over time: registered, attended and no-shows per month of the seminar's start, on the
   * wall clock of DEFAULT_TIMEZONE. Grouped per seminar in SQL (portable), bucketed by month here.
   * Only seminars that have started: an upcoming one has registrations but nobody could have come
   * yet, and its empty "attended" column would read as a month when nobody came.
   */
  async attendanceByMonth(filter: ReportFilter = {}, now = new Date()): Promise<MonthAttendance[]> {
    filter = await this.expandFilter(filter);
    const query = this.dataSource
      .getRepository(Registration)
      .createQueryBuilder('r')
      .innerJoin('r.seminar', 's')
      .innerJoin('r.company', 'c')
      .select('s.starts_at', 'starts_at')
      .addSelect(REGISTERED, 'registered')
      .addSelect(ATTENDED, 'attended')
      .addSelect(NO_SHOWS, 'no_shows')
      .where('s.starts_at <= :now')
      .setParameter('now', now)
      .groupBy('r.seminar_id')
      .addGroupBy('s.starts_at');
    const rows = await applyFilter(query, filter).getRawMany<Record<string, string | number | Date>>();
    const months = new Map<string, MonthAttendance>();
    for (const row of rows) {
      const startsAt = rawTimestamp(row.starts_at as Date | string);
      const month = utcToZonedInput(startsAt, this.config.defaultTimeZone).slice(0, 7);
      const bucket = months.get(month) ?? { month, registered: 0, attended: 0, noShows: 0 };
      bucket.registered += Number(row.registered);
      bucket.attended += Number(row.attended);
      bucket.noShows += Number(row.no_shows);
      months.set(month, bucket);
    }
    return [...months.values()].filter((m) => m.registered > 0).sort((a, b) => a.month.localeCompare(b.month));
  }

  /** The page's filter lists: the managed entries in use, by their names in `language`, and "Other". */
  async filterOptions(language: Language, selected: { city?: string; sector?: string } = {}): Promise<{ cities: FilterOption[]; sectors: FilterOption[] }> {
    const other = translate(language, 'lists.other');
    const [cities, sectors] = await Promise.all([this.lists.filterOptions('city', language, selected.city, other), this.lists.filterOptions('sector', language, selected.sector, other)]);
    return { cities, sectors };
  }

  /** The query plan of the report on this database, one line per step (EXPLAIN QUERY PLAN / EXPLAIN). */
  async explain(filter: ReportFilter = {}, now = new Date()): Promise<string[]> {
    const [sql, parameters] = this.companyQuery(filter, now).getQueryAndParameters();
    const postgres = this.dataSource.options.type === 'postgres';
    const rows = (await this.dataSource.query(`${postgres ? 'EXPLAIN' : 'EXPLAIN QUERY PLAN'} ${sql}`, parameters)) as Record<string, unknown>[];
    return rows.map((row) => String(postgres ? row['QUERY PLAN'] : row.detail));
  }
}

function applyFilter<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, filter: ReportFilter): SelectQueryBuilder<T> {
  if (filter.from) query.andWhere('s.starts_at >= :from', { from: filter.from });
  if (filter.to) query.andWhere('s.starts_at < :to', { to: filter.to });
  if (filter.cities) query.andWhere(filter.cities.length ? 's.city IN (:...cities)' : '1 = 0', { cities: filter.cities });
  else if (filter.city) query.andWhere('s.city = :city', { city: filter.city });
  if (filter.sectors) query.andWhere(filter.sectors.length ? 'c.sector IN (:...sectors)' : '1 = 0', { sectors: filter.sectors });
  else if (filter.sector) query.andWhere('c.sector = :sector', { sector: filter.sector });
  return query;
}

function realDate(text: string): boolean {
  const [year, month, day] = text.split('-').map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
