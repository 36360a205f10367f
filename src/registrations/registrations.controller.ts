import { Body, Controller, Get, Header, HttpCode, Param, Post, Res, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { SignUpDto } from './dto/sign-up.dto.js';
import { toOwnRegistrationView } from './registration.view.js';
import { RegistrationsService } from './registrations.service.js';
import { SignupThrottleGuard } from './signup-throttle.guard.js';

/** The public JSON API for signing up and for managing a registration by its link. */
@ApiTags('public')
@Controller('api')
export class RegistrationsController {
  constructor(private readonly registrations: RegistrationsService) {}

  @Post('seminars/:id/registrations')
  @UseGuards(SignupThrottleGuard)
  async signUp(@Param('id') seminarId: string, @Body() body: SignUpDto) {
    const registration = await this.registrations.signUp(seminarId, body);
    return { id: registration.id, status: registration.status, waitlistPosition: registration.waitlistPosition };
  }

  @Get('registrations/:token')
  @Header('Cache-Control', 'no-store')
  async get(@Param('token') token: string) {
    const { registration, company, seminar } = await this.registrations.findByToken(token);
    return toOwnRegistrationView(registration, company, seminar);
  }

  @Post('registrations/:token/cancel')
  @HttpCode(200)
  async cancel(@Param('token') token: string) {
    await this.registrations.cancelByToken(token);
    return { status: 'cancelled' };
  }

  @Get('registrations/:token/invite.ics')
  async invite(@Param('token') token: string, @Res({ passthrough: true }) response: Response) {
    const { ics } = await this.registrations.invite(token);
    response.setHeader('Content-Type', 'text/calendar; charset=utf-8');
    response.setHeader('Content-Disposition', 'attachment; filename="seminar.ics"');
    response.setHeader('Cache-Control', 'no-store');
    return ics;
  }
}
