import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { NotFoundError } from '../common/domain-errors.js';
import { preferLanguage } from '../i18n/language.middleware.js';
import { seminarCard } from '../seminars/index.js';
import { InvitationsService } from './invitations.service.js';

/** The personal link from the invitation email (the console's page is invitations-console.controller.ts). */
@ApiExcludeController()
@Controller()
export class InvitationsPagesController {
  constructor(private readonly invitations: InvitationsService) {}

  /**
   * The seminar's page with the sign-up form filled in from the invitation, at the link itself: the
   * URL holds the token and nothing personal. The email was in the seminar's language; so is the page
   * unless `?lang=` picks another.
   */
  @Get('/i/:token')
  async open(@Param('token') token: string, @Req() request: Request, @Res() response: Response) {
    response.setHeader('Cache-Control', 'no-store');
    response.setHeader('Referrer-Policy', 'no-referrer');
    try {
      const { invitation, seminar } = await this.invitations.open(token);
      preferLanguage(request, response, seminar.language);
      const values = { fullName: invitation.fullName ?? '', email: invitation.email, companyName: invitation.companyName ?? '', bin: invitation.bin ?? '', language: response.locals.lang };
      response.render('public/seminar', { title: seminar.title, seminar: seminarCard(seminar, response.locals.lang), form: { values, errors: {} } });
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      response.status(404).render('public/invitation-unknown', { title: response.locals.t('invitations.unknown.title') });
    }
  }
}
