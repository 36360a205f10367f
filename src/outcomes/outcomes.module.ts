import { Module } from '@nestjs/common';
import { RegistrationsModule } from '../registrations/registrations.module.js';
import { CompanyProfileController } from './company-profile.controller.js';
import { CompanyProfileService } from './company-profile.service.js';
import { FollowUpController } from './follow-up.controller.js';
import { FollowUpScheduler } from './follow-up.scheduler.js';
import { FollowUpService } from './follow-up.service.js';
import { OutcomesPagesController } from './outcomes-pages.controller.js';

/** From seminar to UNGM: company profiles with UNSPSC codes, follow-up surveys and the outcome report. */
@Module({
  imports: [RegistrationsModule],
  controllers: [CompanyProfileController, FollowUpController, OutcomesPagesController],
  providers: [CompanyProfileService, FollowUpService, FollowUpScheduler],
  exports: [CompanyProfileService, FollowUpService],
})
export class OutcomesModule {}
