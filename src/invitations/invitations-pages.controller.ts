import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { NotFoundError } from '../common/domain-errors.js';
import { InvitationsService } from './invitations.service.js';

/** The personal link from the invitation email (the console's page is invitations-console.controller.ts). */
@ApiExcludeController()
@Controller()
export class InvitationsPagesController {
  constructor(private readonly invitations: InvitationsService) {}

  @Get('/i/:token')
  async open(@Param('token') token: string, @Res() response: Response) {
    try {
      response.redirect(303, await this.invitations.open(token));
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      response.status(404).render('public/invitation-unknown', { title: response.locals.t('invitations.unknown.title') });
    }
  }
}
