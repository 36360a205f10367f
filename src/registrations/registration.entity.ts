import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { CreatedAtColumn, TimestampColumn, UpdatedAtColumn } from '../database/columns.js';
// Type-only, and relations by entity name: an entity loads no other feature, so reading the schema
// (database/entities.ts) never loads a feature's module.
import type { Company } from '../companies/index.js';
import type { Seminar, SeminarLanguage } from '../seminars/index.js';

export const REGISTRATION_STATUSES = ['confirmed', 'waitlisted', 'cancelled'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

@Entity('registration')
@Index(['seminarId', 'status'])
@Index(['companyId', 'status'])
// Covering indexes for the attendance report (migration 1764000800000).
@Index('IDX_registration_report_by_seminar', ['seminarId', 'companyId', 'status', 'checkedInAt'])
@Index('IDX_registration_report_by_company', ['companyId', 'seminarId', 'status', 'checkedInAt'])
export class Registration {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  seminarId: string;

  @ManyToOne('Seminar', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'seminar_id' })
  seminar?: Relation<Seminar>;

  @Column({ type: 'varchar', length: 36 })
  companyId: string;

  @ManyToOne('Company')
  @JoinColumn({ name: 'company_id' })
  company?: Relation<Company>;

  @Column({ type: 'varchar', length: 200 })
  fullName: string;

  /** Trimmed and lower-cased; one active registration per email and seminar. */
  @Column({ type: 'varchar', length: 254 })
  email: string;

  /** Name and email folded for search (src/common/search-text.ts); written with them, emptied on erasure. */
  @Column({ type: 'varchar', length: 500, default: '' })
  searchText: string;

  @Column({ type: 'varchar', length: 40, nullable: true })
  phone: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  position: string | null;

  @Column({ type: 'varchar', length: 2 })
  language: SeminarLanguage;

  @Column({ type: 'varchar', length: 16 })
  status: RegistrationStatus;

  /** 1-based place on the waitlist while waitlisted, otherwise null. */
  @Column({ type: 'integer', nullable: true })
  waitlistPosition: number | null;

  /** SHA-256 of the manage token: a database dump alone gives no working link. */
  @Column({ type: 'varchar', length: 64, unique: true })
  tokenHash: string;

  /** Short code printed on the ticket and typed or scanned at the door. */
  @Column({ type: 'varchar', length: 16, unique: true })
  ticketCode: string;

  @TimestampColumn()
  consentAt: Date;

  @Column({ type: 'varchar', length: 20 })
  consentVersion: string;

  /** Calendar SEQUENCE last sent to this registrant; every REQUEST/CANCEL sent raises it. */
  @Column({ type: 'integer', default: 0 })
  calendarSequence: number;

  @TimestampColumn({ nullable: true })
  checkedInAt: Date | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  checkedInBy: string | null;

  @TimestampColumn({ nullable: true })
  cancelledAt: Date | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  invitationId: string | null;

  /** Set when personal data was erased (on request or by retention); counts stay. */
  @TimestampColumn({ nullable: true })
  erasedAt: Date | null;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;

}
