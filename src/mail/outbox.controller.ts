import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type Actor, Auth, CurrentActor } from '../accounts/index.js';
import { ApiErrors } from '../common/api-docs.js';
import { OutboxQueryDto } from './dto/outbox-query.dto.js';
import { OutboxEmailResponse, OutboxSummaryResponse } from './dto/outbox.response.js';
import { OutboxService } from './outbox.service.js';
import { ParseId } from '../common/ids.js';

/** The organizers' view of the outbox: what went out, what is waiting, what failed and may be sent again. */
@ApiTags('organizer')
@Auth('organizer')
@Controller('api/outbox')
export class OutboxController {
  constructor(private readonly outbox: OutboxService) {}

  @Get()
  @ApiOkResponse({ type: [OutboxSummaryResponse], description: 'newest first' })
  @ApiErrors(400)
  list(@Query() query: OutboxQueryDto) {
    return this.outbox.list(query);
  }

  /** One email with its HTML, text and calendar rendered now from its snapshot, for a preview. */
  @Get(':id')
  @ApiOkResponse({ type: OutboxEmailResponse })
  @ApiErrors({ 404: 'unknown email' })
  async get(@Param('id', ParseId('email')) id: string) {
    const { inlineImages: _images, leaseUntil: _lease, payload: _payload, ...row } = await this.outbox.get(id);
    return row;
  }

  @Post(':id/resend')
  @HttpCode(200)
  @ApiOkResponse({ type: OutboxSummaryResponse, description: 'queued again with a fresh budget of attempts, due now' })
  @ApiErrors({ 404: 'unknown email', 409: 'only a failed email can be sent again' })
  resend(@Param('id', ParseId('email')) id: string, @CurrentActor() actor: Actor) {
    return this.outbox.resend(id, actor);
  }
}
