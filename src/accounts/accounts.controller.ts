import { Body, Controller, HttpCode, Ip, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-docs.js';
import { AccountsService, type Actor } from './accounts.service.js';
import { AccountResponse, LoginResponse } from './dto/account.response.js';
import { CreateAccountDto, LoginDto } from './dto/login.dto.js';
import { Auth, bearerToken, CurrentActor } from './roles.guard.js';

@ApiTags('organizer')
@Controller('api')
export class AccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @Post('auth/login')
  @HttpCode(200)
  @ApiOkResponse({ type: LoginResponse })
  @ApiErrors(400, { 401: 'unknown email or wrong password (the same message for both), or a disabled account', 429: 'too many failed sign-ins (LOGIN_MAX_FAILURES); try again later' })
  async login(@Body() body: LoginDto, @Ip() ip: string) {
    const { accessToken, expiresAt } = await this.accounts.login(body.email, body.password, ip);
    return { accessToken, expiresAt: expiresAt.toISOString() };
  }

  /** Revokes the bearer token at once (on every instance); later requests with it get 401. */
  @Post('auth/logout')
  @HttpCode(204)
  @Auth()
  @ApiNoContentResponse({ description: 'revoked' })
  async logout(@Req() request: Request): Promise<void> {
    await this.accounts.revoke(bearerToken(request));
  }

  @Post('accounts')
  @Auth('admin')
  @ApiCreatedResponse({ type: AccountResponse })
  @ApiErrors({ 400: 'invalid email or role, or a password under 10 characters', 409: 'an account with this email exists' })
  async create(@Body() body: CreateAccountDto, @CurrentActor() actor: Actor) {
    const account = await this.accounts.create(body.email, body.password, body.role, actor);
    return { id: account.id, email: account.email, role: account.role };
  }
}
