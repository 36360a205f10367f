import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Actor } from '../accounts/accounts.service.js';
import { Auth, CurrentActor } from '../accounts/roles.guard.js';
import { ParseId, parseId } from '../common/ids.js';
import { SeminarsService } from '../seminars/seminars.service.js';
import { AllocationService } from './allocation.service.js';
import { DesksService } from './desks.service.js';
import { CreateAgencyDto, CreateDeskDto, UpdateDeskDto } from './dto/desk.dto.js';
import { BookMeetingDto, HeldByTicketDto, MeetingRequestDto, OpenRoundDto, WalkInDto } from './dto/meeting.dto.js';
import { MeetingsReportService } from './meetings-report.service.js';
import { MeetingsService } from './meetings.service.js';

const wantsCsv = (request: Request) => request.accepts(['json', 'text/csv']) === 'text/csv';

/** Desks and meetings of a seminar: the public desk list, and the organizers' and door's routes. */
@ApiTags('meetings')
@Controller('api/seminars/:id')
export class SeminarMeetingsController {
  constructor(
    private readonly seminars: SeminarsService,
    private readonly desks: DesksService,
    private readonly meetings: MeetingsService,
    private readonly reports: MeetingsReportService,
    private readonly allocation: AllocationService,
  ) {}

  @Get('desks')
  async listDesks(@Param('id', ParseId('seminar')) id: string) {
    await this.seminars.get(id, 'public');
    return this.desks.list(id);
  }

  @Post('desks')
  @ApiBearerAuth()
  @Auth('organizer')
  createDesk(@Param('id', ParseId('seminar')) id: string, @Body() body: CreateDeskDto, @CurrentActor() actor: Actor) {
    return this.desks.create(id, body, actor);
  }

  @Patch('desks/:deskId')
  @ApiBearerAuth()
  @Auth('organizer')
  updateDesk(@Param('id', ParseId('seminar')) id: string, @Param('deskId', ParseId('desk')) deskId: string, @Body() body: UpdateDeskDto, @CurrentActor() actor: Actor) {
    return this.desks.update(id, deskId, body, actor);
  }

  @Delete('desks/:deskId')
  @ApiBearerAuth()
  @Auth('organizer')
  deleteDesk(@Param('id', ParseId('seminar')) id: string, @Param('deskId', ParseId('desk')) deskId: string, @CurrentActor() actor: Actor) {
    return this.desks.remove(id, deskId, actor);
  }

  @Get('meetings')
  @ApiBearerAuth()
  @Auth('organizer')
  @ApiProduces('application/json', 'text/csv')
  async listMeetings(@Param('id', ParseId('seminar')) id: string, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const rows = await this.meetings.listForSeminar(id);
    if (!wantsCsv(request)) return rows;
    response.type('text/csv; charset=utf-8').setHeader('Content-Disposition', `attachment; filename="meetings-${id}.csv"`);
    return this.reports.meetingsCsv(rows);
  }

  @Get('meetings/report')
  @ApiBearerAuth()
  @Auth('organizer')
  @ApiProduces('application/json', 'text/csv')
  async report(@Param('id', ParseId('seminar')) id: string, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const rows = await this.reports.byAgency(id);
    if (!wantsCsv(request)) return rows;
    response.type('text/csv; charset=utf-8').setHeader('Content-Disposition', `attachment; filename="meetings-by-agency-${id}.csv"`);
    return this.reports.byAgencyCsv(rows);
  }

  @Post('meetings/held')
  @HttpCode(200)
  @ApiBearerAuth()
  @Auth('organizer', 'checkin')
  heldByTicket(@Param('id', ParseId('seminar')) id: string, @Body() body: HeldByTicketDto, @CurrentActor() actor: Actor) {
    return this.meetings.markHeldByTicket(id, body.deskId, body.ticketCode, actor);
  }

  @Post('meetings/walk-in')
  @ApiBearerAuth()
  @Auth('organizer', 'checkin')
  walkIn(@Param('id', ParseId('seminar')) id: string, @Body() body: WalkInDto, @CurrentActor() actor: Actor) {
    return this.meetings.bookWalkIn(id, parseId(body.slotId, 'slot'), body.ticketCode, actor);
  }

