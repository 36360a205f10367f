import { Module } from '@nestjs/common';
import { RegistrationsModule } from '../registrations/registrations.module.js';
import { CompanyProfileController } from './company-profile.controller.js';
import { CompanyProfileService } from './company-profile.service.js';

/** From seminar to UNGM: company profiles with UNSPSC codes, follow-up surveys and the outcome report. */
@Module({
  imports: [RegistrationsModule],
  controllers: [CompanyProfileController],
  providers: [CompanyProfileService],
  exports: [CompanyProfileService],
})
export class OutcomesModule {}
