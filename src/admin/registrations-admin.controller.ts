import { Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '../accounts/accounts.service.js';
import { Auth, CurrentActor } from '../accounts/roles.guard.js';
import { AttendanceService } from '../attendance/attendance.service.js';
import { DomainError, NotFoundError } from '../common/domain-errors.js';
import { AppConfig } from '../config/app-config.js';
import { formatDateTime, type Language } from '../i18n/i18n.js';
import { ErasureService } from '../privacy/erasure.service.js';
import { REGISTRATION_STATUSES, type Registration } from '../registrations/registration.entity.js';
import { RegistrationsService } from '../registrations/registrations.service.js';
import { SeminarsService } from '../seminars/seminars.service.js';
import { consolePage, noticeKey } from './admin-page.js';
import { adminSeminarRow } from './dashboard.service.js';
import { registrationFilter, RegistrationsQueryService } from './registrations-query.service.js';

const NOTICES = ['checkedIn', 'undone', 'registrationCancelled', 'erased', 'failed'] as const;

/** One seminar's registrations in the console: search, check-in and undo, cancel on someone's behalf, erase, CSV. */
@ApiExcludeController()
@Controller('admin/seminars/:id/registrations')
@Auth('organizer')
export class RegistrationsAdminController {
  constructor(
    private readonly query: RegistrationsQueryService,
    private readonly seminars: SeminarsService,
    private readonly attendance: AttendanceService,
    private readonly registrations: RegistrationsService,
    private readonly erasure: ErasureService,
    private readonly config: AppConfig,
  ) {}

  @Get()
  async list(@Param('id') id: string, @Query('q') q: unknown, @Query('status') status: unknown, @Query('notice') notice: unknown, @CurrentActor() actor: Actor, @Res() response: Response) {
    const seminar = await this.seminars.get(id);
    const filter = registrationFilter(q, status);
    const lang = response.locals.lang;
    const rows = (await this.query.list(id, filter)).map((registration) => this.row(registration, seminar.timeZone, lang));
    const exportQuery = new URLSearchParams(Object.entries(filter).filter(([, value]) => value) as [string, string][]).toString();
    response.render(
      'admin/registrations',
      consolePage(actor, `${response.locals.t('admin.registrations.title')} · ${seminar.title}`, {
        seminar: adminSeminarRow(seminar, lang),
        rows,
        filter,
        statuses: REGISTRATION_STATUSES.map((code) => ({ code, selected: code === filter.status })),
        exportUrl: `/admin/seminars/${id}/registrations/export.csv${exportQuery ? `?${exportQuery}` : ''}`,
        canErase: actor.role === 'admin',
        notice: noticeKey(notice, NOTICES),
      }),
    );
  }

  @Get('export.csv')
  async export(@Param('id') id: string, @Query('q') q: unknown, @Query('status') status: unknown, @Res() response: Response) {
    const csv = await this.query.csv(id, registrationFilter(q, status));
    response
      .type('text/csv; charset=utf-8')
      .setHeader('Content-Disposition', `attachment; filename="registrations-${id}.csv"`)
      .send(csv);
  }

  @Post(':registrationId/check-in')
  checkIn(@Param('id') id: string, @Param('registrationId') registrationId: string, @CurrentActor() actor: Actor, @Res() response: Response) {
    return this.act(response, id, 'checkedIn', () => this.attendance.checkIn(id, { registrationId }, actor));
  }

  @Post(':registrationId/undo-check-in')
  undoCheckIn(@Param('id') id: string, @Param('registrationId') registrationId: string, @CurrentActor() actor: Actor, @Res() response: Response) {
    return this.act(response, id, 'undone', () => this.attendance.undoCheckIn(id, registrationId, actor));
  }

  /** Confirmation step: cancelling on someone's behalf emails them, so it is never one click. */
  @Get(':registrationId/cancel')
  cancelConfirm(@Param('id') id: string, @Param('registrationId') registrationId: string, @CurrentActor() actor: Actor, @Res() response: Response) {
    return this.confirm(id, registrationId, 'cancel', actor, response);
  }

  @Get(':registrationId/erase')
  @Auth('admin')
  eraseConfirm(@Param('id') id: string, @Param('registrationId') registrationId: string, @CurrentActor() actor: Actor, @Res() response: Response) {
    return this.confirm(id, registrationId, 'erase', actor, response);
  }

  @Post(':registrationId/cancel')
  cancel(@Param('id') id: string, @Param('registrationId') registrationId: string, @CurrentActor() actor: Actor, @Res() response: Response) {
    return this.act(response, id, 'registrationCancelled', async () => {
      if (!(await this.query.get(id, registrationId))) throw new NotFoundError('registration');
      await this.registrations.cancelByOrganizer(registrationId, actor);
    });
  }

  @Post(':registrationId/erase')
  @Auth('admin')
  erase(@Param('id') id: string, @Param('registrationId') registrationId: string, @CurrentActor() actor: Actor, @Res() response: Response) {
    return this.act(response, id, 'erased', async () => {
      if (!(await this.query.get(id, registrationId))) throw new NotFoundError('registration');
      await this.erasure.eraseRegistration(registrationId, actor);
    });
  }

  private async confirm(id: string, registrationId: string, action: 'cancel' | 'erase', actor: Actor, response: Response) {
    const seminar = await this.seminars.get(id);
    const registration = await this.query.get(id, registrationId);
    if (!registration) throw new NotFoundError('registration');
    const lang = response.locals.lang;
    response.render(
      'admin/registration-confirm',
      consolePage(actor, response.locals.t(`admin.registrations.${action}Title`), {
        seminar: adminSeminarRow(seminar, lang),
        registration: this.row(registration, seminar.timeZone, lang),
        action,
        erase: action === 'erase',
      }),
    );
  }

  /** Runs an action and returns to the list; a refused action (e.g. checking in a waitlisted person) shows a notice, not an error page. */
  private async act(response: Response, seminarId: string, notice: (typeof NOTICES)[number], work: () => Promise<unknown>) {
    let outcome: string = notice;
    try {
      await work();
    } catch (error) {
      if (!(error instanceof DomainError) || error.kind === 'not-found') throw error;
      outcome = 'failed';
    }
    response.redirect(303, `/admin/seminars/${seminarId}/registrations?notice=${outcome}`);
  }

  private row(registration: Registration, timeZone: string, lang: Language) {
    return {
      id: registration.id,
      fullName: registration.fullName,
      email: registration.email,
      phone: registration.phone,
      position: registration.position,
      company: registration.company,
      status: registration.status,
      waitlistPosition: registration.waitlistPosition,
      confirmed: registration.status === 'confirmed',
      cancelled: registration.status === 'cancelled',
      erased: !!registration.erasedAt,
      checkedIn: !!registration.checkedInAt,
      checkedInAt: registration.checkedInAt ? formatDateTime(registration.checkedInAt, timeZone, lang) : null,
      createdAt: formatDateTime(registration.createdAt, this.config.defaultTimeZone, lang),
    };
  }
}
