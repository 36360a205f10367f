import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { CreatedAtColumn, TimestampColumn } from '../database/columns.js';

export type RoundStatus = 'open' | 'closed';

/** A seminar's request window for the fair allocation (at most one per seminar). */
@Entity('meeting_round')
export class MeetingRound {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  seminarId: string;

  @Column({ type: 'varchar', length: 16 })
  status: RoundStatus;

  /** How many desks a registrant may rank. */
  @Column({ type: 'integer' })
  maxChoices: number;

  @TimestampColumn()
  openedAt: Date;

  @TimestampColumn({ nullable: true })
  closedAt: Date | null;

  /** Meetings the allocation made at close. */
  @Column({ type: 'integer', nullable: true })
  allocated: number | null;
}

/** One ranked desk of a registrant's request (rank 1 = first choice). */
@Entity('meeting_request')
@Index('UQ_meeting_request_rank', ['registrationId', 'rank'], { unique: true })
@Index('UQ_meeting_request_desk', ['registrationId', 'deskId'], { unique: true })
@Index('IDX_meeting_request_seminar', ['seminarId'])
export class MeetingRequest {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  seminarId: string;

  @Column({ type: 'varchar', length: 36 })
  registrationId: string;

  @Column({ type: 'varchar', length: 36 })
  deskId: string;

  @Column({ type: 'integer' })
  rank: number;

  @CreatedAtColumn()
  createdAt: Date;
}
