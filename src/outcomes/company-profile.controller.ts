import { Body, Controller, Get, Param, Patch } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-docs.js';
import { CompanyProfileDto, CompanyResponse, segmentsView } from '../companies/index.js';
import { toCompanyView } from '../registrations/index.js';
import { CompanyProfileService } from './company-profile.service.js';
import { UnspscSegmentResponse } from './unspsc.response.js';

@ApiTags('public')
@Controller('api')
export class CompanyProfileController {
  constructor(private readonly profiles: CompanyProfileService) {}

  /** The 2-digit UNSPSC segments with names in ru, kk and en. */
  @Get('unspsc/segments')
  @ApiOkResponse({ type: [UnspscSegmentResponse] })
  segments() {
    return segmentsView();
  }

  @Patch('registrations/:token/company')
  @ApiOkResponse({ type: CompanyResponse, description: 'the company of this registration (every registration with its BIN sees the change)' })
  @ApiErrors({ 400: 'a code that is not 8 digits of a known UNSPSC segment, more than 50 codes, or a UNGM number that is not digits', 404: 'unknown token' })
  async update(@Param('token') token: string, @Body() body: CompanyProfileDto) {
    return toCompanyView(await this.profiles.updateByToken(token, body));
  }
}
