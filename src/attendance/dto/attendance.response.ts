import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { REGISTRATION_STATUSES } from '../../registrations/index.js';
import type { CheckInResult, SeminarSummary, UndoCheckInResult } from '../attendance.service.js';
import type { CompanyAttendance } from '../reports.service.js';

@ApiSchema({ name: 'CompanyRef' })
export class CompanyRefResponse {
  @ApiProperty({ example: 'Steppe Supplies LLP' })
  name: string;

  @ApiProperty({ pattern: '^\\d{12}$', example: '000740001307' })
  bin: string;
}

/** `200` of a check-in, a first one or a repeated scan. */
@ApiSchema({ name: 'CheckIn' })
export class CheckInResponse implements CheckInResult {
  @ApiProperty({ format: 'uuid' })
  registrationId: string;

  @ApiProperty({ format: 'uuid' })
  seminarId: string;

  @ApiProperty()
  fullName: string;

  @ApiProperty({ type: CompanyRefResponse })
  company: CompanyRefResponse;

  @ApiProperty({ enum: REGISTRATION_STATUSES })
  status: CheckInResult['status'];

  @ApiProperty({ format: 'date-time', description: 'the first check-in (a repeated scan keeps it)' })
  checkedInAt: string;

  @ApiProperty({ description: 'true when this ticket had been checked in before; nothing changed' })
  alreadyCheckedIn: boolean;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'the account that checked them in' })
  checkedInBy: string | null;
}

@ApiSchema({ name: 'UndoCheckIn' })
export class UndoCheckInResponse implements UndoCheckInResult {
  @ApiProperty({ format: 'uuid' })
  registrationId: string;

  @ApiProperty({ type: String, nullable: true, description: 'null: not checked in' })
  checkedInAt: null;

  @ApiProperty({ description: 'false when the registration was not checked in (repeating an undo is harmless)' })
  undone: boolean;
}

@ApiSchema({ name: 'SectorSummary' })
export class SectorSummaryResponse {
  @ApiProperty({ type: String, nullable: true, description: 'null for companies that gave no sector' })
  sector: string | null;

  @ApiProperty({ type: 'integer' })
  registered: number;

  @ApiProperty({ type: 'integer' })
  attended: number;

  @ApiProperty({ type: 'integer' })
  noShows: number;

  @ApiProperty({ type: 'integer' })
  cancellations: number;

  @ApiProperty({ type: 'integer' })
  waitlist: number;
}

@ApiSchema({ name: 'SeminarSummary' })
export class SeminarSummaryResponse implements SeminarSummary {
  @ApiProperty({ format: 'uuid' })
  seminarId: string;

  @ApiProperty()
  title: string;

  @ApiProperty({ description: 'the seminar has ended, so no-shows count' })
  ended: boolean;

  @ApiProperty({ type: 'integer', description: 'confirmed registrations' })
  registered: number;

  @ApiProperty({ type: 'integer', description: 'confirmed and checked in' })
  attended: number;

  @ApiProperty({ type: 'integer', description: 'confirmed, not checked in, seminar ended' })
  noShows: number;

  @ApiProperty({ type: 'integer' })
  cancellations: number;

  @ApiProperty({ type: 'integer' })
  waitlist: number;

  @ApiProperty({ type: Number, nullable: true, minimum: 0, maximum: 1, description: 'attended / (attended + noShows), or null' })
  attendanceRate: number | null;

  @ApiProperty({ type: [SectorSummaryResponse] })
  bySector: SectorSummaryResponse[];
}

/** One row of the attendance report: one company (BIN). */
@ApiSchema({ name: 'CompanyAttendance' })
export class CompanyAttendanceResponse implements CompanyAttendance {
  @ApiProperty({ type: CompanyRefResponse })
  company: CompanyRefResponse;

  @ApiProperty({ type: 'integer', description: 'confirmed registrations (not waitlisted, not cancelled) of seminars that were not cancelled' })
  registered: number;

  @ApiProperty({ type: 'integer', description: 'confirmed and checked in' })
  attended: number;

  @ApiProperty({ type: 'integer', description: 'confirmed, not checked in, seminar ended' })
  noShows: number;

  @ApiProperty({ type: 'integer', description: 'cancelled registrations' })
  cancelled: number;

  @ApiProperty({ type: Number, nullable: true, minimum: 0, maximum: 1, description: 'attended / (attended + noShows), or null when nobody could have come yet' })
  attendanceRate: number | null;

  @ApiProperty({ type: 'integer', description: 'distinct seminars with a confirmed registration' })
  seminars: number;

  @ApiProperty({ type: 'integer', description: 'waitlisted registrations (explains rows of zeros)' })
  waitlisted: number;

  @ApiProperty({ type: 'integer', description: 'one-to-one meetings with agency desks booked (not cancelled)' })
  meetingsBooked: number;

  @ApiProperty({ type: 'integer', description: 'of those, held' })
  meetingsHeld: number;

  @ApiProperty({ type: String, nullable: true, enum: ['none', 'account', 'basic', 'registered', 'level1', 'level2', null], description: "the company's latest UNGM stage from its follow-up answers, or null when it never answered" })
  ungmStage: string | null;
}
