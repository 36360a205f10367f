import { formatTime, type Language } from '../i18n/i18n.js';
import type { DeskWithSlots } from './desks.service.js';
import { segmentsOf } from './desk.entity.js';
import type { MeetingView } from './meetings.service.js';

/** Desks whose UNSPSC segments match the company's codes come first, then by agency and table. */
export function sortDesksForCompany(desks: DeskWithSlots[], unspscCodes: string[]): Array<DeskWithSlots & { matches: boolean }> {
  const segments = new Set(unspscCodes.map((code) => code.slice(0, 2)));
  return desks
    .map((entry) => ({ ...entry, matches: segmentsOf(entry.desk).some((segment) => segments.has(segment)) }))
    .sort((a, b) => Number(b.matches) - Number(a.matches) || a.desk.agency.localeCompare(b.desk.agency) || a.desk.tableLabel.localeCompare(b.desk.tableLabel));
}

/** What the registrant's meetings page shows: their meetings, and per desk the free times to pick from. */
export function registrantMeetingsView(
  desks: Array<DeskWithSlots & { matches: boolean }>,
  mine: MeetingView[],
  timeZone: string,
  language: Language,
  now: Date,
) {
  const time = (iso: string | Date) => formatTime(new Date(iso), timeZone, language);
  const bookedDesks = new Set(mine.map((meeting) => meeting.deskId));
  return {
    mine: mine.map((meeting) => ({ ...meeting, from: time(meeting.startsAt), to: time(meeting.endsAt) })),
    desks: desks.map(({ desk, slots, booked, matches }) => {
      const free = slots.filter((slot) => !booked.has(slot.id) && slot.startsAt > now);
      return {
        id: desk.id,
        agency: desk.agency,
        table: desk.tableLabel,
        officerName: desk.officerName,
        matches,
        alreadyBooked: bookedDesks.has(desk.id),
        from: time(desk.startsAt),
        to: time(desk.endsAt),
        free: free.map((slot) => ({ id: slot.id, label: `${time(slot.startsAt)} – ${time(slot.endsAt)}` })),
      };
    }),
  };
}
