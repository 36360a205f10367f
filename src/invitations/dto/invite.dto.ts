import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsOptional, IsString, MaxLength } from 'class-validator';
import { MAX_INVITEES } from '../invitees.js';

/**
 * The JSON form of `POST /api/seminars/:id/invitations`. Rows are checked one by one by the
 * service (a bad row is reported, not a reason to refuse the list), so only the list's shape is
 * checked here. A CSV upload comes in the multipart field `file` instead.
 */
export class InviteDto {
  @ApiPropertyOptional({ description: 'Up to 5,000 rows: {email, fullName?, companyName?, bin?}', type: 'array', items: { type: 'object' } })
  @IsOptional()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(MAX_INVITEES)
  invitees?: unknown[];
}

/** The console form: pasted lines and/or a file (multipart, CSRF token in the query string). */
export class InviteFormDto {
  /** Emails one per line, or CSV lines (email, name, company, BIN). About 5,000 lines of 300 characters. */
  @IsOptional()
  @IsString()
  @MaxLength(1_500_000)
  list?: string;

  /** The hidden CSRF field, when the browser sends it in the body as well as in the URL. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  _csrf?: string;
}
