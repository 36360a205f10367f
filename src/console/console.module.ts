import { Module } from '@nestjs/common';
import { SeminarsModule } from '../seminars/index.js';
import { AuditConsoleController } from './audit-console.controller.js';
import { ConsoleController } from './console.controller.js';
import { DashboardService } from './dashboard.service.js';

/**
 * The organizer console's entrance at /admin: the dashboard, signing in and out, and the audit log
 * (every feature's events; here rather than in audit/, which every feature records into, so audit
 * never loads the role guard). Each feature keeps its own console pages in
 * `<feature>-console.controller.ts`, built with `consolePage()` (common/console-page.ts).
 */
@Module({
  imports: [SeminarsModule],
  controllers: [ConsoleController, AuditConsoleController],
  providers: [DashboardService],
})
export class ConsoleModule {}
