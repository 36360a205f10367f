import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { type Actor, Auth, CurrentActor } from '../accounts/index.js';
import { ApiErrors } from '../common/api-docs.js';
import { attendanceCsv } from './attendance-csv.js';
import { AttendanceService } from './attendance.service.js';
import { CheckInResponse, CompanyAttendanceResponse, SeminarSummaryResponse, UndoCheckInResponse } from './dto/attendance.response.js';
import { CheckInDto } from './dto/check-in.dto.js';
import { ReportQueryDto } from './dto/report-query.dto.js';
import { ReportsService } from './reports.service.js';
import { ParseId } from '../common/ids.js';

@ApiTags('organizer')
@Controller('api')
export class AttendanceController {
  constructor(
    private readonly attendance: AttendanceService,
    private readonly reports: ReportsService,
  ) {}

  /** Door check-in by ticket code (door staff) or registration id (console). Idempotent. */
  @Post('seminars/:id/check-ins')
  @HttpCode(200)
  @Auth('checkin', 'organizer')
  @ApiOkResponse({ type: CheckInResponse, description: 'checked in, or already checked in (with the first time)' })
  @ApiErrors(400, {
    404: 'unknown seminar, ticket code (`code: unknown_ticket`) or registration',
    409: '`code` says why: wrong_seminar (the message names it), not_confirmed (waitlisted), registration_cancelled, seminar_cancelled',
  })
  checkIn(@Param('id', ParseId('seminar')) seminarId: string, @Body() body: CheckInDto, @CurrentActor() actor: Actor) {
    return this.attendance.checkIn(seminarId, { ticketCode: body.ticketCode, registrationId: body.registrationId }, actor);
  }

  @Delete('seminars/:id/check-ins/:registrationId')
  @Auth('organizer')
  @ApiOkResponse({ type: UndoCheckInResponse })
  @ApiErrors({ 404: 'unknown seminar, or a registration of another seminar' })
  undoCheckIn(@Param('id', ParseId('seminar')) seminarId: string, @Param('registrationId', ParseId('registration')) registrationId: string, @CurrentActor() actor: Actor) {
    return this.attendance.undoCheckIn(seminarId, registrationId, actor);
  }

  @Get('seminars/:id/summary')
  @Auth('organizer')
  @ApiOkResponse({ type: SeminarSummaryResponse })
  @ApiErrors({ 404: 'unknown seminar' })
  summary(@Param('id', ParseId('seminar')) seminarId: string) {
    return this.attendance.seminarSummary(seminarId);
  }

  @Get('reports/attendance-by-company')
  @Auth('organizer')
  @ApiOkResponse({
    description: 'one row per company (BIN); `Accept: text/csv` or `?format=csv` for a CSV of the same',
    content: { 'application/json': { schema: { type: 'array', items: { $ref: getSchemaPath(CompanyAttendanceResponse) } } }, 'text/csv': { schema: { type: 'string' } } },
  })
  @ApiExtraModels(CompanyAttendanceResponse)
  @ApiErrors({ 400: 'a bad filter: from/to not a date, to not after from' })
  async attendanceByCompany(@Query() query: ReportQueryDto, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const filter = this.reports.parseFilter(query);
    const rows = await this.reports.attendanceByCompany(filter);
    const wantsCsv = query.format === 'csv' || (query.format === undefined && request.accepts(['application/json', 'text/csv']) === 'text/csv');
    if (!wantsCsv) return rows;
    const csv = attendanceCsv(rows, filter);
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', `attachment; filename="${csv.filename}"`);
    return csv.body;
  }
}
