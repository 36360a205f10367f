import { Body, Controller, Get, Param, Post, Query, Render, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { DomainError } from '../common/domain-errors.js';
import { AppConfig } from '../config/app-config.js';
import { consolePage, field, noticeKey } from '../console/console-page.js';
import { formatDateTime } from '../i18n/i18n.js';
import { ROLES, type Role } from './account.entity.js';
import { AccountsAdminService, type AccountChange } from './accounts-admin.service.js';
import type { Actor } from './accounts.service.js';
import { Auth, CurrentActor } from './roles.guard.js';

const NOTICES = ['accountCreated', 'accountUpdated', 'ownAccount', 'passwordTooShort', 'failed'] as const;

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
    const { error } = await this.accounts.create(values, actor);
    if (!error) return response.redirect(303, '/admin/accounts?notice=accountCreated');
    const page = await this.accountsPage(response, actor, { values: { email: values.email, role: values.role }, error: `admin.accounts.error.${error}` });
    response.status(error === 'exists' ? 409 : 400).render('admin/accounts', page);
  }

  @Post(':id/role')
  changeRole(@Param('id') id: string, @Body() body: unknown, @CurrentActor() actor: Actor, @Res() response: Response) {
    return this.apply(response, actor, id, { role: field(body, 'role', 20) as Role });
  }

  @Post(':id/disable')
  disable(@Param('id') id: string, @CurrentActor() actor: Actor, @Res() response: Response) {
    return this.apply(response, actor, id, { disabled: true });
  }

  @Post(':id/enable')
  enable(@Param('id') id: string, @CurrentActor() actor: Actor, @Res() response: Response) {
    return this.apply(response, actor, id, { disabled: false });
  }

  @Post(':id/password')
  resetPassword(@Param('id') id: string, @Body() body: unknown, @CurrentActor() actor: Actor, @Res() response: Response) {
    return this.apply(response, actor, id, { password: field(body, 'password', 300) });
  }

  private async apply(response: Response, actor: Actor, id: string, change: AccountChange) {
    let notice = 'accountUpdated';
    try {
      await this.accounts.change(id, change, actor);
    } catch (error) {
      if (!(error instanceof DomainError) || error.kind === 'not-found') throw error;
      notice = error.code === 'own_account' ? 'ownAccount' : error.message.startsWith('password') ? 'passwordTooShort' : 'failed';
    }
    response.redirect(303, `/admin/accounts?notice=${notice}`);
  }

  /** The view model of admin/accounts, for the GET page and for a POST that shows its error. */
  private async accountsPage(response: Response, actor: Actor, data: { notice?: string | null; values: { email: string; role: string }; error?: string }) {
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
