import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { FollowUpDto } from './dto/follow-up.dto.js';
import { FollowUpService, toFollowUpView } from './follow-up.service.js';

@ApiTags('public')
@Controller('api')
export class FollowUpController {
  constructor(private readonly followUps: FollowUpService) {}

  /** 201 with the stored answer; 409 unless the registration was checked in at a seminar that has ended. */
  @Post('registrations/:token/follow-up')
  async answer(@Param('token') token: string, @Body() body: FollowUpDto) {
    return toFollowUpView(await this.followUps.answer(token, body));
  }
}
