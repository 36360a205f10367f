import { Controller, Get, Query, Render, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { type Actor, Auth, CurrentActor } from '../accounts/index.js';
import { AppConfig } from '../config/app-config.js';
import { consolePage } from '../common/console-page.js';
import { zoneLabel } from '../i18n/i18n.js';
import { describeAuditEvent, AuditService } from '../audit/index.js';

const PAGE_SIZE = 50;
const MAX_PAGE = 2000;

/**
 * The audit log, newest first, in pages, as sentences in the reader's language with old -> new values.
 * Times are on the wall clock of the event's seminar, else DEFAULT_TIMEZONE (Asia/Almaty unless set).
 */
@ApiExcludeController()
@Controller('admin/audit')
@Auth('organizer')
export class AuditConsoleController {
  constructor(
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  @Get()
  @Render('admin/audit')
  async list(@Query('page') pageParam: unknown, @CurrentActor() actor: Actor, @Res({ passthrough: true }) response: Response) {
    const page = typeof pageParam === 'string' && /^\d{1,4}$/.test(pageParam) ? Math.min(MAX_PAGE, Math.max(1, Number(pageParam))) : 1;
    const lang = response.locals.lang;
    const zone = this.config.defaultTimeZone;
    // One extra row tells whether there is a next page without counting the whole table.
    const events = await this.audit.latest(PAGE_SIZE + 1, (page - 1) * PAGE_SIZE);
    const shown = events.slice(0, PAGE_SIZE);
    const context = await this.audit.contextFor(shown, zone);
    return consolePage(actor, response.locals.t('admin.audit.title'), {
      events: shown.map((event) => ({
        ...describeAuditEvent(event, context, lang),
        whenIso: event.createdAt.toISOString(),
        who: event.actorEmail,
        action: event.action,
        entityId: event.entityId,
      })),
      zone: zoneLabel(new Date(), zone, lang),
      page,
      previousPage: page > 1 ? page - 1 : null,
      nextPage: events.length > PAGE_SIZE ? page + 1 : null,
    });
  }
}
