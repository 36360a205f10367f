import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { NoControlChars } from '../../common/validators.js';
import { LANGUAGES } from '../../i18n/i18n.js';

/** An ISO date ("2026-03-01") or date-time ("2026-03-01T05:00:00Z"); checked for real dates by the service. */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/;
const blankToUndefined = ({ value }: { value: unknown }) => (typeof value === 'string' && value.trim() === '' ? undefined : typeof value === 'string' ? value.trim() : value);

/** Filters of the attendance report. Empty values (a form's "all") mean no filter. */
export class ReportQueryDto {
  @ApiPropertyOptional({ example: '2026-01-01', description: 'seminars starting on or after (a date means midnight in DEFAULT_TIMEZONE)' })
  @IsOptional()
  @Transform(blankToUndefined)
  @IsString()
  @Matches(ISO_DATE, { message: 'from must be an ISO date (YYYY-MM-DD) or date-time' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: 'seminars starting before the end of this date (or before this instant)' })
  @IsOptional()
  @Transform(blankToUndefined)
  @IsString()
  @Matches(ISO_DATE, { message: 'to must be an ISO date (YYYY-MM-DD) or date-time' })
  to?: string;

  @ApiPropertyOptional({ description: "the seminar's city: a city of the managed list (its id, or any of its names or spellings: `Almaty`, `Алматы` and `алма-ата` are one city), `other` for cities on no entry; a text that names no entry matches that text only" })
  @IsOptional()
  @Transform(blankToUndefined)
  @IsString()
  @MaxLength(100)
  @NoControlChars()
  city?: string;

  @ApiPropertyOptional({ description: "the company's sector: a sector of the managed list (its id, or any of its names or spellings: `IT` and `ИТ и связь` are one sector), `other` for sectors on no entry; a text that names no entry matches that text only" })
  @IsOptional()
  @Transform(blankToUndefined)
  @IsString()
  @MaxLength(100)
  @NoControlChars()
  sector?: string;

  @ApiPropertyOptional({ enum: ['json', 'csv'], description: 'csv: the same as Accept: text/csv (for download links)' })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';

  /** Page language; read by the language middleware, allowed here so it is no unknown field. */
  @IsOptional()
  @IsIn(LANGUAGES)
  lang?: string;
}

export const REPORT_SORT_KEYS = ['company', 'bin', 'registered', 'attended', 'noShows', 'cancelled', 'attendanceRate', 'seminars'] as const;
export type ReportSortKey = (typeof REPORT_SORT_KEYS)[number];

/** The console page adds sorting and paging to the same filters. */
export class ReportPageQueryDto extends ReportQueryDto {
  @IsOptional()
  @IsIn(REPORT_SORT_KEYS)
  sort?: ReportSortKey;

  @IsOptional()
  @IsIn(['asc', 'desc'])
  dir?: 'asc' | 'desc';

  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' && /^\d{1,6}$/.test(value) ? Number(value) : value))
  @IsInt()
  @Min(1)
  @Max(100_000)
  page?: number;
}
