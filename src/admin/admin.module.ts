import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AttendanceModule } from '../attendance/attendance.module.js';
import { PrivacyModule } from '../privacy/privacy.module.js';
import { Registration } from '../registrations/registration.entity.js';
import { RegistrationsModule } from '../registrations/registrations.module.js';
import { SeminarsModule } from '../seminars/seminars.module.js';
import { AccountsAdminController } from './accounts-admin.controller.js';
import { AccountsAdminService } from './accounts-admin.service.js';
import { AuditAdminController } from './audit-admin.controller.js';
import { DashboardService } from './dashboard.service.js';
import { OutboxAdminController } from './outbox-admin.controller.js';
import { RegistrationsAdminController } from './registrations-admin.controller.js';
import { RegistrationsApiController } from './registrations-api.controller.js';
import { RegistrationsQueryService } from './registrations-query.service.js';
import { SeminarFormService } from './seminar-form.service.js';
import { SeminarsAdminController } from './seminars-admin.controller.js';
import { SessionController } from './session.controller.js';

/** The organizer console at /admin, and the organizers' registrations API. */
@Module({
  imports: [TypeOrmModule.forFeature([Registration]), SeminarsModule, RegistrationsModule, AttendanceModule, PrivacyModule],
  controllers: [
    SessionController,
    SeminarsAdminController,
    RegistrationsAdminController,
    RegistrationsApiController,
    OutboxAdminController,
    AccountsAdminController,
    AuditAdminController,
  ],
  providers: [DashboardService, SeminarFormService, RegistrationsQueryService, AccountsAdminService],
  exports: [RegistrationsQueryService],
})
export class AdminModule {}
