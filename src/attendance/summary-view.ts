import type { Response } from 'express';
import { LOCALE_TAG } from '../i18n/i18n.js';
import { entryName, type ListResolver } from '../lists/index.js';
import type { SeminarSummary } from './attendance.service.js';

type SectorRow = SeminarSummary['bySector'][number];

/**
 * What views/partials/seminar-summary.hbs expects as `summary`. The console's seminar page can show
 * the summary with `summary: summaryView(await attendance.seminarSummary(id), response)` and
 * `{{> seminar-summary summary=summary}}`. With the managed sectors (src/lists/), the rows are one per
 * sector entry, free text that matches none under "Other", and no sector under "Not given".
 */
export function summaryView(summary: SeminarSummary, response: Response, sectors?: ListResolver) {
  const percent = new Intl.NumberFormat(LOCALE_TAG[response.locals.lang], { style: 'percent', maximumFractionDigits: 0 });
  const t = response.locals.t;
  const groups = new Map<string, SectorRow & { label: string }>();
  for (const row of summary.bySector) {
    const entry = sectors?.resolve(row.sector);
    const key = entry ? entry.id : row.sector === null ? '' : sectors ? 'other' : `text:${row.sector}`;
    const label = entry ? entryName(entry, response.locals.lang) : row.sector === null ? t('reports.summary.unspecified') : sectors ? t('lists.other') : row.sector;
    const group = groups.get(key) ?? { sector: entry ? label : row.sector, label, registered: 0, attended: 0, noShows: 0, cancellations: 0, waitlist: 0 };
    for (const count of ['registered', 'attended', 'noShows', 'cancellations', 'waitlist'] as const) group[count] += row[count];
    groups.set(key, group);
  }
  return {
    ...summary,
    rate: summary.attendanceRate === null ? '—' : percent.format(summary.attendanceRate),
    bySector: [...groups.values()].sort((a, b) => b.registered - a.registered || a.label.localeCompare(b.label)),
  };
}
