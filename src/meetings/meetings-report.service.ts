import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { toCsv } from '../common/csv.js';
import { SeminarsService } from '../seminars/index.js';
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
    return toCsv(
      ['agency', 'desks', 'booked', 'held', 'noShows', 'companiesMet'],
      rows.map((row) => [row.agency, row.desks, row.booked, row.held, row.noShows, row.companies.map((c) => `${c.name} (${c.bin})`).join('; ')]),
    );
  }

  meetingsCsv(rows: SeminarMeetingView[]): string {
    return toCsv(
      ['id', 'status', 'agency', 'table', 'startsAt', 'endsAt', 'heldAt', 'companyBin', 'companyName', 'fullName', 'registrationId', 'deskId', 'slotId'],
      rows.map((m) => [m.id, m.status, m.agency, m.table, m.startsAt, m.endsAt, m.heldAt, m.company.bin, m.company.name, m.fullName, m.registrationId, m.deskId, m.slotId]),
    );
  }
}

function countInto(row: AgencyMeetings, meeting: SeminarMeetingView, now: Date): void {
  row.booked += 1;
  if (meeting.heldAt) {
    row.held += 1;
    if (!row.companies.some((company) => company.bin === meeting.company.bin)) row.companies.push(meeting.company);
  } else if (new Date(meeting.endsAt) <= now) row.noShows += 1;
}
