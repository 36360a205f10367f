import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiExtraModels, ApiOkResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { type Actor, Auth, CurrentActor } from '../accounts/index.js';
import { ApiErrors } from '../common/api-docs.js';
import { ParseId, parseId } from '../common/ids.js';
import { SeminarsService } from '../seminars/index.js';
import { AllocationService } from './allocation.service.js';
import { DesksService } from './desks.service.js';
import { CreateAgencyDto, CreateDeskDto, UpdateDeskDto } from './dto/desk.dto.js';
import { BookMeetingDto, HeldByTicketDto, MeetingRequestDto, OpenRoundDto, WalkInDto } from './dto/meeting.dto.js';
import { AgencyMeetingsResponse, AgencyResponse, DeskDeletedResponse, DeskResponse, MeetingRequestResponse, MeetingResponse, MeetingRoundResponse, SeminarMeetingResponse } from './dto/meetings.response.js';
import { MeetingsReportService } from './meetings-report.service.js';
import { MeetingsService } from './meetings.service.js';

const wantsCsv = (request: Request) => request.accepts(['json', 'text/csv']) === 'text/csv';

/** Desks and meetings of a seminar: the public desk list, and the organizers' and door's routes. */
@ApiTags('meetings')
@ApiExtraModels(SeminarMeetingResponse, AgencyMeetingsResponse)
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
  @ApiOkResponse({ type: [DeskResponse], description: 'the live desks, by agency then table; each slot says whether it is free' })
  @ApiErrors({ 404: 'unknown seminar, or one not published' })
  async listDesks(@Param('id', ParseId('seminar')) id: string) {
    await this.seminars.get(id, 'public');
    return this.desks.list(id);
  }

  @Post('desks')
  @Auth('organizer')
  @ApiCreatedResponse({ type: DeskResponse })
  @ApiErrors({ 400: 'an agency not on the list, a window outside the seminar, or slotMinutes outside 5–120 or longer than the window', 404: 'unknown seminar', 409: 'the seminar was cancelled (`code: seminar_cancelled`)' })
  createDesk(@Param('id', ParseId('seminar')) id: string, @Body() body: CreateDeskDto, @CurrentActor() actor: Actor) {
    return this.desks.create(id, body, actor);
  }

  @Patch('desks/:deskId')
  @Auth('organizer')
  @ApiOkResponse({ type: DeskResponse, description: 'the desk after the change; a moved window moves or cancels its meetings, and their bookers get updated or cancelled calendars' })
  @ApiErrors({ 400: 'as for a new desk', 404: 'unknown desk, or one of another seminar', 409: 'the seminar was cancelled (`code: seminar_cancelled`)' })
  updateDesk(@Param('id', ParseId('seminar')) id: string, @Param('deskId', ParseId('desk')) deskId: string, @Body() body: UpdateDeskDto, @CurrentActor() actor: Actor) {
    return this.desks.update(id, deskId, body, actor);
  }

  @Delete('desks/:deskId')
  @Auth('organizer')
  @ApiOkResponse({ type: DeskDeletedResponse })
  @ApiErrors({ 404: 'unknown desk, or one of another seminar' })
  deleteDesk(@Param('id', ParseId('seminar')) id: string, @Param('deskId', ParseId('desk')) deskId: string, @CurrentActor() actor: Actor) {
    return this.desks.remove(id, deskId, actor);
  }

  @Get('meetings')
  @Auth('organizer')
  @ApiOkResponse({
    description: 'every meeting of the seminar, cancelled ones too, by desk and time; `Accept: text/csv` for a CSV of the same',
    content: { 'application/json': { schema: { type: 'array', items: { $ref: getSchemaPath(SeminarMeetingResponse) } } }, 'text/csv': { schema: { type: 'string' } } },
  })
  @ApiErrors({ 404: 'unknown seminar' })
  async listMeetings(@Param('id', ParseId('seminar')) id: string, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const rows = await this.meetings.listForSeminar(id);
    if (!wantsCsv(request)) return rows;
    response.type('text/csv; charset=utf-8').setHeader('Content-Disposition', `attachment; filename="meetings-${id}.csv"`);
    return this.reports.meetingsCsv(rows);
  }

  @Get('meetings/report')
  @Auth('organizer')
  @ApiOkResponse({
    description: 'one row per agency: desks, booked, held, no-shows and the companies met; `Accept: text/csv` for a CSV of the same',
    content: { 'application/json': { schema: { type: 'array', items: { $ref: getSchemaPath(AgencyMeetingsResponse) } } }, 'text/csv': { schema: { type: 'string' } } },
  })
  @ApiErrors({ 404: 'unknown seminar' })
  async report(@Param('id', ParseId('seminar')) id: string, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const rows = await this.reports.byAgency(id);
    if (!wantsCsv(request)) return rows;
    response.type('text/csv; charset=utf-8').setHeader('Content-Disposition', `attachment; filename="meetings-by-agency-${id}.csv"`);
    return this.reports.byAgencyCsv(rows);
  }

  @Post('meetings/held')
  @HttpCode(200)
  @Auth('organizer', 'checkin')
  @ApiOkResponse({ type: MeetingResponse, description: 'the meeting with `heldAt` (marking twice keeps the first time)' })
  @ApiErrors(400, { 404: 'unknown seminar or ticket code, or no booked meeting of that registrant at that desk' })
  heldByTicket(@Param('id', ParseId('seminar')) id: string, @Body() body: HeldByTicketDto, @CurrentActor() actor: Actor) {
    return this.meetings.markHeldByTicket(id, body.deskId, body.ticketCode, actor);
  }

  @Post('meetings/walk-in')
  @Auth('organizer', 'checkin')
  @ApiCreatedResponse({ type: MeetingResponse })
  @ApiErrors(400, { 404: 'unknown ticket code or slot', 409: 'as for a booking, by `code`: slot_taken, meeting_overlap, desk_already_booked, meeting_limit, not_confirmed, slot_past (the slot is over), seminar_cancelled' })
  walkIn(@Param('id', ParseId('seminar')) id: string, @Body() body: WalkInDto, @CurrentActor() actor: Actor) {
    return this.meetings.bookWalkIn(id, parseId(body.slotId, 'slot'), body.ticketCode, actor);
  }

  @Post('meetings/:meetingId/held')
  @HttpCode(200)
  @Auth('organizer', 'checkin')
  @ApiOkResponse({ type: MeetingResponse, description: 'the meeting with `heldAt`, at any time while it is booked (marking twice keeps the first time)' })
  @ApiErrors({ 404: 'unknown meeting, or one of another seminar', 409: 'the meeting was cancelled (`code: meeting_cancelled`)' })
  held(@Param('id', ParseId('seminar')) id: string, @Param('meetingId', ParseId('meeting')) meetingId: string, @CurrentActor() actor: Actor) {
    return this.meetings.markHeld(id, meetingId, actor);
  }

  @Post('meetings/:meetingId/cancel')
  @HttpCode(200)
  @Auth('organizer')
  @ApiOkResponse({ type: MeetingResponse, description: 'the meeting with `status: cancelled`; the slot is free at once and the booker gets a calendar cancellation' })
  @ApiErrors({ 404: 'unknown meeting, or one of another seminar' })
  cancel(@Param('id', ParseId('seminar')) id: string, @Param('meetingId', ParseId('meeting')) meetingId: string, @CurrentActor() actor: Actor) {
    return this.meetings.cancelByOrganizer(id, meetingId, actor);
  }

  @Get('meeting-requests')
  @Auth('organizer')
  @ApiOkResponse({ type: MeetingRoundResponse, description: 'the request window; an empty body when none was ever opened' })
  round(@Param('id', ParseId('seminar')) id: string) {
    return this.allocation.get(id);
  }

  @Post('meeting-requests/open')
  @HttpCode(200)
  @Auth('organizer')
  @ApiOkResponse({ type: MeetingRoundResponse })
  @ApiErrors({ 400: 'maxChoices not a whole number from 1 to 10', 404: 'unknown seminar', 409: 'a window is already open (`code: requests_open`), or the seminar was cancelled' })
  open(@Param('id', ParseId('seminar')) id: string, @Body() body: OpenRoundDto, @CurrentActor() actor: Actor) {
    return this.allocation.open(id, body.maxChoices, actor);
  }

  @Post('meeting-requests/close')
  @HttpCode(200)
  @Auth('organizer')
  @ApiOkResponse({ type: MeetingRoundResponse, description: 'closed, with the number of meetings the allocation made; their invites go out' })
  @ApiErrors({ 404: 'no request window was opened for this seminar', 409: 'the window is already closed (`code: requests_closed`)' })
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
  @ApiOkResponse({ type: [MeetingResponse], description: 'booked meetings, soonest first (not cancelled ones)' })
  @ApiErrors({ 404: 'unknown or erased manage token' })
  list(@Param('token') token: string) {
    return this.meetings.listByToken(token);
  }

  @Post('meetings')
  @ApiCreatedResponse({ type: MeetingResponse, description: 'booked; an email with its own calendar invite follows' })
  @ApiErrors(400, {
    404: 'unknown manage token or slot (a slot of another seminar is unknown here)',
    409: '`code` says why: slot_taken, meeting_overlap, desk_already_booked, meeting_limit (MEETINGS_PER_REGISTRATION), not_confirmed (waitlisted or cancelled), slot_past, requests_open (rank desks instead), seminar_cancelled',
  })
  book(@Param('token') token: string, @Body() body: BookMeetingDto) {
    return this.meetings.bookByToken(token, parseId(body.slotId, 'slot'));
  }

  @Post('meetings/:meetingId/cancel')
  @HttpCode(200)
  @ApiOkResponse({ type: MeetingResponse, description: 'the meeting with `status: cancelled`; repeating it is harmless' })
  @ApiErrors({ 404: 'unknown manage token, or a meeting of someone else' })
  cancel(@Param('token') token: string, @Param('meetingId', ParseId('meeting')) meetingId: string) {
    return this.meetings.cancelByToken(token, meetingId);
  }

  @Post('meeting-requests')
  @HttpCode(200)
  @ApiOkResponse({ type: MeetingRequestResponse, description: 'the ranking, which replaces any earlier one' })
  @ApiErrors({ 400: 'more desks than the window allows, or a desk not of this seminar', 404: 'unknown manage token', 409: 'not confirmed (`code: not_confirmed`), or no window open (`code: requests_closed`)' })
  request(@Param('token') token: string, @Body() body: MeetingRequestDto) {
    return this.allocation.submit(token, body.deskIds);
  }
}

