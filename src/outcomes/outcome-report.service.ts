import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ReportsService, type ReportFilter } from '../attendance/index.js';
import { csvHeader, xlsxOfRows, type DownloadColumn } from '../common/spreadsheet.js';
import { rawTimestamp } from '../database/columns.js';
import { translate, translateAny, zoneLabel, type Language } from '../i18n/i18n.js';
import { isRegisteredOrBetter, UNGM_STAGES, type UngmStage } from './follow-up-answer.entity.js';

/** The contract's `Outcome`: what the companies that attended report about UNGM (their latest answers). */
export interface Outcome {
  /** distinct companies (BINs) with a check-in */
  attendedCompanies: number;
  /** of those, companies that answered a follow-up at least once */
  respondedCompanies: number;
  /** latest stage per attended company that answered */
  stages: Record<UngmStage, number>;
  /** registered + level1 + level2 */
  registeredOrBetter: number;
  /** registeredOrBetter / attendedCompanies, null when no company attended */
  conversionRate: number | null;
  /** sums over the latest answers */
  bidsSubmitted: number;
  contractsWon: number;
  /** mean of the latest answers' ratings (those that gave one), null when none did; two decimals */
  averageRating: number | null;
}

export interface SeminarOutcome extends Outcome {
  seminarId: string;
  title: string;
  startsAt: string;
}

export interface OutcomeReport {
  totals: Outcome;
  seminars: SeminarOutcome[];
}

interface LatestAnswer {
  stage: UngmStage;
  bids: number | null;
  contracts: number | null;
  rating: number | null;
}

export function emptyStages(): Record<UngmStage, number> {
  return Object.fromEntries(UNGM_STAGES.map((stage) => [stage, 0])) as Record<UngmStage, number>;
}

/** The Outcome of a set of attended companies, from each company's latest answer. */
export function outcomeOf(companyIds: Iterable<string>, latest: Map<string, LatestAnswer>): Outcome {
  const stages = emptyStages();
  let attendedCompanies = 0;
  let respondedCompanies = 0;
  let bidsSubmitted = 0;
  let contractsWon = 0;
  let ratingSum = 0;
  let ratings = 0;
  for (const companyId of companyIds) {
    attendedCompanies++;
    const answer = latest.get(companyId);
    if (!answer) continue;
    respondedCompanies++;
    stages[answer.stage]++;
    bidsSubmitted += answer.bids ?? 0;
    contractsWon += answer.contracts ?? 0;
    if (answer.rating !== null) {
      ratingSum += answer.rating;
      ratings++;
    }
  }
  const registeredOrBetter = UNGM_STAGES.filter(isRegisteredOrBetter).reduce((sum, stage) => sum + stages[stage], 0);
  return {
    attendedCompanies,
    respondedCompanies,
    stages,
    registeredOrBetter,
    conversionRate: attendedCompanies > 0 ? registeredOrBetter / attendedCompanies : null,
    bidsSubmitted,
    contractsWon,
    averageRating: ratings > 0 ? Math.round((ratingSum / ratings) * 100) / 100 : null,
  };
}

/**
 * The UNGM outcome report. "Attended" means checked in at a seminar that was not cancelled; the
 * filters are the attendance report's (seminar start, seminar city, company sector). Answers belong to
 * companies and the latest one counts, whenever it was given. Erasure and retention keep registration
 * rows (without personal data) and answers (without comment or author), so the figures stay.
 */
