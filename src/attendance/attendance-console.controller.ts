import { Body, Controller, Get, HttpCode, Param, Post, Query, Render, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { IsString, IsUUID, MaxLength } from 'class-validator';
import type { Response } from 'express';
import { type Actor, Auth, CurrentActor } from '../accounts/index.js';
import { DomainError } from '../common/domain-errors.js';
import { actThenReturn, consolePage } from '../common/console-page.js';
import { formatDateTime, formatTime, LOCALE_TAG, monthName, type Language } from '../i18n/i18n.js';
import { type Seminar, SeminarsService } from '../seminars/index.js';
import { attendanceCsv, attendanceXlsx } from './attendance-csv.js';
import { XLSX_TYPE } from '../common/spreadsheet.js';
import { AppConfig } from '../config/app-config.js';
import { AttendanceService, CheckInRefusedError, type CheckInResult } from './attendance.service.js';
import { companyBarsSvg, monthColumnsSvg } from '../common/charts.js';
import { DoorCheckInFormDto } from './dto/check-in.dto.js';
import { ReportPageQueryDto, ReportQueryDto, REPORT_SORT_KEYS, type ReportSortKey } from './dto/report-query.dto.js';
import { ReportsService, type CompanyAttendance } from './reports.service.js';
import { summaryView } from './summary-view.js';
import { ListsService } from '../lists/index.js';
import { ParseId } from '../common/ids.js';

const PAGE_SIZE = 200;
const CHART_COMPANIES = 15;

class UndoFormDto {
  @IsUUID('all')
  registrationId: string;

  @IsString()
  @MaxLength(100)
  _csrf: string;
}

/**
 * Door check-in, the attendance report and the per-seminar summary in the console, and the check-in
 * buttons of the console's registration list.
 */
@ApiExcludeController()
@Controller('admin')
export class AttendanceConsoleController {
  constructor(
    private readonly attendance: AttendanceService,
    private readonly reports: ReportsService,
    private readonly seminars: SeminarsService,
    private readonly config: AppConfig,
    private readonly lists: ListsService,
  ) {}

  @Get('check-in')
  @Auth('checkin', 'organizer')
  @Render('admin/check-in')
  async chooseSeminar(@CurrentActor() actor: Actor, @Res({ passthrough: true }) response: Response) {
    const lang = response.locals.lang;
    const seminars = await this.attendance.doorSeminars();
    const today = new Date().toISOString().slice(0, 10);
    return consolePage(actor, response.locals.t('checkin.title'), {
      seminars: seminars.map((seminar) => ({ ...doorSeminar(seminar, lang), today: seminar.startsAt.toISOString().slice(0, 10) <= today })),
    });
  }

  @Get('check-in/:seminarId')
  @Auth('checkin', 'organizer')
  @Render('admin/check-in')
  async door(@Param('seminarId', ParseId('seminar')) seminarId: string, @Query('q') q: unknown, @CurrentActor() actor: Actor, @Res({ passthrough: true }) response: Response) {
    await this.attendance.doorSeminarFor(actor, seminarId);
    const query = typeof q === 'string' ? q.trim().slice(0, 200) : '';
    return this.doorPage(seminarId, actor, response, null, query);
  }

  @Post('check-in/:seminarId')
  @HttpCode(200)
  @Auth('checkin', 'organizer')
  @Render('admin/check-in')
  async scan(@Param('seminarId', ParseId('seminar')) seminarId: string, @Body() body: DoorCheckInFormDto, @CurrentActor() actor: Actor, @Res({ passthrough: true }) response: Response) {
    await this.attendance.doorSeminarFor(actor, seminarId);
    const lang = response.locals.lang;
    const code = (body.code ?? '').trim().slice(0, 60);
    let result: DoorResult;
    try {
      const target = body.registrationId !== undefined ? { registrationId: body.registrationId } : { ticketCode: code };
      const checkedIn = await this.attendance.checkIn(seminarId, target, actor);
      const seminar = await this.seminars.get(seminarId);
      result = successResult(checkedIn, seminar, lang, response);
    } catch (error) {
      if (!(error instanceof CheckInRefusedError)) throw error;
      result = refusalResult(error, code, lang, response);
    }
    return this.doorPage(seminarId, actor, response, result);
  }

  @Post('check-in/:seminarId/undo')
  @HttpCode(200)
  @Auth('organizer')
  @Render('admin/check-in')
  async undo(@Param('seminarId', ParseId('seminar')) seminarId: string, @Body() body: UndoFormDto, @CurrentActor() actor: Actor, @Res({ passthrough: true }) response: Response) {
    const undone = await this.attendance.undoCheckIn(seminarId, body.registrationId, actor);
    const t = response.locals.t;
    const result: DoorResult = { tone: 'neutral', heading: t(undone.undone ? 'checkin.undone' : 'checkin.nothingToUndo'), detail: null, person: null, canUndo: false };
    return this.doorPage(seminarId, actor, response, result);
  }

  private async doorPage(seminarId: string, actor: Actor, response: Response, result: DoorResult | null, query = '') {
    const seminar = await this.attendance.doorSeminarFor(actor, seminarId);
    const count = await this.attendance.doorCount(seminar.id);
    const lang = response.locals.lang;
    const matches = query
      ? (await this.attendance.findAtDoor(seminar.id, query)).map((person) => ({
          ...personView(person, response),
          registrationId: person.registrationId,
          checkedInAt: person.checkedInAt ? formatTime(new Date(person.checkedInAt), seminar.timeZone, lang) : null,
          canCheckIn: person.status === 'confirmed' && !person.checkedInAt && seminar.status !== 'cancelled',
        }))
      : null;
    return consolePage(actor, response.locals.t('checkin.title'), {
      query,
      matches,
      seminar: doorSeminar(seminar, response.locals.lang),
      count,
      result: result && { ...result, canUndo: result.canUndo && actor.role !== 'checkin' },
    });
  }

  @Get('reports')
  @Auth('organizer')
  @Render('admin/reports')
  async report(@Query() query: ReportPageQueryDto, @CurrentActor() actor: Actor, @Res({ passthrough: true }) response: Response) {
    const t = response.locals.t;
    const filter = this.reports.parseFilter(query);
    const now = new Date();
    // The charts are about who came: seminars that have not started yet stay out of them.
    const started = { ...filter, to: filter.to && filter.to < now ? filter.to : now };
    const [rows, startedRows, months, options] = await Promise.all([
      this.reports.attendanceByCompany(filter, now),
      this.reports.attendanceByCompany(started, now),
      this.reports.attendanceByMonth(filter, now),
      this.reports.filterOptions(response.locals.lang, { city: query.city, sector: query.sector }),
    ]);
    const sort: ReportSortKey = query.sort ?? 'attended';
    const dir = query.dir ?? (sort === 'company' || sort === 'bin' ? 'asc' : 'desc');
    const sorted = sortRows(rows, sort, dir);
    const pageCount = Math.max(1, Math.ceil(sorted.length / PAGE_SIZE));
    const page = Math.min(query.page ?? 1, pageCount);
    const filterParams = new URLSearchParams();
    for (const key of ['from', 'to', 'city', 'sector'] as const) if (query[key]) filterParams.set(key, query[key]!);
    const link = (extra: Record<string, string>) => {
      const params = new URLSearchParams(filterParams);
      for (const [key, value] of Object.entries(extra)) params.set(key, value);
      return `/admin/reports?${params.toString()}`;
    };
    const columns = REPORT_SORT_KEYS.map((key) => {
      const active = key === sort;
      const nextDir = active ? (dir === 'asc' ? 'desc' : 'asc') : key === 'company' || key === 'bin' ? 'asc' : 'desc';
      return { key, label: t(`reports.columns.${key}`), href: link({ sort: key, dir: nextDir }), active, ariaSort: active ? (dir === 'asc' ? 'ascending' : 'descending') : null, arrow: active ? (dir === 'asc' ? '▲' : '▼') : '' };
    });
    const percent = new Intl.NumberFormat(LOCALE_TAG[response.locals.lang], { style: 'percent', maximumFractionDigits: 0 });
    const top = [...startedRows].sort((a, b) => b.attended - a.attended || b.noShows - a.noShows).filter((row) => row.attended + row.noShows > 0).slice(0, CHART_COMPANIES);
    const chartText = {
      attended: t('reports.columns.attended'),
      noShows: t('reports.columns.noShows'),
      registered: t('reports.columns.registered'),
      empty: t('reports.noData'),
    };
    const headline = {
      companies: rows.filter((row) => row.registered > 0).length,
      registered: rows.reduce((sum, row) => sum + row.registered, 0),
      attended: rows.reduce((sum, row) => sum + row.attended, 0),
    };
    const totals = rows.reduce((sum, row) => ({ registered: sum.registered + row.registered, attended: sum.attended + row.attended, noShows: sum.noShows + row.noShows, cancelled: sum.cancelled + row.cancelled }), { registered: 0, attended: 0, noShows: 0, cancelled: 0 });
    return consolePage(actor, t('reports.title'), {
      filter: { from: query.from ?? '', to: query.to ?? '', city: query.city ?? '', sector: query.sector ?? '' },
      cities: options.cities,
      sectors: options.sectors,
      columns,
      rows: sorted.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).map((row) => ({ ...row, rate: row.attendanceRate === null ? '—' : percent.format(row.attendanceRate) })),
      total: rows.length,
      headline: { ...headline, rate: totals.attended + totals.noShows > 0 ? percent.format(totals.attended / (totals.attended + totals.noShows)) : '—' },
      totals: { ...totals, rate: totals.attended + totals.noShows > 0 ? percent.format(totals.attended / (totals.attended + totals.noShows)) : '—' },
      paged: pageCount > 1,
      page,
      pageCount,
      previousHref: page > 1 ? link({ sort, dir, page: String(page - 1) }) : null,
      nextHref: page < pageCount ? link({ sort, dir, page: String(page + 1) }) : null,
      csvHref: `/admin/reports/attendance-by-company.csv?${filterParams.toString()}`,
      xlsxHref: `/admin/reports/attendance-by-company.xlsx?${filterParams.toString()}`,
      companiesChart: companyBarsSvg(
        top.map((row) => ({ label: row.company.name, attended: row.attended, noShows: row.noShows })),
        { ...chartText, title: t('reports.chartCompanies', { count: top.length }), description: t('reports.chartCompaniesDesc') },
      ),
      monthsChart: monthColumnsSvg(
        months.map((month, index) => ({
          label: monthName(Number(month.month.slice(5, 7)), response.locals.lang),
          // The year under January and under the first column only: the axis stays readable.
          sublabel: index === 0 || month.month.endsWith('-01') || months[index - 1].month.slice(0, 4) !== month.month.slice(0, 4) ? month.month.slice(0, 4) : undefined,
          registered: month.registered,
          attended: month.attended,
        })),
        { ...chartText, title: t('reports.chartMonths'), description: t('reports.chartMonthsDesc') },
      ),
    });
  }

  @Get('reports/attendance-by-company.csv')
  @Auth('organizer')
  async reportCsv(@Query() query: ReportQueryDto, @Res({ passthrough: true }) response: Response) {
    const filter = this.reports.parseFilter(query);
    const csv = attendanceCsv(await this.reports.attendanceByCompany(filter), filter);
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', `attachment; filename="${csv.filename}"`);
    return csv.body;
  }

  @Get('reports/attendance-by-company.xlsx')
  @Auth('organizer')
  async reportXlsx(@Query() query: ReportQueryDto, @Res() response: Response) {
    const filter = this.reports.parseFilter(query);
    const file = await attendanceXlsx(await this.reports.attendanceByCompany(filter), filter, response.locals.lang, this.config.defaultTimeZone);
    response.type(XLSX_TYPE).setHeader('Content-Disposition', `attachment; filename="${file.filename}"`).send(file.body);
  }

  @Get('seminars/:id/summary')
  @Auth('organizer')
  @Render('admin/reports-seminar')
  async seminarSummary(@Param('id', ParseId('seminar')) seminarId: string, @CurrentActor() actor: Actor, @Res({ passthrough: true }) response: Response) {
    const seminar = await this.seminars.get(seminarId);
    const [summary, sectors] = await Promise.all([this.attendance.seminarSummary(seminarId), this.lists.resolver('sector')]);
    return consolePage(actor, seminar.title, { seminar: doorSeminar(seminar, response.locals.lang), summary: summaryView(summary, response, sectors) });
  }

  /** The check-in button of a row in the console's registration list; returns to that list. */
  @Post('seminars/:id/registrations/:registrationId/check-in')
  @Auth('organizer')
  checkInFromList(@Param('id', ParseId('seminar')) id: string, @Param('registrationId', ParseId('registration')) registrationId: string, @CurrentActor() actor: Actor, @Res() response: Response) {
    return actThenReturn(response, `/admin/seminars/${id}/registrations`, 'checkedIn', () => this.attendance.checkIn(id, { registrationId }, actor));
  }

  @Post('seminars/:id/registrations/:registrationId/undo-check-in')
  @Auth('organizer')
  undoFromList(@Param('id', ParseId('seminar')) id: string, @Param('registrationId', ParseId('registration')) registrationId: string, @CurrentActor() actor: Actor, @Res() response: Response) {
    return actThenReturn(response, `/admin/seminars/${id}/registrations`, 'undone', () => this.attendance.undoCheckIn(id, registrationId, actor));
  }
}

