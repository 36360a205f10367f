import { toCsv } from '../common/csv.js';
import { csvHeader, xlsxOfRows, type DownloadColumn } from '../common/spreadsheet.js';
import { translate, translateAny, zoneLabel, type Language, type MessageKey } from '../i18n/i18n.js';
import type { SeminarMeetingView } from './meetings.service.js';
import type { AgencyMeetings } from './meetings-report.service.js';

/**
 * The console's meetings downloads, each from one rows function: the contract's CSV (byte for byte
 * as before) and the same rows as XLSX (src/common/spreadsheet.ts).
 */

/** The report by agency; its header texts are the page's (meetings.report.*). */
const AGENCY_COLUMNS: readonly DownloadColumn[] = [
  { key: 'agency', kind: 'text', width: 16 },
  { key: 'desks', kind: 'integer' },
  { key: 'booked', kind: 'integer' },
  { key: 'held', kind: 'integer' },
  { key: 'noShows', kind: 'integer' },
  // "Name (BIN)" as text: the BIN keeps its leading zeros.
  { key: 'companiesMet', kind: 'text', width: 60 },
];
const AGENCY_HEADERS: Record<string, MessageKey> = {
  agency: 'meetings.report.agency',
  desks: 'meetings.report.desks',
  booked: 'meetings.report.booked',
  held: 'meetings.report.held',
  noShows: 'meetings.report.noShows',
  companiesMet: 'meetings.report.companies',
};

export function byAgencyRows(rows: AgencyMeetings[]): unknown[][] {
  return rows.map((row) => [row.agency, row.desks, row.booked, row.held, row.noShows, row.companies.map((c) => `${c.name} (${c.bin})`).join('; ')]);
}

export function byAgencyCsv(rows: AgencyMeetings[]): string {
  return toCsv(csvHeader(AGENCY_COLUMNS), byAgencyRows(rows));
}

export function byAgencyXlsx(rows: AgencyMeetings[], lang: Language, timeZone: string): Promise<Buffer> {
  return xlsxOfRows(translate(lang, 'spreadsheets.meetingsByAgency.sheet'), AGENCY_COLUMNS, (key) => translate(lang, AGENCY_HEADERS[key]), byAgencyRows(rows), lang, timeZone);
}

/** A seminar's meetings, one row each (cancelled ones too); times are instants, shown on the seminar's clock in the XLSX. */
const MEETING_COLUMNS: readonly DownloadColumn[] = [
  { key: 'id', kind: 'text', width: 38 },
  { key: 'status', kind: 'text', width: 14, label: (value, lang) => translateAny(lang, `spreadsheets.meetings.statuses.${String(value)}`) },
  { key: 'agency', kind: 'text', width: 14 },
  { key: 'table', kind: 'text', width: 12 },
  { key: 'startsAt', kind: 'dateTime', width: 20 },
  { key: 'endsAt', kind: 'dateTime', width: 20 },
  { key: 'heldAt', kind: 'dateTime', width: 20 },
  { key: 'companyBin', kind: 'text', width: 14 },
  { key: 'companyName', kind: 'text', width: 32 },
  { key: 'fullName', kind: 'text', width: 28 },
  { key: 'registrationId', kind: 'text', width: 38 },
  { key: 'deskId', kind: 'text', width: 38 },
  { key: 'slotId', kind: 'text', width: 38 },
];

export function meetingRows(rows: SeminarMeetingView[]): unknown[][] {
  return rows.map((m) => [m.id, m.status, m.agency, m.table, m.startsAt, m.endsAt, m.heldAt, m.company.bin, m.company.name, m.fullName, m.registrationId, m.deskId, m.slotId]);
}

export function meetingsCsv(rows: SeminarMeetingView[]): string {
  return toCsv(csvHeader(MEETING_COLUMNS), meetingRows(rows));
}

/** `seminar` gives the clock: times on its wall clock, its zone named in the time headers. */
export function meetingsXlsx(rows: SeminarMeetingView[], seminar: { startsAt: Date; timeZone: string }, lang: Language): Promise<Buffer> {
  const zone = zoneLabel(seminar.startsAt, seminar.timeZone, lang);
  return xlsxOfRows(
    translate(lang, 'spreadsheets.meetings.sheet'),
    MEETING_COLUMNS,
    (key) => translateAny(lang, `spreadsheets.meetings.${key}`, { zone }),
    meetingRows(rows),
    lang,
    seminar.timeZone,
  );
}
