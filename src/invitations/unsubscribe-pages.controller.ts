import { Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { NotFoundError } from '../common/domain-errors.js';
import { SuppressionService } from './suppression.service.js';

/**
 * The unsubscribe link of invitation emails. GET shows a confirm button (a plain form: link scanners
 * that follow every GET must not unsubscribe anyone); POST unsubscribes, both from that form and as the
 * RFC 8058 one-click request (`List-Unsubscribe=One-Click`) that mail providers send.
 */
@ApiExcludeController()
@Controller('unsubscribe')
export class UnsubscribePagesController {
  constructor(private readonly suppression: SuppressionService) {}

  @Get(':token')
  confirm(@Param('token') token: string, @Res() response: Response) {
    try {
      const email = this.suppression.addressOf(token);
      response.render('public/unsubscribe', { title: response.locals.t('unsubscribe.title'), email, token, done: false });
    } catch (error) {
      this.invalid(error, response);
    }
  }

  @Post(':token')
  @HttpCode(200)
  async unsubscribe(@Param('token') token: string, @Res() response: Response) {
    try {
      const email = await this.suppression.unsubscribe(token);
      response.render('public/unsubscribe', { title: response.locals.t('unsubscribe.title'), email, token, done: true });
    } catch (error) {
      this.invalid(error, response);
    }
  }

  private invalid(error: unknown, response: Response): void {
    if (!(error instanceof NotFoundError)) throw error;
    response.status(404).render('public/unsubscribe', { title: response.locals.t('unsubscribe.title'), invalid: true });
  }
}
