import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsInt, IsISO8601, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, registerDecorator, ValidateIf, type ValidationOptions } from 'class-validator';
import { IsOptionalNotNull, NoControlChars, trimmed, trimmedOptional } from '../../common/validators.js';
import { isKnownUnspscSegment } from '../../companies/index.js';
import { MAX_SLOT_MINUTES, MIN_SLOT_MINUTES } from '../slots.js';

/** Every segment one of the 57 known ones (a company's codes are held to the same list). */
function IsKnownSegments(options: ValidationOptions = {}) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isKnownSegments',
      target: target.constructor,
      propertyName,
      options: {
        message: (args) => `${propertyName}: "${String((args.value as unknown[]).find((segment) => !isKnownUnspscSegment(segment))).slice(0, 20)}" is not a known UNSPSC segment`,
        ...options,
      },
      // The shape (an array of 2-digit strings) is the other decorators' to refuse.
      validator: { validate: (value: unknown) => !Array.isArray(value) || value.every((segment) => typeof segment !== 'string' || !/^\d{2}$/.test(segment) || isKnownUnspscSegment(segment)) },
    });
}

/** A desk as an organizer adds it. The window must lie inside the seminar (checked by the service). */
export class CreateDeskDto {
  @ApiProperty({ example: 'UNDP', description: 'an agency code from the managed list' })
  @trimmed()
  @IsString()
  @MinLength(1)
  @MaxLength(20)
  @NoControlChars()
  agency: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Table 4', maxLength: 100, description: 'defaults to the agency code (null or "": back to that default)' })
  @trimmedOptional()
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @MaxLength(100)
  @NoControlChars()
  table?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 200 })
  @trimmedOptional()
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @MaxLength(200)
  @NoControlChars()
  officerName?: string | null;

  @ApiProperty({ example: '2026-12-03T06:00:00.000Z' })
  @IsISO8601({ strict: true })
  startsAt: string;

  @ApiProperty({ example: '2026-12-03T08:00:00.000Z' })
  @IsISO8601({ strict: true })
  endsAt: string;

  @ApiProperty({ minimum: MIN_SLOT_MINUTES, maximum: MAX_SLOT_MINUTES, example: 15 })
  @IsInt()
  @Min(MIN_SLOT_MINUTES)
  @Max(MAX_SLOT_MINUTES)
  slotMinutes: number;

  @ApiPropertyOptional({ type: [String], example: ['43', '46'], description: '2-digit UNSPSC segments the agency buys' })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(60)
  @IsString({ each: true })
  @Matches(/^\d{2}$/, { each: true, message: 'unspscSegments must be 2-digit UNSPSC segments such as "43"' })
  @IsKnownSegments()
  unspscSegments?: string[];
}

/**
 * Every field optional; `null` only where the field documents it. Moving the window re-cuts the slots
 * (see DesksService.update).
 */
export class UpdateDeskDto extends PartialType(CreateDeskDto, { skipNullProperties: false }) {}

export class CreateAgencyDto {
  @ApiProperty({ example: 'UNWOMEN' })
  @trimmed()
  @IsString()
  @Matches(/^[A-Za-z][A-Za-z0-9 -]{0,19}$/, { message: 'code must be 1-20 letters, digits, spaces or dashes, starting with a letter' })
  code: string;

  @ApiProperty({ maxLength: 200 })
  @trimmed()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @NoControlChars()
  name: string;
}
