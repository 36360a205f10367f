import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { IsAcceptedEmail, normalisedEmail } from '../../common/email-address.js';
import { ROLES, type Role } from '../account.entity.js';

export class LoginDto {
  @ApiProperty({ maxLength: 254, example: 'organizer@example.org' })
  @normalisedEmail()
  @IsString()
  @MaxLength(254)
  email: string;

  @ApiProperty({ maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password: string;
}

export class CreateAccountDto {
  @ApiProperty({ format: 'email', maxLength: 254 })
  @normalisedEmail()
  @IsAcceptedEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ minLength: 10, maxLength: 200 })
  @IsString()
  @MinLength(10, { message: 'password must be at least 10 characters' })
  @MaxLength(200)
  password: string;

  @ApiProperty({ enum: ROLES, description: 'admin: everything, accounts; organizer: seminars, registrations, invitations, reports; checkin: check-ins only' })
  @IsIn(ROLES)
  role: Role;
}

/** The own-password form of the console (/admin/account): the new password follows the same rule as a new account's. */
export class ChangeOwnPasswordDto {
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  currentPassword: string;

  @IsString()
  @MinLength(10)
  @MaxLength(200)
  password: string;

  @IsString()
  confirm: string;
}
