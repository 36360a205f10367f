/**
 * Organizers type dates and times as they read on the venue's wall clock, in the seminar's own
 * zone; the database keeps UTC instants. These helpers convert between the two with Intl only.
 */

const LOCAL_INPUT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** Zones offered in the seminar form. Kazakhstan first; any other valid zone is kept when editing. */
export const COMMON_TIME_ZONES = [
  'Asia/Almaty',
  'Asia/Aqtobe',
  'Asia/Aqtau',
  'Asia/Atyrau',
  'Asia/Oral',
  'Asia/Qostanay',
  'Asia/Qyzylorda',
  'Asia/Bishkek',
  'Asia/Tashkent',
  'Asia/Dushanbe',
  'Asia/Ashgabat',
  'Europe/Moscow',
  'Europe/Istanbul',
  'Europe/Berlin',
  'Europe/London',
  'America/New_York',
  'UTC',
] as const;

/** Milliseconds the zone's wall clock is ahead of UTC at `instant`. */
function offsetAt(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  const wallClock = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wallClock - Math.floor(instant / 1000) * 1000;
}

/**
 * "2026-12-03T11:00" on the wall clock of `timeZone` → the UTC instant, or null when the text is
 * not a date-time. A time skipped by a DST change resolves to the instant after the gap.
 */
export function zonedInputToUtc(value: string, timeZone: string): Date | null {
  const match = LOCAL_INPUT.exec(value.trim());
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1).map(Number);
  const wallClock = Date.UTC(year, month - 1, day, hour, minute);
  const check = new Date(wallClock);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59) return null;
  // The offset at the guessed instant can differ from the offset at the answer near a DST change,
  // so correct once with the offset found at the first answer.
  const first = wallClock - offsetAt(wallClock, timeZone);
  const second = wallClock - offsetAt(first, timeZone);
  return new Date(second);
}

/** A UTC instant → "2026-12-03T11:00" on the wall clock of `timeZone`, for a datetime-local input. */
export function utcToZonedInput(date: Date, timeZone: string): string {
  const shifted = new Date(date.getTime() + offsetAt(date.getTime(), timeZone));
  return shifted.toISOString().slice(0, 16);
}
