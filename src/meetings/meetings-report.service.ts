import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Language } from '../i18n/i18n.js';
import { SeminarsService } from '../seminars/index.js';
import { byAgencyCsv, byAgencyXlsx, meetingsCsv, meetingsXlsx } from './meetings-downloads.js';
import { MeetingsService, type SeminarMeetingView } from './meetings.service.js';

/** One agency's line in the per-seminar meetings report. */
export interface AgencyMeetings {
  agency: string;
  desks: number;
  /** meetings booked and not cancelled */
  booked: number;
  held: number;
  /** booked, not held, and the meeting's time is over */
  noShows: number;
  /** the companies the agency met (meetings held), by name */
  companies: Array<{ bin: string; name: string }>;
}

/** Meetings counts for the reports: per seminar by agency, and per company for attendance-by-company. */
@Injectable()
export class MeetingsReportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly meetings: MeetingsService,
    private readonly seminars: SeminarsService,
  ) {}

  async byAgency(seminarId: string, now = new Date()): Promise<AgencyMeetings[]> {
    await this.seminars.get(seminarId);
    const meetings = (await this.meetings.listForSeminar(seminarId)).filter((meeting) => meeting.status === 'booked');
    const desks = (await this.dataSource.query(
      this.dataSource.options.type === 'postgres'
        ? 'SELECT agency, COUNT(*) AS desks FROM desk WHERE seminar_id = $1 AND deleted_at IS NULL GROUP BY agency'
        : 'SELECT agency, COUNT(*) AS desks FROM desk WHERE seminar_id = ? AND deleted_at IS NULL GROUP BY agency',
      [seminarId],
    )) as Array<{ agency: string; desks: string | number }>;
    const rows = new Map<string, AgencyMeetings>();
    const row = (agency: string) => {
      let found = rows.get(agency);
      if (!found) rows.set(agency, (found = { agency, desks: 0, booked: 0, held: 0, noShows: 0, companies: [] }));
      return found;
    };
    for (const desk of desks) row(desk.agency).desks = Number(desk.desks);
    for (const meeting of meetings) countInto(row(meeting.agency), meeting, now);
    const collator = new Intl.Collator('ru');
    return [...rows.values()]
      .map((entry) => ({ ...entry, companies: entry.companies.sort((a, b) => collator.compare(a.name, b.name) || a.bin.localeCompare(b.bin)) }))
      .sort((a, b) => a.agency.localeCompare(b.agency));
  }

  byAgencyCsv(rows: AgencyMeetings[]): string {
    return byAgencyCsv(rows);
  }

  meetingsCsv(rows: SeminarMeetingView[]): string {
    return meetingsCsv(rows);
  }

  /** The report by agency for Excel: the CSV's rows, headers in the console's language. */
  async byAgencyXlsx(seminarId: string, lang: Language, now = new Date()): Promise<Buffer> {
    const seminar = await this.seminars.get(seminarId);
    return byAgencyXlsx(await this.byAgency(seminarId, now), lang, seminar.timeZone);
  }

  /** The seminar's meetings for Excel: the CSV's rows, times on the seminar's wall clock. */
  async meetingsXlsx(seminarId: string, lang: Language): Promise<Buffer> {
    const seminar = await this.seminars.get(seminarId);
    return meetingsXlsx(await this.meetings.listForSeminar(seminarId), seminar, lang);
  }
}

function countInto(row: AgencyMeetings, meeting: SeminarMeetingView, now: Date): void {
  row.booked += 1;
  if (meeting.heldAt) {
    row.held += 1;
    if (!row.companies.some((company) => company.bin === meeting.company.bin)) row.companies.push(meeting.company);
  } else if (new Date(meeting.endsAt) <= now) row.noShows += 1;
}
