import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentActor } from '../accounts/roles.guard.js';
import type { Actor } from '../accounts/accounts.service.js';
import { CreateSeminarDto, UpdateSeminarDto } from './dto/seminar.dto.js';
import { toSeminarView } from './seminar.view.js';
import { SeminarsService } from './seminars.service.js';

@ApiTags('public')
@Controller('api/seminars')
export class SeminarsController {
  constructor(private readonly seminars: SeminarsService) {}

  @Get()
  async list() {
    return (await this.seminars.listUpcoming()).map((seminar) => toSeminarView(seminar));
  }

  @Get(':id')
  async get(@Param('id') id: string) {
    return toSeminarView(await this.seminars.getPublic(id));
  }

  @Post()
  @ApiTags('organizer')
  @ApiBearerAuth()
  @Auth('organizer')
  async create(@Body() body: CreateSeminarDto, @CurrentActor() actor: Actor) {
    return toSeminarView(await this.seminars.create(body, actor));
  }

  @Patch(':id')
  @ApiTags('organizer')
  @ApiBearerAuth()
  @Auth('organizer')
  async update(@Param('id') id: string, @Body() body: UpdateSeminarDto, @CurrentActor() actor: Actor) {
    return toSeminarView(await this.seminars.update(id, body, actor));
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiTags('organizer')
  @ApiBearerAuth()
  @Auth('organizer')
  async cancel(@Param('id') id: string, @CurrentActor() actor: Actor) {
    return toSeminarView(await this.seminars.cancel(id, actor));
  }
}
