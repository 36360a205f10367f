import { IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { IsAcceptedEmail, normalisedEmail } from '../../common/email-address.js';
import { ROLES, type Role } from '../account.entity.js';

export class LoginDto {
  @normalisedEmail()
  @IsString()
  @MaxLength(254)
  email: string;

  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password: string;
}

export class CreateAccountDto {
  @normalisedEmail()
  @IsAcceptedEmail()
  @MaxLength(254)
  email: string;

  @IsString()
  @MinLength(10, { message: 'password must be at least 10 characters' })
  @MaxLength(200)
  password: string;

  @IsIn(ROLES)
  role: Role;
}
