import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-docs.js';
import type { Request, Response } from 'express';
import { Auth } from '../accounts/index.js';
import { ReportQueryDto } from '../attendance/index.js';
import { toCsv } from '../common/csv.js';
import { OutcomeReportResponse } from './dto/outcomes.response.js';
import { outcomeCsvRows, OutcomeReportService } from './outcome-report.service.js';

@ApiTags('organizer')
@ApiExtraModels(OutcomeReportResponse)
@Controller('api/reports')
export class OutcomeReportController {
  constructor(private readonly outcomes: OutcomeReportService) {}

  /** `{totals, seminars}` of the contract's Outcome; `Accept: text/csv` (or `?format=csv`) for CSV. */
  @Get('ungm-outcomes')
  @Auth('organizer')
  @ApiOkResponse({
    description: 'what the companies that attended report about UNGM, in total and per seminar; `Accept: text/csv` or `?format=csv` for a CSV',
    content: { 'application/json': { schema: { $ref: getSchemaPath(OutcomeReportResponse) } }, 'text/csv': { schema: { type: 'string' } } },
  })
  @ApiErrors({ 400: 'a bad filter: from/to not a date, to not after from' })
  async report(@Query() query: ReportQueryDto, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const report = await this.outcomes.report(this.outcomes.parseFilter(query));
    const wantsCsv = query.format === 'csv' || (query.format === undefined && request.accepts(['application/json', 'text/csv']) === 'text/csv');
    if (!wantsCsv) return report;
    const { header, rows } = outcomeCsvRows(report);
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', 'attachment; filename="ungm-outcomes.csv"');
    return toCsv(header, rows);
  }
}
