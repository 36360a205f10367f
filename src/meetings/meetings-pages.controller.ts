import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { DomainError, NotFoundError } from '../common/domain-errors.js';
import { parseId } from '../common/ids.js';
import { isLanguage } from '../i18n/i18n.js';
import { registrationForPage, RegistrationsService, type RegistrationDetails } from '../registrations/index.js';
import { seminarCard } from '../seminars/index.js';
import { AllocationService } from './allocation.service.js';
import { DesksService } from './desks.service.js';
import { registrantMeetingsView, sortDesksForCompany } from './meetings-pages.view.js';
import { MeetingsService } from './meetings.service.js';

const NOTICES = ['booked', 'cancelled', 'saved'] as const;
const ERRORS = ['slot_taken', 'meeting_overlap', 'desk_already_booked', 'meeting_limit', 'not_confirmed', 'slot_past', 'requests_open', 'requests_closed', 'seminar_cancelled', 'not_found', 'invalid'];

/**
 * The registrant's meetings page behind the manage link: their meetings (each can be cancelled),
 * and the agency desks with free times, desks that buy in the company's UNSPSC segments first.
 * Plain forms, no JavaScript. While a request window is open, a ranking form replaces booking.
 */
@ApiExcludeController()
@Controller('r/:token')
export class MeetingsPagesController {
  constructor(
    private readonly registrations: RegistrationsService,
    private readonly meetings: MeetingsService,
    private readonly desks: DesksService,
    private readonly allocation: AllocationService,
  ) {}

  @Get('meetings')
  async page(@Param('token') token: string, @Query('notice') notice: unknown, @Req() request: Request, @Res() response: Response) {
    const details = await registrationForPage(this.registrations, token, request, response);
    if (!details) return;
    const key = typeof notice === 'string' && (NOTICES as readonly string[]).includes(notice) ? `meetings.${notice}` : null;
    await this.render(response, 200, token, details, { notice: key });
  }

  @Post('meetings')
  async book(@Param('token') token: string, @Body() body: Record<string, unknown>, @Req() request: Request, @Res() response: Response) {
    return this.act(token, request, response, async () => this.meetings.bookByToken(token, parseId(body.slotId, 'slot')), 'booked');
  }

  @Post('meetings/:meetingId/cancel')
  async cancel(@Param('token') token: string, @Param('meetingId') meetingId: string, @Req() request: Request, @Res() response: Response) {
    return this.act(token, request, response, async () => this.meetings.cancelByToken(token, parseId(meetingId, 'meeting')), 'cancelled');
  }

  @Post('meeting-requests')
  async request(@Param('token') token: string, @Body() body: Record<string, unknown>, @Req() request: Request, @Res() response: Response) {
    const choices = Object.keys(body)
      .filter((name) => /^choice\d{1,2}$/.test(name))
      .sort((a, b) => Number(a.slice(6)) - Number(b.slice(6)))
      .map((name) => String(body[name] ?? ''))
      .filter(Boolean);
    const deskIds = [...new Set(choices)];
    return this.act(token, request, response, () => this.allocation.submit(token, deskIds), 'saved');
  }

  /** Runs a change; success redirects (POST-redirect-GET), a refusal shows the page again with the reason. */
  private async act(token: string, request: Request, response: Response, work: () => Promise<unknown>, notice: string) {
    try {
      await work();
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const details = await registrationForPage(this.registrations, token, request, response);
      if (!details) return;
      const code = error instanceof NotFoundError ? 'not_found' : error.kind === 'invalid' ? 'invalid' : error.code;
      const status = error.kind === 'conflict' ? 409 : error.kind === 'not-found' ? 404 : 400;
      return this.render(response, status, token, details, { error: ERRORS.includes(code) ? `meetings.errors.${code}` : 'meetings.errors.invalid' });
    }
    response.redirect(303, `/r/${token}/meetings?notice=${notice}`);
  }

  private async render(response: Response, status: number, token: string, details: RegistrationDetails, messages: { notice?: string | null; error?: string }) {
    const { registration, seminar, company } = details;
    const lang = isLanguage(response.locals.lang) ? response.locals.lang : 'ru';
    const confirmed = registration.status === 'confirmed';
    const [desks, mine, round] = [await this.desks.withSlots(seminar.id), await this.meetings.listForRegistration(registration.id), await this.allocation.isOpen(seminar.id)];
    const view = registrantMeetingsView(sortDesksForCompany(desks, company.unspscCodes ?? []), mine, seminar.timeZone, lang, new Date());
    const ranking = round ? await this.allocation.ranking(registration.id) : [];
    response.setHeader('Cache-Control', 'no-store');
    response.status(status).render('public/meetings', {
      title: response.locals.t('meetings.title'),
      seminar: seminarCard(seminar, lang),
      registration: { confirmed, fullName: registration.fullName, company: { name: company.name, bin: company.bin } },
      limit: this.meetings.limit,
      canBook: confirmed && seminar.status !== 'cancelled' && !round,
      ...view,
      round: round
        ? {
            choices: Array.from({ length: round.maxChoices }, (_, index) => ({
              rank: index + 1,
              name: `choice${index + 1}`,
              options: view.desks.map((desk) => ({ id: desk.id, label: `${desk.agency}, ${desk.table}`, selected: ranking[index] === desk.id })),
            })),
          }
        : null,
      canRequest: !!round && confirmed,
      manageUrl: `/r/${token}`,
      actionUrl: `/r/${token}/meetings`,
      requestUrl: `/r/${token}/meeting-requests`,
      notice: messages.notice ?? null,
      error: messages.error ?? null,
    });
  }
}
