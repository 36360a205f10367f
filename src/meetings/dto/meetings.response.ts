import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import type { AgencyMeetings } from '../meetings-report.service.js';
import type { DeskView } from '../desks.service.js';
import type { MeetingView, SeminarMeetingView } from '../meetings.service.js';
import type { RoundView } from '../allocation.service.js';

/** The answers of the meetings API (docs/openapi.json is generated from these). */

@ApiSchema({ name: 'Slot' })
export class SlotResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'date-time' })
  startsAt: string;

  @ApiProperty({ format: 'date-time' })
  endsAt: string;

  @ApiProperty({ description: 'no booked meeting holds it (no company data is shown)' })
  free: boolean;
}

@ApiSchema({ name: 'Desk' })
export class DeskResponse implements DeskView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  seminarId: string;

  @ApiProperty({ example: 'UNDP', description: 'an agency code from the managed list' })
  agency: string;

  @ApiProperty({ example: 'Table 4' })
  table: string;

  @ApiProperty({ type: String, nullable: true })
  officerName: string | null;

  @ApiProperty({ format: 'date-time' })
  startsAt: string;

  @ApiProperty({ format: 'date-time' })
  endsAt: string;

  @ApiProperty({ type: 'integer', minimum: 5, maximum: 120 })
  slotMinutes: number;

  @ApiProperty({ type: [String], example: ['43', '46'], description: '2-digit UNSPSC segments the agency buys in' })
  unspscSegments: string[];

  @ApiProperty({ type: [SlotResponse] })
  slots: SlotResponse[];
}

@ApiSchema({ name: 'DeskDeleted' })
export class DeskDeletedResponse {
  @ApiProperty({ type: 'integer', description: 'booked meetings cancelled with the desk (each booker gets a calendar cancellation)' })
  cancelledMeetings: number;
}

@ApiSchema({ name: 'Meeting' })
export class MeetingResponse implements MeetingView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  registrationId: string;

  @ApiProperty({ format: 'uuid' })
  deskId: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'null only for a meeting cancelled because its slot was cut away' })
  slotId: string | null;

  @ApiProperty({ example: 'UNDP' })
  agency: string;

  @ApiProperty({ example: 'Table 4' })
  table: string;

  @ApiProperty({ format: 'date-time' })
  startsAt: string;

  @ApiProperty({ format: 'date-time' })
  endsAt: string;

  @ApiProperty({ enum: ['booked', 'cancelled'] })
  status: MeetingView['status'];

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'when the desk or the door marked it held' })
  heldAt: string | null;
}

@ApiSchema({ name: 'MeetingCompany' })
export class MeetingCompanyResponse {
  @ApiProperty({ pattern: '^\\d{12}$', example: '000740001307' })
  bin: string;

  @ApiProperty({ example: 'Steppe Supplies LLP' })
  name: string;
}

/** For organizers: who the meeting is with. */
@ApiSchema({ name: 'SeminarMeeting' })
export class SeminarMeetingResponse extends MeetingResponse implements SeminarMeetingView {
  @ApiProperty({ type: MeetingCompanyResponse })
  company: MeetingCompanyResponse;

  @ApiProperty()
  fullName: string;
}

@ApiSchema({ name: 'AgencyMeetings' })
export class AgencyMeetingsResponse implements AgencyMeetings {
  @ApiProperty({ example: 'UNDP' })
  agency: string;

  @ApiProperty({ type: 'integer' })
  desks: number;

  @ApiProperty({ type: 'integer', description: 'meetings booked and not cancelled' })
  booked: number;

  @ApiProperty({ type: 'integer' })
  held: number;

  @ApiProperty({ type: 'integer', description: 'booked, not held, and the time is over' })
  noShows: number;

  @ApiProperty({ type: [MeetingCompanyResponse], description: 'the companies the agency met (meetings held), by name' })
  companies: MeetingCompanyResponse[];
}

/** The request window of a seminar's fair allocation. */
@ApiSchema({ name: 'MeetingRound' })
export class MeetingRoundResponse implements RoundView {
  @ApiProperty({ format: 'uuid' })
  seminarId: string;

  @ApiProperty({ enum: ['open', 'closed'] })
  status: RoundView['status'];

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 10, description: 'how many desks a registrant may rank' })
  maxChoices: number;

  @ApiProperty({ format: 'date-time' })
  openedAt: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  closedAt: string | null;

  @ApiProperty({ type: 'integer', nullable: true, description: 'meetings the allocation made at close' })
  allocated: number | null;

  @ApiProperty({ type: 'integer', description: 'desk rankings stored, one per registrant and ranked desk' })
  requests: number;
}

@ApiSchema({ name: 'MeetingRequest' })
export class MeetingRequestResponse {
  @ApiProperty({ type: [String], description: 'the ranking stored, first choice first' })
  deskIds: string[];
}

@ApiSchema({ name: 'Agency' })
export class AgencyResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'UNDP' })
  code: string;

  @ApiProperty({ example: 'United Nations Development Programme' })
  name: string;

  @ApiProperty({ description: 'inactive agencies are kept for existing desks but offered for no new one' })
  active: boolean;
}
