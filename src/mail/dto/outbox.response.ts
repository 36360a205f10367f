import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { OUTBOX_STATUSES, type OutboxStatus } from '../outbox-email.entity.js';

/** One outbox row as listed (the rendered bodies are left out). */
@ApiSchema({ name: 'OutboxEmailSummary' })
export class OutboxSummaryResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'confirmation', description: 'confirmation, waitlisted, promoted, updated, cancelled, seminar-cancelled, reminder, manage-link, invitation, …' })
  kind: string;

  @ApiProperty()
  recipient: string;

  @ApiProperty()
  subject: string;

  @ApiProperty({ enum: ['ru', 'kk', 'en'] })
  language: string;

  @ApiProperty({ enum: OUTBOX_STATUSES })
  status: OutboxStatus;

  @ApiProperty({ type: 'integer' })
  attempts: number;

  @ApiProperty({ format: 'date-time' })
  nextAttemptAt: string;

  @ApiProperty({ type: String, nullable: true })
  lastError: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  sentAt: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ description: 'kept across retries' })
  messageId: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  registrationId: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  seminarId: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  invitationId: string | null;

  @ApiProperty({ type: String, nullable: true, enum: ['REQUEST', 'CANCEL', null], description: 'the calendar method, when the email carries one' })
  icsMethod: string | null;
}

/** One outbox row with its parts rendered now from its snapshot, for a preview. */
@ApiSchema({ name: 'OutboxEmail' })
export class OutboxEmailResponse extends OutboxSummaryResponse {
  @ApiProperty({ type: String, nullable: true, description: 'unique key of emails that go out once (reminders)' })
  dedupeKey: string | null;

  @ApiProperty()
  html: string;

  @ApiProperty()
  text: string;

  @ApiProperty({ type: String, nullable: true, description: 'the calendar file' })
  ics: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'why the email could not be rendered; null when it could' })
  renderError: string | null;
}
