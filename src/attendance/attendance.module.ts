import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Registration } from '../registrations/index.js';
import { Seminar, SeminarsModule } from '../seminars/index.js';
import { ListsModule } from '../lists/index.js';
import { AttendanceConsoleController } from './attendance-console.controller.js';
import { AttendanceController } from './attendance.controller.js';
import { AttendanceService } from './attendance.service.js';
import { ReportsService } from './reports.service.js';

/** Door check-in and the attendance reports, in the API and in the console. */
@Module({
  imports: [TypeOrmModule.forFeature([Registration, Seminar]), SeminarsModule, ListsModule],
  controllers: [AttendanceController, AttendanceConsoleController],
  providers: [AttendanceService, ReportsService],
  exports: [ReportsService],
})
export class AttendanceModule {}
