import { toCsv } from '../common/csv.js';
import { xlsxFile, type SheetColumn } from '../common/spreadsheet.js';
import { translate, translateAny, type KeysUnder, type Language } from '../i18n/i18n.js';
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

/** The report for Excel (src/common/spreadsheet.ts): headers and UNGM stages in the console's language. */
export function attendanceXlsx(rows: CompanyAttendance[], filter: ReportFilter, lang: Language, timeZone: string, now = new Date()): Promise<{ filename: string; body: Buffer }> {
  const column = (key: KeysUnder<'reports.columns.'>) => translate(lang, `reports.columns.${key}`);
  const extra = (key: KeysUnder<'spreadsheets.attendance.'>) => translate(lang, `spreadsheets.attendance.${key}`);
  const columns: SheetColumn[] = [
    { header: column('company'), kind: 'text', width: 36 },
    { header: column('bin'), kind: 'text', width: 14 },
    ...(['registered', 'attended', 'noShows', 'cancelled'] as const).map((key): SheetColumn => ({ header: column(key), kind: 'integer' })),
    { header: column('attendanceRate'), kind: 'percent' },
    { header: column('seminars'), kind: 'integer' },
    ...(['waitlisted', 'meetingsBooked', 'meetingsHeld'] as const).map((key): SheetColumn => ({ header: extra(key), kind: 'integer' })),
    { header: extra('ungmStage'), kind: 'text', width: 28 },
  ];
  const body = rows.map((row) => [
    row.company.name,
    row.company.bin,
    row.registered,
    row.attended,
    row.noShows,
    row.cancelled,
    row.attendanceRate,
    row.seminars,
    row.waitlisted,
    row.meetingsBooked,
    row.meetingsHeld,
    // The stage is a stored value, so its key is known only at run time.
    row.ungmStage ? translateAny(lang, `outcomes.stages.${row.ungmStage}`) : null,
  ]);
  const filename = attendanceCsv([], filter, now).filename.replace(/\.csv$/, '.xlsx');
  return xlsxFile(extra('sheet'), columns, body, timeZone).then((file) => ({ filename, body: file }));
}
