import { Module } from '@nestjs/common';
import { SeminarsModule } from '../seminars/seminars.module.js';
import { ConsoleController } from './console.controller.js';
import { DashboardService } from './dashboard.service.js';

/**
 * The organizer console's entrance at /admin: the dashboard, signing in and out. Each feature keeps
 * its own console pages in `<feature>-console.controller.ts`, built with `consolePage()`.
 */
@Module({
  imports: [SeminarsModule],
  controllers: [ConsoleController],
  providers: [DashboardService],
})
export class ConsoleModule {}