@Injectable()
export class OutcomeReportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reports: ReportsService,
  ) {}

  parseFilter(input: { from?: string; to?: string; city?: string; sector?: string }): ReportFilter {
    return this.reports.parseFilter(input);
  }

  async report(filter: ReportFilter = {}): Promise<OutcomeReport> {
    filter = await this.reports.expandFilter(filter);
    const query = this.dataSource
      .createQueryBuilder()
      .select(['r.seminar_id AS seminar_id', 'r.company_id AS company_id', 's.title AS title', 's.starts_at AS starts_at'])
      .distinct(true)
      .from('registration', 'r')
      .innerJoin('seminar', 's', 's.id = r.seminar_id')
      .innerJoin('company', 'c', 'c.id = r.company_id')
      .where('r.checked_in_at IS NOT NULL')
      .andWhere("s.status <> 'cancelled'");
    if (filter.from) query.andWhere('s.starts_at >= :from', { from: filter.from });
    if (filter.to) query.andWhere('s.starts_at < :to', { to: filter.to });
    if (filter.cities) query.andWhere(filter.cities.length ? 's.city IN (:...cities)' : '1 = 0', { cities: filter.cities });
    else if (filter.city) query.andWhere('LOWER(s.city) = LOWER(:city)', { city: filter.city });
    if (filter.sectors) query.andWhere(filter.sectors.length ? 'c.sector IN (:...sectors)' : '1 = 0', { sectors: filter.sectors });
    else if (filter.sector) query.andWhere('LOWER(c.sector) = LOWER(:sector)', { sector: filter.sector });
    const pairs = await query.getRawMany<{ seminar_id: string; company_id: string; title: string; starts_at: Date | string }>();

    const latest = await this.latestAnswers([...new Set(pairs.map((pair) => pair.company_id))]);
    const bySeminar = new Map<string, { title: string; startsAt: Date; companies: Set<string> }>();
    for (const pair of pairs) {
      let seminar = bySeminar.get(pair.seminar_id);
      if (!seminar) bySeminar.set(pair.seminar_id, (seminar = { title: pair.title, startsAt: rawTimestamp(pair.starts_at), companies: new Set() }));
      seminar.companies.add(pair.company_id);
    }
    const seminars = [...bySeminar.entries()]
      .sort(([idA, a], [idB, b]) => a.startsAt.getTime() - b.startsAt.getTime() || idA.localeCompare(idB))
      .map(([seminarId, seminar]) => ({ seminarId, title: seminar.title, startsAt: seminar.startsAt.toISOString(), ...outcomeOf(seminar.companies, latest) }));
    return { totals: outcomeOf(new Set(pairs.map((pair) => pair.company_id)), latest), seminars };
  }

  /** Each company's latest answer (ties broken by id, though answers of one company never tie: see FollowUpService). */
  async latestAnswers(companyIds: string[]): Promise<Map<string, LatestAnswer>> {
    const latest = new Map<string, LatestAnswer>();
    for (let start = 0; start < companyIds.length; start += 500) {
      const rows = await this.dataSource
        .createQueryBuilder()
        .select(['fa.company_id AS company_id', 'fa.ungm_stage AS stage', 'fa.bids_submitted AS bids', 'fa.contracts_won AS contracts', 'fa.rating AS rating'])
        .from('follow_up_answer', 'fa')
        .where('fa.company_id IN (:...ids)', { ids: companyIds.slice(start, start + 500) })
        .orderBy('fa.created_at', 'DESC')
        .addOrderBy('fa.id', 'DESC')
        .getRawMany<{ company_id: string; stage: UngmStage; bids: number | string | null; contracts: number | string | null; rating: number | string | null }>();
      const number = (value: number | string | null) => (value === null ? null : Number(value));
      for (const row of rows) {
        if (!latest.has(row.company_id)) latest.set(row.company_id, { stage: row.stage, bids: number(row.bids), contracts: number(row.contracts), rating: number(row.rating) });
      }
    }
    return latest;
  }
}

/** The CSV's columns (its header is their keys) and how the XLSX types them. */
const OUTCOME_COLUMNS: readonly DownloadColumn[] = [
  // "total" on the last row, named in the console's language in the XLSX
  { key: 'seminarId', kind: 'text', width: 38, label: (value, lang) => (value === 'total' ? translate(lang, 'reports.total') : (value as string)) },
  { key: 'title', kind: 'text', width: 36 },
  { key: 'startsAt', kind: 'dateTime', width: 20 },
  { key: 'attendedCompanies', kind: 'integer' },
  { key: 'respondedCompanies', kind: 'integer' },
  ...UNGM_STAGES.map((stage): DownloadColumn => ({ key: stage, kind: 'integer' })),
  { key: 'registeredOrBetter', kind: 'integer' },
  { key: 'conversionRate', kind: 'percent' },
  { key: 'bidsSubmitted', kind: 'integer' },
  { key: 'contractsWon', kind: 'integer' },
  { key: 'averageRating', kind: 'decimal' },
];
const CSV_HEADER = csvHeader(OUTCOME_COLUMNS);

/** One row per seminar, then a `total` row; the same figures as the JSON. */
export function outcomeCsvRows(report: OutcomeReport): { header: string[]; rows: unknown[][] } {
  const row = (outcome: Outcome, seminarId: string, title: string, startsAt: string) => [
    seminarId,
    title,
    startsAt,
    outcome.attendedCompanies,
    outcome.respondedCompanies,
    ...UNGM_STAGES.map((stage) => outcome.stages[stage]),
    outcome.registeredOrBetter,
    outcome.conversionRate === null ? '' : outcome.conversionRate.toFixed(4),
    outcome.bidsSubmitted,
    outcome.contractsWon,
    outcome.averageRating ?? '',
  ];
  return {
    header: CSV_HEADER,
    rows: [...report.seminars.map((seminar) => row(seminar, seminar.seminarId, seminar.title, seminar.startsAt)), row(report.totals, 'total', '', '')],
  };
}

/** The XLSX headers: the page's texts (outcomes.report.*, outcomes.stages.*), and the zone in the time's. */
function outcomeHeader(key: string, lang: Language, zone: string): string {
  if ((UNGM_STAGES as readonly string[]).includes(key)) return translateAny(lang, `outcomes.stages.${key}`);
  if (key === 'seminarId' || key === 'startsAt') return translateAny(lang, `spreadsheets.ungmOutcomes.${key}`, { zone });
  if (key === 'title') return translate(lang, 'outcomes.report.seminar');
  return translateAny(lang, `outcomes.report.${key}`);
}

/**
 * The CSV's rows for Excel: headers in the console's language, seminar starts on the wall clock of
 * `timeZone` (the rows span seminars: the app's default zone), named in the header.
 */
export function outcomeXlsx(report: OutcomeReport, lang: Language, timeZone: string, now = new Date()): Promise<Buffer> {
  const zone = zoneLabel(now, timeZone, lang);
  return xlsxOfRows(translate(lang, 'spreadsheets.ungmOutcomes.sheet'), OUTCOME_COLUMNS, (key) => outcomeHeader(key, lang, zone), outcomeCsvRows(report).rows, lang, timeZone);
}
