import { Body, Controller, Get, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import QRCode from 'qrcode';
import { NotFoundError } from '../common/domain-errors.js';
import type { FormErrors } from '../common/forms.js';
import type { MessageKey } from '../i18n/i18n.js';
import { googleCalendarUrl } from '../calendar/google-calendar.js';
import { seminarCard, SeminarsService } from '../seminars/index.js';
import { ParseId } from '../common/ids.js';
import { isLanguage } from '../i18n/i18n.js';
import { describeCodes } from '../companies/index.js';
import { AlreadyRegisteredError, RegistrationClosedError, RegistrationsService, type RegistrationDetails } from './registrations.service.js';
import { readSignupForm, SIGNUP_FORM_ORDER, signupMessageParams, validateSignupForm, type SignupValues } from './signup-form.js';
import { registrationForPage } from './registration-page.js';
import { SignupThrottleGuard } from './signup-throttle.guard.js';

/**
 * The public pages of a registration: the sign-up form's POST (the form itself is on the seminar
 * page), the thank-you page, and the manage page behind the emailed link. No JavaScript needed.
 */
@ApiExcludeController()
@Controller()
export class RegistrationsPagesController {
  constructor(
    private readonly registrations: RegistrationsService,
    private readonly seminars: SeminarsService,
  ) {}

  @Post('/seminars/:id/register')
  @UseGuards(SignupThrottleGuard)
  async register(@Param('id', ParseId('seminar')) seminarId: string, @Body() body: Record<string, unknown>, @Res() response: Response) {
    const values = readSignupForm(body);
    const form = await validateSignupForm(values);
    if (form.errors) return this.renderForm(response, 400, seminarId, values, form.errors, null);
    try {
      const registration = await this.registrations.signUp(seminarId, form.value);
      // The form posts to ".../register#signup-result"; a redirect without a fragment keeps that one,
      // and the thank-you page carries the same id.
      response.redirect(303, `/r/${this.registrations.manageTokenFor(registration.id)}/thanks`);
    } catch (error) {
      if (error instanceof AlreadyRegisteredError) return this.renderForm(response, 409, seminarId, values, {}, 'signup.alreadyRegistered');
      if (error instanceof RegistrationClosedError) return this.renderForm(response, 409, seminarId, values, {}, 'signup.closed');
      throw error;
    }
  }

  /**
   * A reload or Back after a rejected sign-up asks for the form's address with GET: send the
   * visitor to the form instead of a 404.
   */
  @Get('/seminars/:id/register')
  backToForm(@Param('id', ParseId('seminar')) seminarId: string, @Res() response: Response) {
    response.redirect(303, `/seminars/${seminarId}#sign-up`);
  }

  @Get('/r/:token/thanks')
  async thanks(@Param('token') token: string, @Req() request: Request, @Res() response: Response) {
    const details = await registrationForPage(this.registrations, token, request, response);
    if (!details) return;
    response.setHeader('Cache-Control', 'no-store');
    response.render('public/signup-result', await this.pageData(details, token, response.locals.lang));
  }

  @Get('/r/:token')
  async manage(@Param('token') token: string, @Query('cancelled') cancelled: unknown, @Req() request: Request, @Res() response: Response) {
    const details = await registrationForPage(this.registrations, token, request, response);
    if (!details) return;
    response.setHeader('Cache-Control', 'no-store');
    response.render('public/manage', { ...(await this.pageData(details, token, response.locals.lang)), justCancelled: cancelled === '1' });
  }

  /** The confirmation step before cancelling (a link from the manage page; works without JavaScript). */
  @Get('/r/:token/cancel')
  async confirmCancel(@Param('token') token: string, @Req() request: Request, @Res() response: Response) {
    const details = await registrationForPage(this.registrations, token, request, response);
    if (!details) return;
    if (details.registration.status === 'cancelled') return response.redirect(303, `/r/${token}`);
    response.setHeader('Cache-Control', 'no-store');
    response.render('public/manage-cancel', await this.pageData(details, token, response.locals.lang));
  }

  @Post('/r/:token/cancel')
  async cancel(@Param('token') token: string, @Res() response: Response) {
    try {
      await this.registrations.cancelByToken(token);
    } catch (error) {
      if (error instanceof NotFoundError) return this.notFound(response);
      throw error;
    }
    response.redirect(303, `/r/${token}?cancelled=1`);
  }

  private notFound(response: Response): void {
    response.status(404).render('public/manage-not-found', { title: response.locals.t('manage.notFoundTitle') });
  }

  private async pageData({ registration, seminar, company }: RegistrationDetails, token: string, lang: string) {
    const card = seminarCard(seminar, lang);
    const confirmed = registration.status === 'confirmed';
    return {
      title: seminar.title,
      seminar: card,
      registration: {
        status: registration.status,
        confirmed,
        waitlisted: registration.status === 'waitlisted',
        cancelled: registration.status === 'cancelled',
        waitlistPosition: registration.waitlistPosition,
        fullName: registration.fullName,
        email: registration.email,
        phone: registration.phone,
        position: registration.position,
        ticketCode: registration.ticketCode,
        company: { name: company.name, bin: company.bin },
        checkedIn: !!registration.checkedInAt,
      },
      // The QR code carries the ticket code only; door staff scan it or type the code.
      // An online seminar has no door: no ticket QR, a Join button instead (http(s) links only).
      qrCode: confirmed && !card.cancelled && !card.isOnline ? await QRCode.toDataURL(registration.ticketCode, { errorCorrectionLevel: 'M', margin: 2, width: 240 }) : null,
      joinUrl: confirmed && !card.cancelled && !card.ended ? joinLink(seminar.onlineUrl) : null,
      joinLater: confirmed && card.isOnline && !card.cancelled && !card.ended && !joinLink(seminar.onlineUrl),
      manageUrl: `/r/${token}`,
      inviteUrl: confirmed || registration.status === 'cancelled' ? `/api/registrations/${token}/invite.ics` : null,
      // Beside the .ics: Google Calendar users on a phone rarely get an .ics file into their calendar.
      googleCalendarUrl:
        confirmed && !card.cancelled && !card.ended
          ? googleCalendarUrl({
              title: seminar.title,
              startsAt: seminar.startsAt,
              endsAt: seminar.endsAt,
              location: card.isOnline ? joinLink(seminar.onlineUrl) : [seminar.venue, seminar.city].filter(Boolean).join(', ') || null,
              details: this.registrations.manageUrlFor(registration.id),
            })
          : null,
      cancelUrl: `/r/${token}/cancel`,
      canCancel: registration.status !== 'cancelled' && !card.ended && !card.cancelled,
      ungm: this.ungmSection(registration, company, card, token, lang),
    };
  }

  /** The company's UNGM profile and, after an attended seminar, the certificate and the follow-up survey (src/outcomes, src/certificates). */
  private ungmSection(registration: RegistrationDetails['registration'], company: RegistrationDetails['company'], card: ReturnType<typeof seminarCard>, token: string, lang: string) {
    const attended = !!registration.checkedInAt && card.ended && !card.cancelled;
    return {
      codes: describeCodes(company.unspscCodes ?? [], isLanguage(lang) ? lang : 'ru'),
      ungmNumber: company.ungmNumber,
      companyUrl: `/r/${token}/company`,
      followUpUrl: attended ? `/r/${token}/follow-up` : null,
      certificateUrl: attended ? `/api/registrations/${token}/certificate.pdf` : null,
      certificateLater: !!registration.checkedInAt && !card.ended,
    };
  }

  /** The seminar page again, with the visitor's values kept and each error next to its field. */
  private async renderForm(
    response: Response,
    status: number,
    seminarId: string,
    values: SignupValues,
    errors: FormErrors,
    notice: MessageKey | null,
  ): Promise<void> {
    const seminar = await this.seminars.get(seminarId, 'public');
    const t = response.locals.t;
    // In the order of the form, each line naming its field: "BIN: a BIN has 12 digits...".
    const summary = SIGNUP_FORM_ORDER.filter((field) => errors[field]).map((field) => ({
      field,
      label: t(`signupErrors.fields.${field}`),
      message: t(errors[field]!, signupMessageParams(field)),
    }));
    const failed = summary.length > 0 || notice === 'signup.closed';
    response.status(status).render('public/seminar', {
      title: failed ? t('signupErrors.title', { title: seminar.title }) : seminar.title,
      seminar: seminarCard(seminar, response.locals.lang),
      form: {
        values,
        errors: Object.fromEntries(summary.map((line) => [line.field, line.message])),
        summary,
        notice: notice ? t(notice) : null,
      },
    });
  }
}

/** The seminar's join link when it is a plain http(s) URL; anything else is not offered as a link. */
function joinLink(url: string | null): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.toString() : null;
  } catch {
    return null;
  }
}
