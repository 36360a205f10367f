import { Controller, Get, Param, Post, Query, Render, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '../accounts/accounts.service.js';
import { Auth, CurrentActor } from '../accounts/roles.guard.js';
import { DomainError } from '../common/domain-errors.js';
import { AppConfig } from '../config/app-config.js';
import { consolePage, noticeKey } from '../console/console-page.js';
import { formatDateTime } from '../i18n/i18n.js';
import { OUTBOX_STATUSES, type OutboxStatus } from './outbox-email.entity.js';
import { OutboxService } from './outbox.service.js';
import { ParseId } from '../common/ids.js';

const SHOWN = 200;

/** The outbox in the console: what is queued, sent or failed, a preview of one email, and resend. */
@ApiExcludeController()
@Controller('admin/outbox')
@Auth('organizer')
export class OutboxConsoleController {
  constructor(
    private readonly outbox: OutboxService,
    private readonly config: AppConfig,
  ) {}

  @Get()
  @Render('admin/outbox')
  async list(@Query('status') status: unknown, @Query('notice') notice: unknown, @CurrentActor() actor: Actor, @Res({ passthrough: true }) response: Response) {
    const selected = typeof status === 'string' && (OUTBOX_STATUSES as readonly string[]).includes(status) ? (status as OutboxStatus) : undefined;
    const lang = response.locals.lang;
    const emails = await this.outbox.list({ status: selected, limit: SHOWN });
    return consolePage(actor, response.locals.t('admin.outbox.title'), {
      emails: emails.map((email) => ({
        id: email.id,
        kind: email.kind,
        recipient: email.recipient,
        subject: email.subject,
        status: email.status,
        failed: email.status === 'failed',
        attempts: email.attempts,
        lastError: email.lastError,
        createdAt: formatDateTime(email.createdAt, this.config.defaultTimeZone, lang),
        sentAt: email.sentAt ? formatDateTime(email.sentAt, this.config.defaultTimeZone, lang) : null,
      })),
      filters: [undefined, ...OUTBOX_STATUSES].map((code) => ({ code: code ?? '', label: code ? `admin.outbox.status.${code}` : 'admin.outbox.all', current: code === selected })),
      notice: noticeKey(notice, ['resent', 'failed']),
    });
  }

  @Get(':id')
  @Render('admin/outbox-email')
  async show(@Param('id', ParseId('email')) id: string, @CurrentActor() actor: Actor, @Res({ passthrough: true }) response: Response) {
    const email = await this.outbox.get(id);
    const lang = response.locals.lang;
    return consolePage(actor, email.subject, {
      email: {
        ...email,
        createdAt: formatDateTime(email.createdAt, this.config.defaultTimeZone, lang),
        sentAt: email.sentAt ? formatDateTime(email.sentAt, this.config.defaultTimeZone, lang) : null,
      },
    });
  }

  @Post(':id/resend')
  async resend(@Param('id', ParseId('email')) id: string, @CurrentActor() actor: Actor, @Res() response: Response) {
    try {
      await this.outbox.resend(id, actor);
    } catch (error) {
      // Only a failed email can be sent again; one that changed meanwhile is not an error page.
      if (!(error instanceof DomainError) || error.kind !== 'conflict') throw error;
      return response.redirect(303, '/admin/outbox?notice=failed');
    }
    response.redirect(303, '/admin/outbox?status=queued&notice=resent');
  }
}