type Tone = 'ok' | 'warning' | 'danger' | 'neutral';

interface DoorResult {
  tone: Tone;
  heading: string;
  detail: string | null;
  person: { fullName: string; companyName: string; bin: string; status: string } | null;
  canUndo: boolean;
  registrationId?: string;
}

function doorSeminar(seminar: Seminar, lang: Language) {
  return { id: seminar.id, title: seminar.title, city: seminar.city, venue: seminar.venue, when: formatDateTime(seminar.startsAt, seminar.timeZone, lang), cancelled: seminar.status === 'cancelled' };
}

function personView(person: CheckInResult | NonNullable<CheckInRefusedError['person']>, response: Response) {
  return { fullName: person.fullName, companyName: person.company.name, bin: person.company.bin, status: response.locals.t(`checkin.status.${person.status}`) };
}

function successResult(result: CheckInResult, seminar: Seminar, lang: Language, response: Response): DoorResult {
  const t = response.locals.t;
  const time = formatTime(new Date(result.checkedInAt), seminar.timeZone, lang);
  return {
    tone: result.alreadyCheckedIn ? 'warning' : 'ok',
    heading: result.alreadyCheckedIn ? t('checkin.result.already', { time }) : t('checkin.result.checkedIn'),
    detail: null,
    person: personView(result, response),
    canUndo: true,
    registrationId: result.registrationId,
  };
}

