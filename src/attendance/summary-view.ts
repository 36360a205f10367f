import type { Response } from 'express';
import { LOCALE_TAG } from '../i18n/i18n.js';
import type { SeminarSummary } from './attendance.service.js';

/**
 * What views/partials/seminar-summary.hbs expects as `summary`. The console's seminar page can show
 * the summary with `summary: summaryView(await attendance.seminarSummary(id), response)` and
 * `{{> seminar-summary summary=summary}}`.
 */
export function summaryView(summary: SeminarSummary, response: Response) {
  const percent = new Intl.NumberFormat(LOCALE_TAG[response.locals.lang], { style: 'percent', maximumFractionDigits: 0 });
  return {
    ...summary,
    rate: summary.attendanceRate === null ? '—' : percent.format(summary.attendanceRate),
    bySector: summary.bySector.map((row) => ({ ...row, label: row.sector ?? response.locals.t('reports.summary.unspecified') })),
  };
}
