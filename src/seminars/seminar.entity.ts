import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { CreatedAtColumn, TimestampColumn, UpdatedAtColumn } from '../database/columns.js';

export const SEMINAR_LANGUAGES = ['ru', 'kk', 'en'] as const;
export type SeminarLanguage = (typeof SEMINAR_LANGUAGES)[number];
/** In person (a city, a venue, a ticket shown at the door) or online (a join link, no door). */
export const SEMINAR_FORMATS = ['in_person', 'online'] as const;
export type SeminarFormat = (typeof SEMINAR_FORMATS)[number];
export const SEMINAR_STATUSES = ['draft', 'published', 'cancelled'] as const;
export type SeminarStatus = (typeof SEMINAR_STATUSES)[number];

@Entity('seminar')
@Index(['status', 'endsAt'])
export class Seminar {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @TimestampColumn()
  startsAt: Date;

  @TimestampColumn()
  endsAt: Date;

  @Column({ type: 'varchar', length: 64 })
  timeZone: string;

  @Column({ type: 'varchar', length: 16, default: 'in_person' })
  format: SeminarFormat;

  /** Empty for an online seminar that names no city. */
  @Column({ type: 'varchar', length: 100 })
  city: string;

  @Column({ type: 'varchar', length: 300, nullable: true })
  venue: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  onlineUrl: string | null;

  @Column({ type: 'varchar', length: 2 })
  language: SeminarLanguage;

  @Column({ type: 'integer' })
  capacity: number;

  /** Confirmed registrations. Kept in the same transaction as every status change. */
  @Column({ type: 'integer', default: 0 })
  seatsTaken: number;

  /** Waitlisted registrations; their positions are 1..waitlistCount. */
  @Column({ type: 'integer', default: 0 })
  waitlistCount: number;

  /** When null, sign-ups close when the seminar starts. */
  @TimestampColumn({ nullable: true })
  registrationClosesAt: Date | null;

  @Column({ type: 'varchar', length: 16, default: 'published' })
  status: SeminarStatus;

  /** Bumped on every change of time, place or link; feeds the calendar SEQUENCE. */
  @Column({ type: 'integer', default: 0 })
  version: number;

  @Column({ type: 'varchar', length: 36, nullable: true })
  createdBy: string | null;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;

}
