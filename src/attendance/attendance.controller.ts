import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Actor } from '../accounts/accounts.service.js';
import { Auth, CurrentActor } from '../accounts/roles.guard.js';
import { attendanceCsv } from './attendance-csv.js';
import { AttendanceService } from './attendance.service.js';
import { CheckInDto } from './dto/check-in.dto.js';
import { ReportQueryDto } from './dto/report-query.dto.js';
import { ReportsService } from './reports.service.js';

@ApiTags('organizer')
@ApiBearerAuth()
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
  checkIn(@Param('id') seminarId: string, @Body() body: CheckInDto, @CurrentActor() actor: Actor) {
    return this.attendance.checkIn(seminarId, { ticketCode: body.ticketCode, registrationId: body.registrationId }, actor);
  }

  @Delete('seminars/:id/check-ins/:registrationId')
  @Auth('organizer')
  undoCheckIn(@Param('id') seminarId: string, @Param('registrationId') registrationId: string, @CurrentActor() actor: Actor) {
    return this.attendance.undoCheckIn(seminarId, registrationId, actor);
  }

  @Get('seminars/:id/summary')
  @Auth('organizer')
  summary(@Param('id') seminarId: string) {
    return this.attendance.seminarSummary(seminarId);
  }

  @Get('reports/attendance-by-company')
  @Auth('organizer')
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