  @Post('meetings/:meetingId/held')
  @HttpCode(200)
  @ApiBearerAuth()
  @Auth('organizer', 'checkin')
  held(@Param('id', ParseId('seminar')) id: string, @Param('meetingId', ParseId('meeting')) meetingId: string, @CurrentActor() actor: Actor) {
    return this.meetings.markHeld(id, meetingId, actor);
  }

  @Post('meetings/:meetingId/cancel')
  @HttpCode(200)
  @ApiBearerAuth()
  @Auth('organizer')
  cancel(@Param('id', ParseId('seminar')) id: string, @Param('meetingId', ParseId('meeting')) meetingId: string, @CurrentActor() actor: Actor) {
    return this.meetings.cancelByOrganizer(id, meetingId, actor);
  }

  @Get('meeting-requests')
  @ApiBearerAuth()
  @Auth('organizer')
  round(@Param('id', ParseId('seminar')) id: string) {
    return this.allocation.get(id);
  }

  @Post('meeting-requests/open')
  @HttpCode(200)
  @ApiBearerAuth()
  @Auth('organizer')
  open(@Param('id', ParseId('seminar')) id: string, @Body() body: OpenRoundDto, @CurrentActor() actor: Actor) {
    return this.allocation.open(id, body.maxChoices, actor);
  }

  @Post('meeting-requests/close')
  @HttpCode(200)
  @ApiBearerAuth()
  @Auth('organizer')
  close(@Param('id', ParseId('seminar')) id: string, @CurrentActor() actor: Actor) {
    return this.allocation.close(id, actor);
  }
}

/** The registrant's own meetings, by the manage token. */
@ApiTags('public')
@Controller('api/registrations/:token')
export class RegistrantMeetingsController {
  constructor(
    private readonly meetings: MeetingsService,
    private readonly allocation: AllocationService,
  ) {}

  @Get('meetings')
  list(@Param('token') token: string) {
    return this.meetings.listByToken(token);
  }

  @Post('meetings')
  book(@Param('token') token: string, @Body() body: BookMeetingDto) {
    return this.meetings.bookByToken(token, parseId(body.slotId, 'slot'));
  }

  @Post('meetings/:meetingId/cancel')
  @HttpCode(200)
  cancel(@Param('token') token: string, @Param('meetingId', ParseId('meeting')) meetingId: string) {
    return this.meetings.cancelByToken(token, meetingId);
  }

  @Post('meeting-requests')
  @HttpCode(200)
  request(@Param('token') token: string, @Body() body: MeetingRequestDto) {
    return this.allocation.submit(token, body.deskIds);
  }
}

/** The managed list of agencies that desks are chosen from. */
@ApiTags('meetings')
@ApiBearerAuth()
@Controller('api/agencies')
@Auth('organizer')
export class AgenciesController {
  constructor(private readonly desks: DesksService) {}

  @Get()
  async list() {
    return (await this.desks.listAgencies()).map(({ id, code, name, active }) => ({ id, code, name, active }));
  }

  @Post()
  async add(@Body() body: CreateAgencyDto, @CurrentActor() actor: Actor) {
    const { id, code, name, active } = await this.desks.addAgency(body, actor);
    return { id, code, name, active };
  }

  @Post(':agencyId/disable')
  @HttpCode(200)
  async disable(@Param('agencyId', ParseId('agency')) agencyId: string, @CurrentActor() actor: Actor) {
    const { id, code, name, active } = await this.desks.setAgencyActive(agencyId, false, actor);
    return { id, code, name, active };
  }

  @Post(':agencyId/enable')
  @HttpCode(200)
  async enable(@Param('agencyId', ParseId('agency')) agencyId: string, @CurrentActor() actor: Actor) {
    const { id, code, name, active } = await this.desks.setAgencyActive(agencyId, true, actor);
    return { id, code, name, active };
  }
}
