import { Body, Controller, Get, Header, HttpCode, Param, Post, Res, UseGuards } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiErrors } from '../common/api-docs.js';
import { CancelResultResponse, OwnRegistrationResponse, SignUpResultResponse } from './dto/registration.response.js';
import { SignUpDto } from './dto/sign-up.dto.js';
import { toOwnRegistrationView } from './registration.view.js';
import { RegistrationsService } from './registrations.service.js';
import { SignupThrottleGuard } from './signup-throttle.guard.js';
import { ParseId } from '../common/ids.js';

/** The public JSON API for signing up and for managing a registration by its link. */
@ApiTags('public')
@Controller('api')
export class RegistrationsController {
  constructor(private readonly registrations: RegistrationsService) {}

  @Post('seminars/:id/registrations')
  @UseGuards(SignupThrottleGuard)
  @ApiCreatedResponse({ type: SignUpResultResponse, description: 'confirmed while seats are left, then waitlisted in order; an email with the manage link goes out' })
  @ApiErrors(400, {
    404: 'unknown or draft seminar',
    409: 'already registered (an active registration with this email for this seminar; the manage link is sent again), or registration is closed',
    429: 'too many sign-ups from this address (SIGNUP_RATE_LIMIT)',
  })
  async signUp(@Param('id', ParseId('seminar')) seminarId: string, @Body() body: SignUpDto) {
    const registration = await this.registrations.signUp(seminarId, body);
    return { id: registration.id, status: registration.status, waitlistPosition: registration.waitlistPosition };
  }

  @Get('registrations/:token')
  @Header('Cache-Control', 'no-store')
  @ApiOkResponse({ type: OwnRegistrationResponse })
  @ApiErrors({ 404: 'unknown token' })
  async get(@Param('token') token: string) {
    const { registration, company, seminar } = await this.registrations.findByToken(token);
    return toOwnRegistrationView(registration, company, seminar);
  }

  @Post('registrations/:token/cancel')
  @HttpCode(200)
  @ApiOkResponse({ type: CancelResultResponse, description: 'cancelled; repeating it is harmless. A confirmed seat goes to the first on the waitlist' })
  @ApiErrors({ 404: 'unknown token' })
  async cancel(@Param('token') token: string) {
    await this.registrations.cancelByToken(token);
    return { status: 'cancelled' };
  }

  @Get('registrations/:token/invite.ics')
  @ApiOkResponse({ description: "the registrant's current calendar file: METHOD:REQUEST while confirmed, METHOD:CANCEL once cancelled", content: { 'text/calendar': { schema: { type: 'string' } } } })
  @ApiErrors({ 404: 'unknown token', 409: 'waitlisted: there is no seat to put in a calendar yet' })
  async invite(@Param('token') token: string, @Res({ passthrough: true }) response: Response) {
    const { ics } = await this.registrations.invite(token);
    response.setHeader('Content-Type', 'text/calendar; charset=utf-8');
    response.setHeader('Content-Disposition', 'attachment; filename="seminar.ics"');
    response.setHeader('Cache-Control', 'no-store');
    return ics;
  }
}
