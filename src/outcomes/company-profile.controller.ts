import { Body, Controller, Get, Param, Patch } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CompanyProfileDto } from '../companies/dto/company-profile.dto.js';
import { toCompanyView } from '../registrations/registration.view.js';
import { CompanyProfileService } from './company-profile.service.js';
import { segmentsView } from './unspsc.js';

@ApiTags('public')
@Controller('api')
export class CompanyProfileController {
  constructor(private readonly profiles: CompanyProfileService) {}

  /** The 2-digit UNSPSC segments with names in ru, kk and en. */
  @Get('unspsc/segments')
  segments() {
    return segmentsView();
  }

  @Patch('registrations/:token/company')
  async update(@Param('token') token: string, @Body() body: CompanyProfileDto) {
    return toCompanyView(await this.profiles.updateByToken(token, body));
  }
}
