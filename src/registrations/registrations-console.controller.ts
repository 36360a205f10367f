import { Controller, Get, Param, Post, Query, Render, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '../accounts/accounts.service.js';
import { Auth, CurrentActor } from '../accounts/roles.guard.js';
import { fileNamePart } from '../common/csv.js';
import { XLSX_TYPE } from '../common/spreadsheet.js';
import { NotFoundError } from '../common/domain-errors.js';
import { AppConfig } from '../config/app-config.js';
import { actThenReturn, consolePage, noticeKey } from '../console/console-page.js';
import { consoleSeminarRow } from '../seminars/seminars-console.view.js';
import { SeminarsService } from '../seminars/seminars.service.js';
import { REGISTRATION_STATUSES } from './registration.entity.js';
import { consoleRegistrationRow, registrationsPath } from './registrations-console.view.js';
import { registrationFilter, RegistrationsQueryService } from './registrations-query.service.js';
import { RegistrationsService } from './registrations.service.js';
import { ParseId } from '../common/ids.js';

/** Notices after a row's action; check-in, undo and erase are posted to their own features, which return here. */
const NOTICES = ['checkedIn', 'undone', 'registrationCancelled', 'erased', 'failed'];

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

  @Get()
  @Render('admin/registrations')
  async list(@Param('id', ParseId('seminar')) id: string, @Query('q') q: unknown, @Query('status') status: unknown, @Query('notice') notice: unknown, @CurrentActor() actor: Actor, @Res({ passthrough: true }) response: Response) {
    const seminar = await this.seminars.get(id);
    const filter = registrationFilter(q, status);
    const lang = response.locals.lang;
    const rows = (await this.query.list(id, filter)).map((registration) => consoleRegistrationRow(registration, seminar.timeZone, this.config.defaultTimeZone, lang));
    const exportQuery = new URLSearchParams(Object.entries(filter).filter(([, value]) => value) as [string, string][]).toString();
    return consolePage(actor, `${response.locals.t('admin.registrations.title')} · ${seminar.title}`, {
      seminar: consoleSeminarRow(seminar, lang),
      rows,
      filter,
      statuses: REGISTRATION_STATUSES.map((code) => ({ code, selected: code === filter.status })),
      exportUrl: `/admin/seminars/${id}/registrations/export.csv${exportQuery ? `?${exportQuery}` : ''}`,
      xlsxUrl: `/admin/seminars/${id}/registrations/export.xlsx${exportQuery ? `?${exportQuery}` : ''}`,
      canErase: actor.role === 'admin',
      notice: noticeKey(notice, NOTICES),
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
