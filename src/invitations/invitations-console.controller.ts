import { Body, Controller, Get, HttpCode, Param, Post, Query, Render, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { type Actor, Auth, CurrentActor } from '../accounts/index.js';
import { DomainError, InvalidInputError } from '../common/domain-errors.js';
import { consolePage } from '../common/console-page.js';
import { decodeCsv } from './invitee-csv.js';
import { SeminarsService } from '../seminars/index.js';
import { InviteFormDto } from './dto/invite.dto.js';
import { CSV_UPLOAD_LIMITS } from './invitations.controller.js';
import { InvitationsService, type InvitationReport, type UploadedCsv } from './invitations.service.js';
import { invitationsPage } from './invitations-console.view.js';
import { SuppressionService } from './suppression.service.js';
import { ParseId } from '../common/ids.js';

/** Seconds between reloads of the console page while invitation emails are still waiting to go out. */
const REFRESH_SECONDS = 5;

/** The console page for inviting a list to a seminar, and its progress. */
@ApiExcludeController()
@Controller()
export class InvitationsConsoleController {
  constructor(
    private readonly invitations: InvitationsService,
    private readonly seminars: SeminarsService,
    private readonly suppression: SuppressionService,
  ) {}

  @Get('/admin/seminars/:id/invitations')
  @Auth('organizer')
  @Render('admin/invitations')
  async page(@Param('id', ParseId('seminar')) id: string, @Query('status') status: unknown, @CurrentActor() actor: Actor, @Res({ passthrough: true }) response: Response) {
    const view = await invitationsPage(this.invitations, await this.seminars.get(id), response.locals.lang, { status });
    if (view.refresh) response.setHeader('Refresh', String(REFRESH_SECONDS));
    return consolePage(actor, view.title, view);
  }

  /**
   * The form posts here (multipart, so the CSRF token rides in the query string). The answer is the
   * row-by-row report; sending the same list again is harmless, as nobody is invited twice.
   */
  @Post('/admin/seminars/:id/invitations')
  @HttpCode(200)
  @Auth('organizer')
  @Render('admin/invitations')
  @UseInterceptors(FileInterceptor('file', { limits: CSV_UPLOAD_LIMITS }))
  async upload(
    @Param('id', ParseId('seminar')) id: string,
    @Body() body: InviteFormDto,
    @UploadedFile() file: UploadedCsv | undefined,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: Response,
  ) {
    const hasFile = !!file && file.buffer.length > 0;
    let report: InvitationReport | null = null;
    let formError: { key: string | null; message: string | null } | null = null;
    if (!hasFile && !body.list?.trim()) {
      formError = { key: 'invitations.form.empty', message: null };
      response.status(400);
    } else {
      try {
        report = hasFile ? await this.invitations.inviteCsv(id, decodeCsv(file!.buffer), actor, 'file') : await this.invitations.inviteCsv(id, body.list!, actor, 'list');
      } catch (error) {
        if (!(error instanceof DomainError) || error.kind === 'not-found') throw error;
        formError = { key: error.kind === 'conflict' ? `invitations.closed.${error.code}` : null, message: error.message };
        response.status(error.kind === 'conflict' ? 409 : 400);
      }
    }
    const view = await invitationsPage(this.invitations, await this.seminars.get(id), response.locals.lang, { report, formError, list: report ? '' : (body.list ?? '') });
    return consolePage(actor, view.title, view);
  }

  /** Someone asked by email (List-Unsubscribe's mailto reaches CONTACT_EMAIL): never invite the address again. */
  @Post('/admin/seminars/:id/invitations/suppress')
  @HttpCode(200)
  @Auth('organizer')
  @Render('admin/invitations')
  async suppress(@Param('id', ParseId('seminar')) id: string, @Body() body: Record<string, unknown>, @CurrentActor() actor: Actor, @Res({ passthrough: true }) response: Response) {
    const seminar = await this.seminars.get(id);
    let suppressed: { email: string | null; error: boolean };
    try {
      suppressed = { email: await this.suppression.suppressByOrganizer(body.email, actor), error: false };
    } catch (error) {
      if (!(error instanceof InvalidInputError)) throw error;
      response.status(400);
      suppressed = { email: typeof body.email === 'string' ? body.email.slice(0, 254) : '', error: true };
    }
    const view = await invitationsPage(this.invitations, seminar, response.locals.lang, { suppressed });
    return consolePage(actor, view.title, view);
  }
}
