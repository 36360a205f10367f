import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CompaniesModule } from '../companies/companies.module.js';
import { SeminarsModule } from '../seminars/seminars.module.js';
import { Registration } from './registration.entity.js';
import { RegistrantMailer } from './registrant-mailer.js';
import { ReminderScheduler } from './reminder.scheduler.js';
import { RegistrationsPagesController } from './registrations-pages.controller.js';
import { RegistrationsController } from './registrations.controller.js';
import { RegistrationsService } from './registrations.service.js';
import { SignupThrottleGuard } from './signup-throttle.guard.js';

@Module({
  imports: [TypeOrmModule.forFeature([Registration]), CompaniesModule, SeminarsModule],
  controllers: [RegistrationsController, RegistrationsPagesController],
  providers: [RegistrationsService, RegistrantMailer, ReminderScheduler, SignupThrottleGuard],
  exports: [RegistrationsService, RegistrantMailer, CompaniesModule],
})
export class RegistrationsModule {}
