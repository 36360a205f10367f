import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUrl, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { IsOptionalNotNull, IsTimeZone, NoControlChars } from '../../common/validators.js';
import { SEMINAR_FORMATS, SEMINAR_LANGUAGES, type SeminarFormat, type SeminarLanguage } from '../seminar.entity.js';

/** The writable Seminar fields. Cross-field rules (endsAt after startsAt) are checked by the service. */
export class CreateSeminarDto {
  @ApiProperty({ maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @NoControlChars()
  title: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 5000, description: 'null or "" for none' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @MaxLength(5000)
  @NoControlChars({ multiline: true })
  description?: string | null;

  @ApiProperty({ example: '2026-12-03T05:00:00.000Z' })
  @IsISO8601({ strict: true })
  startsAt: string;

  @ApiProperty({ example: '2026-12-03T09:00:00.000Z' })
  @IsISO8601({ strict: true })
  endsAt: string;

  @ApiPropertyOptional({ example: 'Asia/Almaty', description: 'IANA zone; defaults to DEFAULT_TIMEZONE' })
  @IsOptionalNotNull()
  @IsTimeZone()
  timeZone?: string;

  @ApiPropertyOptional({ enum: SEMINAR_FORMATS, default: 'in_person', description: 'online: no city needed, no door check-in; onlineUrl is the join link' })
  @IsOptionalNotNull()
  @IsIn(SEMINAR_FORMATS)
  format?: SeminarFormat;

  @ApiProperty({ maxLength: 100, description: 'required unless format is online' })
  @ValidateIf((dto: CreateSeminarDto, value) => dto.format !== 'online' || (value !== undefined && value !== null && value !== ''))
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @NoControlChars()
  city: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 300 })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @MaxLength(300)
  @NoControlChars()
  venue?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'https URL of the online session' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsUrl({ protocols: ['https'], require_protocol: true }, { message: 'onlineUrl must be an https URL' })
  @MaxLength(500)
  onlineUrl?: string | null;

  @ApiProperty({ enum: SEMINAR_LANGUAGES })
  @IsIn(SEMINAR_LANGUAGES)
  language: SeminarLanguage;

  @ApiProperty({ minimum: 1, maximum: 100_000 })
  @IsInt()
  @Min(1)
  @Max(100_000)
  capacity: number;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'defaults to startsAt (null: back to that default)' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsISO8601({ strict: true })
  registrationClosesAt?: string | null;

  @ApiPropertyOptional({ enum: ['draft', 'published'], default: 'published' })
  @IsOptionalNotNull()
  @IsIn(['draft', 'published'])
  status?: 'draft' | 'published';
}

/** Every field optional; `null` only where the field documents it (the others answer 400 naming the field). */
export class UpdateSeminarDto extends PartialType(CreateSeminarDto, { skipNullProperties: false }) {}
