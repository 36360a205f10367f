import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RegistrationsModule } from '../registrations/index.js';
import { SeminarsModule } from '../seminars/index.js';
import { Agency } from './agency.entity.js';
import { AllocationService } from './allocation.service.js';
import { Desk } from './desk.entity.js';
import { DesksService } from './desks.service.js';
import { MeetingChanges } from './meeting-changes.js';
import { MeetingMailer } from './meeting-mailer.js';
import { MeetingRequest, MeetingRound } from './meeting-request.entity.js';
import { Meeting } from './meeting.entity.js';
import { AgenciesController, RegistrantMeetingsController, SeminarMeetingsController } from './meetings.controller.js';
import { MeetingsConsoleController } from './meetings-console.controller.js';
import { MeetingsPagesController } from './meetings-pages.controller.js';
import { MeetingsReportService } from './meetings-report.service.js';
import { MeetingsService } from './meetings.service.js';
import { Slot } from './slot.entity.js';

/** Agency desks at seminars, their slots, one-to-one meetings, and the fair allocation. */
@Module({
  imports: [TypeOrmModule.forFeature([Agency, Desk, Slot, Meeting, MeetingRound, MeetingRequest]), RegistrationsModule, SeminarsModule],
  controllers: [SeminarMeetingsController, RegistrantMeetingsController, AgenciesController, MeetingsPagesController, MeetingsConsoleController],
  providers: [DesksService, MeetingsService, MeetingChanges, MeetingMailer, AllocationService, MeetingsReportService],
  exports: [MeetingsService, DesksService],
})
export class MeetingsModule {}