/** The managed list of agencies that desks are chosen from. */
@ApiTags('meetings')
@Controller('api/agencies')
@Auth('organizer')
export class AgenciesController {
  constructor(private readonly desks: DesksService) {}

  @Get()
  @ApiOkResponse({ type: [AgencyResponse], description: 'every agency, active or not, in list order' })
  async list() {
    return (await this.desks.listAgencies()).map(({ id, code, name, active }) => ({ id, code, name, active }));
  }

  @Post()
  @ApiCreatedResponse({ type: AgencyResponse, description: 'added; an existing code (any case) is made active again with the new name' })
  @ApiErrors(400)
  async add(@Body() body: CreateAgencyDto, @CurrentActor() actor: Actor) {
    const { id, code, name, active } = await this.desks.addAgency(body, actor);
    return { id, code, name, active };
  }

  @Post(':agencyId/disable')
  @HttpCode(200)
  @ApiOkResponse({ type: AgencyResponse, description: 'no longer offered for new desks; existing desks keep it' })
  @ApiErrors({ 404: 'unknown agency' })
  async disable(@Param('agencyId', ParseId('agency')) agencyId: string, @CurrentActor() actor: Actor) {
    const { id, code, name, active } = await this.desks.setAgencyActive(agencyId, false, actor);
    return { id, code, name, active };
  }

  @Post(':agencyId/enable')
  @HttpCode(200)
  @ApiOkResponse({ type: AgencyResponse })
  @ApiErrors({ 404: 'unknown agency' })
  async enable(@Param('agencyId', ParseId('agency')) agencyId: string, @CurrentActor() actor: Actor) {
    const { id, code, name, active } = await this.desks.setAgencyActive(agencyId, true, actor);
    return { id, code, name, active };
  }
}
