import { Body, Controller, Get, Param, Post, Query, Render, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { type Actor, Auth, CurrentActor } from '../accounts/index.js';
import { field } from '../common/forms.js';
import { ParseId, parseId } from '../common/ids.js';
import { consolePage, noticeKey } from '../common/console-page.js';
import { DomainError } from '../common/domain-errors.js';
import { XLSX_TYPE } from '../common/spreadsheet.js';
import { zonedInputToUtc } from '../common/zoned-time.js';
import { isLanguage, type Language } from '../i18n/i18n.js';
import { seminarCard, SeminarsService } from '../seminars/index.js';
import { AllocationService } from './allocation.service.js';
import { DesksService } from './desks.service.js';
import { agencyOptions, deskGridView, deskScheduleView } from './meetings-console.view.js';
import { MeetingsReportService } from './meetings-report.service.js';
import { MeetingsService } from './meetings.service.js';

const NOTICES = ['created', 'deleted', 'held', 'walkIn', 'freed', 'opened', 'closed', 'agency'] as const;
const languageOf = (response: Response): Language => (isLanguage(response.locals.lang) ? response.locals.lang : 'ru');

/**
 * The console pages of meetings: the desk grid of a seminar (organizers and door staff), adding
 * and deleting desks, marking meetings held, walk-ins, the request window, each desk's printable
 * schedule, the report by agency, and the list of agencies. Plain forms, no JavaScript.
 */
@ApiExcludeController()
@Controller('admin')
export class MeetingsConsoleController {
  constructor(
    private readonly seminars: SeminarsService,
    private readonly desks: DesksService,
    private readonly meetings: MeetingsService,
    private readonly reports: MeetingsReportService,
    private readonly allocation: AllocationService,
  ) {}

  @Get('seminars/:id/desks')
  @Auth('organizer', 'checkin')
  @Render('admin/desks')
  grid(@Param('id', ParseId('seminar')) id: string, @Query('notice') notice: unknown, @CurrentActor() actor: Actor, @Res({ passthrough: true }) response: Response) {
    return this.gridModel(response, actor, id, { notice: noticeKey(notice, NOTICES)?.replace('admin.notice.', 'meetings.console.notice.') ?? null });
  }

  @Post('seminars/:id/desks')
  @Auth('organizer')
  async addDesk(@Param('id', ParseId('seminar')) id: string, @Body() body: unknown, @CurrentActor() actor: Actor, @Res() response: Response) {
    const seminar = await this.seminars.get(id);
    const time = (name: string) => zonedInputToUtc(field(body, name, 40), seminar.timeZone)?.toISOString() ?? field(body, name, 40);
    const segments = field(body, 'unspscSegments', 400).split(/[\s,;]+/).filter(Boolean);
    const values = { agency: field(body, 'agency', 40), table: field(body, 'table', 200), officerName: field(body, 'officerName', 300), startsAt: field(body, 'startsAt', 40), endsAt: field(body, 'endsAt', 40), slotMinutes: field(body, 'slotMinutes', 10), unspscSegments: field(body, 'unspscSegments', 400) };
    const errors = formErrors(values.slotMinutes, segments);
    if (errors) return this.renderGrid(response.status(400), actor, id, { error: errors, values });
    try {
      await this.desks.create(id, { agency: values.agency, table: values.table || undefined, officerName: values.officerName || undefined, startsAt: time('startsAt'), endsAt: time('endsAt'), slotMinutes: Number(values.slotMinutes), unspscSegments: segments }, actor);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return this.renderGrid(response.status(error.kind === 'conflict' ? 409 : 400), actor, id, { error: error.message, values });
    }
    response.redirect(303, `/admin/seminars/${id}/desks?notice=created`);
  }

  @Post('seminars/:id/desks/:deskId/delete')
  @Auth('organizer')
  async deleteDesk(@Param('id', ParseId('seminar')) id: string, @Param('deskId', ParseId('desk')) deskId: string, @CurrentActor() actor: Actor, @Res() response: Response) {
    await this.desks.remove(id, deskId, actor);
    response.redirect(303, `/admin/seminars/${id}/desks?notice=deleted`);
  }

  @Post('seminars/:id/meetings/:meetingId/held')
  @Auth('organizer', 'checkin')
  async held(@Param('id', ParseId('seminar')) id: string, @Param('meetingId', ParseId('meeting')) meetingId: string, @CurrentActor() actor: Actor, @Res() response: Response) {
    return this.act(response, actor, id, 'held', () => this.meetings.markHeld(id, meetingId, actor));
  }

  @Post('seminars/:id/meetings/:meetingId/cancel')
  @Auth('organizer')
  async free(@Param('id', ParseId('seminar')) id: string, @Param('meetingId', ParseId('meeting')) meetingId: string, @CurrentActor() actor: Actor, @Res() response: Response) {
    return this.act(response, actor, id, 'freed', () => this.meetings.cancelByOrganizer(id, meetingId, actor));
  }

  @Post('seminars/:id/meetings/held-by-ticket')
  @Auth('organizer', 'checkin')
  async heldByTicket(@Param('id', ParseId('seminar')) id: string, @Body() body: unknown, @CurrentActor() actor: Actor, @Res() response: Response) {
    return this.act(response, actor, id, 'held', () => this.meetings.markHeldByTicket(id, parseId(field(body, 'deskId', 40), 'meeting'), field(body, 'ticketCode', 64), actor));
  }

  @Post('seminars/:id/meetings/walk-in')
  @Auth('organizer', 'checkin')
  async walkIn(@Param('id', ParseId('seminar')) id: string, @Body() body: unknown, @CurrentActor() actor: Actor, @Res() response: Response) {
    return this.act(response, actor, id, 'walkIn', () => this.meetings.bookWalkIn(id, parseId(field(body, 'slotId', 40), 'slot'), field(body, 'ticketCode', 64), actor));
  }

  @Post('seminars/:id/meeting-requests/open')
  @Auth('organizer')
  async open(@Param('id', ParseId('seminar')) id: string, @Body() body: unknown, @CurrentActor() actor: Actor, @Res() response: Response) {
    const max = Number(field(body, 'maxChoices', 3) || 3);
    return this.act(response, actor, id, 'opened', () => this.allocation.open(id, Number.isInteger(max) && max >= 1 && max <= 10 ? max : 3, actor));
  }

  @Post('seminars/:id/meeting-requests/close')
  @Auth('organizer')
  async close(@Param('id', ParseId('seminar')) id: string, @CurrentActor() actor: Actor, @Res() response: Response) {
    return this.act(response, actor, id, 'closed', () => this.allocation.close(id, actor));
  }

  @Get('seminars/:id/desks/:deskId/schedule')
  @Auth('organizer', 'checkin')
  @Render('admin/desk-schedule')
  async schedule(@Param('id', ParseId('seminar')) id: string, @Param('deskId', ParseId('desk')) deskId: string, @CurrentActor() actor: Actor, @Res({ passthrough: true }) response: Response) {
    const seminar = await this.seminars.get(id);
    const entry = await this.desks.get(id, deskId);
    const lang = languageOf(response);
    const title = response.locals.t('meetings.schedule.title', { agency: entry.desk.agency, table: entry.desk.tableLabel });
    return consolePage(actor, title, {
      seminar: seminarCard(seminar, lang),
      desk: { agency: entry.desk.agency, table: entry.desk.tableLabel, officerName: entry.desk.officerName },
      rows: deskScheduleView(entry, await this.meetings.listForSeminar(id), seminar.timeZone, lang),
      backUrl: `/admin/seminars/${id}/desks`,
    });
  }

  @Get('seminars/:id/meetings/report')
  @Auth('organizer')
  @Render('admin/meetings-report')
  async report(@Param('id', ParseId('seminar')) id: string, @CurrentActor() actor: Actor, @Res({ passthrough: true }) response: Response) {
    const seminar = await this.seminars.get(id);
    return consolePage(actor, response.locals.t('meetings.report.title', { title: seminar.title }), {
      seminar: seminarCard(seminar, languageOf(response)),
      rows: await this.reports.byAgency(id),
      csvUrl: `/admin/seminars/${id}/meetings/report.csv`,
      meetingsCsvUrl: `/admin/seminars/${id}/meetings.csv`,
      xlsxUrl: `/admin/seminars/${id}/meetings/report.xlsx`,
      meetingsXlsxUrl: `/admin/seminars/${id}/meetings.xlsx`,
      backUrl: `/admin/seminars/${id}/desks`,
    });
  }

  @Get('seminars/:id/meetings/report.csv')
  @Auth('organizer')
  async reportCsv(@Param('id', ParseId('seminar')) id: string, @Res() response: Response) {
    const body = this.reports.byAgencyCsv(await this.reports.byAgency(id));
    response.type('text/csv; charset=utf-8').setHeader('Content-Disposition', `attachment; filename="meetings-by-agency-${id}.csv"`);
    response.send(body);
  }

  @Get('seminars/:id/meetings.csv')
  @Auth('organizer')
  async meetingsCsv(@Param('id', ParseId('seminar')) id: string, @Res() response: Response) {
    const body = this.reports.meetingsCsv(await this.meetings.listForSeminar(id));
    response.type('text/csv; charset=utf-8').setHeader('Content-Disposition', `attachment; filename="meetings-${id}.csv"`);
    response.send(body);
  }

  /** The report for Excel in Russian or Kazakh (headers in the console's language), beside the contract's CSV. */
  @Get('seminars/:id/meetings/report.xlsx')
  @Auth('organizer')
  async reportXlsx(@Param('id', ParseId('seminar')) id: string, @Res() response: Response) {
    const file = await this.reports.byAgencyXlsx(id, languageOf(response));
    response.type(XLSX_TYPE).setHeader('Content-Disposition', `attachment; filename="meetings-by-agency-${id}.xlsx"`).send(file);
  }

  /** The meetings list for Excel: times on the seminar's wall clock, BINs as text. */
  @Get('seminars/:id/meetings.xlsx')
  @Auth('organizer')
  async meetingsXlsx(@Param('id', ParseId('seminar')) id: string, @Res() response: Response) {
    const file = await this.reports.meetingsXlsx(id, languageOf(response));
    response.type(XLSX_TYPE).setHeader('Content-Disposition', `attachment; filename="meetings-${id}.xlsx"`).send(file);
  }

  @Get('agencies')
  @Auth('organizer')
  @Render('admin/agencies')
  async agencies(@Query('notice') notice: unknown, @CurrentActor() actor: Actor, @Res({ passthrough: true }) response: Response) {
    const agencies = await this.desks.listAgencies();
    return consolePage(actor, response.locals.t('meetings.console.agencies'), {
      agencies: agencies.map(({ id, code, name, active }) => ({ id, code, name, active })),
      notice: notice === 'agency' ? 'meetings.console.notice.agency' : null,
    });
  }

  @Post('agencies')
  @Auth('organizer')
  async addAgency(@Body() body: unknown, @CurrentActor() actor: Actor, @Res() response: Response) {
    const code = field(body, 'code', 40).trim();
    const name = field(body, 'name', 300).trim();
    if (!/^[A-Za-z][A-Za-z0-9 -]{0,19}$/.test(code) || !name || name.length > 200) {
      const agencies = await this.desks.listAgencies();
      return response.status(400).render(
        'admin/agencies',
        consolePage(actor, response.locals.t('meetings.console.agencies'), { agencies, error: 'code: 1-20 letters, digits, spaces or dashes; name: 1-200 characters', values: { code, name } }),
      );
    }
    await this.desks.addAgency({ code, name }, actor);
    response.redirect(303, '/admin/agencies?notice=agency');
  }

  @Post('agencies/:agencyId/:action')
  @Auth('organizer')
  async toggleAgency(@Param('agencyId', ParseId('agency')) agencyId: string, @Param('action') action: string, @CurrentActor() actor: Actor, @Res() response: Response) {
    await this.desks.setAgencyActive(agencyId, action === 'enable', actor);
    response.redirect(303, '/admin/agencies?notice=agency');
  }

  private async act(response: Response, actor: Actor, seminarId: string, notice: string, work: () => Promise<unknown>) {
    try {
      await work();
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const status = error.kind === 'conflict' ? 409 : error.kind === 'not-found' ? 404 : error.kind === 'forbidden' ? 403 : 400;
      return this.renderGrid(response.status(status), actor, seminarId, { error: error.message });
    }
    response.redirect(303, `/admin/seminars/${seminarId}/desks?notice=${notice}`);
  }

  /** A form that was refused shows the grid again, with the reason and the values typed. */
  private async renderGrid(response: Response, actor: Actor, seminarId: string, extra: { error: string; values?: Record<string, string> }) {
    response.render('admin/desks', await this.gridModel(response, actor, seminarId, extra));
  }

  /** The desk grid page's view model (console layout, actor, title). */
  private async gridModel(response: Response, actor: Actor, seminarId: string, extra: { notice?: string | null; error?: string; values?: Record<string, string> }) {
    const seminar = await this.seminars.get(seminarId);
    const lang = languageOf(response);
    const organizer = actor.role !== 'checkin';
    const desks = await this.desks.withSlots(seminarId);
    const meetings = await this.meetings.listForSeminar(seminarId);
    const round = await this.allocation.get(seminarId);
    const agencies = organizer ? await this.desks.listAgencies(true) : [];
    return consolePage(actor, response.locals.t('meetings.console.title', { title: seminar.title }), {
        seminar: seminarCard(seminar, lang),
        organizer,
        grid: deskGridView(desks, meetings, seminar.timeZone, lang),
        hasDesks: desks.length > 0,
        agencies: agencyOptions(agencies, extra.values?.agency),
        values: extra.values ?? { slotMinutes: '15' },
        zone: seminar.timeZone,
        round,
        roundOpen: round?.status === 'open',
        roundClosed: round?.status === 'closed',
        notice: extra.notice ?? null,
        error: extra.error ?? null,
        base: `/admin/seminars/${seminarId}`,
      });
  }
}

/** The form's own checks, before the service's (which name the field too). */
function formErrors(slotMinutes: string, segments: string[]): string | null {
  if (!/^\d{1,3}$/.test(slotMinutes) || Number(slotMinutes) < 5 || Number(slotMinutes) > 120) return 'slotMinutes: must be a whole number from 5 to 120';
  if (segments.some((segment) => !/^\d{2}$/.test(segment))) return 'unspscSegments: 2-digit UNSPSC segments such as 43, 46';
  return null;
}
