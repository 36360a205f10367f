import { Controller, Get, Param, Post, Render, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { type Actor, Auth, CurrentActor } from '../accounts/index.js';
import { NotFoundError } from '../common/domain-errors.js';
import { AppConfig } from '../config/app-config.js';
import { actThenReturn, consolePage } from '../common/console-page.js';
import { consoleRegistrationRow, registrationsPath, RegistrationsQueryService } from '../registrations/index.js';
import { consoleSeminarRow, SeminarsService } from '../seminars/index.js';
import { ErasureService } from './erasure.service.js';
import { ParseId } from '../common/ids.js';

/** Erasing a registrant's personal data from the console's registration list (admin only). */
@ApiExcludeController()
@Controller('admin/seminars/:id/registrations/:registrationId/erase')
@Auth('admin')
export class PrivacyConsoleController {
  constructor(
    private readonly erasure: ErasureService,
    private readonly registrations: RegistrationsQueryService,
    private readonly seminars: SeminarsService,
    private readonly config: AppConfig,
  ) {}

  /** Confirmation step: erasing cannot be undone, so it is never one click. */
  @Get()
  @Render('admin/registration-confirm')
  async confirm(@Param('id', ParseId('seminar')) id: string, @Param('registrationId', ParseId('registration')) registrationId: string, @CurrentActor() actor: Actor, @Res({ passthrough: true }) response: Response) {
    const seminar = await this.seminars.get(id);
    const registration = await this.registrations.get(id, registrationId);
    if (!registration) throw new NotFoundError('registration');
    const lang = response.locals.lang;
    return consolePage(actor, response.locals.t('admin.registrations.eraseTitle'), {
      seminar: consoleSeminarRow(seminar, lang),
      registration: consoleRegistrationRow(registration, seminar.timeZone, this.config.defaultTimeZone, lang),
      action: 'erase',
      erase: true,
    });
  }

  @Post()
  erase(@Param('id', ParseId('seminar')) id: string, @Param('registrationId', ParseId('registration')) registrationId: string, @CurrentActor() actor: Actor, @Res() response: Response) {
    return actThenReturn(response, registrationsPath(id), 'erased', async () => {
      if (!(await this.registrations.get(id, registrationId))) throw new NotFoundError('registration');
      await this.erasure.eraseRegistration(registrationId, actor);
    });
  }
}
