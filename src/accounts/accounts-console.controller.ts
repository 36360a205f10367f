import { Body, Controller, Get, Param, Post, Query, Render, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { ConflictError, DomainError, InvalidInputError } from '../common/domain-errors.js';
import { field, validateForm } from '../common/forms.js';
import { AppConfig } from '../config/app-config.js';
import { consolePage, noticeKey } from '../common/console-page.js';
import { formatDateTime, type MessageKey } from '../i18n/i18n.js';
import { ROLES, type Role } from './account.entity.js';
import { AccountsAdminService, type AccountChange } from './accounts-admin.service.js';
import type { Actor } from './accounts.service.js';
import { CreateAccountDto } from './dto/login.dto.js';
import { Auth, CurrentActor } from './roles.guard.js';
import { ParseId } from '../common/ids.js';

const NOTICES = ['accountCreated', 'accountUpdated', 'ownAccount', 'passwordTooShort', 'failed'] as const;

/** The new-account form's fields and their messages. */
const ACCOUNT_FIELD_MESSAGES: Record<'email' | 'password' | 'role', MessageKey> = {
  email: 'admin.accounts.error.email',
  password: 'admin.accounts.error.password',
  role: 'admin.accounts.error.role',
};

/** Accounts (admin only): create, change role, disable or enable, reset password. */
@ApiExcludeController()
@Controller('admin/accounts')
@Auth('admin')
export class AccountsConsoleController {
  constructor(
    private readonly accounts: AccountsAdminService,
    private readonly config: AppConfig,
  ) {}

  @Get()
  @Render('admin/accounts')
  list(@Query('notice') notice: unknown, @CurrentActor() actor: Actor, @Res({ passthrough: true }) response: Response) {
    return this.accountsPage(response, actor, { notice: noticeKey(notice, NOTICES), values: { email: '', role: 'organizer' } });
  }

  @Post()
  async create(@Body() body: unknown, @CurrentActor() actor: Actor, @Res() response: Response) {
    const values = { email: field(body, 'email', 300).trim(), password: field(body, 'password', 300), role: field(body, 'role', 20) };
    const form = await validateForm<CreateAccountDto, keyof typeof ACCOUNT_FIELD_MESSAGES>(CreateAccountDto, values, ({ field }) => ACCOUNT_FIELD_MESSAGES[field]);
    let error = form.errors && Object.values(form.errors)[0];
    if (form.value) {
      try {
        await this.accounts.create(form.value, actor);
        return response.redirect(303, '/admin/accounts?notice=accountCreated');
      } catch (caught) {
        if (!(caught instanceof ConflictError)) throw caught;
        error = 'admin.accounts.error.exists';
      }
    }
    const page = await this.accountsPage(response, actor, { values: { email: values.email, role: values.role }, error });
    response.status(error === 'admin.accounts.error.exists' ? 409 : 400).render('admin/accounts', page);
  }

  @Post(':id/role')
  changeRole(@Param('id', ParseId('account')) id: string, @Body() body: unknown, @CurrentActor() actor: Actor, @Res() response: Response) {
    return this.apply(response, actor, id, { role: field(body, 'role', 20) as Role });
  }

  @Post(':id/disable')
  disable(@Param('id', ParseId('account')) id: string, @CurrentActor() actor: Actor, @Res() response: Response) {
    return this.apply(response, actor, id, { disabled: true });
  }

  @Post(':id/enable')
  enable(@Param('id', ParseId('account')) id: string, @CurrentActor() actor: Actor, @Res() response: Response) {
    return this.apply(response, actor, id, { disabled: false });
  }

  /** Another account's password; one's own is set on /admin/account, with the current one. */
  @Post(':id/password')
  resetPassword(@Param('id', ParseId('account')) id: string, @Body() body: unknown, @CurrentActor() actor: Actor, @Res() response: Response) {
    return this.apply(response, actor, id, { password: field(body, 'password', 300) });
  }

  private async apply(response: Response, actor: Actor, id: string, change: AccountChange) {
    let notice = 'accountUpdated';
    try {
      await this.accounts.change(id, change, actor);
    } catch (error) {
      if (!(error instanceof DomainError) || error.kind === 'not-found') throw error;
      if (error.code === 'own_password') return response.redirect(303, '/admin/account');
      notice = error.code === 'own_account' ? 'ownAccount' : error instanceof InvalidInputError && error.field === 'password' ? 'passwordTooShort' : 'failed';
    }
    response.redirect(303, `/admin/accounts?notice=${notice}`);
  }

  /** The view model of admin/accounts, for the GET page and for a POST that shows its error. */
  private async accountsPage(response: Response, actor: Actor, data: { notice?: string | null; values: { email: string; role: string }; error?: MessageKey }) {
    const lang = response.locals.lang;
    const accounts = (await this.accounts.list()).map((account) => ({
      id: account.id,
      email: account.email,
      role: account.role,
      disabled: account.disabled,
      self: account.id === actor.id,
      lastLoginAt: account.lastLoginAt ? formatDateTime(account.lastLoginAt, this.config.defaultTimeZone, lang) : null,
      roles: ROLES.map((code) => ({ code, selected: code === account.role })),
    }));
    return consolePage(actor, response.locals.t('admin.accounts.title'), {
      ...data,
      accounts,
      roles: ROLES.map((code) => ({ code, selected: code === data.values.role })),
    });
  }
}
