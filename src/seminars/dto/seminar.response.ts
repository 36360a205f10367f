import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { SEMINAR_FORMATS, SEMINAR_LANGUAGES, SEMINAR_STATUSES } from '../seminar.entity.js';
import type { SeminarView } from '../seminar.view.js';

/** The contract's `Seminar`, as every seminar route answers it. */
@ApiSchema({ name: 'Seminar' })
export class SeminarResponse implements SeminarView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'Selling to the UN: peacekeeping procurement' })
  title: string;

  @ApiProperty({ description: 'may be empty' })
  description: string;

  @ApiProperty({ format: 'date-time', example: '2026-12-03T05:00:00.000Z' })
  startsAt: string;

  @ApiProperty({ format: 'date-time', example: '2026-12-03T09:00:00.000Z' })
  endsAt: string;

  @ApiProperty({ example: 'Asia/Almaty', description: 'IANA zone the seminar is held in (times are UTC)' })
  timeZone: string;

  @ApiProperty({ example: 'Almaty' })
  city: string;

  @ApiProperty({ enum: SEMINAR_FORMATS, description: 'in_person (a venue) or online (a link)' })
  format: string;

  @ApiProperty({ type: String, nullable: true, example: 'UN House, 67 Tole Bi St' })
  venue: string | null;

  @ApiProperty({ type: String, nullable: true, format: 'uri', description: 'https link of the online session' })
  onlineUrl: string | null;

  @ApiProperty({ enum: SEMINAR_LANGUAGES })
  language: string;

  @ApiProperty({ type: 'integer', minimum: 1 })
  capacity: number;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'confirmed registrations' })
  seatsTaken: number;

  @ApiProperty({ type: 'integer', minimum: 0 })
  seatsLeft: number;

  @ApiProperty({ type: 'integer', minimum: 0 })
  waitlistCount: number;

  @ApiProperty({ format: 'date-time', description: 'sign-ups close then; startsAt unless an organizer closes them earlier' })
  registrationClosesAt: string;

  @ApiProperty({ description: 'published and before registrationClosesAt' })
  registrationOpen: boolean;

  @ApiProperty({ enum: SEMINAR_STATUSES })
  status: string;
}
