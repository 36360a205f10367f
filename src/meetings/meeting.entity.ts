import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { CreatedAtColumn, TimestampColumn, UpdatedAtColumn } from '../database/columns.js';

export const MEETING_STATUSES = ['booked', 'cancelled'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];
/** How the meeting came about: booked by the registrant, given by the allocation, or booked at the door. */
export type MeetingOrigin = 'booking' | 'allocation' | 'walk-in';

/**
 * A one-to-one meeting of a registration with a desk, in one slot. Times are copied from the slot so
 * the overlap rule (a trigger, see migration 1765500000000) can compare them in the database.
 */
@Entity('meeting')
@Index('IDX_meeting_seminar', ['seminarId', 'status'])
@Index('IDX_meeting_registration', ['registrationId', 'status'])
@Index('IDX_meeting_company', ['companyId', 'status'])
@Index('IDX_meeting_desk', ['deskId', 'status'])
export class Meeting {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  seminarId: string;

  @Column({ type: 'varchar', length: 36 })
  deskId: string;

  /** Null only when a re-cut window dropped the slot of a meeting cancelled for that reason. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  slotId: string | null;

  @Column({ type: 'varchar', length: 36 })
  registrationId: string;

  @Column({ type: 'varchar', length: 36 })
  companyId: string;

  /** 1..MEETINGS_PER_REGISTRATION, unique among a registration's booked meetings: the database's cap. */
  @Column({ type: 'integer' })
  place: number;

  @Column({ type: 'varchar', length: 16 })
  status: MeetingStatus;

  @TimestampColumn()
  startsAt: Date;

  @TimestampColumn()
  endsAt: Date;

  /** Fixed when the meeting is made and never changed, whatever PUBLIC_URL becomes. */
  @Column({ type: 'varchar', length: 200 })
  calendarUid: string;

  /** SEQUENCE of the last calendar sent for this meeting. */
  @Column({ type: 'integer', default: 0 })
  calendarSequence: number;

  @Column({ type: 'varchar', length: 16 })
  via: MeetingOrigin;

  @TimestampColumn({ nullable: true })
  heldAt: Date | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  heldBy: string | null;

  @TimestampColumn({ nullable: true })
  cancelledAt: Date | null;

  /** registrant, organizer, registration, seminar, desk-deleted, desk-moved */
  @Column({ type: 'varchar', length: 32, nullable: true })
  cancelReason: string | null;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
