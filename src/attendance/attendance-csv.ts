import { toCsv } from '../common/csv.js';
import type { CompanyAttendance, ReportFilter } from './reports.service.js';

const HEADER = ['bin', 'company', 'registered', 'attended', 'noShows', 'cancelled', 'attendanceRate', 'seminars', 'waitlisted', 'meetingsBooked', 'meetingsHeld', 'ungmStage'];

/** The report as CSV (BOM, quoted, formula-safe: see common/csv.ts), and a file name that says what it covers. */
export function attendanceCsv(rows: CompanyAttendance[], filter: ReportFilter, now = new Date()): { filename: string; body: string } {
  const body = toCsv(
    HEADER,
    rows.map((row) => [
      row.company.bin,
      row.company.name,
      row.registered,
      row.attended,
      row.noShows,
      row.cancelled,
      row.attendanceRate === null ? '' : row.attendanceRate.toFixed(4),
      row.seminars,
      row.waitlisted,
      row.meetingsBooked,
      row.meetingsHeld,
      row.ungmStage ?? '',
    ]),
  );
  const day = (date: Date) => date.toISOString().slice(0, 10);
  const range = filter.from || filter.to ? `_${filter.from ? day(filter.from) : 'start'}_${filter.to ? day(new Date(filter.to.getTime() - 1)) : day(now)}` : `_${day(now)}`;
  return { filename: `attendance-by-company${range}.csv`, body };
}
