import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-docs.js';
import { type Actor, Auth, CurrentActor } from '../accounts/index.js';
import { ErasureResponse } from './erasure.response.js';
import { ErasureService } from './erasure.service.js';
import { ParseId } from '../common/ids.js';

@ApiTags('organizer')
@Controller('api/registrations')
export class PrivacyController {
  constructor(private readonly erasure: ErasureService) {}

  /** Erases a registrant's personal data on their request; the anonymous counts stay. Admin only. */
  @Post(':id/erase')
  @HttpCode(200)
  @Auth('admin')
  @ApiOkResponse({ type: ErasureResponse, description: 'erased (name, email, phone, position, stored emails); repeating it is harmless' })
  @ApiErrors({ 404: 'unknown registration' })
  erase(@Param('id', ParseId('registration')) id: string, @CurrentActor() actor: Actor) {
    return this.erasure.eraseRegistration(id, actor);
  }
}
