import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { ROLES } from '../account.entity.js';

@ApiSchema({ name: 'Login' })
export class LoginResponse {
  @ApiProperty({ description: 'send it as `Authorization: Bearer <accessToken>`' })
  accessToken: string;

  @ApiProperty({ format: 'date-time' })
  expiresAt: string;
}

@ApiSchema({ name: 'Account' })
export class AccountResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'email' })
  email: string;

  @ApiProperty({ enum: ROLES })
  role: string;
}