function refusalResult(error: DomainError & CheckInRefusedError, code: string, lang: Language, response: Response): DoorResult {
  const t = response.locals.t;
  const person = error.person ? personView(error.person, response) : null;
  switch (error.code) {
    case 'unknown_ticket':
      return { tone: 'danger', heading: t('checkin.result.unknown'), detail: t('checkin.result.unknownDetail', { code }), person: null, canUndo: false };
    case 'wrong_seminar': {
      const other = error.otherSeminar;
      const when = other ? formatDateTime(new Date(other.startsAt), other.timeZone, lang) : '';
      return { tone: 'danger', heading: t('checkin.result.wrongSeminar'), detail: other ? t('checkin.result.wrongSeminarDetail', { title: other.title, when, city: other.city }) : null, person, canUndo: false };
    }
    case 'registration_cancelled':
      return { tone: 'danger', heading: t('checkin.result.cancelled'), detail: null, person, canUndo: false };
    case 'not_confirmed':
      return { tone: 'danger', heading: t('checkin.result.notConfirmed'), detail: null, person, canUndo: false };
    default:
      return { tone: 'danger', heading: t('checkin.result.seminarCancelled'), detail: null, person, canUndo: false };
  }
}

function sortRows(rows: CompanyAttendance[], key: ReportSortKey, dir: 'asc' | 'desc'): CompanyAttendance[] {
  const collator = new Intl.Collator('ru');
  const value = (row: CompanyAttendance): number | string => (key === 'company' ? row.company.name : key === 'bin' ? row.company.bin : key === 'attendanceRate' ? (row.attendanceRate ?? -1) : row[key]);
  const sign = dir === 'asc' ? 1 : -1;
  // Array.prototype.sort is stable: ties keep the report's own order (attended, registered, name).
  return [...rows].sort((a, b) => {
    const x = value(a);
    const y = value(b);
    return sign * (typeof x === 'string' ? collator.compare(x, y as string) : x - (y as number));
  });
}
