import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsDefined, IsString, IsUUID, Matches, MaxLength, registerDecorator, ValidateIf, type ValidationOptions } from 'class-validator';
import { NoControlChars } from '../../common/validators.js';

/** Fails when the other field is present too: a check-in names its registration one way only. */
function NotTogetherWith(other: string, options: ValidationOptions = {}) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'notTogetherWith',
      target: target.constructor,
      propertyName,
      options: { message: `${propertyName}: send either ${other} or ${propertyName}, not both`, ...options },
      validator: { validate: (_value: unknown, args) => (args?.object as Record<string, unknown>)[other] === undefined },
    });
}

/** `{ticketCode}` as typed or scanned at the door, or `{registrationId}` from the console: exactly one. */
export class CheckInDto {
  @ApiPropertyOptional({ example: 'K7QM-2XHD-9P', description: 'Case, spaces and dashes are ignored' })
  @ValidateIf((body: CheckInDto) => body.registrationId === undefined || body.ticketCode !== undefined)
  @IsDefined({ message: 'ticketCode or registrationId is required' })
  @IsString()
  @MaxLength(40)
  @NoControlChars()
  @Matches(/^[0-9A-Za-z\s-]+$/, { message: 'ticketCode may contain only letters, digits, spaces and dashes' })
  ticketCode?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @ValidateIf((body: CheckInDto) => body.registrationId !== undefined)
  @IsUUID('all')
  @NotTogetherWith('ticketCode')
  registrationId?: string;
}

/**
 * The door page's form: one text field, whatever the scanner typed, plus the CSRF token; or, from
 * the find-by-name fallback, the chosen registration's id.
 */
export class DoorCheckInFormDto {
  @ValidateIf((body: DoorCheckInFormDto) => body.registrationId === undefined)
  @IsString()
  @MaxLength(200)
  @Transform(({ value }) => (typeof value === 'string' ? value.replace(/[\u0000-\u001F\u007F-\u009F]/g, ' ') : value))
  code?: string;

  @ValidateIf((body: DoorCheckInFormDto) => body.registrationId !== undefined)
  @IsUUID('all')
  registrationId?: string;

  @IsString()
  @MaxLength(100)
  _csrf: string;
}
