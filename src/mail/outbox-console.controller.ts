import { Controller, Get, Param, Post, Query, Render, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { type Actor, Auth, CurrentActor } from '../accounts/index.js';
import { DomainError } from '../common/domain-errors.js';
import { AppConfig } from '../config/app-config.js';
import { consolePage, noticeKey } from '../common/console-page.js';
import { formatDateTime, isLanguage, translate, translateAny, zoneLabel, type Language } from '../i18n/i18n.js';
import { OUTBOX_STATUSES, type OutboxStatus } from './outbox-email.entity.js';
import { OutboxService } from './outbox.service.js';
import { ParseId } from '../common/ids.js';

const PAGE_SIZE = 50;
const MAX_PAGE = 10_000;

export interface OutboxFilter {
  status?: OutboxStatus;
  kind?: string;
  q?: string;
  page: number;
}

/** Untrusted query values as a filter: an unknown status or kind, or an over-long search, is ignored. */
export function outboxFilter(query: Record<string, unknown>, kinds: string[]): OutboxFilter {
  const { status, kind, q, page } = query;
  return {
    status: typeof status === 'string' && (OUTBOX_STATUSES as readonly string[]).includes(status) ? (status as OutboxStatus) : undefined,
    kind: typeof kind === 'string' && kinds.includes(kind) ? kind : undefined,
    q: typeof q === 'string' && q.trim() && q.length <= 254 ? q.trim() : undefined,
    page: typeof page === 'string' && /^\d{1,5}$/.test(page) ? Math.min(MAX_PAGE, Math.max(1, Number(page))) : 1,
  };
}

/** The outbox page's address for a filter: links keep the search and the filters. */
export function outboxLink(filter: OutboxFilter): string {
  const params = new URLSearchParams();
  if (filter.q) params.set('q', filter.q);
  if (filter.status) params.set('status', filter.status);
  if (filter.kind) params.set('kind', filter.kind);
  if (filter.page > 1) params.set('page', String(filter.page));
  const text = params.toString();
  return `/admin/outbox${text ? `?${text}` : ''}`;
}

/** An outbox kind in words ("Meeting cancelled"); the code itself when there are none. */
function kindNameIn(lang: Language, code: string): string {
  const key = `outboxSearch.kinds.${code}`;
  const name = translateAny(lang, key);
  return name === key ? code : name;
}

/** The outbox in the console: what is queued, sent or failed, a preview of one email, and resend. */
@ApiExcludeController()
@Controller('admin/outbox')
@Auth('organizer')
export class OutboxConsoleController {
  constructor(
    private readonly outbox: OutboxService,
    private readonly config: AppConfig,
  ) {}

  /** Search by recipient (an address, part of one, or a participant's name), filter by status and kind, a page at a time. */
  @Get()
  @Render('admin/outbox')
  async list(@Query() query: Record<string, unknown>, @CurrentActor() actor: Actor, @Res({ passthrough: true }) response: Response) {
    const lang = response.locals.lang;
    const kinds = await this.outbox.kinds();
    const filter = outboxFilter(query, kinds);
    const { rows, total } = await this.outbox.search({ ...filter, pageSize: PAGE_SIZE });
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    const link = (page: number) => outboxLink({ ...filter, page });
    const kindName = (code: string) => kindNameIn(lang, code);
    return consolePage(actor, response.locals.t('admin.outbox.title'), {
      emails: rows.map((email) => ({
        id: email.id,
        kind: kindName(email.kind),
        recipient: email.recipient,
        subject: email.subject,
        status: email.status,
        failed: email.status === 'failed',
        attempts: email.attempts,
        lastError: email.lastError,
        createdAt: formatDateTime(email.createdAt, this.config.defaultTimeZone, lang),
        sentAt: email.sentAt ? formatDateTime(email.sentAt, this.config.defaultTimeZone, lang) : null,
      })),
      filter,
      statuses: OUTBOX_STATUSES.map((code) => ({ code, selected: code === filter.status })),
      kinds: kinds.map((code) => ({ code, name: kindName(code), selected: code === filter.kind })),
      total,
      page: filter.page,
      pages,
      previousUrl: filter.page > 1 ? link(Math.min(filter.page - 1, pages)) : null,
      nextUrl: filter.page < pages ? link(filter.page + 1) : null,
      zone: zoneLabel(new Date(), this.config.defaultTimeZone, lang),
      notice: noticeKey(query.notice, ['resent', 'failed']),
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
        kindName: kindNameIn(lang, email.kind),
        languageName: isLanguage(email.language) ? translate(email.language, 'meta.languageName') : email.language,
        createdAt: formatDateTime(email.createdAt, this.config.defaultTimeZone, lang),
        sentAt: email.sentAt ? formatDateTime(email.sentAt, this.config.defaultTimeZone, lang) : null,
      },
    });
  }

  /**
   * The email's HTML alone, for the preview frame on the page above. A page of its own because the
   * console's CSP (no inline styles) would apply to an inline `srcdoc` and strip the email's styling;
   * this one allows inline styles and nothing else: no scripts, no requests, framed by the console only.
   */
  @Get(':id/preview.html')
  async preview(@Param('id', ParseId('email')) id: string, @Res() response: Response) {
    const email = await this.outbox.get(id);
    response.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'; sandbox");
    response.setHeader('X-Frame-Options', 'SAMEORIGIN');
    response.setHeader('Cache-Control', 'no-store');
    response.type('html').send(email.html);
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
