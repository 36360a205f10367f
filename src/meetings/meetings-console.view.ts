import { formatTime, type Language } from '../i18n/i18n.js';
import type { Agency } from './agency.entity.js';
import type { DeskWithSlots } from './desks.service.js';
import type { SeminarMeetingView } from './meetings.service.js';

export type CellState = 'free' | 'booked' | 'held' | 'none';

/**
 * The desk grid: desks as columns, times as rows. Desks may have different slot lengths, so a row
 * is a distinct slot start time; a cell holds the slot of that desk that starts then (or nothing).
 */
export function deskGridView(desks: DeskWithSlots[], meetings: SeminarMeetingView[], timeZone: string, language: Language) {
  const time = (date: Date | string) => formatTime(new Date(date), timeZone, language);
  const byId = new Map(meetings.filter((m) => m.status === 'booked').map((m) => [m.id, m]));
  const starts = [...new Set(desks.flatMap((entry) => entry.slots.map((slot) => slot.startsAt.getTime())))].sort((a, b) => a - b);
  const columns = desks.map(({ desk }) => ({ id: desk.id, agency: desk.agency, table: desk.tableLabel, officerName: desk.officerName, slotMinutes: desk.slotMinutes, window: `${time(desk.startsAt)} – ${time(desk.endsAt)}` }));
  const rows = starts.map((start) => ({
    time: time(new Date(start)),
    cells: desks.map(({ slots, booked }) => {
      const slot = slots.find((candidate) => candidate.startsAt.getTime() === start);
      if (!slot) return { state: 'none' as CellState };
      const meeting = booked.get(slot.id);
      const detail = meeting ? byId.get(meeting.id) : undefined;
      const state: CellState = meeting ? (meeting.heldAt ? 'held' : 'booked') : 'free';
      return {
        state,
        slotId: slot.id,
        until: time(slot.endsAt),
        meetingId: meeting?.id ?? null,
        company: detail?.company.name ?? null,
        bin: detail?.company.bin ?? null,
        fullName: detail?.fullName ?? null,
      };
    }),
  }));
  const freeSlots = desks.flatMap(({ desk, slots, booked }) =>
    slots.filter((slot) => !booked.has(slot.id)).map((slot) => ({ id: slot.id, label: `${desk.agency}, ${desk.tableLabel}: ${time(slot.startsAt)} – ${time(slot.endsAt)}` })),
  );
  return { columns, rows, freeSlots };
}

/** One desk's printable schedule: every slot with the company booked in it. */
export function deskScheduleView(entry: DeskWithSlots, meetings: SeminarMeetingView[], timeZone: string, language: Language) {
  const time = (date: Date | string) => formatTime(new Date(date), timeZone, language);
  const byId = new Map(meetings.map((m) => [m.id, m]));
  return entry.slots.map((slot) => {
    const meeting = entry.booked.get(slot.id);
    const detail = meeting ? byId.get(meeting.id) : undefined;
    return { from: time(slot.startsAt), to: time(slot.endsAt), company: detail?.company.name ?? null, bin: detail?.company.bin ?? null, fullName: detail?.fullName ?? null, held: !!meeting?.heldAt };
  });
}

export function agencyOptions(agencies: Agency[], selected?: string) {
  return agencies.filter((agency) => agency.active).map((agency) => ({ code: agency.code, name: agency.name, selected: agency.code === selected }));
}
