import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-docs.js';
import { FollowUpDto } from './dto/follow-up.dto.js';
import { FollowUpAnswerResponse } from './dto/outcomes.response.js';
import { FollowUpService, toFollowUpView } from './follow-up.service.js';

@ApiTags('public')
@Controller('api')
export class FollowUpController {
  constructor(private readonly followUps: FollowUpService) {}

  /** 201 with the stored answer; 409 unless the registration was checked in at a seminar that has ended. */
  @Post('registrations/:token/follow-up')
  @ApiCreatedResponse({ type: FollowUpAnswerResponse, description: "the stored answer; the company's latest answer is the one the reports count" })
  @ApiErrors(400, { 404: 'unknown or erased manage token', 409: 'not checked in, or the seminar has not ended (`code: not_checked_in`)' })
  async answer(@Param('token') token: string, @Body() body: FollowUpDto) {
    return toFollowUpView(await this.followUps.answer(token, body));
  }
}
