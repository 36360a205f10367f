// The public surface of attendance/: other features import only this file (src/feature-boundaries.spec.ts).
export { ReportQueryDto } from './dto/report-query.dto.js';
export { type ReportFilter, ReportsService } from './reports.service.js';
export { AttendanceModule } from './attendance.module.js';
