import { Body, Controller, Get, Ip, Post, Query, Render, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { InvalidInputError } from '../common/domain-errors.js';
import { field, validateForm, type FormErrors } from '../common/forms.js';
import { AppConfig } from '../config/app-config.js';
import { consolePage } from '../common/console-page.js';
import type { MessageKey } from '../i18n/i18n.js';
import { AccountsService, TooManyLoginAttemptsError, type Actor } from './accounts.service.js';
import { ChangeOwnPasswordDto } from './dto/login.dto.js';
import { Auth, CurrentActor, setSessionCookie } from './roles.guard.js';

type OwnPasswordField = 'currentPassword' | 'password' | 'confirm';

const FIELD_MESSAGES: Record<OwnPasswordField, MessageKey> = {
  currentPassword: 'ownPassword.currentMissing',
  password: 'ownPassword.tooShort',
  confirm: 'ownPassword.mismatch',
};

/** One's own account, for every role: changing one's own password (the only place to do it). */
@ApiExcludeController()
@Controller('admin/account')
@Auth()
export class OwnAccountConsoleController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly config: AppConfig,
  ) {}

  @Get()
  @Render('admin/account')
  page(@Query('notice') notice: unknown, @CurrentActor() actor: Actor, @Res({ passthrough: true }) response: Response) {
    return this.accountPage(response, actor, { changed: notice === 'passwordChanged', errors: {} });
  }

  /**
   * A wrong current password is a 400 with the error at its field, and counts as a failed sign-in
   * (429 once over the limit). Success ends the account's other sessions and re-issues this one's cookie.
   */
  @Post('password')
  async changePassword(@Body() body: unknown, @Ip() ip: string, @CurrentActor() actor: Actor, @Res() response: Response) {
    const values = { currentPassword: field(body, 'currentPassword', 300), password: field(body, 'password', 300), confirm: field(body, 'confirm', 300) };
    const form = await validateForm<ChangeOwnPasswordDto, OwnPasswordField>(ChangeOwnPasswordDto, values, ({ field }) => FIELD_MESSAGES[field]);
    let errors: FormErrors<OwnPasswordField> = { ...form.errors };
    if (!errors.password && values.confirm !== values.password) errors.confirm = 'ownPassword.mismatch';
    let status = 400;
    if (form.value && !errors.confirm) {
      try {
        const session = await this.accounts.changeOwnPassword(actor, form.value.currentPassword, form.value.password, ip);
        setSessionCookie(response, this.config, session.accessToken, session.expiresAt);
        return response.redirect(303, '/admin/account?notice=passwordChanged');
      } catch (caught) {
        if (caught instanceof TooManyLoginAttemptsError) [errors, status] = [{ currentPassword: 'ownPassword.tooMany' }, 429];
        else if (caught instanceof InvalidInputError && caught.field === 'currentPassword') errors = { currentPassword: 'ownPassword.wrong' };
        else throw caught;
      }
    }
    response.status(status).render('admin/account', this.accountPage(response, actor, { changed: false, errors }));
  }

  private accountPage(response: Response, actor: Actor, data: { changed: boolean; errors: FormErrors<OwnPasswordField> }) {
    const firstError = (['currentPassword', 'password', 'confirm'] as const).find((name) => data.errors[name]);
    return consolePage(actor, response.locals.t('ownPassword.title'), { ...data, firstError, role: actor.role });
  }
}
