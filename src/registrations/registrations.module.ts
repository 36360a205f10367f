import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CompaniesModule } from '../companies/index.js';
import { SeminarsModule } from '../seminars/index.js';
import { Registration } from './registration.entity.js';
import { RegistrantMailer } from './registrant-mailer.js';
import { RegistrationsConsoleController } from './registrations-console.controller.js';
import { RegistrationsOrganizerController } from './registrations-organizer.controller.js';
import { RegistrationsPagesController } from './registrations-pages.controller.js';
import { RegistrationsQueryService } from './registrations-query.service.js';
import { RegistrationsController } from './registrations.controller.js';
import { RegistrationsService } from './registrations.service.js';
import { ReminderScheduler } from './reminder.scheduler.js';
import { SignupThrottleGuard } from './signup-throttle.guard.js';

/**
 * Sign-up, capacity and waitlist, the manage-by-link pages and API, the registrant's emails and
 * reminders, and the organizers' lists (API and console). RegistrationsQueryService is exported for
 * the privacy console's erase page.
 */
@Module({
  imports: [TypeOrmModule.forFeature([Registration]), CompaniesModule, SeminarsModule],
  controllers: [RegistrationsController, RegistrationsOrganizerController, RegistrationsPagesController, RegistrationsConsoleController],
  providers: [RegistrationsService, RegistrationsQueryService, RegistrantMailer, ReminderScheduler, SignupThrottleGuard],
  exports: [RegistrationsService, RegistrationsQueryService, RegistrantMailer, CompaniesModule],
})
export class RegistrationsModule {}
