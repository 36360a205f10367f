import { Body, Controller, Get, HttpCode, Param, Post, Req, UploadedFiles, UseInterceptors } from '@nestjs/common';
import { AnyFilesInterceptor } from '@nestjs/platform-express';
import type { Request } from 'express';
import { ApiAcceptedResponse, ApiConsumes, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-docs.js';
import { type Actor, Auth, CurrentActor } from '../accounts/index.js';
import { InvitationProgressResponse, InvitationReportResponse } from './dto/invitation.response.js';
import { InviteDto } from './dto/invite.dto.js';
import { InvitationsService, type UploadedCsv } from './invitations.service.js';
import { ParseId } from '../common/ids.js';

/** CSV uploads: 5,000 rows of name, company and BIN fit well within this. */
export const CSV_UPLOAD_LIMITS = { fileSize: 5 * 1024 * 1024, files: 1, fields: 5, fieldSize: 2 * 1024 * 1024 };

@ApiTags('organizer')
@Controller('api/seminars/:id/invitations')
export class InvitationsController {
  constructor(private readonly invitations: InvitationsService) {}

  /** 202: the invitations are written and their emails queued; the outbox sends them. */
  @Post()
  @HttpCode(202)
  @Auth('organizer')
  @ApiConsumes('application/json', 'multipart/form-data', 'text/csv')
  @ApiAcceptedResponse({ type: InvitationReportResponse })
  @ApiErrors({
    400: 'no list, both a list and a file, a CSV that cannot be read (the message names its line), no rows, or more than 5,000 rows',
    404: 'unknown seminar',
    409: 'the seminar is a draft or cancelled',
    413: 'the body is larger than 2 MB',
  })
  // The file may come under any field name ("file" is documented), or as a raw `text/csv` body.
  @UseInterceptors(AnyFilesInterceptor({ limits: CSV_UPLOAD_LIMITS }))
  invite(
    @Param('id', ParseId('seminar')) id: string,
    @Body() body: InviteDto,
    @UploadedFiles() files: UploadedCsv[] | undefined,
    @Req() request: Request,
    @CurrentActor() actor: Actor,
  ) {
    const file = files?.[0] ?? (request.csvBody !== undefined ? { buffer: Buffer.from(request.csvBody, 'utf8') } : undefined);
    return this.invitations.inviteFromRequest(id, body.invitees, file, actor);
  }

  /** Counts by invitation status and by email status, and the list. */
  @Get()
  @Auth('organizer')
  @ApiOkResponse({ type: InvitationProgressResponse })
  @ApiErrors({ 404: 'unknown seminar' })
  progress(@Param('id', ParseId('seminar')) id: string) {
    return this.invitations.progress(id);
  }
}
