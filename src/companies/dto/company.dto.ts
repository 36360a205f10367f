import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, MaxLength, MinLength, registerDecorator, ValidationOptions } from 'class-validator';
import { NoControlChars, trimmed, trimmedOptional } from '../../common/validators.js';
import { isValidBin, normalizeBin } from '../bin.js';

export function IsBin(options: ValidationOptions = {}) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isBin',
      target: target.constructor,
      propertyName,
      options: { message: `${propertyName} must be a valid 12-digit BIN (the control digit does not match)`, ...options },
      validator: { validate: (value: unknown) => isValidBin(value) },
    });
}

/** The company part of a sign-up. Its BIN identifies it; the name is kept as typed. */
export class CompanyDto {
  @ApiProperty({ maxLength: 200 })
  @trimmed()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @NoControlChars()
  name: string;

  @ApiProperty({ example: '000740001307', description: '12-digit Business Identification Number; spaces and dashes are ignored' })
  @Transform(({ value }) => normalizeBin(value))
  @IsBin()
  bin: string;

  @ApiPropertyOptional({ maxLength: 100 })
  @trimmedOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @NoControlChars()
  city?: string;

  @ApiPropertyOptional({ maxLength: 100 })
  @trimmedOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @NoControlChars()
  sector?: string;
}
