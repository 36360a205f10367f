import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentActor, type Actor } from '../accounts/index.js';
import { ApiErrors } from '../common/api-docs.js';
import { CreateSeminarDto, UpdateSeminarDto } from './dto/seminar.dto.js';
import { SeminarResponse } from './dto/seminar.response.js';
import { toSeminarView } from './seminar.view.js';
import { SeminarsService } from './seminars.service.js';
import { ParseId } from '../common/ids.js';

@ApiTags('public')
@Controller('api/seminars')
export class SeminarsController {
  constructor(private readonly seminars: SeminarsService) {}

  @Get()
  @ApiOkResponse({ type: [SeminarResponse], description: 'published seminars that have not ended, soonest first' })
  async list() {
    return (await this.seminars.listUpcoming()).map((seminar) => toSeminarView(seminar));
  }

  @Get(':id')
  @ApiOkResponse({ type: SeminarResponse })
  @ApiErrors({ 404: 'unknown or draft seminar' })
  async get(@Param('id', ParseId('seminar')) id: string) {
    return toSeminarView(await this.seminars.get(id, 'public'));
  }

  @Post()
  @ApiTags('organizer')
  @Auth('organizer')
  @ApiCreatedResponse({ type: SeminarResponse })
  @ApiErrors(400)
  async create(@Body() body: CreateSeminarDto, @CurrentActor() actor: Actor) {
    return toSeminarView(await this.seminars.create(body, actor));
  }

  @Patch(':id')
  @ApiTags('organizer')
  @Auth('organizer')
  @ApiOkResponse({ type: SeminarResponse, description: 'a change of time, place or link sends every active registrant an updated invite' })
  @ApiErrors(400, { 404: 'unknown seminar', 409: 'the seminar is cancelled, or has registrations and cannot go back to draft' })
  async update(@Param('id', ParseId('seminar')) id: string, @Body() body: UpdateSeminarDto, @CurrentActor() actor: Actor) {
    return toSeminarView(await this.seminars.update(id, body, actor));
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiTags('organizer')
  @Auth('organizer')
  @ApiOkResponse({ type: SeminarResponse, description: 'every active registrant gets a calendar cancellation; repeating it is harmless' })
  @ApiErrors({ 404: 'unknown seminar' })
  async cancel(@Param('id', ParseId('seminar')) id: string, @CurrentActor() actor: Actor) {
    return toSeminarView(await this.seminars.cancel(id, actor));
  }
}
