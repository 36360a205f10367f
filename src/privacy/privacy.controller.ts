import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../accounts/accounts.service.js';
import { Auth, CurrentActor } from '../accounts/roles.guard.js';
import { ErasureService } from './erasure.service.js';

@ApiTags('organizer')
@ApiBearerAuth()
@Controller('api/registrations')
export class PrivacyController {
  constructor(private readonly erasure: ErasureService) {}

  /** Erases a registrant's personal data on their request; the anonymous counts stay. Admin only. */
  @Post(':id/erase')
  @HttpCode(200)
  @Auth('admin')
  erase(@Param('id') id: string, @CurrentActor() actor: Actor) {
    return this.erasure.eraseRegistration(id, actor);
  }
}
