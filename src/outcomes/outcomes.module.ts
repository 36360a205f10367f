import { Module } from '@nestjs/common';
import { AttendanceModule } from '../attendance/index.js';
import { RegistrationsModule } from '../registrations/index.js';
import { OutcomeReportController } from './outcome-report.controller.js';
import { OutcomeReportService } from './outcome-report.service.js';
import { OutcomesConsoleController } from './outcomes-console.controller.js';
import { CompanyProfileController } from './company-profile.controller.js';
import { CompanyProfileService } from './company-profile.service.js';
import { FollowUpController } from './follow-up.controller.js';
import { FollowUpScheduler } from './follow-up.scheduler.js';
import { FollowUpService } from './follow-up.service.js';
import { OutcomesPagesController } from './outcomes-pages.controller.js';

/** From seminar to UNGM: company profiles with UNSPSC codes, follow-up surveys and the outcome report. */
@Module({
  imports: [RegistrationsModule, AttendanceModule],
  controllers: [CompanyProfileController, FollowUpController, OutcomesPagesController, OutcomeReportController, OutcomesConsoleController],
  providers: [CompanyProfileService, FollowUpService, FollowUpScheduler, OutcomeReportService],
  exports: [CompanyProfileService, FollowUpService],
})
export class OutcomesModule {}
