import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, Matches, registerDecorator, ValidateIf, ValidationOptions } from 'class-validator';
import { IsOptionalNotNull } from '../../common/validators.js';
import { isKnownUnspscCode } from '../unspsc-data.js';

export const MAX_UNSPSC_CODES = 50;

function IsKnownUnspscCodes(options: ValidationOptions = {}) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isKnownUnspscCodes',
      target: target.constructor,
      propertyName,
      options: {
        message: (args) => {
          const bad = Array.isArray(args.value) ? args.value.find((code: unknown) => !isKnownUnspscCode(code)) : args.value;
          return `${propertyName}: "${String(bad).slice(0, 20)}" is not an 8-digit UNSPSC code of a known segment`;
        },
        ...options,
      },
      validator: { validate: (value: unknown) => Array.isArray(value) && value.every(isKnownUnspscCode) },
    });
}

/** People paste codes with spaces or dashes ("4321 1503"); order is kept, repeats dropped. */
export function normalizeUnspscCodes(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  const cleaned = value.map((code) => (typeof code === 'string' ? code.replace(/[\s-]/g, '') : typeof code === 'number' ? String(code) : code));
  return cleaned.every((code) => typeof code === 'string') ? [...new Set(cleaned)] : cleaned;
}

/** `PATCH /api/registrations/:token/company` and the forms that edit a company's UNGM profile. */
export class CompanyProfileDto {
  @ApiPropertyOptional({ type: [String], maxItems: MAX_UNSPSC_CODES, example: ['25101503', '43211503'], description: '8-digit UNSPSC commodity codes; replaces the list' })
  @IsOptionalNotNull()
  @Transform(({ value }) => normalizeUnspscCodes(value))
  @IsArray()
  @ArrayMaxSize(MAX_UNSPSC_CODES, { message: `unspscCodes: at most ${MAX_UNSPSC_CODES} codes` })
  @IsKnownUnspscCodes()
  unspscCodes?: string[];

  @ApiPropertyOptional({ type: String, nullable: true, example: '123456', description: 'the UNGM vendor number (digits); null or "" clears it' })
  @Transform(({ value }) => (typeof value === 'string' ? value.replace(/\s/g, '') || null : value))
  @ValidateIf((_, value) => value !== null && value !== undefined)
  @Matches(/^\d{1,20}$/, { message: 'ungmNumber must be the UNGM vendor number: 1 to 20 digits' })
  ungmNumber?: string | null;
}
