import { Body, Controller, HttpCode, Ip, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AccountsService, type Actor } from './accounts.service.js';
import { CreateAccountDto, LoginDto } from './dto/login.dto.js';
import { Auth, bearerToken, CurrentActor } from './roles.guard.js';

@ApiTags('organizer')
@Controller('api')
export class AccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @Post('auth/login')
  @HttpCode(200)
  async login(@Body() body: LoginDto, @Ip() ip: string) {
    const { accessToken, expiresAt } = await this.accounts.login(body.email, body.password, ip);
    return { accessToken, expiresAt: expiresAt.toISOString() };
  }

  /** Revokes the bearer token at once (on every instance); later requests with it get 401. */
  @Post('auth/logout')
  @HttpCode(204)
  @ApiBearerAuth()
  @Auth()
  async logout(@Req() request: Request): Promise<void> {
    await this.accounts.revoke(bearerToken(request));
  }

  @Post('accounts')
  @ApiBearerAuth()
  @Auth('admin')
  async create(@Body() body: CreateAccountDto, @CurrentActor() actor: Actor) {
    const account = await this.accounts.create(body.email, body.password, body.role, actor);
    return { id: account.id, email: account.email, role: account.role };
  }
}
