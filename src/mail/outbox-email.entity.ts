import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { CreatedAtColumn, TimestampColumn } from '../database/columns.js';

export const OUTBOX_STATUSES = ['queued', 'sent', 'failed'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/**
 * One email to send, written in the same transaction as the change it reports: a snapshot (`payload`)
 * that the worker renders when it sends. Rows written before payloads existed carry rendered parts.
 * The worker claims due rows with a lease; on PostgreSQL with FOR UPDATE SKIP LOCKED.
 */
@Entity('outbox_email')
@Index(['status', 'nextAttemptAt'])
@Index('IDX_outbox_email_created', ['createdAt'])
@Index('IDX_outbox_email_status_created', ['status', 'createdAt'])
@Index('IDX_outbox_email_kind_created', ['kind', 'createdAt'])
@Index('IDX_outbox_email_recipient', ['recipient'])
export class OutboxEmail {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  /** confirmation, waitlisted, promoted, updated, cancelled, seminar-cancelled, reminder, invitation, manage-link, … */
  @Column({ type: 'varchar', length: 32 })
  kind: string;

  @Column({ type: 'varchar', length: 254 })
  recipient: string;

  @Column({ type: 'varchar', length: 36, nullable: true })
  registrationId: string | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  seminarId: string | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  invitationId: string | null;

  /** Makes "exactly once" checkable by the database, e.g. `reminder:<registrationId>:24`. */
  @Column({ type: 'varchar', length: 120, nullable: true, unique: true })
  dedupeKey: string | null;

  @Column({ type: 'varchar', length: 2 })
  language: string;

  @Column({ type: 'varchar', length: 300 })
  subject: string;

  @Column({ type: 'text' })
  html: string;

  @Column({ type: 'text' })
  text: string;

  /** The calendar file of a row rendered at enqueue time (before payloads); null on newer rows. */
  @Column({ type: 'text', nullable: true })
  ics: string | null;

  /** REQUEST or CANCEL, when the email carries a calendar (set at enqueue time: "was a REQUEST ever sent" reads it). */
  @Column({ type: 'varchar', length: 16, nullable: true })
  icsMethod: string | null;

  /** JSON `[{cid, filename, contentType, base64}]`: images the HTML shows inline (the ticket QR code). */
  @Column({ type: 'text', nullable: true })
  inlineImages: string | null;

  /**
   * JSON `OutboxPayload` (outbox-payload.ts): template, data, calendar input, QR codes, extra headers.
   * Null on rows written before rendering moved to send time, and once erased.
   */
  @Column({ type: 'text', nullable: true })
  payload: string | null;

  /** Stable across retries, so a retry is the same message, not a second one. */
  @Column({ type: 'varchar', length: 200, unique: true })
  messageId: string;

  @Column({ type: 'varchar', length: 16, default: 'queued' })
  status: OutboxStatus;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @TimestampColumn()
  nextAttemptAt: Date;

  @TimestampColumn({ nullable: true })
  leaseUntil: Date | null;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  @TimestampColumn({ nullable: true })
  sentAt: Date | null;

  @CreatedAtColumn()
  createdAt: Date;

}
