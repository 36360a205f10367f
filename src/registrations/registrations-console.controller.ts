import { Controller, Get, Param, Post, Query, Render, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { type Actor, Auth, CurrentActor } from '../accounts/index.js';
import { fileNamePart } from '../common/csv.js';
import { XLSX_TYPE } from '../common/spreadsheet.js';
import { NotFoundError } from '../common/domain-errors.js';
import { AppConfig } from '../config/app-config.js';
import { actThenReturn, consolePage, noticeKey } from '../common/console-page.js';
import { consoleSeminarRow, SeminarsService } from '../seminars/index.js';
import { REGISTRATION_STATUSES } from './registration.entity.js';
import { consoleRegistrationRow, registrationsPath, registrationTable } from './registrations-console.view.js';
import { registrationFilter, registrationOrder, RegistrationsQueryService } from './registrations-query.service.js';
import { RegistrationsService } from './registrations.service.js';
import { ParseId } from '../common/ids.js';

/** Notices after a row's action; check-in, undo and erase are posted to their own features, which return here. */
const NOTICES = ['checkedIn', 'undone', 'registrationCancelled', 'erased', 'failed'];
const PAGE_SIZE = 50;

/**
 * One seminar's registrations in the console: search, CSV, and cancelling on someone's behalf.
 * The row's check-in and erase buttons post to the attendance and privacy console controllers.
 */
@ApiExcludeController()
@Controller('admin/seminars/:id/registrations')
@Auth('organizer')
export class RegistrationsConsoleController {
  constructor(
    private readonly query: RegistrationsQueryService,
    private readonly seminars: SeminarsService,
    private readonly registrations: RegistrationsService,
    private readonly config: AppConfig,
  ) {}

  /** A page of the list: search and status filter, a sortable column, `page`; every link keeps the others. */
  @Get()
  @Render('admin/registrations')
  async list(@Param('id', ParseId('seminar')) id: string, @Query() params: Record<string, unknown>, @CurrentActor() actor: Actor, @Res({ passthrough: true }) response: Response) {
    const seminar = await this.seminars.get(id);
    const filter = registrationFilter(params.q, params.status);
    const order = registrationOrder(params.sort, params.dir);
    const requested = typeof params.page === 'string' && /^\d{1,5}$/.test(params.page) ? Math.max(1, Number(params.page)) : 1;
    const lang = response.locals.lang;
    const { rows, total } = await this.query.page(id, filter, order, requested, PAGE_SIZE);
    const exportQuery = new URLSearchParams(Object.entries(filter).filter(([, value]) => value) as [string, string][]).toString();
    return consolePage(actor, `${response.locals.t('admin.registrations.title')} · ${seminar.title}`, {
      seminar: consoleSeminarRow(seminar, lang),
      rows: rows.map((registration) => consoleRegistrationRow(registration, seminar.timeZone, this.config.defaultTimeZone, lang)),
      filter,
      order,
      total,
      ...registrationTable(id, filter, order, requested, total, PAGE_SIZE),
      statuses: REGISTRATION_STATUSES.map((code) => ({ code, selected: code === filter.status })),
      exportUrl: `/admin/seminars/${id}/registrations/export.csv${exportQuery ? `?${exportQuery}` : ''}`,
      xlsxUrl: `/admin/seminars/${id}/registrations/export.xlsx${exportQuery ? `?${exportQuery}` : ''}`,
      canErase: actor.role === 'admin',
      notice: noticeKey(params.notice, NOTICES),
    });
  }

  @Get('export.csv')
  async export(@Param('id', ParseId('seminar')) id: string, @Query('q') q: unknown, @Query('status') status: unknown, @Res() response: Response) {
    const csv = await this.query.csv(id, registrationFilter(q, status));
    response
      .type('text/csv; charset=utf-8')
      .setHeader('Content-Disposition', `attachment; filename="registrations-${fileNamePart(id)}.csv"`)
      .send(csv);
  }

  /** The same list for Excel in Russian or Kazakh (typed cells, local times), beside the contract's CSV. */
  @Get('export.xlsx')
  async exportXlsx(@Param('id', ParseId('seminar')) id: string, @Query('q') q: unknown, @Query('status') status: unknown, @Res() response: Response) {
    const file = await this.query.xlsx(id, registrationFilter(q, status), response.locals.lang);
    response.type(XLSX_TYPE).setHeader('Content-Disposition', `attachment; filename="registrations-${fileNamePart(id)}.xlsx"`).send(file);
  }

  /** Confirmation step: cancelling on someone's behalf emails them, so it is never one click. */
  @Get(':registrationId/cancel')
  @Render('admin/registration-confirm')
  async cancelConfirm(@Param('id', ParseId('seminar')) id: string, @Param('registrationId', ParseId('registration')) registrationId: string, @CurrentActor() actor: Actor, @Res({ passthrough: true }) response: Response) {
    const seminar = await this.seminars.get(id);
    const registration = await this.query.get(id, registrationId);
    if (!registration) throw new NotFoundError('registration');
    const lang = response.locals.lang;
    return consolePage(actor, response.locals.t('admin.registrations.cancelTitle'), {
      seminar: consoleSeminarRow(seminar, lang),
      registration: consoleRegistrationRow(registration, seminar.timeZone, this.config.defaultTimeZone, lang),
      action: 'cancel',
      erase: false,
    });
  }

  @Post(':registrationId/cancel')
  cancel(@Param('id', ParseId('seminar')) id: string, @Param('registrationId', ParseId('registration')) registrationId: string, @CurrentActor() actor: Actor, @Res() response: Response) {
    return actThenReturn(response, registrationsPath(id), 'registrationCancelled', async () => {
      if (!(await this.query.get(id, registrationId))) throw new NotFoundError('registration');
      await this.registrations.cancelByOrganizer(registrationId, actor);
    });
  }
}
