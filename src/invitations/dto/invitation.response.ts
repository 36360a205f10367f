import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { INVITATION_STATUSES } from '../invitation.entity.js';
import type { InvitationListItem, InvitationProgress, InvitationReport, SkippedRow } from '../invitations.service.js';
import type { RowError } from '../invitees.js';

@ApiSchema({ name: 'InvitationSkippedRow' })
export class SkippedRowResponse implements SkippedRow {
  @ApiProperty({ type: 'integer', description: 'row number in the list (1 = first invitee or first CSV data row)' })
  row: number;

  @ApiProperty()
  email: string;

  @ApiProperty({ enum: ['duplicate', 'already-invited', 'already-registered', 'seminar-closed', 'unsubscribed'] })
  reason: SkippedRow['reason'];
}

@ApiSchema({ name: 'InvitationRowError' })
export class RowErrorResponse implements RowError {
  @ApiProperty({ type: 'integer' })
  row: number;

  @ApiProperty({ example: 'bin' })
  field: string;

  @ApiProperty()
  message: string;

  @ApiProperty({ enum: ['required', 'email', 'bin', 'control', 'too-long', 'not-text', 'unknown-field', 'not-object'] })
  code: RowError['code'];

  @ApiPropertyOptional({ description: 'the offending text, cut to 100 characters' })
  value?: string;
}

/** `202` of an invitation list: what was queued, and every other row accounted for. */
@ApiSchema({ name: 'InvitationReport' })
export class InvitationReportResponse implements InvitationReport {
  @ApiProperty({ type: 'integer', description: 'invitations written and their emails queued' })
  queued: number;

  @ApiProperty({ type: [SkippedRowResponse] })
  skipped: SkippedRowResponse[];

  @ApiProperty({ type: [RowErrorResponse], description: 'rows that were not valid; the others were still invited' })
  errors: RowErrorResponse[];
}

@ApiSchema({ name: 'InvitationCounts' })
export class InvitationCountsResponse {
  @ApiProperty({ type: 'integer' })
  invited: number;

  @ApiProperty({ type: 'integer', description: 'the personal link was opened' })
  opened: number;

  @ApiProperty({ type: 'integer' })
  registered: number;

  @ApiProperty({ type: 'integer' })
  total: number;
}

@ApiSchema({ name: 'InvitationEmailCounts' })
export class InvitationEmailCountsResponse {
  @ApiProperty({ type: 'integer' })
  queued: number;

  @ApiProperty({ type: 'integer' })
  sent: number;

  @ApiProperty({ type: 'integer' })
  failed: number;
}

@ApiSchema({ name: 'Invitation' })
export class InvitationResponse implements InvitationListItem {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  email: string;

  @ApiProperty({ type: String, nullable: true })
  fullName: string | null;

  @ApiProperty({ type: String, nullable: true })
  companyName: string | null;

  @ApiProperty({ type: String, nullable: true })
  bin: string | null;

  @ApiProperty({ enum: INVITATION_STATUSES })
  status: InvitationListItem['status'];

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  openedAt: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  registeredAt: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'queued, sent or failed' })
  emailStatus: string | null;

  @ApiProperty({ type: String, nullable: true })
  emailError: string | null;
}

@ApiSchema({ name: 'InvitationProgress' })
export class InvitationProgressResponse implements InvitationProgress {
  @ApiProperty({ format: 'uuid' })
  seminarId: string;

  @ApiProperty({ type: InvitationCountsResponse })
  invitations: InvitationCountsResponse;

  @ApiProperty({ type: InvitationEmailCountsResponse })
  emails: InvitationEmailCountsResponse;

  @ApiProperty({ type: [InvitationResponse] })
  list: InvitationResponse[];
}
