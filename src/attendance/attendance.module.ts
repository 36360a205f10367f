import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Registration } from '../registrations/registration.entity.js';
import { Seminar } from '../seminars/seminar.entity.js';
import { AttendancePagesController } from './attendance-pages.controller.js';
import { AttendanceController } from './attendance.controller.js';
import { AttendanceService } from './attendance.service.js';
import { ReportsService } from './reports.service.js';

/** Door check-in and the attendance reports. AttendanceService is exported for the console's manual check-in. */
@Module({
  imports: [TypeOrmModule.forFeature([Registration, Seminar])],
  controllers: [AttendanceController, AttendancePagesController],
  providers: [AttendanceService, ReportsService],
  exports: [AttendanceService, ReportsService],
})
export class AttendanceModule {}
