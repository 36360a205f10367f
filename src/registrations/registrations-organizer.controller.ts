import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiPropertyOptional, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import type { Request, Response } from 'express';
import { Auth } from '../accounts/index.js';
import { ApiErrors } from '../common/api-docs.js';
import { fileNamePart } from '../common/csv.js';
import { NoControlChars } from '../common/validators.js';
import { RegistrationResponse } from './dto/registration.response.js';
import { REGISTRATION_STATUSES, type RegistrationStatus } from './registration.entity.js';
import { RegistrationsQueryService } from './registrations-query.service.js';
import { ParseId } from '../common/ids.js';

export class RegistrationsQueryDto {
  @ApiPropertyOptional({ description: 'part of a name, email, company name or BIN', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @NoControlChars()
  q?: string;

  @ApiPropertyOptional({ enum: REGISTRATION_STATUSES })
  @IsOptional()
  @IsIn(REGISTRATION_STATUSES)
  status?: RegistrationStatus;
}

@ApiTags('organizer')
@Controller('api/seminars')
/** The organizers' registrations API (the console's list is registrations-console.controller.ts). */
export class RegistrationsOrganizerController {
  constructor(private readonly query: RegistrationsQueryService) {}

  /** The seminar's registrations as JSON, or as CSV with `Accept: text/csv`. */
  @Get(':id/registrations')
  @Auth('organizer')
  @ApiExtraModels(RegistrationResponse)
  @ApiOkResponse({
    description: 'oldest first; `Accept: text/csv` for a CSV of the same',
    content: { 'application/json': { schema: { type: 'array', items: { $ref: getSchemaPath(RegistrationResponse) } } }, 'text/csv': { schema: { type: 'string' } } },
  })
  @ApiErrors(400, { 404: 'unknown seminar' })
  async list(@Param('id', ParseId('seminar')) id: string, @Query() filter: RegistrationsQueryDto, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const search = { q: filter.q?.trim() || undefined, status: filter.status };
    if (request.accepts(['json', 'text/csv']) === 'text/csv') {
      const csv = await this.query.csv(id, search);
      response.type('text/csv; charset=utf-8').setHeader('Content-Disposition', `attachment; filename="registrations-${fileNamePart(id)}.csv"`);
      return csv;
    }
    return this.query.listViews(id, search);
  }
}
